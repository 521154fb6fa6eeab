#include "modules/establishments/domain.hpp"

#include <algorithm>
#include <map>

#include "core/identifiers.hpp"
#include "core/text.hpp"
#include "modules/establishments/reference.hpp"

namespace passerelle::modules::establishments {
namespace {

std::optional<Date> read_date(JsonReader& in, std::string_view name, bool required) {
  auto text = in.text(name, required, 10);
  if (!text) return std::nullopt;
  auto date = Date::parse(*text);
  if (!date) in.fail(name, "date invalide (AAAA-MM-JJ attendu)");
  return date;
}

// A list of codes from a closed vocabulary, without duplicates.
std::optional<std::vector<std::string>> read_codes(JsonReader& in, std::string_view name, const std::vector<Code>& allowed,
                                                   bool required) {
  const auto* list = in.array(name, required);
  if (!list) return std::nullopt;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& v = (*list)[i];
    const std::string field = std::string(name) + "/" + std::to_string(i);
    if (!v.is_string() || !has_code(allowed, std::string(v.as_string()))) {
      in.fail(field, "valeur inconnue ; valeurs possibles : " + [&] {
        std::string l;
        for (const auto& c : allowed) l += (l.empty() ? "" : ", ") + std::string(c.code);
        return l;
      }());
      continue;
    }
    std::string code(v.as_string());
    if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
  }
  return out;
}

void check_postal_code(JsonReader& in, const std::optional<std::string>& code, std::string_view field) {
  if (code && (code->size() != 5 || !std::all_of(code->begin(), code->end(), [](char c) { return c >= '0' && c <= '9'; })))
    in.fail(field, "code postal à 5 chiffres attendu");
}

}  // namespace

OrganisationInput read_organisation(const boost::json::value& body, const OrganisationInput* current) {
  JsonReader in(body);
  OrganisationInput out = current ? *current : OrganisationInput{};
  const bool create = current == nullptr;
  if (auto v = in.text("name", create, 200)) out.name = *v;
  if (in.has("finess_ej")) out.finess_ej = in.text("finess_ej", false, 9);
  if (in.has("siren")) out.siren = in.text("siren", false, 9);
  if (auto v = in.choice("legal_status", create, legal_statuses)) out.legal_status = *v;
  for (auto [name, field] : {std::pair{"address_line", &out.address_line}, {"postal_code", &out.postal_code},
                             {"city", &out.city}, {"dpo_name", &out.dpo_name}, {"dpo_email", &out.dpo_email},
                             {"dpo_phone", &out.dpo_phone}})
    if (in.has(name)) *field = in.text(name, false, 200);
  if (in.has("finess_ej") && out.finess_ej) {
    auto check = check_finess(*out.finess_ej);
    if (!check.valid) in.fail("finess_ej", "FINESS invalide : " + check.message);
  }
  if (in.has("siren") && out.siren && (out.siren->size() != 9 || !luhn_valid(*out.siren)))
    in.fail("siren", "SIREN invalide : 9 chiffres dont une clé de Luhn");
  check_postal_code(in, in.has("postal_code") ? out.postal_code : std::nullopt, "postal_code");
  if (in.has("dpo_email") && out.dpo_email && out.dpo_email->find('@') == std::string::npos)
    in.fail("dpo_email", "adresse électronique invalide");
  in.finish();
  return out;
}

Profile read_profile(const boost::json::value& body, const Profile* current, std::optional<std::int64_t>* organisation_id) {
  JsonReader in(body);
  const bool create = current == nullptr;
  Profile out = current ? *current : Profile{};
  if (organisation_id) *organisation_id = in.integer("organisation_id", false, 1);
  if (auto v = in.text("finess_et", create, 9)) {
    out.finess_et = *v;
    auto check = check_finess(*v);
    if (!check.valid) in.fail("finess_et", "FINESS invalide : " + check.message);
  }
  if (auto v = in.text("name", create, 200)) out.name = *v;
  if (auto v = in.text("category_code", create, 3)) {
    const auto* category = find_category(*v);
    if (!category) in.fail("category_code", "catégorie FINESS inconnue (liste : GET /api/v1/establishments/reference)");
    else if (create && !category->valid_to.empty())
      in.fail("category_code", "catégorie fermée depuis le " + std::string(category->valid_to));
    out.category_code = *v;
  }
  if (auto v = read_codes(in, "publics", publics(), false)) out.publics = *v;
  if (auto v = read_codes(in, "disabilities", disabilities(), false)) out.disabilities = *v;
  if (auto v = read_codes(in, "funders", funders(), false)) out.funders = *v;
  if (auto v = read_codes(in, "bricks", bricks(), false)) out.bricks = *v;
  if (in.has("parent_id")) out.parent_id = in.integer("parent_id", false, 1);
  if (in.has("address_line")) out.address_line = in.text("address_line", false, 200);
  if (in.has("postal_code")) out.postal_code = in.text("postal_code", false, 5);
  if (in.has("city")) out.city = in.text("city", false, 100);
  check_postal_code(in, in.has("postal_code") ? out.postal_code : std::nullopt, "postal_code");
  in.finish();
  return out;
}

CapacityPeriod read_capacity(const boost::json::value& body, const std::string& prefix) {
  JsonReader in(body, prefix);
  CapacityPeriod out;
  auto mode = in.choice("care_mode", true, codes_of(care_modes()));
  auto status = in.choice("status", true, codes_of(capacity_statuses()));
  auto places = in.integer("places", true, 0, 100000);
  auto from = read_date(in, "effective_from", true);
  auto to = read_date(in, "effective_to", false);
  if (from && to && *to < *from) in.fail("effective_to", "la fin précède le début");
  in.finish();
  out.care_mode = *mode;
  out.status = *status;
  out.places = *places;
  out.period = {*from, to};
  return out;
}

Authorisation read_authorisation(const boost::json::value& body) {
  JsonReader in(body);
  Authorisation out;
  auto reference = in.text("decision_reference", true, 100);
  auto date = read_date(in, "decision_date", true);
  auto years = in.integer("duration_years", false, 1, 30);
  out.notes = in.text("notes", false, 2000);
  in.finish();
  out.decision_reference = *reference;
  out.decision_date = *date;
  out.duration_years = years.value_or(15);  // CASF L.313-1: authorisations are granted for 15 years
  out.renewal_date = out.decision_date.plus_years(static_cast<int>(out.duration_years));
  return out;
}

Closure read_closure(const boost::json::value& body) {
  JsonReader in(body);
  Closure out;
  out.care_mode = in.choice("care_mode", false, codes_of(care_modes()));
  auto from = read_date(in, "date_from", true);
  auto to = read_date(in, "date_to", true);
  auto reason = in.text("reason", true, 200);
  if (from && to && *to < *from) in.fail("date_to", "la fin précède le début");
  if (from && to && days_between(*from, *to) > 366) in.fail("date_to", "une fermeture dure au plus un an");
  in.finish();
  out.from = *from;
  out.to = *to;
  out.reason = *reason;
  return out;
}

Calendar read_calendar(const boost::json::value& body) {
  JsonReader in(body);
  Calendar out;
  auto mode = in.choice("care_mode", true, codes_of(care_modes()));
  auto year = in.integer("year", true, 1990, 2100);
  out.days_open = in.integer("days_open", false, 0, 366);
  out.weekly_pattern = in.text("weekly_pattern", false, 7);
  if (out.days_open.has_value() == out.weekly_pattern.has_value())
    in.fail("days_open", "donnez soit un nombre de jours d'ouverture, soit un motif hebdomadaire");
  if (out.weekly_pattern && (out.weekly_pattern->size() != 7 ||
                             out.weekly_pattern->find_first_not_of("01") != std::string::npos))
    in.fail("weekly_pattern", "7 chiffres 0 ou 1, du lundi au dimanche (ex. 1111100)");
  in.finish();
  out.care_mode = *mode;
  out.year = static_cast<int>(*year);
  return out;
}

void check_no_overlap(const std::vector<CapacityPeriod>& existing, const CapacityPeriod& candidate) {
  for (const auto& p : existing) {
    if (p.id == candidate.id || p.care_mode != candidate.care_mode || p.status != candidate.status) continue;
    if (p.period.overlaps(candidate.period))
      throw Problem::conflict(
          "Une période de capacité de même mode d'accueil et de même statut couvre déjà ces dates.",
          {{"effective_from", "chevauche la période du " + p.period.from.to_string() +
                                  (p.period.to ? " au " + p.period.to->to_string() : " (sans fin)")}});
  }
}

std::vector<CapacityLine> capacity_on(const std::vector<CapacityPeriod>& periods, Date date) {
  std::map<std::pair<std::string, std::string>, std::int64_t> sum;
  for (const auto& p : periods)
    if (p.period.contains(date)) sum[{p.care_mode, p.status}] += p.places;
  std::vector<CapacityLine> out;
  for (const auto& [key, places] : sum) out.push_back({key.first, key.second, places});
  return out;
}

std::vector<CapacityLine> place_days(const std::vector<CapacityPeriod>& periods, Date from, Date to) {
  std::map<std::pair<std::string, std::string>, std::int64_t> sum;
  for (const auto& p : periods) {
    const auto days = p.period.days_within(from, to);
    if (days > 0) sum[{p.care_mode, p.status}] += p.places * days;
  }
  std::vector<CapacityLine> out;
  for (const auto& [key, value] : sum) out.push_back({key.first, key.second, value});
  return out;
}

bool is_open(const std::vector<Calendar>& calendars, const std::vector<Closure>& closures, const std::string& care_mode,
             Date day) {
  for (const auto& c : closures)
    if ((!c.care_mode || *c.care_mode == care_mode) && day >= c.from && day <= c.to) return false;
  for (const auto& calendar : calendars)
    if (calendar.care_mode == care_mode && calendar.year == day.year() && calendar.weekly_pattern)
      return (*calendar.weekly_pattern)[static_cast<std::size_t>(day.weekday())] == '1';
  return true;
}

std::optional<std::int64_t> days_open(const Calendar& calendar, const std::vector<Closure>& closures) {
  if (calendar.days_open) return calendar.days_open;
  if (!calendar.weekly_pattern) return std::nullopt;
  const Date first = *Date::parse(std::to_string(calendar.year) + "-01-01");
  const Date last = *Date::parse(std::to_string(calendar.year) + "-12-31");
  std::int64_t open = 0;
  for (Date d = first; d <= last; d = d.plus_days(1)) {
    if ((*calendar.weekly_pattern)[static_cast<std::size_t>(d.weekday())] != '1') continue;
    const bool closed = std::any_of(closures.begin(), closures.end(), [&](const Closure& c) {
      return (!c.care_mode || *c.care_mode == calendar.care_mode) && d >= c.from && d <= c.to;
    });
    if (!closed) ++open;
  }
  return open;
}

bool renewal_due(const Authorisation& a, Date today) {
  return a.renewal_date <= today.plus_months(12);
}

std::string join_codes(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

std::string search_text_of(const Profile& p) {
  return fold_for_search(p.name + " " + p.finess_et + " " + p.city.value_or(""));
}

}  // namespace passerelle::modules::establishments
