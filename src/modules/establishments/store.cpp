#include "modules/establishments/store.hpp"

#include "core/clock.hpp"

namespace passerelle::modules::establishments {
namespace {

constexpr const char* organisation_columns =
    "SELECT id, name, finess_ej, siren, legal_status, created_at, updated_at FROM organisation ";

Organisation organisation_from(const store::Row& r) {
  Organisation o;
  o.id = r.integer("id");
  o.fields.name = r.text("name");
  o.fields.finess_ej = r.optional_text("finess_ej");
  o.fields.siren = r.optional_text("siren");
  o.fields.legal_status = r.text("legal_status");
  o.created_at = r.text("created_at");
  o.updated_at = r.text("updated_at");
  return o;
}

}  // namespace

std::vector<Organisation> list_organisations(const store::Scoped& db, const PageRequest& page) {
  std::vector<Organisation> out;
  auto rows = db.query(std::string(organisation_columns) +
                           "WHERE {{tenant:id}} AND id > :after AND archived_at IS NULL ORDER BY id LIMIT :limit",
                       {{"after", page.after_id}, {"limit", page.limit + 1}});
  for (const auto& r : rows) out.push_back(organisation_from(r));
  return out;
}

std::optional<Organisation> find_organisation(const store::Scoped& db, std::int64_t id) {
  auto row = db.query_one(std::string(organisation_columns) + "WHERE {{tenant:id}} AND id = :id", {{"id", id}});
  if (!row) return std::nullopt;
  return organisation_from(*row);
}

bool finess_ej_taken(store::Connection& db, const std::string& finess) {
  return db.query_one("SELECT id FROM organisation WHERE finess_ej = :f", {{"f", finess}}).has_value();
}

Organisation create_organisation(store::Connection& db, const OrganisationInput& input) {
  const auto now = now_iso8601();
  Organisation o{0, input, now, now};
  o.id = db.insert_returning_id(
      "INSERT INTO organisation (name, finess_ej, siren, legal_status, created_at, updated_at) "
      "VALUES (:name, :finess, :siren, :status, :now, :now2) RETURNING id",
      {{"name", input.name},
       {"finess", store::nullable(input.finess_ej)},
       {"siren", store::nullable(input.siren)},
       {"status", input.legal_status},
       {"now", now},
       {"now2", now}});
  return o;
}

std::vector<Establishment> list_establishments(const store::Scoped& db, const PageRequest& page,
                                               const std::optional<std::vector<std::int64_t>>& only) {
  std::vector<Establishment> out;
  store::Params params{{"after", page.after_id}, {"limit", page.limit + 1}};
  std::string restriction;
  if (only) {
    if (only->empty()) return out;
    restriction = " AND id IN (";
    for (std::size_t i = 0; i < only->size(); ++i) {
      const auto name = "e" + std::to_string(i);
      restriction += (i ? ", :" : ":") + name;
      params.push_back({name, (*only)[i]});
    }
    restriction += ")";
  }
  auto rows = db.query(
      "SELECT id, organisation_id, finess_et, name, category_code, parent_id FROM establishment "
      "WHERE {{tenant}} AND id > :after AND archived_at IS NULL" + restriction + " ORDER BY id LIMIT :limit",
      params);
  for (const auto& r : rows) {
    out.push_back({r.integer("id"), r.integer("organisation_id"), r.text("finess_et"), r.text("name"),
                   r.text("category_code"), r.optional_integer("parent_id")});
  }
  return out;
}

std::int64_t create_establishment(const store::Scoped& db, const Establishment& e) {
  const auto now = now_iso8601();
  return db.insert_returning_id(
      "INSERT INTO establishment (organisation_id, finess_et, name, category_code, parent_id, created_at, updated_at) "
      "VALUES ({{tenant_id}}, :finess, :name, :category, :parent, :now, :now2) RETURNING id",
      {{"finess", e.finess_et},
       {"name", e.name},
       {"category", e.category_code},
       {"parent", store::nullable(e.parent_id)},
       {"now", now},
       {"now2", now}});
}

}  // namespace passerelle::modules::establishments
