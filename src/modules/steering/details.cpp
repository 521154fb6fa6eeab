#include "modules/steering/details.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "modules/establishments/reference.hpp"
#include "modules/persons/record.hpp"
#include "modules/staff/domain.hpp"
#include "modules/steering/calendar.hpp"
#include "store/tenant.hpp"

namespace passerelle::modules::steering {
namespace {

// The person's columns, with the stay's (alias s) and the person's (alias p).
constexpr const char* person_columns =
    "p.id AS person_id, p.birth_name, p.used_name, p.first_names, p.used_first_name, s.id AS stay_id, s.care_mode, "
    "s.admission_date, s.discharge_date, s.origin, s.destination, "
    "(SELECT n.id FROM stay n WHERE n.transfer_from_stay_id = s.id) AS transferred_to";

const std::map<std::string, std::string>& movement_labels() {
  static const std::map<std::string, std::string> labels{
      {"home", "domicile"}, {"family", "famille"}, {"establishment", "autre établissement ou service"},
      {"hospital", "établissement de santé"}, {"school", "scolarité"}, {"child_welfare", "aide sociale à l'enfance"},
      {"death", "décès"}, {"ordinary_work", "milieu ordinaire de travail"}, {"other", "autre"}};
  return labels;
}

const std::map<std::string, std::string>& absence_reason_labels() {
  static const std::map<std::string, std::string> labels{
      {"illness", "maladie"}, {"hospitalisation", "hospitalisation"}, {"holiday", "vacances"},
      {"family", "convenance personnelle ou familiale"}, {"unjustified", "non justifiée"}, {"other", "autre"}};
  return labels;
}

std::string label(const std::map<std::string, std::string>& labels, const std::string& code) {
  auto it = labels.find(code);
  return it == labels.end() ? code : it->second;
}

// "4", "4,5"
std::string french_number(double value) {
  const double rounded = std::round(value * 100) / 100;
  std::string text = std::to_string(rounded);
  text.erase(text.find_last_not_of('0') + 1);
  if (!text.empty() && text.back() == '.') text.pop_back();
  std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

std::string days_text(double days) { return french_number(days) + (days >= 2 ? " jours" : " jour"); }

DetailItem person_item(const store::Row& r, std::int64_t establishment_id) {
  DetailItem item;
  item.id = r.integer("person_id");
  item.last_name = r.optional_text("used_name").value_or(r.text("birth_name"));
  const auto first_names = r.text("first_names");
  item.first_name = r.optional_text("used_first_name").value_or(first_names.substr(0, first_names.find(' ')));
  item.establishment_id = establishment_id;
  item.care_mode = r.text("care_mode");
  item.from = Date::parse(r.text("admission_date"));
  if (auto d = r.optional_text("discharge_date")) item.to = Date::parse(*d);
  return item;
}

std::string discharge_text(const store::Row& r) {
  std::string text = "sortie le " + r.text("discharge_date");
  if (!r.is_null("transferred_to")) return text + " (transfert)";
  if (auto destination = r.optional_text("destination")) text += " vers " + label(movement_labels(), *destination);
  return text;
}

std::vector<DetailItem> active_caseload(const store::Scoped& db, std::int64_t e, const StudyPeriod& p) {
  std::vector<DetailItem> out;
  for (const auto& r : db.query(std::string("SELECT ") + person_columns +
                                    " FROM stay s JOIN person p ON p.id = s.person_id WHERE {{tenant:s.organisation_id}} "
                                    "AND s.establishment_id = :e AND s.admission_date <= :to "
                                    "AND (" + stay_running_after_sql(":to2", ":to3") + " OR (s.discharge_date >= :from "
                                    "AND NOT EXISTS (SELECT 1 FROM stay n WHERE n.transfer_from_stay_id = s.id)))",
                                {{"e", e}, {"to", p.to.to_string()}, {"to2", p.to.to_string()}, {"to3", p.to.to_string()},
                                 {"from", p.from.to_string()}})) {
    auto item = person_item(r, e);
    const bool ended = item.to && *item.to <= p.to && r.is_null("transferred_to");
    item.detail = ended ? discharge_text(r) : "présent le " + p.to.to_string();
    out.push_back(std::move(item));
  }
  return out;
}

std::vector<DetailItem> movements(const store::Scoped& db, std::int64_t e, const StudyPeriod& p, bool admissions) {
  const std::string column = admissions ? "s.admission_date" : "s.discharge_date";
  std::vector<DetailItem> out;
  for (const auto& r : db.query(std::string("SELECT ") + person_columns +
                                    " FROM stay s JOIN person p ON p.id = s.person_id WHERE {{tenant:s.organisation_id}} "
                                    "AND s.establishment_id = :e AND " + column + " >= :from AND " + column + " <= :to",
                                {{"e", e}, {"from", p.from.to_string()}, {"to", p.to.to_string()}})) {
    auto item = person_item(r, e);
    item.detail = admissions ? "admission le " + r.text("admission_date") + " (provenance : " +
                                   label(movement_labels(), r.text("origin")) + ")"
                             : discharge_text(r);
    out.push_back(std::move(item));
  }
  return out;
}

// The stays with absences in the period: one line per stay, days by reason.
std::vector<DetailItem> absences(const store::Scoped& db, std::int64_t e, const StudyPeriod& p, bool by_reason) {
  std::map<std::int64_t, DetailItem> items;  // by stay
  std::map<std::int64_t, std::vector<std::pair<std::string, std::int64_t>>> reasons;
  for (const auto& r : db.query(
           std::string("SELECT ") + person_columns +
               ", a.absence_reason, COUNT(*) AS days FROM attendance a JOIN stay s ON s.id = a.stay_id "
               "JOIN person p ON p.id = s.person_id WHERE {{tenant:a.organisation_id}} AND a.establishment_id = :e "
               "AND a.status = 'absent' AND a.day >= :from AND a.day <= :to "
               "GROUP BY p.id, p.birth_name, p.used_name, p.first_names, p.used_first_name, s.id, s.care_mode, "
               "s.admission_date, s.discharge_date, s.origin, s.destination, a.absence_reason",
           {{"e", e}, {"from", p.from.to_string()}, {"to", p.to.to_string()}})) {
    const auto stay = r.integer("stay_id");
    if (!items.contains(stay)) items.emplace(stay, person_item(r, e));
    reasons[stay].push_back({r.optional_text("absence_reason").value_or("other"), r.integer("days")});
  }
  std::vector<DetailItem> out;
  for (auto& [stay, item] : items) {
    std::int64_t total = 0;
    std::string parts;
    for (const auto& [reason, days] : reasons[stay]) {
      total += days;
      parts += (parts.empty() ? "" : ", ") + label(absence_reason_labels(), reason) + " : " + days_text(days);
    }
    item.detail = by_reason ? parts : days_text(static_cast<double>(total)) + " d'absence";
    out.push_back(std::move(item));
  }
  return out;
}

// Waiting at the period's end: received by then, and still waiting, or closed only afterwards; one line
// per person (the earliest request), as the engine counts persons once per establishment.
std::vector<DetailItem> waiting_list(const store::Scoped& db, std::int64_t e, const StudyPeriod& p) {
  store::Params params{{"e", e}, {"to", p.to.to_string()}, {"to2", p.to.to_string()}};
  std::string waiting;
  for (const auto& s : persons::request_statuses()) {
    if (!s.waiting) continue;
    const auto name = "w" + std::to_string(params.size());
    params.push_back({name, std::string(s.code)});
    waiting += (waiting.empty() ? ":" : ", :") + name;
  }
  std::vector<DetailItem> out;
  for (const auto& r : db.query("SELECT p.id AS person_id, p.birth_name, p.used_name, p.first_names, p.used_first_name, "
                                "r.care_mode, r.received_date FROM admission_request r "
                                "JOIN person p ON p.id = r.person_id WHERE {{tenant:r.organisation_id}} "
                                "AND r.establishment_id = :e AND r.received_date <= :to "
                                "AND (r.status IN (" + waiting + ") OR r.status_date > :to2) ORDER BY r.received_date, r.id",
                                params)) {
    const auto person = r.integer("person_id");
    if (std::any_of(out.begin(), out.end(), [&](const DetailItem& i) { return i.id == person; })) continue;
    DetailItem item;
    item.id = person;
    item.last_name = r.optional_text("used_name").value_or(r.text("birth_name"));
    const auto first_names = r.text("first_names");
    item.first_name = r.optional_text("used_first_name").value_or(first_names.substr(0, first_names.find(' ')));
    item.establishment_id = e;
    item.care_mode = r.text("care_mode");
    item.from = Date::parse(r.text("received_date"));
    const auto waited = days_between(*item.from, p.to);
    item.detail = "demande reçue le " + r.text("received_date") + ", " + days_text(static_cast<double>(waited)) +
                  " d'attente au " + p.to.to_string();
    out.push_back(std::move(item));
  }
  return out;
}

// RH-01: the absences counted in absenteeism (paid leave and training left out) of staff under a
// contract at the establishment during the absence.
std::vector<DetailItem> staff_absences(const store::Scoped& db, std::int64_t e, const StudyPeriod& p) {
  std::vector<DetailItem> out;
  for (const auto& r : db.query(
           "SELECT m.id, m.last_name, m.first_name, m.job_code, a.kind, a.start_date, a.end_date, a.start_half_day, "
           "a.end_half_day FROM staff_absence a JOIN staff_member m ON m.id = a.staff_id "
           "WHERE {{tenant:a.organisation_id}} AND a.start_date <= :to AND a.end_date >= :from "
           "AND EXISTS (SELECT 1 FROM staff_contract c WHERE c.staff_id = a.staff_id AND c.establishment_id = :e "
           "AND c.start_date <= a.end_date AND (c.end_date IS NULL OR c.end_date >= a.start_date))",
           {{"e", e}, {"from", p.from.to_string()}, {"to", p.to.to_string()}})) {
    const auto kind = r.text("kind");
    if (staff::absenteeism_group(kind) == "excluded") continue;
    DetailItem item;
    item.id = r.integer("id");
    item.last_name = r.text("last_name");
    item.first_name = r.text("first_name");
    item.establishment_id = e;
    item.job_code = r.text("job_code");
    item.from = Date::parse(r.text("start_date"));
    item.to = Date::parse(r.text("end_date"));
    // Calendar days within the period; a half day at an end counts when that end is inside it.
    const Date first = std::max(*item.from, p.from);
    const Date last = std::min(*item.to, p.to);
    double days = static_cast<double>(days_between(first, last) + 1);
    if (first == *item.from && r.integer("start_half_day")) days -= 0.5;
    if (last == *item.to && r.integer("end_half_day")) days -= 0.5;
    item.detail = std::string(staff::label_of(staff::absence_kinds(), kind)) + ", " + days_text(days) + " dans la période";
    out.push_back(std::move(item));
  }
  return out;
}

// RH-06: the fixed-term replacement contracts at the establishment starting in the period; RH-07:
// every contract at the establishment running during the period.
std::vector<DetailItem> contracts(const store::Scoped& db, std::int64_t e, const StudyPeriod& p, bool replacements_only) {
  std::string sql =
      "SELECT m.id, m.last_name, m.first_name, c.job_code, c.kind, c.start_date, c.end_date, c.working_time "
      "FROM staff_contract c JOIN staff_member m ON m.id = c.staff_id WHERE {{tenant:c.organisation_id}} "
      "AND c.establishment_id = :e AND c.start_date <= :to";
  sql += replacements_only ? " AND c.start_date >= :from AND c.kind = 'fixed_term' AND c.fixed_term_reason = 'replacement'"
                           : " AND (c.end_date IS NULL OR c.end_date >= :from)";
  std::vector<DetailItem> out;
  for (const auto& r : db.query(sql, {{"e", e}, {"from", p.from.to_string()}, {"to", p.to.to_string()}})) {
    DetailItem item;
    item.id = r.integer("id");
    item.last_name = r.text("last_name");
    item.first_name = r.text("first_name");
    item.establishment_id = e;
    item.job_code = r.text("job_code");
    item.from = Date::parse(r.text("start_date"));
    if (auto end = r.optional_text("end_date")) item.to = Date::parse(*end);
    item.detail = std::string(staff::label_of(staff::contract_kinds(), r.text("kind"))) + ", " +
                  french_number(staff::working_time_fraction(r.integer("working_time")) * 100) + " %";
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

std::optional<DetailKind> detail_kind(const std::string& id) {
  static const std::vector<std::string> persons{"ACT-03", "ACT-05", "ACT-10", "ACT-11", "ACT-13", "ACT-15"};
  static const std::vector<std::string> staff{"RH-01", "RH-06", "RH-07"};
  if (std::find(persons.begin(), persons.end(), id) != persons.end()) return DetailKind::persons;
  if (std::find(staff.begin(), staff.end(), id) != staff.end()) return DetailKind::staff;
  return std::nullopt;
}

std::vector<DetailItem> detail_items(store::Connection& c, const std::string& id, std::int64_t organisation_id,
                                     std::int64_t establishment_id, const StudyPeriod& period) {
  store::Scoped db(c, store::Scope::organisation(organisation_id));
  std::vector<DetailItem> items;
  if (id == "ACT-03") items = active_caseload(db, establishment_id, period);
  else if (id == "ACT-05") items = absences(db, establishment_id, period, false);
  else if (id == "ACT-13") items = absences(db, establishment_id, period, true);
  else if (id == "ACT-10") items = movements(db, establishment_id, period, true);
  else if (id == "ACT-11") items = movements(db, establishment_id, period, false);
  else if (id == "ACT-15") items = waiting_list(db, establishment_id, period);
  else if (id == "RH-01") items = staff_absences(db, establishment_id, period);
  else if (id == "RH-06") items = contracts(db, establishment_id, period, true);
  else if (id == "RH-07") items = contracts(db, establishment_id, period, false);
  std::stable_sort(items.begin(), items.end(), [](const DetailItem& a, const DetailItem& b) {
    return std::tie(a.last_name, a.first_name, a.id, a.from) < std::tie(b.last_name, b.first_name, b.id, b.from);
  });
  return items;
}

}  // namespace passerelle::modules::steering
