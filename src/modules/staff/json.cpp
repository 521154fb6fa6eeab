#include "modules/staff/json.hpp"

namespace passerelle::modules::staff {
namespace {

boost::json::value opt(const std::optional<std::string>& s) { return s ? boost::json::value(*s) : nullptr; }
boost::json::value opt(const std::optional<Date>& d) { return d ? boost::json::value(d->to_string()) : nullptr; }

std::optional<Date> read_date(JsonReader& in, std::string_view field, bool required) {
  auto text = in.text(field, required, 10);
  if (!text) return std::nullopt;
  auto date = Date::parse(*text);
  if (!date) in.fail(field, "date invalide (AAAA-MM-JJ attendu)");
  return date;
}

std::vector<std::string_view> codes(const std::vector<Code>& list) {
  std::vector<std::string_view> out;
  for (const auto& c : list) out.push_back(c.code);
  return out;
}

boost::json::array codes_json(const std::vector<Code>& list) {
  boost::json::array out;
  for (const auto& c : list) out.push_back({{"code", c.code}, {"label", c.label}});
  return out;
}

std::string_view category_label(std::string_view code) { return label_of(job_categories(), code); }

}  // namespace

boost::json::object to_json(const Contract& c) {
  const auto* job = find_job(c.job_code);
  return {{"id", c.id},
          {"staff_id", c.staff_id},
          {"establishment_id", c.establishment_id},
          {"job", c.job_code},
          {"job_label", job ? job->label : std::string_view(c.job_code)},
          {"job_category", job ? job->category : std::string_view("unknown")},
          {"kind", c.kind},
          {"kind_label", label_of(contract_kinds(), c.kind)},
          {"fixed_term_reason", opt(c.fixed_term_reason)},
          {"start_date", c.start_date.to_string()},
          {"end_date", opt(c.end_date)},
          {"end_reason", opt(c.end_reason)},
          {"working_time", working_time_fraction(c.working_time)},
          {"permanent", is_permanent(c.kind)},
          {"created_by", c.created_by},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at}};
}

boost::json::object to_json(const Absence& a) {
  return {{"id", a.id},
          {"staff_id", a.staff_id},
          {"kind", a.kind},
          {"kind_label", label_of(absence_kinds(), a.kind)},
          {"absenteeism_group", absenteeism_group(a.kind)},
          {"start_date", a.start_date.to_string()},
          {"end_date", a.end_date.to_string()},
          {"start_half_day", a.start_half_day},
          {"end_half_day", a.end_half_day},
          {"calendar_days", a.calendar_days()},
          {"created_by", a.created_by},
          {"created_at", a.created_at}};
}

boost::json::object to_json(const StaffMember& m, bool with_absences) {
  const auto* job = find_job(m.job_code);
  boost::json::array contracts;
  for (const auto& c : m.contracts) contracts.push_back(to_json(c));
  boost::json::object out{{"id", m.id},
                          {"organisation_id", m.organisation_id},
                          {"last_name", m.last_name},
                          {"first_name", m.first_name},
                          {"sex", opt(m.sex)},
                          {"birth_date", opt(m.birth_date)},
                          {"job", m.job_code},
                          {"job_label", job ? job->label : std::string_view(m.job_code)},
                          {"job_category", job ? job->category : std::string_view("unknown")},
                          {"account_id", m.account_id ? boost::json::value(*m.account_id) : nullptr},
                          {"contracts", std::move(contracts)},
                          {"created_at", m.created_at},
                          {"updated_at", m.updated_at}};
  if (with_absences) {
    boost::json::array absences;
    for (const auto& a : m.absences) absences.push_back(to_json(a));
    out["absences"] = std::move(absences);
  }
  return out;
}

boost::json::object reference_json() {
  boost::json::array job_list;
  for (const auto& j : jobs()) job_list.push_back({{"code", j.code}, {"label", j.label}, {"category", j.category}});
  boost::json::array absences;
  for (const auto& k : absence_kinds())
    absences.push_back({{"code", k.code}, {"label", k.label}, {"absenteeism_group", absenteeism_group(k.code)}});
  boost::json::array kinds;
  for (const auto& k : contract_kinds())
    kinds.push_back({{"code", k.code}, {"label", k.label}, {"permanent", is_permanent(k.code)}});
  return {{"jobs", std::move(job_list)},
          {"job_categories", codes_json(job_categories())},
          {"contract_kinds", std::move(kinds)},
          {"fixed_term_reasons", codes_json(fixed_term_reasons())},
          {"end_reasons", codes_json(end_reasons())},
          {"absence_kinds", std::move(absences)},
          {"absenteeism_groups", codes_json(absenteeism_groups())}};
}

boost::json::object to_json(const FteTable& table) {
  // By establishment (with its categories), and by category over every establishment.
  std::map<std::int64_t, boost::json::array> per_establishment;
  for (const auto& [key, value] : table)
    per_establishment[key.first].push_back(
        {{"job_category", key.second}, {"label", category_label(key.second)}, {"fte", value}});
  boost::json::array establishments;
  for (auto& [id, categories] : per_establishment)
    establishments.push_back({{"establishment_id", id},
                              {"fte", total_for_establishment(table, id)},
                              {"by_job_category", std::move(categories)}});
  boost::json::array categories;
  for (const auto& c : job_categories())
    categories.push_back({{"job_category", c.code}, {"label", c.label}, {"fte", total_for_category(table, c.code)}});
  return {{"fte", total(table)},
          {"by_establishment", std::move(establishments)},
          {"by_job_category", std::move(categories)}};
}

StaffMember read_member(const boost::json::value& body, const StaffMember* current) {
  JsonReader in(body);
  StaffMember m = current ? *current : StaffMember{};
  const bool create = current == nullptr;
  if (auto v = in.text("last_name", create, 100)) m.last_name = *v;
  if (auto v = in.text("first_name", create, 100)) m.first_name = *v;
  if (in.has("sex")) m.sex = in.choice("sex", false, {"F", "M"});
  if (in.has("birth_date")) {
    m.birth_date = read_date(in, "birth_date", false);
    if (m.birth_date && (*m.birth_date > Date::today() || m.birth_date->year() < 1900))
      in.fail("birth_date", "date de naissance invraisemblable");
  }
  if (auto v = in.text("job", create, 64)) {
    if (!find_job(*v)) in.fail("job", "métier inconnu (voir /api/v1/staff/reference)");
    m.job_code = *v;
  }
  if (in.has("account_id")) m.account_id = in.integer("account_id", false, 1);
  if (create) in.array("contracts", false);  // read by the caller, named contracts/<i>/…
  in.finish();
  return m;
}

Contract read_contract(JsonReader& in, const Contract* current, const std::string& default_job) {
  Contract c = current ? *current : Contract{};
  const bool create = current == nullptr;
  if (auto v = in.integer("establishment_id", create, 1)) c.establishment_id = *v;
  if (auto v = in.text("job", false, 64))
    c.job_code = *v;
  else if (create)
    c.job_code = default_job;
  if (auto v = in.choice("kind", create, codes(contract_kinds()))) c.kind = *v;
  if (in.has("fixed_term_reason")) c.fixed_term_reason = in.text("fixed_term_reason", false, 64);
  if (auto v = read_date(in, "start_date", create)) c.start_date = *v;
  if (in.has("end_date")) c.end_date = read_date(in, "end_date", false);
  if (in.has("end_reason")) c.end_reason = in.text("end_reason", false, 64);
  if (in.has("working_time") || create) {
    if (auto v = in.number("working_time", true)) {
      if (auto wt = working_time_from(*v))
        c.working_time = *wt;
      else
        in.fail("working_time",
                "le temps de travail est une fraction du temps plein, entre 0 (exclu) et 1 (4 décimales au plus)");
    }
  }
  if (in.ok())
    for (const auto& e : contract_errors(c)) in.fail(e.field, e.message);
  return c;
}

Contract read_contract(const boost::json::value& body, const Contract* current, const std::string& default_job) {
  JsonReader in(body);
  auto c = read_contract(in, current, default_job);
  in.finish();
  return c;
}

Absence read_absence(const boost::json::value& body) {
  JsonReader in(body);
  Absence a;
  if (auto v = in.choice("kind", true, codes(absence_kinds()))) a.kind = *v;
  if (auto v = read_date(in, "start_date", true)) a.start_date = *v;
  if (auto v = read_date(in, "end_date", true)) a.end_date = *v;
  a.start_half_day = in.boolean("start_half_day", false).value_or(false);
  a.end_half_day = in.boolean("end_half_day", false).value_or(false);
  if (in.ok() && a.end_date < a.start_date) in.fail("end_date", "la date de fin précède la date de début");
  in.finish();
  return a;
}

}  // namespace passerelle::modules::staff
