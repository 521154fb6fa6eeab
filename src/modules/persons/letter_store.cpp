#include "modules/persons/letter_store.hpp"

#include "core/clock.hpp"

namespace passerelle::modules::persons {
namespace {

constexpr const char* template_columns =
    "SELECT id, establishment_id, name, subject, body, archived_at, created_by, created_at, updated_by, updated_at "
    "FROM letter_template ";

LetterTemplate template_from(const store::Row& r) {
  LetterTemplate t;
  t.id = r.integer("id");
  t.establishment_id = r.optional_integer("establishment_id");
  t.name = r.text("name");
  t.subject = r.text("subject");
  t.body = r.text("body");
  t.archived_at = r.optional_text("archived_at");
  t.created_by = r.text("created_by");
  t.created_at = r.text("created_at");
  t.updated_by = r.text("updated_by");
  t.updated_at = r.text("updated_at");
  return t;
}

store::Value optional_id(const std::optional<std::int64_t>& id) { return id ? store::Value{*id} : store::Value{}; }

}  // namespace

std::vector<LetterTemplate> letter_templates(const store::Scoped& db, bool archived,
                                             const std::optional<std::vector<std::int64_t>>& only) {
  std::vector<LetterTemplate> out;
  for (const auto& r : db.query(std::string(template_columns) + "WHERE {{tenant}} AND archived_at IS " +
                                (archived ? "NOT NULL" : "NULL") + " ORDER BY name, id")) {
    auto t = template_from(r);
    if (only && t.establishment_id && std::find(only->begin(), only->end(), *t.establishment_id) == only->end())
      continue;
    out.push_back(std::move(t));
  }
  return out;
}

std::optional<LetterTemplate> find_letter_template(const store::Scoped& db, std::int64_t id) {
  auto r = db.query_one(std::string(template_columns) + "WHERE {{tenant}} AND id = :id", {{"id", id}});
  if (!r) return std::nullopt;
  return template_from(*r);
}

std::int64_t insert_letter_template(const store::Scoped& db, const LetterTemplate& t) {
  const auto now = now_iso8601();
  return db.insert_returning_id(
      "INSERT INTO letter_template (organisation_id, establishment_id, name, subject, body, created_by, created_at, "
      "updated_by, updated_at) VALUES ({{tenant_id}}, :e, :name, :subject, :body, :by, :now, :by2, :now2) RETURNING id",
      {{"e", optional_id(t.establishment_id)},
       {"name", t.name},
       {"subject", t.subject},
       {"body", t.body},
       {"by", t.created_by},
       {"now", now},
       {"by2", t.created_by},
       {"now2", now}});
}

void update_letter_template(const store::Scoped& db, const LetterTemplate& t) {
  db.execute(
      "UPDATE letter_template SET establishment_id = :e, name = :name, subject = :subject, body = :body, "
      "updated_by = :by, updated_at = :now WHERE {{tenant}} AND id = :id",
      {{"e", optional_id(t.establishment_id)},
       {"name", t.name},
       {"subject", t.subject},
       {"body", t.body},
       {"by", t.updated_by},
       {"now", now_iso8601()},
       {"id", t.id}});
}

void archive_letter_template(const store::Scoped& db, std::int64_t id, const std::string& by) {
  const auto now = now_iso8601();
  db.execute(
      "UPDATE letter_template SET archived_at = :now, updated_by = :by, updated_at = :now2 WHERE {{tenant}} AND id = "
      ":id",
      {{"now", now}, {"by", by}, {"now2", now}, {"id", id}});
}

void insert_letter_sent(const store::Scoped& db, const LetterSent& l) {
  db.execute(
      "INSERT INTO letter_sent (organisation_id, template_id, template_name, subject, person_id, establishment_id, "
      "contact_id, addressee, account_id, sent_by, batch, sent_at) VALUES ({{tenant_id}}, :t, :tn, :subject, :p, "
      ":e, :c, :addressee, :a, :by, :batch, :now)",
      {{"t", l.template_id},
       {"tn", l.template_name},
       {"subject", l.subject},
       {"p", l.person_id},
       {"e", l.establishment_id},
       {"c", optional_id(l.contact_id)},
       {"addressee", l.addressee},
       {"a", optional_id(l.account_id)},
       {"by", l.sent_by},
       {"batch", std::int64_t{l.batch ? 1 : 0}},
       {"now", now_iso8601()}});
}

std::vector<LetterSent> letters_sent_to(const store::Scoped& db, std::int64_t person_id) {
  std::vector<LetterSent> out;
  for (const auto& r :
       db.query("SELECT id, template_id, template_name, subject, person_id, establishment_id, contact_id, "
                "addressee, account_id, sent_by, batch, sent_at FROM letter_sent WHERE {{tenant}} AND "
                "person_id = :p ORDER BY sent_at DESC, id DESC",
                {{"p", person_id}}))
    out.push_back({r.integer("id"), r.integer("template_id"), r.text("template_name"), r.text("subject"),
                   r.integer("person_id"), r.integer("establishment_id"), r.optional_integer("contact_id"),
                   r.text("addressee"), r.optional_integer("account_id"), r.text("sent_by"), r.integer("batch") != 0,
                   r.text("sent_at")});
  return out;
}

EstablishmentAddress establishment_address(const store::Scoped& db, std::int64_t establishment_id) {
  EstablishmentAddress a;
  if (auto r = db.query_one(
          "SELECT name, address_line, postal_code, city, phone FROM establishment WHERE {{tenant}} AND id = :id",
          {{"id", establishment_id}})) {
    a.name = r->text("name");
    a.address_line = r->optional_text("address_line");
    a.postal_code = r->optional_text("postal_code");
    a.city = r->optional_text("city");
    a.phone = r->optional_text("phone");
  }
  return a;
}

std::string organisation_name(const store::Scoped& db) {
  auto r = db.query_one("SELECT name FROM organisation WHERE {{tenant:id}}");
  return r ? r->text("name") : std::string();
}

std::vector<std::int64_t> persons_staying(const store::Scoped& db, std::int64_t establishment_id, Date day) {
  std::vector<std::int64_t> ids;
  for (const auto& r :
       db.query("SELECT DISTINCT person_id FROM stay WHERE {{tenant}} AND establishment_id = :e AND "
                "admission_date <= :d AND (discharge_date IS NULL OR discharge_date >= :d2) ORDER BY person_id",
                {{"e", establishment_id}, {"d", day.to_string()}, {"d2", day.to_string()}}))
    ids.push_back(r.integer("person_id"));
  return ids;
}

}  // namespace passerelle::modules::persons
