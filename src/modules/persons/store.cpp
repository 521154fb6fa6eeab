#include "modules/persons/store.hpp"

#include <boost/json.hpp>

#include "core/clock.hpp"
#include "core/text.hpp"

namespace passerelle::modules::persons {

const char* const person_columns =
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

namespace {

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

}  // namespace

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
         ") OR EXISTS (SELECT 1 FROM stay vs WHERE vs.person_id = p.id AND vs.establishment_id IN (" + list + ")))";
}

namespace {

}  // namespace

const char* const stay_columns =
    "SELECT s.id, s.person_id, s.establishment_id, s.care_mode, s.admission_date, s.origin, s.discharge_date, "
    "s.destination, s.discharge_reason, s.transfer_from_stay_id, "
    "(SELECT n.id FROM stay n WHERE n.transfer_from_stay_id = s.id) AS transferred_to_stay_id FROM stay s";

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
  s.transfer_from_stay_id = r.optional_integer("transfer_from_stay_id");
  s.transferred_to_stay_id = r.optional_integer("transferred_to_stay_id");
  return s;
}

namespace {

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
  const auto id = db.insert_returning_id(
      "INSERT INTO person (organisation_id, registered_establishment_id, birth_name, used_name, first_names, "
      "used_first_name, sex, birth_date, birth_place, nir, identity_status, identity_document, search_text, created_at, "
      "updated_at) VALUES ({{tenant_id}}, :est, :birth_name, :used_name, :first_names, :used_first_name, :sex, "
      ":birth_date, :birth_place, :nir, :status, :document, :search, :now, :now2) RETURNING id",
      params);
  replace_name_tokens(db, id, identity);
  return id;
}

void replace_name_tokens(const store::Scoped& db, std::int64_t person_id, const Identity& identity) {
  db.execute("DELETE FROM person_name_token WHERE {{tenant}} AND person_id = :p", {{"p", person_id}});
  for (const auto& token : name_tokens(identity))
    db.execute("INSERT INTO person_name_token (organisation_id, token, person_id) VALUES ({{tenant_id}}, :t, :p)",
               {{"t", token}, {"p", person_id}});
}

void update_person(const store::Scoped& db, std::int64_t id, const Identity& identity) {
  auto params = identity_params(identity);
  params.push_back({"id", id});
  db.execute("UPDATE person SET birth_name = :birth_name, used_name = :used_name, first_names = :first_names, "
             "used_first_name = :used_first_name, sex = :sex, birth_date = :birth_date, birth_place = :birth_place, "
             "nir = :nir, identity_status = :status, identity_document = :document, search_text = :search, "
             "updated_at = :now WHERE {{tenant}} AND id = :id",
             params);
  replace_name_tokens(db, id, identity);
}

void mark_identity_checked(const store::Scoped& db, std::int64_t id, const std::string& by) {
  db.execute("UPDATE person SET identity_checked_by = :by, identity_checked_at = :now WHERE {{tenant}} AND id = :id",
             {{"by", by}, {"now", now_iso8601()}, {"id", id}});
}

std::optional<Person> find_person(const store::Scoped& db, std::int64_t id, const Visibility& visibility) {
  store::Params params{{"id", id}};
  const auto where = visible(visibility, params);
  auto row = db.query_one(std::string(person_columns) + "WHERE {{tenant:p.organisation_id}} AND p.id = :id" + where, params);
  if (!row) return std::nullopt;
  return person_from(*row);
}

namespace {

// Filters shared by both search plans: birth date, NIR, visibility, not merged.
std::string search_filters(const SearchQuery& q, const Visibility& visibility, store::Params& params) {
  std::string where = " AND p.merged_into IS NULL" + visible(visibility, params);
  if (q.birth_date) {
    where += q.birth_date->size() == 4 ? " AND p.birth_date LIKE :birth" : " AND p.birth_date = :birth";
    params.push_back({"birth", q.birth_date->size() == 4 ? *q.birth_date + "%" : *q.birth_date});
  }
  if (q.nir) {
    where += " AND p.nir = :nir";
    params.push_back({"nir", *q.nir});
  }
  return where;
}

// The greatest code point: "mar" <= token <= "mar" + this is "token starts with mar" in byte order.
const std::string highest = "\xF4\x8F\xBF\xBF";

}  // namespace

SearchPage search_persons(const store::Scoped& db, const SearchQuery& q, const Visibility& visibility,
                          std::int64_t limit, const std::optional<SearchPosition>& after) {
  store::Params params{{"limit", limit + 1}};
  SearchPage page;
  if (!q.text) {
    // No name: birth date and NIR are indexed; list by id.
    params.push_back({"after", after ? after->person_id : 0});
    const auto where = search_filters(q, visibility, params);
    for (const auto& r : db.query(std::string(person_columns) + "WHERE {{tenant:p.organisation_id}} AND p.id > :after" +
                                      where + " ORDER BY p.id LIMIT :limit",
                                  params)) {
      page.persons.push_back(person_from(r));
      page.positions.push_back({"", page.persons.back().id});
    }
    return page;
  }
  // Each word typed must start a name ("mar dup" finds Marie Dupont and Dupont Martine). The longest
  // word drives the plan: its index range is read in order, so a page costs about `limit` rows even
  // when thousands of persons match, and results come sorted by name. The other words are checked
  // on the person's own tokens.
  auto words = split(*q.text, ' ');
  std::erase_if(words, [](const std::string& w) { return w.empty(); });
  std::stable_sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  params.push_back({"lo", words[0]});
  params.push_back({"hi", words[0] + highest});
  params.push_back({"lo_first", words[0]});
  std::string where;
  if (after) {
    where += " AND (t.token > :after_token OR (t.token = :after_token2 AND t.person_id > :after_id))";
    params.push_back({"after_token", after->token});
    params.push_back({"after_token2", after->token});
    params.push_back({"after_id", after->person_id});
  }
  for (std::size_t i = 1; i < words.size(); ++i) {
    const auto n = std::to_string(i);
    where += " AND EXISTS (SELECT 1 FROM person_name_token w" + n + " WHERE w" + n + ".person_id = p.id AND w" + n +
             ".token >= :lo" + n + " AND w" + n + ".token <= :hi" + n + ")";
    params.push_back({"lo" + n, words[i]});
    params.push_back({"hi" + n, words[i] + highest});
  }
  where += search_filters(q, visibility, params);
  const std::string columns = std::string(person_columns).replace(0, 7, "SELECT t.token AS matched_token, ");
  const std::string from = columns.substr(0, columns.find(" FROM person p "));
  for (const auto& r : db.query(
           from + " FROM person_name_token t JOIN person p ON p.id = t.person_id "
                  "WHERE {{tenant:t.organisation_id}} AND t.token >= :lo AND t.token <= :hi" + where +
               // A person whose several names match is listed once, at the first of them.
               " AND NOT EXISTS (SELECT 1 FROM person_name_token f WHERE f.person_id = t.person_id AND "
               "f.token >= :lo_first AND f.token < t.token) ORDER BY t.token, t.person_id LIMIT :limit",
           params)) {
    page.persons.push_back(person_from(r));
    page.positions.push_back({r.text("matched_token"), page.persons.back().id});
  }
  return page;
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
  for (const auto& r : db.query(std::string(stay_columns) + " WHERE {{tenant:s.organisation_id}} AND s.person_id = :p "
                                "ORDER BY s.admission_date, s.id",
                                {{"p", person_id}}))
    out.push_back(stay_from(r));
  return out;
}

std::int64_t insert_stay(const store::Scoped& db, const Stay& s) {
  const auto now = now_iso8601();
  return db.insert_returning_id(
      "INSERT INTO stay (organisation_id, person_id, establishment_id, care_mode, admission_date, origin, discharge_date, "
      "destination, discharge_reason, transfer_from_stay_id, created_at, updated_at) VALUES ({{tenant_id}}, :p, :e, "
      ":mode, :adm, :origin, :dis, :dest, :reason, :from_stay, :now, :now2) RETURNING id",
      {{"p", s.person_id}, {"e", s.establishment_id}, {"mode", s.care_mode}, {"adm", s.admission_date.to_string()},
       {"origin", s.origin}, {"dis", s.discharge_date ? store::Value{s.discharge_date->to_string()} : store::Value{}},
       {"dest", store::nullable(s.destination)}, {"reason", store::nullable(s.discharge_reason)},
       {"from_stay", store::nullable(s.transfer_from_stay_id)}, {"now", now}, {"now2", now}});
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
