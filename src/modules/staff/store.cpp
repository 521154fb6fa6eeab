#include "modules/staff/store.hpp"

#include "core/clock.hpp"
#include "core/text.hpp"
#include "store/fact_changes.hpp"

namespace passerelle::modules::staff {
namespace {

constexpr const char* member_columns =
    "SELECT id, organisation_id, last_name, first_name, sex, birth_date, job_code, account_id, created_by, created_at, "
    "updated_at FROM staff_member ";
constexpr const char* contract_columns =
    "SELECT id, staff_id, establishment_id, job_code, kind, fixed_term_reason, start_date, end_date, end_reason, "
    "working_time, created_by, created_at, updated_at FROM staff_contract ";

store::Value opt_date(const std::optional<Date>& d) { return d ? store::Value{d->to_string()} : store::Value{}; }

std::string search_name(const StaffMember& m) { return fold_for_search(m.last_name + " " + m.first_name); }

StaffMember member_from(const store::Row& r) {
  StaffMember m;
  m.id = r.integer("id");
  m.organisation_id = r.integer("organisation_id");
  m.last_name = r.text("last_name");
  m.first_name = r.text("first_name");
  m.sex = r.optional_text("sex");
  if (auto b = r.optional_text("birth_date")) m.birth_date = Date::parse(*b);
  m.job_code = r.text("job_code");
  m.account_id = r.optional_integer("account_id");
  m.created_by = r.text("created_by");
  m.created_at = r.text("created_at");
  m.updated_at = r.text("updated_at");
  return m;
}

Contract contract_from(const store::Row& r) {
  Contract c;
  c.id = r.integer("id");
  c.staff_id = r.integer("staff_id");
  c.establishment_id = r.integer("establishment_id");
  c.job_code = r.text("job_code");
  c.kind = r.text("kind");
  c.fixed_term_reason = r.optional_text("fixed_term_reason");
  c.start_date = *Date::parse(r.text("start_date"));
  if (auto e = r.optional_text("end_date")) c.end_date = Date::parse(*e);
  c.end_reason = r.optional_text("end_reason");
  c.working_time = r.integer("working_time");
  c.created_by = r.text("created_by");
  c.created_at = r.text("created_at");
  c.updated_at = r.text("updated_at");
  return c;
}

std::string in_list(const std::vector<std::int64_t>& ids, const char* prefix, store::Params& params) {
  std::string list;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const auto name = prefix + std::to_string(i);
    list += (i ? ", :" : ":") + name;
    params.push_back({name, ids[i]});
  }
  return list;
}

}  // namespace

std::vector<StaffMember> list_staff(const store::Scoped& db, const PageRequest& page, const StaffFilter& filter) {
  std::vector<StaffMember> out;
  store::Params params{{"after", page.after_id}, {"limit", page.limit + 1}};
  std::string where;
  // Conditions on the member's contracts, all on one contract.
  std::string contract_where;
  if (filter.only) {
    if (filter.only->empty()) return out;
    contract_where += " AND c.establishment_id IN (" + in_list(*filter.only, "o", params) + ")";
  }
  if (filter.establishment_id) {
    contract_where += " AND c.establishment_id = :establishment";
    params.push_back({"establishment", *filter.establishment_id});
  }
  if (filter.active_on) {
    contract_where += " AND c.start_date <= :on AND (c.end_date IS NULL OR c.end_date >= :on2)";
    params.push_back({"on", filter.active_on->to_string()});
    params.push_back({"on2", filter.active_on->to_string()});
  }
  if (!contract_where.empty())
    where += " AND EXISTS (SELECT 1 FROM staff_contract c WHERE c.staff_id = staff_member.id" + contract_where + ")";
  if (filter.job_code) {
    where += " AND job_code = :job";
    params.push_back({"job", *filter.job_code});
  }
  if (filter.job_category) {
    std::vector<std::string> codes;
    for (const auto& j : jobs())
      if (j.category == *filter.job_category) codes.emplace_back(j.code);
    if (codes.empty()) return out;
    std::string list;
    for (std::size_t i = 0; i < codes.size(); ++i) {
      list += (i ? ", :j" : ":j") + std::to_string(i);
      params.push_back({"j" + std::to_string(i), codes[i]});
    }
    where += " AND job_code IN (" + list + ")";
  }
  if (filter.text) {
    where += " AND search_name LIKE :text";
    params.push_back({"text", "%" + *filter.text + "%"});
  }
  for (const auto& r :
       db.query(std::string(member_columns) + "WHERE {{tenant}} AND id > :after" + where + " ORDER BY id LIMIT :limit",
                params))
    out.push_back(member_from(r));
  for (auto& m : out) m.contracts = contracts_of(db, m.id);
  return out;
}

std::optional<StaffMember> find_staff(const store::Scoped& db, std::int64_t id) {
  auto r = db.query_one(std::string(member_columns) + "WHERE {{tenant}} AND id = :id", {{"id", id}});
  if (!r) return std::nullopt;
  auto m = member_from(*r);
  m.contracts = contracts_of(db, id);
  m.absences = absences_of(db, id);
  return m;
}

std::int64_t insert_staff(const store::Scoped& db, const StaffMember& m) {
  const auto now = now_iso8601();
  return db.insert_returning_id(
      "INSERT INTO staff_member (organisation_id, last_name, first_name, sex, birth_date, job_code, account_id, "
      "search_name, created_by, created_at, updated_at) VALUES ({{tenant_id}}, :last, :first, :sex, :birth, :job, "
      ":account, :search, :by, :now, :now2) RETURNING id",
      {{"last", m.last_name},
       {"first", m.first_name},
       {"sex", store::nullable(m.sex)},
       {"birth", opt_date(m.birth_date)},
       {"job", m.job_code},
       {"account", store::nullable(m.account_id)},
       {"search", search_name(m)},
       {"by", m.created_by},
       {"now", now},
       {"now2", now}});
}

void update_staff(const store::Scoped& db, const StaffMember& m) {
  db.execute(
      "UPDATE staff_member SET last_name = :last, first_name = :first, sex = :sex, birth_date = :birth, "
      "job_code = :job, account_id = :account, search_name = :search, updated_at = :now WHERE {{tenant}} AND id = :id",
      {{"last", m.last_name},
       {"first", m.first_name},
       {"sex", store::nullable(m.sex)},
       {"birth", opt_date(m.birth_date)},
       {"job", m.job_code},
       {"account", store::nullable(m.account_id)},
       {"search", search_name(m)},
       {"now", now_iso8601()},
       {"id", m.id}});
}

void lock_staff(const store::Scoped& db, std::int64_t id) {
  db.execute("UPDATE staff_member SET updated_at = updated_at WHERE {{tenant}} AND id = :id", {{"id", id}});
}

bool account_in_organisation(const store::Scoped& db, std::int64_t account_id) {
  return db.query_one("SELECT id FROM account WHERE {{tenant}} AND id = :a", {{"a", account_id}}).has_value();
}

bool account_taken(const store::Scoped& db, std::int64_t account_id, std::int64_t self_id) {
  return db
      .query_one("SELECT id FROM staff_member WHERE {{tenant}} AND account_id = :a AND id <> :self",
                 {{"a", account_id}, {"self", self_id}})
      .has_value();
}

bool establishment_in_organisation(const store::Scoped& db, std::int64_t establishment_id) {
  return db.query_one("SELECT id FROM establishment WHERE {{tenant}} AND id = :e", {{"e", establishment_id}})
      .has_value();
}

std::vector<Contract> contracts_of(const store::Scoped& db, std::int64_t staff_id) {
  std::vector<Contract> out;
  for (const auto& r :
       db.query(std::string(contract_columns) + "WHERE {{tenant}} AND staff_id = :s ORDER BY start_date, id",
                {{"s", staff_id}}))
    out.push_back(contract_from(r));
  return out;
}

std::int64_t insert_contract(const store::Scoped& db, const Contract& c) {
  const auto now = now_iso8601();
  store::facts_changed(db.connection(), {store::FactKind::staff_contract, c.establishment_id, std::nullopt, c.start_date, c.end_date});
  return db.insert_returning_id(
      "INSERT INTO staff_contract (organisation_id, staff_id, establishment_id, job_code, kind, fixed_term_reason, "
      "start_date, end_date, end_reason, working_time, created_by, created_at, updated_at) VALUES ({{tenant_id}}, :s, "
      ":e, "
      ":job, :kind, :reason, :start, :end, :end_reason, :wt, :by, :now, :now2) RETURNING id",
      {{"s", c.staff_id},
       {"e", c.establishment_id},
       {"job", c.job_code},
       {"kind", c.kind},
       {"reason", store::nullable(c.fixed_term_reason)},
       {"start", c.start_date.to_string()},
       {"end", opt_date(c.end_date)},
       {"end_reason", store::nullable(c.end_reason)},
       {"wt", c.working_time},
       {"by", c.created_by},
       {"now", now},
       {"now2", now}});
}

void update_contract(const store::Scoped& db, const Contract& c) {
  // The establishment and days it covered before, and those it covers now.
  if (auto old = db.query_one("SELECT establishment_id, start_date, end_date FROM staff_contract WHERE {{tenant}} AND id = :id",
                              {{"id", c.id}})) {
    const auto end = old->optional_text("end_date");
    store::facts_changed(db.connection(), {store::FactKind::staff_contract, old->integer("establishment_id"), std::nullopt,
                                           *Date::parse(old->text("start_date").substr(0, 10)),
                                           end ? Date::parse(end->substr(0, 10)) : std::nullopt});
  }
  store::facts_changed(db.connection(), {store::FactKind::staff_contract, c.establishment_id, std::nullopt, c.start_date, c.end_date});
  db.execute(
      "UPDATE staff_contract SET establishment_id = :e, job_code = :job, kind = :kind, fixed_term_reason = :reason, "
      "start_date = :start, end_date = :end, end_reason = :end_reason, working_time = :wt, updated_at = :now "
      "WHERE {{tenant}} AND id = :id AND staff_id = :s",
      {{"e", c.establishment_id},
       {"job", c.job_code},
       {"kind", c.kind},
       {"reason", store::nullable(c.fixed_term_reason)},
       {"start", c.start_date.to_string()},
       {"end", opt_date(c.end_date)},
       {"end_reason", store::nullable(c.end_reason)},
       {"wt", c.working_time},
       {"now", now_iso8601()},
       {"id", c.id},
       {"s", c.staff_id}});
}

std::vector<Absence> absences_of(const store::Scoped& db, std::int64_t staff_id) {
  std::vector<Absence> out;
  for (const auto& r :
       db.query("SELECT id, staff_id, kind, start_date, end_date, start_half_day, end_half_day, created_by, "
                "created_at FROM staff_absence WHERE {{tenant}} AND staff_id = :s ORDER BY start_date, id",
                {{"s", staff_id}})) {
    Absence a;
    a.id = r.integer("id");
    a.staff_id = r.integer("staff_id");
    a.kind = r.text("kind");
    a.start_date = *Date::parse(r.text("start_date"));
    a.end_date = *Date::parse(r.text("end_date"));
    a.start_half_day = r.integer("start_half_day") != 0;
    a.end_half_day = r.integer("end_half_day") != 0;
    a.created_by = r.text("created_by");
    a.created_at = r.text("created_at");
    out.push_back(std::move(a));
  }
  return out;
}

std::int64_t insert_absence(const store::Scoped& db, const Absence& a) {
  store::facts_changed(db.connection(), {store::FactKind::staff_absence, std::nullopt, a.staff_id, a.start_date, a.end_date});
  return db.insert_returning_id(
      "INSERT INTO staff_absence (organisation_id, staff_id, kind, start_date, end_date, start_half_day, end_half_day, "
      "created_by, created_at) VALUES ({{tenant_id}}, :s, :kind, :start, :end, :sh, :eh, :by, :now) RETURNING id",
      {{"s", a.staff_id},
       {"kind", a.kind},
       {"start", a.start_date.to_string()},
       {"end", a.end_date.to_string()},
       {"sh", std::int64_t{a.start_half_day}},
       {"eh", std::int64_t{a.end_half_day}},
       {"by", a.created_by},
       {"now", now_iso8601()}});
}

void delete_absence(const store::Scoped& db, std::int64_t staff_id, std::int64_t absence_id) {
  if (auto old = db.query_one("SELECT start_date, end_date FROM staff_absence WHERE {{tenant}} AND staff_id = :s AND id = :id",
                              {{"s", staff_id}, {"id", absence_id}}))
    store::facts_changed(db.connection(), {store::FactKind::staff_absence, std::nullopt, staff_id,
                                           *Date::parse(old->text("start_date").substr(0, 10)),
                                           *Date::parse(old->text("end_date").substr(0, 10))});
  db.execute("DELETE FROM staff_absence WHERE {{tenant}} AND staff_id = :s AND id = :id",
             {{"s", staff_id}, {"id", absence_id}});
}

std::vector<Contract> contracts_running(const store::Scoped& db, Date from, Date to,
                                        const std::optional<std::vector<std::int64_t>>& only) {
  std::vector<Contract> out;
  store::Params params{{"from", from.to_string()}, {"to", to.to_string()}};
  std::string where;
  if (only) {
    if (only->empty()) return out;
    where = " AND establishment_id IN (" + in_list(*only, "o", params) + ")";
  }
  for (const auto& r :
       db.query(std::string(contract_columns) +
                    "WHERE {{tenant}} AND start_date <= :to AND (end_date IS NULL OR end_date >= :from)" + where,
                params))
    out.push_back(contract_from(r));
  return out;
}

}  // namespace passerelle::modules::staff
