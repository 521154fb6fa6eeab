// From sums to indicator values, the same way for the aggregates and for the reference over the facts.
#include <algorithm>
#include <functional>
#include <set>

#include "modules/establishments/reference.hpp"
#include "modules/staff/domain.hpp"
#include "modules/steering/calendar.hpp"
#include "modules/steering/engine_sums.hpp"

namespace passerelle::modules::steering {
namespace {

using Ids = std::set<std::string>;

bool wants(const Ids& ids, std::initializer_list<const char*> any_of) {
  return std::any_of(any_of.begin(), any_of.end(), [&](const char* id) { return ids.count(id) > 0; });
}

std::optional<double> ratio(double numerator, double denominator) {
  if (denominator == 0) return std::nullopt;
  return numerator / denominator;
}

Value rate_value(const std::string& id, double numerator, double denominator) {
  Value v;
  v.id = id;
  v.numerator = numerator;
  v.denominator = denominator;
  v.value = ratio(numerator, denominator);
  return v;
}

Value count_value(const std::string& id, double count) {
  Value v;
  v.id = id;
  v.numerator = count;
  v.value = count;
  return v;
}

BreakdownRow count_row(std::string key, std::string label, double count) {
  BreakdownRow row;
  row.key = std::move(key);
  row.label = std::move(label);
  row.numerator = count;
  row.value = count;
  return row;
}

BreakdownRow rate_row(std::string key, std::string label, double numerator, double denominator) {
  BreakdownRow row;
  row.key = std::move(key);
  row.label = std::move(label);
  row.numerator = numerator;
  row.denominator = denominator;
  row.value = ratio(numerator, denominator);
  return row;
}

std::string care_mode_label(const std::string& code) {
  return std::string(establishments::label_of(establishments::care_modes(), code));
}

std::string movement_label(std::string_view code) {
  static const std::map<std::string_view, std::string_view> labels{
      {"home", "Domicile"},
      {"family", "Famille"},
      {"establishment", "Autre établissement ou service"},
      {"hospital", "Établissement de santé"},
      {"school", "Scolarité"},
      {"child_welfare", "Aide sociale à l'enfance"},
      {"death", "Décès"},
      {"ordinary_work", "Milieu ordinaire de travail"},
      {"other", "Autre"},
      {"unknown", "Non renseignée"}};
  auto it = labels.find(code);
  return std::string(it == labels.end() ? code : it->second);
}

std::string absence_reason_label(std::string_view code) {
  static const std::map<std::string_view, std::string_view> labels{
      {"illness", "Maladie"},          {"hospitalisation", "Hospitalisation"}, {"holiday", "Vacances"},
      {"family", "Raisons familiales"}, {"unjustified", "Absence injustifiée"}, {"other", "Autre motif"}};
  auto it = labels.find(code);
  return std::string(it == labels.end() ? code : it->second);
}

std::string absence_group_label(std::string_view code) {
  static const std::map<std::string_view, std::string_view> labels{
      {"illness_short", "Maladie ordinaire de courte durée (jusqu'à 7 jours)"},
      {"illness_medium", "Maladie ordinaire de moyenne durée (plus de 7 jours)"},
      {"long_illness", "Longue maladie, longue durée"},
      {"maternity_paternity", "Maternité, paternité"},
      {"work_accident_occupational_disease", "Accident du travail, maladie professionnelle"},
      {"special_leave", "Congés spéciaux (dont sans solde)"}};
  auto it = labels.find(code);
  return std::string(it == labels.end() ? code : it->second);
}

std::string job_category_label(const std::string& code) {
  if (code == "unknown") return "Métier hors nomenclature";
  return std::string(staff::label_of(staff::job_categories(), code));
}

// Age bands: [min, max] in completed years, max −1 for "and more".
struct Band {
  std::string key, label;
  int min, max;
};

std::vector<Band> person_bands(bool esat) {
  if (esat)
    return {{"0-15", "Moins de 16 ans", 0, 15},   {"16-19", "16 à 19 ans", 16, 19}, {"20-24", "20 à 24 ans", 20, 24},
            {"25-29", "25 à 29 ans", 25, 29},     {"30-34", "30 à 34 ans", 30, 34}, {"35-39", "35 à 39 ans", 35, 39},
            {"40-44", "40 à 44 ans", 40, 44},     {"45-54", "45 à 54 ans", 45, 54}, {"55-59", "55 à 59 ans", 55, 59},
            {"60-75", "60 à 75 ans", 60, 75},     {"76+", "Plus de 75 ans", 76, -1}};
  std::vector<Band> bands = {{"0-5", "0 à 5 ans", 0, 5}, {"6-10", "6 à 10 ans", 6, 10}, {"11-15", "11 à 15 ans", 11, 15},
                             {"16-19", "16 à 19 ans", 16, 19}};
  for (int from = 20; from < 60; from += 5)
    bands.push_back({std::to_string(from) + "-" + std::to_string(from + 4),
                     std::to_string(from) + " à " + std::to_string(from + 4) + " ans", from, from + 4});
  bands.push_back({"60-74", "60 à 74 ans", 60, 74});
  bands.push_back({"75+", "75 ans et plus", 75, -1});
  return bands;
}

std::vector<Band> staff_bands() {
  std::vector<Band> bands = {{"0-24", "Moins de 25 ans", 0, 24}};
  for (int from = 25; from < 60; from += 5)
    bands.push_back({std::to_string(from) + "-" + std::to_string(from + 4),
                     std::to_string(from) + " à " + std::to_string(from + 4) + " ans", from, from + 4});
  bands.push_back({"60+", "60 ans et plus", 60, -1});
  return bands;
}

// Completed years at `on`; a birth date given as a year only counts from 1 January of that year.
std::optional<int> age_at(std::string_view birth, Date on) {
  if (birth.size() < 4) return std::nullopt;
  int year = 0;
  for (char ch : birth.substr(0, 4)) {
    if (ch < '0' || ch > '9') return std::nullopt;
    year = year * 10 + (ch - '0');
  }
  int month = 1, day = 1;
  if (auto full = Date::parse(birth.substr(0, std::min<std::size_t>(birth.size(), 10))); full && birth.size() >= 10) {
    month = full->month();
    day = full->day();
  }
  int age = on.year() - year;
  if (on.month() < month || (on.month() == month && on.day() < day)) --age;
  return std::max(age, 0);
}

std::string sex_key(const std::string& sex) { return sex == "F" || sex == "M" ? sex : "unknown"; }

std::vector<BreakdownRow> pyramid(const std::vector<Band>& bands, const std::vector<std::pair<std::optional<int>, std::string>>& people) {
  std::vector<BreakdownRow> rows;
  for (const auto& band : bands) {
    auto row = count_row(band.key, band.label, 0);
    row.by_sex = {{"F", 0}, {"M", 0}, {"unknown", 0}};
    rows.push_back(std::move(row));
  }
  BreakdownRow unknown = count_row("unknown", "Âge inconnu", 0);
  unknown.by_sex = {{"F", 0}, {"M", 0}, {"unknown", 0}};
  for (const auto& [age, sex] : people) {
    BreakdownRow* row = &unknown;
    if (age)
      for (std::size_t i = 0; i < bands.size(); ++i)
        if (*age >= bands[i].min && (bands[i].max < 0 || *age <= bands[i].max)) row = &rows[i];
    row->numerator += 1;
    row->value = row->numerator;
    row->by_sex[sex_key(sex)] += 1;
  }
  if (unknown.numerator > 0) rows.push_back(std::move(unknown));
  return rows;
}

double sum_of(const std::map<std::string, ActivityMeasures>& by_mode, std::size_t column,
              const std::function<bool(const std::string&)>& keep = nullptr) {
  std::int64_t total = 0;
  for (const auto& [mode, m] : by_mode)
    if (!keep || keep(mode)) total += m[column];
  return static_cast<double>(total);
}

double hr_sum(const std::map<std::string, HrMeasures>& by_category, std::size_t column) {
  std::int64_t total = 0;
  for (const auto& [category, m] : by_category) total += m[column];
  return static_cast<double>(total);
}

std::set<std::string> care_modes_of(const Sums& s) {
  std::set<std::string> modes;
  for (const auto& [mode, m] : s.activity) modes.insert(mode);
  for (const auto& [mode, c] : s.continuing) modes.insert(mode);
  return modes;
}

// The denominator of ACT-01: per establishment and year of the period, the target prorated to the
// period's days in that year, or the funded place-days.
double activity_target_days(const Sums& s) {
  double total = 0;
  for (std::int64_t e : s.establishments)
    for (int year = s.from.year(); year <= s.to.year(); ++year) {
      auto target = s.targets.find({e, year});
      if (target != s.targets.end()) {
        const Date a = std::max(s.from, first_of_year(year)), b = std::min(s.to, last_of_year(year));
        total += static_cast<double>(target->second) * static_cast<double>(days_of(a, b)) /
                 static_cast<double>(days_in_year(year));
      } else if (auto funded = s.funded_by_year.find({e, year}); funded != s.funded_by_year.end()) {
        total += static_cast<double>(funded->second) / static_cast<double>(micro);
      }
    }
  return total;
}

Value activity_value(const std::string& id, const Sums& s) {
  using namespace activity;
  const auto& a = s.activity;
  const double period_days = static_cast<double>(days_of(s.from, s.to));
  if (id == "ACT-01") return rate_value(id, sum_of(a, present), activity_target_days(s));
  if (id == "ACT-02") {
    auto v = rate_value(id, sum_of(a, present) + sum_of(a, absent_counted),
                        sum_of(a, theoretical_micro) / static_cast<double>(micro));
    for (const auto& [mode, m] : a)
      v.breakdown.push_back(rate_row(mode, care_mode_label(mode), static_cast<double>(m[present] + m[absent_counted]),
                                     static_cast<double>(m[theoretical_micro]) / static_cast<double>(micro)));
    return v;
  }
  if (id == "ACT-03") {
    double total = 0;
    Value v;
    for (const auto& mode : care_modes_of(s)) {
      auto c = s.continuing.find(mode);
      auto m = a.find(mode);
      const double n = static_cast<double>((c == s.continuing.end() ? 0 : c->second.stays) +
                                           (m == a.end() ? 0 : m->second[discharges_definitive]));
      total += n;
      v.breakdown.push_back(count_row(mode, care_mode_label(mode), n));
    }
    auto out = count_value(id, total);
    out.breakdown = std::move(v.breakdown);
    return out;
  }
  if (id == "ACT-04") {
    auto keep = [](const std::string& mode) { return !is_short_care_mode(mode); };
    return rate_value(id, sum_of(a, completed_stay_days, keep), sum_of(a, discharges_definitive, keep));
  }
  if (id == "ACT-05") return rate_value(id, sum_of(a, absent), static_cast<double>(s.absent_stays));
  if (id == "ACT-06")
    return rate_value(id, sum_of(a, admissions), period_days == 0 ? 0 : sum_of(a, places_authorised_funded) / period_days);
  if (id == "ACT-08" || id == "ACT-09" || id == "ACT-10") {
    const std::size_t column = id == "ACT-08" ? present : id == "ACT-09" ? theoretical_micro : admissions;
    const double unit = id == "ACT-09" ? static_cast<double>(micro) : 1.0;
    auto v = count_value(id, sum_of(a, column) / unit);
    for (const auto& [mode, m] : a)
      v.breakdown.push_back(count_row(mode, care_mode_label(mode), static_cast<double>(m[column]) / unit));
    return v;
  }
  if (id == "ACT-11" || id == "ACT-07-DEST") {
    // ACT-11 counts every discharge; ACT-07-DEST the definitive ones (ANAP: "sorties définitives"). A
    // transfer's discharge is recorded with the destination "establishment" (persons brick), so the
    // transfers are taken out of that column.
    const bool definitive = id == "ACT-07-DEST";
    const double transfers = sum_of(a, discharges) - sum_of(a, discharges_definitive);
    auto v = count_value(id, sum_of(a, definitive ? discharges_definitive : discharges));
    for (std::size_t i = 0; i < destinations.size(); ++i) {
      double n = sum_of(a, discharges_home + i);
      if (definitive && destinations[i] == "establishment") n = std::max(0.0, n - transfers);
      if (destinations[i] == "unknown" && n == 0) continue;
      v.breakdown.push_back(count_row(std::string(destinations[i]), movement_label(destinations[i]), n));
    }
    return v;
  }
  if (id == "ACT-07-ORIGIN") {
    auto v = count_value(id, sum_of(a, admissions));
    for (std::size_t i = 0; i < origins.size(); ++i)
      v.breakdown.push_back(count_row(std::string(origins[i]), movement_label(origins[i]), sum_of(a, admissions_home + i)));
    return v;
  }
  if (id == "ACT-12") {
    std::int64_t stays = 0, admission_days = 0;
    for (const auto& [mode, c] : s.continuing) {
      stays += c.stays;
      admission_days += c.admission_days;
    }
    return rate_value(id, static_cast<double>(stays * s.to.days_since_epoch() - admission_days), static_cast<double>(stays));
  }
  if (id == "ACT-13") {
    auto v = count_value(id, sum_of(a, absent));
    for (std::size_t i = 0; i < absence_reasons.size(); ++i)
      v.breakdown.push_back(count_row(std::string(absence_reasons[i]), absence_reason_label(absence_reasons[i]),
                                      sum_of(a, absent_illness + i)));
    return v;
  }
  if (id == "ACT-14") {
    const auto valid = std::count_if(s.persons_at_end.begin(), s.persons_at_end.end(),
                                     [](const PresentPerson& p) { return p.valid_decision; });
    return rate_value(id, static_cast<double>(valid), static_cast<double>(s.persons_at_end.size()));
  }
  if (id == "ACT-15") return count_value(id, static_cast<double>(s.waiting));
  if (id == "ACT-16") return rate_value(id, sum_of(a, requests_waiting_days), sum_of(a, requests_admitted));
  if (id == "ACT-07-AGE") {
    std::vector<std::pair<std::optional<int>, std::string>> people;
    for (const auto& p : s.persons_at_end) people.emplace_back(age_at(p.birth_date, s.to), p.sex);
    auto v = count_value(id, static_cast<double>(people.size()));
    v.breakdown = pyramid(person_bands(s.esat_only), people);
    return v;
  }
  if (id == "ACT-07-LENGTH") {
    static const std::array<std::pair<int, const char*>, 5> bands = {
        {{1, "Moins d'un an"}, {3, "1 à 3 ans"}, {5, "3 à 5 ans"}, {10, "5 à 10 ans"}, {-1, "10 ans et plus"}}};
    static const std::array<const char*, 5> keys = {"0-1", "1-3", "3-5", "5-10", "10+"};
    std::array<double, 5> counts{};
    for (const auto& p : s.persons_at_end) {
      std::size_t i = 0;
      while (bands[i].first > 0 && s.to >= p.admission.plus_years(bands[i].first)) ++i;
      counts[i] += 1;
    }
    auto v = count_value(id, static_cast<double>(s.persons_at_end.size()));
    for (std::size_t i = 0; i < bands.size(); ++i) v.breakdown.push_back(count_row(keys[i], bands[i].second, counts[i]));
    return v;
  }
  Value unknown;
  unknown.id = id;
  return unknown;
}

Value hr_value(const std::string& id, const Sums& s) {
  using namespace hr;
  const auto& h = s.human_resources;
  const double unit = static_cast<double>(full_time);
  const double fte_days = hr_sum(h, fte) / unit;
  if (id == "RH-01") {
    double absence_days = 0;
    std::vector<BreakdownRow> rows;
    for (std::size_t i = 0; i < absence_groups.size(); ++i) {
      const double days = hr_sum(h, absence_illness_short + i) / 2 / unit;
      absence_days += days;
      rows.push_back(rate_row(std::string(absence_groups[i]), absence_group_label(absence_groups[i]), days, fte_days));
    }
    auto v = rate_value(id, absence_days, fte_days);
    v.breakdown = std::move(rows);
    return v;
  }
  if (id == "RH-02") {
    const double headcount = static_cast<double>(s.headcount_before);
    const double hires_total = static_cast<double>(s.hires), departures_total = static_cast<double>(s.departures);
    auto v = rate_value(id, hires_total + departures_total, 2 * headcount);
    v.breakdown.push_back(rate_row("entries", "Taux d'entrée", hires_total, headcount));
    v.breakdown.push_back(rate_row("exits", "Taux de sortie", departures_total, headcount));
    return v;
  }
  if (id == "RH-04")
    return rate_value(id, fte_days, sum_of(s.activity, activity::places_authorised_funded));
  if (id == "RH-05") {
    std::vector<std::pair<std::optional<int>, std::string>> people;
    for (const auto& p : s.staff_at_end)
      people.emplace_back(p.birth_date ? age_at(p.birth_date->to_string(), s.to) : std::nullopt, p.sex);
    auto v = count_value(id, static_cast<double>(people.size()));
    v.breakdown = pyramid(staff_bands(), people);
    return v;
  }
  if (id == "RH-06") return count_value(id, hr_sum(h, replacement_contracts));
  if (id == "RH-07") {
    const double period_days = static_cast<double>(days_of(s.from, s.to));
    auto v = rate_value(id, fte_days, period_days);
    for (const auto& [category, m] : h)
      v.breakdown.push_back(
          rate_row(category, job_category_label(category), static_cast<double>(m[fte]) / unit, period_days));
    return v;
  }
  if (id == "RH-08") {
    auto v = rate_value(id, (hr_sum(h, fte_fixed_term) + hr_sum(h, fte_temporary_agency)) / unit, fte_days);
    for (std::size_t i = 0; i < contract_kinds.size(); ++i)
      v.breakdown.push_back(rate_row(std::string(contract_kinds[i]),
                                     std::string(staff::label_of(staff::contract_kinds(), contract_kinds[i])),
                                     hr_sum(h, fte_permanent + i) / unit, fte_days));
    return v;
  }
  Value unknown;
  unknown.id = id;
  return unknown;
}

}  // namespace

Needs needs_of(const std::vector<std::string>& list) {
  Ids ids;
  if (list.empty())
    for (const auto& d : definitions()) ids.insert(d.id);
  else
    ids.insert(list.begin(), list.end());
  Needs n;
  n.activity = wants(ids, {"ACT-01", "ACT-02", "ACT-03", "ACT-04", "ACT-05", "ACT-06", "ACT-08", "ACT-09", "ACT-10",
                           "ACT-11", "ACT-13", "ACT-16", "ACT-07-ORIGIN", "ACT-07-DEST", "RH-04"});
  n.funded_by_year = wants(ids, {"ACT-01"});
  n.continuing = wants(ids, {"ACT-03", "ACT-12"});
  n.absent_stays = wants(ids, {"ACT-05"});
  n.human_resources = wants(ids, {"RH-01", "RH-02", "RH-04", "RH-06", "RH-07", "RH-08"});
  n.headcount_before = wants(ids, {"RH-02"});
  n.persons_at_end = wants(ids, {"ACT-14", "ACT-07-AGE", "ACT-07-LENGTH"});
  n.waiting = wants(ids, {"ACT-15"});
  n.staff_at_end = wants(ids, {"RH-05"});
  return n;
}

std::vector<Value> assemble(const Sums& sums, const std::vector<std::string>& ids) {
  std::vector<Value> out;
  for (const auto& d : definitions()) {
    if (!ids.empty() && std::find(ids.begin(), ids.end(), d.id) == ids.end()) continue;
    out.push_back(d.axis == Axis::human_resources ? hr_value(d.id, sums) : activity_value(d.id, sums));
  }
  return out;
}

}  // namespace passerelle::modules::steering
