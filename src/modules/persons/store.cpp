#include "modules/persons/store.hpp"

#include <boost/json.hpp>

#include "core/clock.hpp"
#include "core/text.hpp"

namespace passerelle::modules::persons {
namespace {

constexpr const char* person_columns =
    "SELECT p.id, p.organisation_id, p.registered_establishment_id, p.birth_name, p.used_name, p.first_names, "
    "p.used_first_name, p.sex, p.birth_date, p.birth_place, p.nir, p.identity_status, p.identity_document, "
    "p.identity_checked_by, p.identity_checked_at, p.merged_into, p.created_at, p.updated_at FROM person p ";

Person person_from(const store::Row& r) {
  Person p;
  p.id = r.integer("id");
  p.organisation_id = r.integer("organisation_id");
  p.registered_establishment_id = r.integer("registered_establishment_id");
  auto& i = p.identity;
  i.birth_name = r.text("birth_name");
  i.used_name = r.optional_text("used_name");
  i.first_names = split(r.text("first_names"), '\t');
  i.used_first_name = r.optional_text("used_first_name");
  i.sex = r.text("sex");
  i.birth_date = r.text("birth_date");
  i.birth_place = r.optional_text("birth_place");
  i.nir = r.optional_text("nir");
  i.identity_status = r.text("identity_status");
  i.identity_document = r.optional_text("identity_document");
  p.identity_checked_by = r.optional_text("identity_checked_by");
  p.identity_checked_at = r.optional_text("identity_checked_at");
  p.merged_into = r.optional_integer("merged_into");
  p.created_at = r.text("created_at");
  p.updated_at = r.text("updated_at");
  return p;
}

std::string joined_first_names(const Identity& i) {
  std::string out;
  for (const auto& f : i.first_names) out += (out.empty() ? "" : "\t") + f;
  return out;
}

store::Params identity_params(const Identity& i) {
  return {{"birth_name", i.birth_name}, {"used_name", store::nullable(i.used_name)},
          {"first_names", joined_first_names(i)}, {"used_first_name", store::nullable(i.used_first_name)},
          {"sex", i.sex}, {"birth_date", i.birth_date}, {"birth_place", store::nullable(i.birth_place)},
          {"nir", store::nullable(i.nir)}, {"status", i.identity_status},
          {"document", store::nullable(i.identity_document)}, {"search", search_text_of(i)}, {"now", now_iso8601()}};
}

// The visibility predicate: the opening establishment or a stay in one of `only`.
std::string visible(const Visibility& v, store::Params& params) {
  if (!v.only) return "";
  if (v.only->empty()) return " AND 1=0";
  std::string list;
  for (std::size_t i = 0; i < v.only->size(); ++i) {
    const auto name = "v" + std::to_string(i);
    list += (i ? ", :" : ":") + name;
    params.push_back({name, (*v.only)[i]});
  }
  return " AND (p.registered_establishment_id IN (" + list +
         ") OR EXISTS (SELECT 1 FROM stay s WHERE s.person_id = p.id AND s.establishment_id IN (" + list + ")))";
}

Stay stay_from(const store::Row& r) {
  Stay s;
  s.id = r.integer("id");
  s.person_id = r.integer("person_id");
  s.establishment_id = r.integer("establishment_id");
  s.care_mode = r.text("care_mode");
  s.admission_date = *Date::parse(r.text("admission_date"));
  s.origin = r.text("origin");
  if (auto d = r.optional_text("discharge_date")) s.discharge_date = Date::parse(*d);
  s.destination = r.optional_text("destination");
  s.discharge_reason = r.optional_text("discharge_reason");
  return s;
}

Decision decision_from(const store::Row& r) {
  Decision d;
  d.id = r.integer("id");
  d.person_id = r.integer("person_id");
  d.mdph_number = r.optional_text("mdph_number");
  d.decision_reference = r.text("decision_reference");
  d.decision_date = *Date::parse(r.text("decision_date"));
  d.category_code = r.text("category_code");
  d.valid_from = *Date::parse(r.text("valid_from"));
  d.valid_to = *Date::parse(r.text("valid_to"));
  d.creton = r.integer("creton") != 0;
  return d;
}

constexpr const char* decision_columns =
    "d.id, d.person_id, d.mdph_number, d.decision_reference, d.decision_date, d.category_code, d.valid_from, "
    "d.valid_to, d.creton";

}  // namespace

std::int64_t insert_person(const store::Scoped& db, std::int64_t establishment_id, const Identity& identity) {
  auto params = identity_params(identity);
  params.push_back({"est", establishment_id});
  params.push_back({"now2", now_iso8601()});
  return db.insert_returning_id(
      "INSERT INTO person (organisation_id, registered_establishment_id, birth_name, used_name, first_names, "
      "used_first_name, sex, birth_date, birth_place, nir, identity_status, identity_document, search_text, created_at, "
      "updated_at) VALUES ({{tenant_id}}, :est, :birth_name, :used_name, :first_names, :used_first_name, :sex, "
      ":birth_date, :birth_place, :nir, :status, :document, :search, :now, :now2) RETURNING id",
      params);
}

void update_person(const store::Scoped& db, std::int64_t id, const Identity& identity) {
  auto params = identity_params(identity);
  params.push_back({"id", id});
  db.execute("UPDATE person SET birth_name = :birth_name, used_name = :used_name, first_names = :first_names, "
             "used_first_name = :used_first_name, sex = :sex, birth_date = :birth_date, birth_place = :birth_place, "
             "nir = :nir, identity_status = :status, identity_document = :document, search_text = :search, "
             "updated_at = :now WHERE {{tenant}} AND id = :id",
             params);
}

std::optional<Person> find_person(const store::Scoped& db, std::int64_t id, const Visibility& visibility) {
  store::Params params{{"id", id}};
  const auto where = visible(visibility, params);
  auto row = db.query_one(std::string(person_columns) + "WHERE {{tenant:p.organisation_id}} AND p.id = :id" + where, params);
  if (!row) return std::nullopt;
  return person_from(*row);
}

std::vector<Person> search_persons(const store::Scoped& db, const SearchQuery& q, const Visibility& visibility,
                                   const PageRequest& page) {
  store::Params params{{"after", page.after_id}, {"limit", page.limit + 1}};
  std::string where = visible(visibility, params);
  if (q.text) {
    // Each word typed must start a name: "mar dup" finds Marie Dupont and Dupont Martine.
    std::size_t n = 0;
    for (const auto& word : split(*q.text, ' ')) {
      const auto name = "w" + std::to_string(n++);
      where += " AND p.search_text LIKE :" + name;
      params.push_back({name, "% " + word + "%"});
    }
  }
  if (q.birth_date) {
    where += q.birth_date->size() == 4 ? " AND p.birth_date LIKE :birth" : " AND p.birth_date = :birth";
    params.push_back({"birth", q.birth_date->size() == 4 ? *q.birth_date + "%" : *q.birth_date});
  }
  if (q.nir) {
    where += " AND p.nir = :nir";
    params.push_back({"nir", *q.nir});
  }
  std::vector<Person> out;
  for (const auto& r : db.query(std::string(person_columns) + "WHERE {{tenant:p.organisation_id}} AND p.merged_into IS NULL "
                                    "AND p.id > :after" + where + " ORDER BY p.id LIMIT :limit",
                                params))
    out.push_back(person_from(r));
  return out;
}

std::vector<Person> duplicate_candidates(const store::Scoped& db, const Identity& identity, std::int64_t except_id) {
  const auto name = normalise_name(identity.birth_name);
  const auto first = identity.first_names.empty() ? std::string() : normalise_name(identity.first_names.front());
  std::vector<Person> out;
  for (const auto& r : db.query(std::string(person_columns) +
                                    "WHERE {{tenant:p.organisation_id}} AND p.merged_into IS NULL AND p.id <> :except AND "
                                    "(p.birth_date LIKE :year OR p.nir = :nir OR p.search_text LIKE :name OR "
                                    "p.search_text LIKE :first) LIMIT 500",
                                {{"except", except_id},
                                 {"year", identity.birth_date.substr(0, 4) + "%"},
                                 {"nir", identity.nir.value_or("-")},
                                 {"name", "% " + utf8_prefix(name, 3) + "%"},
                                 {"first", first.empty() ? std::string("-") : "% " + utf8_prefix(first, 3) + "%"}}))
    out.push_back(person_from(r));
  return out;
}

std::vector<std::int64_t> establishments_of(const store::Scoped& db, const Person& person) {
  std::vector<std::int64_t> ids{person.registered_establishment_id};
  for (const auto& r : db.query("SELECT DISTINCT establishment_id FROM stay WHERE {{tenant}} AND person_id = :p",
                                {{"p", person.id}}))
    ids.push_back(r.integer("establishment_id"));
  return ids;
}

std::vector<Stay> stays_of(const store::Scoped& db, std::int64_t person_id) {
  std::vector<Stay> out;
  for (const auto& r : db.query("SELECT id, person_id, establishment_id, care_mode, admission_date, origin, discharge_date, "
                                "destination, discharge_reason FROM stay WHERE {{tenant}} AND person_id = :p "
                                "ORDER BY admission_date, id",
                                {{"p", person_id}}))
    out.push_back(stay_from(r));
  return out;
}

std::int64_t insert_stay(const store::Scoped& db, const Stay& s) {
  const auto now = now_iso8601();
  return db.insert_returning_id(
      "INSERT INTO stay (organisation_id, person_id, establishment_id, care_mode, admission_date, origin, discharge_date, "
      "destination, discharge_reason, created_at, updated_at) VALUES ({{tenant_id}}, :p, :e, :mode, :adm, :origin, "
      ":dis, :dest, :reason, :now, :now2) RETURNING id",
      {{"p", s.person_id}, {"e", s.establishment_id}, {"mode", s.care_mode}, {"adm", s.admission_date.to_string()},
       {"origin", s.origin}, {"dis", s.discharge_date ? store::Value{s.discharge_date->to_string()} : store::Value{}},
       {"dest", store::nullable(s.destination)}, {"reason", store::nullable(s.discharge_reason)}, {"now", now},
       {"now2", now}});
}

void update_stay_discharge(const store::Scoped& db, const Stay& s) {
  db.execute("UPDATE stay SET discharge_date = :dis, destination = :dest, discharge_reason = :reason, updated_at = :now "
             "WHERE {{tenant}} AND id = :id",
             {{"dis", s.discharge_date ? store::Value{s.discharge_date->to_string()} : store::Value{}},
              {"dest", store::nullable(s.destination)}, {"reason", store::nullable(s.discharge_reason)},
              {"now", now_iso8601()}, {"id", s.id}});
}

std::vector<Decision> decisions_of(const store::Scoped& db, std::int64_t person_id) {
  std::vector<Decision> out;
  for (const auto& r : db.query(std::string("SELECT ") + decision_columns +
                                    " FROM orientation_decision d WHERE {{tenant:d.organisation_id}} AND d.person_id = :p "
                                    "ORDER BY d.valid_from, d.id",
                                {{"p", person_id}}))
    out.push_back(decision_from(r));
  return out;
}

std::int64_t insert_decision(const store::Scoped& db, const Decision& d) {
  return db.insert_returning_id(
      "INSERT INTO orientation_decision (organisation_id, person_id, mdph_number, decision_reference, decision_date, "
      "category_code, valid_from, valid_to, creton, created_at) VALUES ({{tenant_id}}, :p, :mdph, :ref, :date, :cat, "
      ":from, :to, :creton, :now) RETURNING id",
      {{"p", d.person_id}, {"mdph", store::nullable(d.mdph_number)}, {"ref", d.decision_reference},
       {"date", d.decision_date.to_string()}, {"cat", d.category_code}, {"from", d.valid_from.to_string()},
       {"to", d.valid_to.to_string()}, {"creton", std::int64_t{d.creton ? 1 : 0}}, {"now", now_iso8601()}});
}

std::vector<DecisionAlert> decision_alerts(const store::Scoped& db, const Visibility& visibility, Date today) {
  std::vector<DecisionAlert> out;
  const auto in_six_months = today.plus_months(6).to_string();
  store::Params params{{"today", today.to_string()}, {"limit6", in_six_months}};
  const auto where = visible(visibility, params);
  for (const auto& r : db.query(std::string(person_columns) + "WHERE {{tenant:p.organisation_id}} AND p.merged_into IS NULL" +
                                    where + " AND EXISTS (SELECT 1 FROM orientation_decision d WHERE d.person_id = p.id "
                                    "AND d.valid_to >= :today AND d.valid_to <= :limit6) ORDER BY p.id",
                                params)) {
    auto person = person_from(r);
    for (const auto& d : decisions_of(db, person.id))
      if (d.valid_to >= today && d.valid_to <= today.plus_months(6)) out.push_back({person, d});
  }
  store::Params params2{{"today", today.to_string()}, {"today2", today.to_string()}, {"today3", today.to_string()},
                        {"today4", today.to_string()}};
  const auto where2 = visible(visibility, params2);
  for (const auto& r : db.query(std::string(person_columns) + "WHERE {{tenant:p.organisation_id}} AND p.merged_into IS NULL" +
                                    where2 + " AND EXISTS (SELECT 1 FROM stay s WHERE s.person_id = p.id AND "
                                    "s.admission_date <= :today AND (s.discharge_date IS NULL OR s.discharge_date >= :today2)) "
                                    "AND NOT EXISTS (SELECT 1 FROM orientation_decision d WHERE d.person_id = p.id AND "
                                    "d.valid_from <= :today3 AND d.valid_to >= :today4) ORDER BY p.id",
                                params2))
    out.push_back({person_from(r), std::nullopt});
  return out;
}

}  // namespace passerelle::modules::persons
