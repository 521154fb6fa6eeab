#include "modules/steering/cpom.hpp"

#include <algorithm>
#include <charconv>
#include <set>

namespace passerelle::modules::steering::cpom {
namespace {

std::string french(Date d) {
  return (d.day() < 10 ? "0" : "") + std::to_string(d.day()) + "/" + (d.month() < 10 ? "0" : "") +
         std::to_string(d.month()) + "/" + std::to_string(d.year());
}

std::string within_message(const Cpom& c) {
  return "en dehors de la période du CPOM (du " + french(c.start_date) + " au " + french(c.end_date) + ")";
}

bool contains(const std::vector<std::int64_t>& ids, std::int64_t id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

std::string_view unit_code(Unit u) {
  switch (u) {
    case Unit::rate:
      return "rate";
    case Unit::days:
      return "days";
    case Unit::persons:
      return "persons";
    case Unit::count:
      return "count";
    case Unit::fte:
      return "fte";
    case Unit::ratio:
      return "ratio";
    case Unit::distribution:
      return "distribution";
  }
  return "number";
}

// The indicators of the steering contract with one value per period, until the engine publishes its
// definitions (then definitions() is the only source).
const std::vector<Linkable>& contract_indicators() {
  static const std::vector<Linkable> list = {
      {"ACT-01", "Taux de réalisation de l'activité", "rate", true},
      {"ACT-02", "Taux d'occupation", "rate", true},
      {"ACT-03", "File active", "persons", true},
      {"ACT-04", "Durée moyenne des séjours terminés", "days", true},
      {"ACT-05", "Nombre moyen de journées d'absence", "days", false},
      {"ACT-06", "Taux de rotation des places", "ratio", true},
      {"ACT-08", "Journées réalisées", "days", true},
      {"ACT-09", "Journées théoriques", "days", true},
      {"ACT-10", "Admissions", "count", true},
      {"ACT-11", "Sorties", "count", true},
      {"ACT-12", "Durée moyenne d'accompagnement des personnes présentes", "days", true},
      {"ACT-13", "Journées d'absence par motif", "days", false},
      {"ACT-14", "Part des personnes avec une décision d'orientation valide", "rate", true},
      {"ACT-15", "Personnes en liste d'attente", "persons", false},
      {"ACT-16", "Délai moyen d'attente", "days", false},
      {"RH-01", "Taux d'absentéisme", "rate", false},
      {"RH-02", "Taux de rotation du personnel", "rate", false},
      {"RH-04", "Taux d'encadrement", "ratio", true},
      {"RH-06", "CDD de remplacement", "count", false},
      {"RH-07", "ETP moyens", "fte", true},
      {"RH-08", "Part des CDD et de l'intérim", "rate", false},
  };
  return list;
}

bool positive_integer(std::string_view text, std::int64_t& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && out > 0;
}

}  // namespace

const std::vector<Code>& cpom_statuses() {
  static const std::vector<Code> list = {{"draft", "En préparation"}, {"signed", "Signé, en cours"}, {"ended", "Échu"}};
  return list;
}

const std::vector<Code>& action_statuses() {
  static const std::vector<Code> list = {
      {"not_started", "Non commencée"}, {"in_progress", "En cours"}, {"done", "Réalisée"}, {"abandoned", "Abandonnée"}};
  return list;
}

const std::vector<Code>& units() {
  static const std::vector<Code> list = {{"rate", "Taux (%)"},     {"count", "Nombre"}, {"days", "Jours"},
                                         {"persons", "Personnes"}, {"fte", "ETP"},      {"ratio", "Ratio"},
                                         {"euros", "Euros"},       {"number", "Valeur"}};
  return list;
}

bool has_code(const std::vector<Code>& list, std::string_view code) {
  return std::any_of(list.begin(), list.end(), [&](const Code& c) { return c.code == code; });
}

std::string_view label_of(const std::vector<Code>& list, std::string_view code) {
  for (const auto& c : list)
    if (c.code == code) return c.label;
  return code;
}

std::vector<std::string_view> codes_of(const std::vector<Code>& list) {
  std::vector<std::string_view> out;
  for (const auto& c : list) out.push_back(c.code);
  return out;
}

std::vector<FieldError> cpom_errors(const Cpom& c) {
  std::vector<FieldError> errors;
  if (c.end_date <= c.start_date)
    errors.push_back({"end_date", "la fin doit suivre le début"});
  else if (c.end_date >= c.start_date.plus_years(longest_years))
    errors.push_back({"end_date", "un CPOM dure au plus 6 ans (5 ans, prolongés d'un an par avenant)"});
  if (c.funders.empty()) errors.push_back({"funders", "au moins un financeur"});
  if (c.establishment_ids.empty()) errors.push_back({"establishment_ids", "au moins un établissement concerné"});
  if (!has_code(cpom_statuses(), c.status)) errors.push_back({"status", "statut inconnu"});
  return errors;
}

std::int64_t implied_progress(std::string_view status, std::int64_t previous) {
  if (status == "done") return 100;
  if (status == "not_started") return 0;
  return previous;
}

std::vector<FieldError> action_errors(const Action& a, const Cpom& c, const std::string& prefix) {
  std::vector<FieldError> errors;
  auto fail = [&](const char* field, std::string message) { errors.push_back({prefix + field, std::move(message)}); };
  if (!has_code(action_statuses(), a.status)) fail("status", "statut inconnu");
  if (a.progress < 0 || a.progress > 100)
    fail("progress", "un pourcentage entre 0 et 100 est attendu");
  else if (a.status == "not_started" && a.progress != 0)
    fail("progress", "une action non commencée est à 0 %");
  else if (a.status == "done" && a.progress != 100)
    fail("progress", "une action réalisée est à 100 %");
  if (a.start_date && a.deadline < *a.start_date) fail("deadline", "l'échéance précède le début");
  if (a.start_date && (*a.start_date < c.start_date || *a.start_date > c.end_date))
    fail("start_date", within_message(c));
  if (a.deadline < c.start_date || a.deadline > c.end_date) fail("deadline", within_message(c));
  for (std::size_t i = 0; i < a.establishment_ids.size(); ++i) {
    const auto id = a.establishment_ids[i];
    if (!contains(c.establishment_ids, id))
      errors.push_back({prefix + "establishment_ids/" + std::to_string(i), "établissement non concerné par ce CPOM"});
    else if (std::find(a.establishment_ids.begin(), a.establishment_ids.begin() + static_cast<std::ptrdiff_t>(i), id) !=
             a.establishment_ids.begin() + static_cast<std::ptrdiff_t>(i))
      errors.push_back({prefix + "establishment_ids/" + std::to_string(i), "établissement en double"});
  }
  return errors;
}

std::vector<FieldError> indicator_errors(const Indicator& i, const Cpom& c, const std::string& prefix) {
  std::vector<FieldError> errors;
  auto fail = [&](const std::string& field, std::string message) {
    errors.push_back({prefix + field, std::move(message)});
  };
  const int first = c.start_date.year();
  const int last = c.end_date.year();
  const auto years = "une année du CPOM (" + std::to_string(first) + " à " + std::to_string(last) + ") est attendue";
  if (!has_code(units(), i.unit)) fail("unit", "unité inconnue");
  if (i.target_year < first || i.target_year > last) fail("target_year", years);
  std::set<int> seen;
  for (std::size_t k = 0; k < i.values.size(); ++k) {
    const auto year = i.values[k].year;
    const auto field = "values/" + std::to_string(k) + "/year";
    if (year < first || year > last)
      fail(field, years);
    else if (!seen.insert(year).second)
      fail(field, "une seule valeur par année");
  }
  if (i.computed_id) {
    const auto found = linkable(*i.computed_id);
    if (!found) {
      fail("computed_id", "indicateur calculé inconnu, ou sans valeur unique (répartition)");
    } else {
      if (i.unit != found->unit) fail("unit", "l'unité d'un indicateur lié est celle de l'indicateur calculé");
      if (!i.computed_scope)
        fail("computed_scope", "périmètre obligatoire pour un indicateur lié");
      else if (!parse_scope(*i.computed_scope, c.organisation_id))
        fail("computed_scope", "périmètre invalide : organisation, establishment:<id> ou category:<code>");
    }
  } else if (i.computed_scope) {
    fail("computed_scope", "un périmètre ne va qu'avec un indicateur calculé");
  }
  return errors;
}

std::optional<Linkable> linkable(const std::string& id) {
  if (definitions().empty()) {
    for (const auto& l : contract_indicators())
      if (l.id == id) return l;
    return std::nullopt;
  }
  const auto* d = find_definition(id);
  if (!d || d->unit == Unit::distribution) return std::nullopt;
  return Linkable{d->id, d->label, std::string(unit_code(d->unit)), d->higher_is_better};
}

std::vector<Linkable> linkables() {
  if (definitions().empty()) return contract_indicators();
  std::vector<Linkable> out;
  for (const auto& d : definitions())
    if (d.unit != Unit::distribution)
      out.push_back({d.id, d.label, std::string(unit_code(d.unit)), d.higher_is_better});
  return out;
}

std::optional<Scope> parse_scope(std::string_view text, std::int64_t organisation_id) {
  Scope s;
  s.organisation_id = organisation_id;
  if (text == "organisation") {
    s.kind = Scope::Kind::organisation;
    return s;
  }
  constexpr std::string_view establishment = "establishment:";
  constexpr std::string_view category = "category:";
  if (text.starts_with(establishment)) {
    std::int64_t id = 0;
    if (!positive_integer(text.substr(establishment.size()), id)) return std::nullopt;
    s.kind = Scope::Kind::establishment;
    s.establishment_id = id;
    return s;
  }
  if (text.starts_with(category)) {
    const auto code = text.substr(category.size());
    if (code.size() != 3 || code.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
    s.kind = Scope::Kind::category;
    s.category = std::string(code);
    return s;
  }
  return std::nullopt;
}

std::optional<double> sheet_progress(const std::vector<Action>& actions) {
  double sum = 0;
  int counted = 0;
  for (const auto& a : actions) {
    if (a.status == "abandoned") continue;
    sum += static_cast<double>(a.progress);
    ++counted;
  }
  if (!counted) return std::nullopt;
  return sum / counted;
}

std::optional<double> cpom_progress(const std::vector<std::optional<double>>& sheets) {
  double sum = 0;
  int counted = 0;
  for (const auto& s : sheets) {
    if (!s) continue;
    sum += *s;
    ++counted;
  }
  if (!counted) return std::nullopt;
  return sum / counted;
}

bool is_late(const Action& a, Date today) {
  return a.deadline < today && (a.status == "not_started" || a.status == "in_progress");
}

std::optional<std::pair<Date, Date>> current_period(const Cpom& c, Date today) {
  if (today < c.start_date) return std::nullopt;
  const Date to = std::min(today, c.end_date);
  const Date january = *Date::parse(std::to_string(to.year()) + "-01-01");
  return std::pair{std::max(january, c.start_date), to};
}

std::optional<double> latest_value(const Indicator& i, const std::optional<double>& computed) {
  if (i.computed_id && computed) return computed;
  const YearValue* latest = nullptr;
  for (const auto& v : i.values)
    if (!latest || v.year > latest->year) latest = &v;
  if (!latest) return std::nullopt;
  return latest->value;
}

std::optional<bool> target_reached(const Indicator& i, const std::optional<double>& latest) {
  if (!latest) return std::nullopt;
  return i.higher_is_better ? *latest >= i.target_value : *latest <= i.target_value;
}

}  // namespace passerelle::modules::steering::cpom
