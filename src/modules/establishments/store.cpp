#include "modules/establishments/store.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "store/fact_changes.hpp"

namespace passerelle::modules::establishments {
namespace {

constexpr const char* organisation_columns =
    "SELECT id, name, finess_ej, siren, legal_status, address_line, postal_code, city, dpo_name, dpo_email, "
    "dpo_phone, created_at, updated_at FROM organisation ";

constexpr const char* establishment_columns =
    "SELECT id, organisation_id, finess_et, name, category_code, parent_id, publics, disabilities, funders, bricks, "
    "address_line, postal_code, city, archived_at, created_at, updated_at FROM establishment ";

Organisation organisation_from(const store::Row& r) {
  Organisation o;
  o.id = r.integer("id");
  o.fields.name = r.text("name");
  o.fields.finess_ej = r.optional_text("finess_ej");
  o.fields.siren = r.optional_text("siren");
  o.fields.legal_status = r.text("legal_status");
  o.fields.address_line = r.optional_text("address_line");
  o.fields.postal_code = r.optional_text("postal_code");
  o.fields.city = r.optional_text("city");
  o.fields.dpo_name = r.optional_text("dpo_name");
  o.fields.dpo_email = r.optional_text("dpo_email");
  o.fields.dpo_phone = r.optional_text("dpo_phone");
  o.created_at = r.text("created_at");
  o.updated_at = r.text("updated_at");
  return o;
}

Establishment establishment_from(const store::Row& r) {
  Establishment e;
  e.id = r.integer("id");
  e.organisation_id = r.integer("organisation_id");
  e.profile.finess_et = r.text("finess_et");
  e.profile.name = r.text("name");
  e.profile.category_code = r.text("category_code");
  e.profile.parent_id = r.optional_integer("parent_id");
  e.profile.publics = split(r.text("publics"), ',');
  e.profile.disabilities = split(r.text("disabilities"), ',');
  e.profile.funders = split(r.text("funders"), ',');
  e.profile.bricks = split(r.text("bricks"), ',');
  e.profile.address_line = r.optional_text("address_line");
  e.profile.postal_code = r.optional_text("postal_code");
  e.profile.city = r.optional_text("city");
  e.archived_at = r.optional_text("archived_at");
  e.created_at = r.text("created_at");
  e.updated_at = r.text("updated_at");
  return e;
}

store::Params profile_params(const Profile& p) {
  return {{"finess", p.finess_et},
          {"name", p.name},
          {"category", p.category_code},
          {"parent", store::nullable(p.parent_id)},
          {"publics", join_codes(p.publics)},
          {"disabilities", join_codes(p.disabilities)},
          {"funders", join_codes(p.funders)},
          {"bricks", join_codes(p.bricks)},
          {"address", store::nullable(p.address_line)},
          {"postal", store::nullable(p.postal_code)},
          {"city", store::nullable(p.city)},
          {"search", search_text_of(p)},
          {"now", now_iso8601()}};
}

// Codes in a comma-separated column: "ars,departement" contains "ars" as a whole item only.
std::string contains_code(const char* column, const char* param) {
  return std::string(" AND (',' || ") + column + " || ',') LIKE :" + param;
}

}  // namespace

std::vector<Organisation> list_organisations(const store::Scoped& db, const PageRequest& page) {
  std::vector<Organisation> out;
  for (const auto& r : db.query(std::string(organisation_columns) +
                                    "WHERE {{tenant:id}} AND id > :after AND archived_at IS NULL ORDER BY id LIMIT :limit",
                                {{"after", page.after_id}, {"limit", page.limit + 1}}))
    out.push_back(organisation_from(r));
  return out;
}

std::optional<Organisation> find_organisation(const store::Scoped& db, std::int64_t id) {
  auto row = db.query_one(std::string(organisation_columns) + "WHERE {{tenant:id}} AND id = :id", {{"id", id}});
  if (!row) return std::nullopt;
  return organisation_from(*row);
}

bool finess_ej_taken(store::Connection& db, const std::string& finess, std::int64_t except_id) {
  return db.query_one("SELECT id FROM organisation WHERE finess_ej = :f AND id <> :except",
                      {{"f", finess}, {"except", except_id}})
      .has_value();
}

Organisation create_organisation(store::Connection& db, const OrganisationInput& input) {
  const auto now = now_iso8601();
  Organisation o{0, input, now, now};
  o.id = db.insert_returning_id(
      "INSERT INTO organisation (name, finess_ej, siren, legal_status, address_line, postal_code, city, dpo_name, "
      "dpo_email, dpo_phone, created_at, updated_at) VALUES (:name, :finess, :siren, :status, :address, :postal, "
      ":city, :dpo_name, :dpo_email, :dpo_phone, :now, :now2) RETURNING id",
      {{"name", input.name}, {"finess", store::nullable(input.finess_ej)}, {"siren", store::nullable(input.siren)},
       {"status", input.legal_status}, {"address", store::nullable(input.address_line)},
       {"postal", store::nullable(input.postal_code)}, {"city", store::nullable(input.city)},
       {"dpo_name", store::nullable(input.dpo_name)}, {"dpo_email", store::nullable(input.dpo_email)},
       {"dpo_phone", store::nullable(input.dpo_phone)}, {"now", now}, {"now2", now}});
  return o;
}

void update_organisation(store::Connection& db, std::int64_t id, const OrganisationInput& input) {
  db.execute("UPDATE organisation SET name = :name, finess_ej = :finess, siren = :siren, legal_status = :status, "
             "address_line = :address, postal_code = :postal, city = :city, dpo_name = :dpo_name, "
             "dpo_email = :dpo_email, dpo_phone = :dpo_phone, updated_at = :now WHERE id = :id",
             {{"name", input.name}, {"finess", store::nullable(input.finess_ej)}, {"siren", store::nullable(input.siren)},
              {"status", input.legal_status}, {"address", store::nullable(input.address_line)},
              {"postal", store::nullable(input.postal_code)}, {"city", store::nullable(input.city)},
              {"dpo_name", store::nullable(input.dpo_name)}, {"dpo_email", store::nullable(input.dpo_email)},
              {"dpo_phone", store::nullable(input.dpo_phone)}, {"now", now_iso8601()}, {"id", id}});
}

std::vector<Establishment> list_establishments(const store::Scoped& db, const PageRequest& page,
                                               const EstablishmentFilter& filter) {
  std::vector<Establishment> out;
  store::Params params{{"after", page.after_id}, {"limit", page.limit + 1}};
  std::string where;
  if (filter.only) {
    if (filter.only->empty()) return out;
    where += " AND id IN (";
    for (std::size_t i = 0; i < filter.only->size(); ++i) {
      const auto name = "e" + std::to_string(i);
      where += (i ? ", :" : ":") + name;
      params.push_back({name, (*filter.only)[i]});
    }
    where += ")";
  }
  if (!filter.include_archived) where += " AND archived_at IS NULL";
  if (filter.category) {
    where += " AND category_code = :category";
    params.push_back({"category", *filter.category});
  }
  if (filter.funder) {
    where += contains_code("funders", "funder");
    params.push_back({"funder", "%," + *filter.funder + ",%"});
  }
  if (filter.brick) {
    where += contains_code("bricks", "brick");
    params.push_back({"brick", "%," + *filter.brick + ",%"});
  }
  if (filter.text) {
    where += " AND search_text LIKE :text";
    params.push_back({"text", "%" + *filter.text + "%"});
  }
  for (const auto& r : db.query(std::string(establishment_columns) + "WHERE {{tenant}} AND id > :after" + where +
                                    " ORDER BY id LIMIT :limit",
                                params))
    out.push_back(establishment_from(r));
  return out;
}

std::optional<Establishment> find_establishment(const store::Scoped& db, std::int64_t id) {
  auto row = db.query_one(std::string(establishment_columns) + "WHERE {{tenant}} AND id = :id", {{"id", id}});
  if (!row) return std::nullopt;
  return establishment_from(*row);
}

EstablishmentsByName::EstablishmentsByName(const store::Scoped& db, Which which) {
  for (const auto& r : db.query(std::string("SELECT id, finess_et, name FROM establishment WHERE {{tenant}}") +
                                (which == Which::active ? " AND archived_at IS NULL" : "")))
    entries_.push_back({r.integer("id"), r.text("finess_et"), fold_for_search(r.text("name"))});
}

std::optional<std::int64_t> EstablishmentsByName::find(const std::string& text) const {
  const auto folded = fold_for_search(text);
  for (const auto& e : entries_)
    if (e.finess == text || e.folded_name == folded) return e.id;
  return std::nullopt;
}

bool finess_et_taken(store::Connection& db, const std::string& finess, std::int64_t except_id) {
  return db.query_one("SELECT id FROM establishment WHERE finess_et = :f AND id <> :except",
                      {{"f", finess}, {"except", except_id}})
      .has_value();
}

std::int64_t create_establishment(const store::Scoped& db, const Profile& p) {
  auto params = profile_params(p);
  params.push_back({"now2", now_iso8601()});
  return db.insert_returning_id(
      "INSERT INTO establishment (organisation_id, finess_et, name, category_code, parent_id, publics, disabilities, "
      "funders, bricks, address_line, postal_code, city, search_text, created_at, updated_at) VALUES ({{tenant_id}}, "
      ":finess, :name, :category, :parent, :publics, :disabilities, :funders, :bricks, :address, :postal, :city, "
      ":search, :now, :now2) RETURNING id",
      params);
}

void update_establishment(const store::Scoped& db, std::int64_t id, const Profile& p) {
  auto params = profile_params(p);
  params.push_back({"id", id});
  db.execute("UPDATE establishment SET finess_et = :finess, name = :name, category_code = :category, parent_id = :parent, "
             "publics = :publics, disabilities = :disabilities, funders = :funders, bricks = :bricks, "
             "address_line = :address, postal_code = :postal, city = :city, search_text = :search, updated_at = :now "
             "WHERE {{tenant}} AND id = :id",
             params);
}

void archive_establishment(const store::Scoped& db, std::int64_t id) {
  const auto now = now_iso8601();
  db.execute("UPDATE establishment SET archived_at = :now, updated_at = :now2 WHERE {{tenant}} AND id = :id",
             {{"now", now}, {"now2", now}, {"id", id}});
}

void lock_establishment(const store::Scoped& db, std::int64_t id) {
  if (db.backend() == store::Backend::postgresql)
    db.query("SELECT id FROM establishment WHERE {{tenant}} AND id = :id FOR UPDATE", {{"id", id}});
}

std::vector<CapacityPeriod> capacities_of(const store::Scoped& db, std::int64_t establishment_id) {
  std::vector<CapacityPeriod> out;
  for (const auto& r : db.query("SELECT id, care_mode, status, places, effective_from, effective_to FROM capacity "
                                "WHERE {{tenant}} AND establishment_id = :e ORDER BY care_mode, status, effective_from",
                                {{"e", establishment_id}})) {
    auto to = r.optional_text("effective_to");
    out.push_back({r.integer("id"), r.text("care_mode"), r.text("status"), r.integer("places"),
                   Period{*Date::parse(r.text("effective_from")), to ? Date::parse(*to) : std::nullopt}});
  }
  return out;
}

std::int64_t insert_capacity(const store::Scoped& db, std::int64_t establishment_id, const CapacityPeriod& c) {
  store::facts_changed(db.connection(), {store::FactKind::capacity, establishment_id, std::nullopt, c.period.from, c.period.to});
  return db.insert_returning_id(
      "INSERT INTO capacity (organisation_id, establishment_id, care_mode, status, places, effective_from, "
      "effective_to, created_at) VALUES ({{tenant_id}}, :e, :mode, :status, :places, :from, :to, :now) RETURNING id",
      {{"e", establishment_id}, {"mode", c.care_mode}, {"status", c.status}, {"places", c.places},
       {"from", c.period.from.to_string()},
       {"to", c.period.to ? store::Value{c.period.to->to_string()} : store::Value{}},
       {"now", now_iso8601()}});
}

std::int64_t create_capacity_period(const store::Scoped& db, std::int64_t establishment_id, const CapacityPeriod& c) {
  check_no_overlap(capacities_of(db, establishment_id), c);
  return insert_capacity(db, establishment_id, c);
}

void update_capacity_end(const store::Scoped& db, std::int64_t capacity_id, const std::optional<Date>& end) {
  // The days between the old end and the new one change (an empty end runs on).
  if (auto old = db.query_one("SELECT establishment_id, effective_from, effective_to FROM capacity WHERE {{tenant}} AND id = :id",
                              {{"id", capacity_id}})) {
    const auto before = old->optional_text("effective_to");
    const Date start = *Date::parse(old->text("effective_from").substr(0, 10));
    store::FactChange change{store::FactKind::capacity, old->integer("establishment_id"), std::nullopt, start, std::nullopt};
    if (before && end) {
      const Date old_end = *Date::parse(before->substr(0, 10));
      change.from = std::min(old_end, *end);
      change.to = std::max(old_end, *end);
    } else if (before) {
      change.from = *Date::parse(before->substr(0, 10));
    } else if (end) {
      change.from = *end;
    }
    change.from = std::max(change.from, start);
    store::facts_changed(db.connection(), change);
  }
  db.execute("UPDATE capacity SET effective_to = :to WHERE {{tenant}} AND id = :id",
             {{"to", end ? store::Value{end->to_string()} : store::Value{}}, {"id", capacity_id}});
}

std::vector<Authorisation> authorisations_of(const store::Scoped& db, std::int64_t establishment_id) {
  std::vector<Authorisation> out;
  for (const auto& r : db.query("SELECT id, decision_reference, decision_date, duration_years, renewal_date, notes "
                                "FROM authorisation WHERE {{tenant}} AND establishment_id = :e ORDER BY decision_date",
                                {{"e", establishment_id}}))
    out.push_back({r.integer("id"), r.text("decision_reference"), *Date::parse(r.text("decision_date")),
                   r.integer("duration_years"), *Date::parse(r.text("renewal_date")), r.optional_text("notes")});
  return out;
}

std::int64_t insert_authorisation(const store::Scoped& db, std::int64_t establishment_id, const Authorisation& a) {
  return db.insert_returning_id(
      "INSERT INTO authorisation (organisation_id, establishment_id, decision_reference, decision_date, duration_years, "
      "renewal_date, notes, created_at) VALUES ({{tenant_id}}, :e, :ref, :date, :years, :renewal, :notes, :now) "
      "RETURNING id",
      {{"e", establishment_id}, {"ref", a.decision_reference}, {"date", a.decision_date.to_string()},
       {"years", a.duration_years}, {"renewal", a.renewal_date.to_string()}, {"notes", store::nullable(a.notes)},
       {"now", now_iso8601()}});
}

std::vector<DueAuthorisation> authorisations_due_before(const store::Scoped& db, Date before) {
  std::vector<DueAuthorisation> out;
  for (const auto& r : db.query(
           "SELECT a.id, a.establishment_id, e.name, a.decision_reference, a.decision_date, a.duration_years, "
           "a.renewal_date, a.notes FROM authorisation a JOIN establishment e ON e.id = a.establishment_id "
           "WHERE {{tenant:a.organisation_id}} AND e.archived_at IS NULL AND a.renewal_date <= :before "
           "ORDER BY a.renewal_date",
           {{"before", before.to_string()}}))
    out.push_back({r.integer("establishment_id"), r.text("name"),
                   {r.integer("id"), r.text("decision_reference"), *Date::parse(r.text("decision_date")),
                    r.integer("duration_years"), *Date::parse(r.text("renewal_date")), r.optional_text("notes")}});
  return out;
}

std::vector<Calendar> calendars_of(const store::Scoped& db, std::int64_t establishment_id) {
  std::vector<Calendar> out;
  for (const auto& r : db.query("SELECT care_mode, year, days_open, weekly_pattern FROM opening_calendar "
                                "WHERE {{tenant}} AND establishment_id = :e ORDER BY year, care_mode",
                                {{"e", establishment_id}}))
    out.push_back({r.text("care_mode"), static_cast<int>(r.integer("year")), r.optional_integer("days_open"),
                   r.optional_text("weekly_pattern")});
  return out;
}

void upsert_calendar(const store::Scoped& db, std::int64_t establishment_id, const Calendar& c) {
  const auto first = *Date::parse(std::to_string(c.year) + "-01-01");
  store::facts_changed(db.connection(), {store::FactKind::opening_calendar, establishment_id, std::nullopt, first,
                                         first.plus_years(1).plus_days(-1)});
  db.execute("DELETE FROM opening_calendar WHERE {{tenant}} AND establishment_id = :e AND care_mode = :m AND year = :y",
             {{"e", establishment_id}, {"m", c.care_mode}, {"y", std::int64_t{c.year}}});
  db.execute("INSERT INTO opening_calendar (organisation_id, establishment_id, care_mode, year, days_open, "
             "weekly_pattern) VALUES ({{tenant_id}}, :e, :m, :y, :days, :pattern)",
             {{"e", establishment_id}, {"m", c.care_mode}, {"y", std::int64_t{c.year}},
              {"days", store::nullable(c.days_open)}, {"pattern", store::nullable(c.weekly_pattern)}});
}

std::vector<Closure> closures_of(const store::Scoped& db, std::int64_t establishment_id) {
  std::vector<Closure> out;
  for (const auto& r : db.query("SELECT id, care_mode, date_from, date_to, reason FROM closure "
                                "WHERE {{tenant}} AND establishment_id = :e ORDER BY date_from",
                                {{"e", establishment_id}}))
    out.push_back({r.integer("id"), r.optional_text("care_mode"), *Date::parse(r.text("date_from")),
                   *Date::parse(r.text("date_to")), r.text("reason")});
  return out;
}

std::int64_t insert_closure(const store::Scoped& db, std::int64_t establishment_id, const Closure& c) {
  store::facts_changed(db.connection(), {store::FactKind::closure, establishment_id, std::nullopt, c.from, c.to});
  return db.insert_returning_id(
      "INSERT INTO closure (organisation_id, establishment_id, care_mode, date_from, date_to, reason) "
      "VALUES ({{tenant_id}}, :e, :m, :from, :to, :reason) RETURNING id",
      {{"e", establishment_id}, {"m", store::nullable(c.care_mode)}, {"from", c.from.to_string()},
       {"to", c.to.to_string()}, {"reason", c.reason}});
}

std::vector<Site> sites_of(const store::Scoped& db, std::int64_t establishment_id) {
  std::vector<Site> out;
  for (const auto& r : db.query("SELECT id, name, address_line, postal_code, city FROM establishment_site "
                                "WHERE {{tenant}} AND establishment_id = :e ORDER BY id",
                                {{"e", establishment_id}}))
    out.push_back({r.integer("id"), r.text("name"), r.optional_text("address_line"), r.optional_text("postal_code"),
                   r.optional_text("city")});
  return out;
}

std::int64_t insert_site(const store::Scoped& db, std::int64_t establishment_id, const Site& s) {
  return db.insert_returning_id(
      "INSERT INTO establishment_site (organisation_id, establishment_id, name, address_line, postal_code, city, "
      "created_at) VALUES ({{tenant_id}}, :e, :name, :address, :postal, :city, :now) RETURNING id",
      {{"e", establishment_id}, {"name", s.name}, {"address", store::nullable(s.address_line)},
       {"postal", store::nullable(s.postal_code)}, {"city", store::nullable(s.city)}, {"now", now_iso8601()}});
}

}  // namespace passerelle::modules::establishments
