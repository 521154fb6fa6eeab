#include "modules/persons/domain.hpp"

#include <algorithm>
#include <set>

#include "core/identifiers.hpp"
#include "core/problem.hpp"
#include "core/text.hpp"
#include "modules/establishments/reference.hpp"

namespace passerelle::modules::persons {
namespace {

// Names: the INS traits' alphabet — letters (Latin with its accents, Greek, Cyrillic), spaces,
// hyphens and apostrophes (straight or typographic). Digits, symbols and controls are refused.
bool plausible_name(std::string_view name) {
  const auto points = code_points(name);
  if (points.empty()) return false;
  for (char32_t cp : points) {
    const bool ascii_letter = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    const bool separator = cp == ' ' || cp == '-' || cp == '\'' || cp == 0x2019;
    const bool latin = (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x1E00 && cp <= 0x1EFF);
    const bool combining = cp >= 0x300 && cp <= 0x36F;
    const bool greek_cyrillic = (cp >= 0x370 && cp <= 0x3FF) || (cp >= 0x400 && cp <= 0x4FF);
    if (!(ascii_letter || separator || latin || combining || greek_cyrillic)) return false;
  }
  return true;
}

std::optional<std::string> read_name(JsonReader& in, std::string_view field, bool required) {
  auto value = in.text(field, required, 100);
  if (value && !plausible_name(*value)) in.fail(field, "lettres, espaces, tirets et apostrophes seulement");
  return value;
}

bool valid_birth_place(const std::string& code) {
  if (code.size() != 5) return false;
  const bool corsica = code[0] == '2' && (code[1] == 'A' || code[1] == 'B');
  for (std::size_t i = corsica ? 2 : 0; i < 5; ++i)
    if (code[i] < '0' || code[i] > '9') return false;
  return true;
}

}  // namespace

std::optional<std::string> nir_inconsistency(const Identity& id) {
  if (!id.nir) return std::nullopt;
  const auto& nir = *id.nir;
  const char sex = nir[0];
  if ((id.sex == "M" && sex != '1' && sex != '7') || (id.sex == "F" && sex != '2' && sex != '8'))
    return "le premier chiffre du NIR ne correspond pas au sexe";
  if (nir.substr(1, 2) != id.birth_date.substr(2, 2)) return "l'année du NIR ne correspond pas à la date de naissance";
  const int month = std::stoi(nir.substr(3, 2));
  if (id.birth_date.size() == 10 && month >= 1 && month <= 12 && nir.substr(3, 2) != id.birth_date.substr(5, 2))
    return "le mois du NIR ne correspond pas à la date de naissance";
  return std::nullopt;
}

Identity read_identity(const boost::json::value& body, const Identity* current, std::optional<std::int64_t>* establishment_id,
                       bool* confirm_duplicate) {
  JsonReader in(body);
  const bool create = current == nullptr;
  Identity out = current ? *current : Identity{};
  if (establishment_id) *establishment_id = in.integer("establishment_id", create, 1);
  if (confirm_duplicate) *confirm_duplicate = in.boolean("confirm_duplicate", false).value_or(false);
  if (auto v = read_name(in, "birth_name", create)) out.birth_name = *v;
  if (in.has("used_name")) out.used_name = read_name(in, "used_name", false);
  if (const auto* list = in.array("first_names", create)) {
    out.first_names.clear();
    if (list->empty() || list->size() > 10) in.fail("first_names", "de 1 à 10 prénoms, dans l'ordre de l'acte de naissance");
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto& v = (*list)[i];
      const std::string field = "first_names/" + std::to_string(i);
      if (!v.is_string() || text_problem(std::string(v.as_string()), 100) || !plausible_name(trim(std::string(v.as_string()))))
        in.fail(field, "prénom invalide (lettres, espaces, tirets, apostrophes ; 100 caractères au plus)");
      else
        out.first_names.push_back(trim(std::string(v.as_string())));
    }
  }
  if (in.has("used_first_name")) out.used_first_name = read_name(in, "used_first_name", false);
  if (auto v = in.choice("sex", create, {"F", "M", "I"})) out.sex = *v;
  if (auto v = in.text("birth_date", create, 10)) {
    out.birth_date = *v;
    if (v->size() == 4 && v->find_first_not_of("0123456789") == std::string::npos) {
      if (std::stoi(*v) < 1900 || std::stoi(*v) > Date::today().year()) in.fail("birth_date", "année de naissance invalide");
    } else if (auto date = Date::parse(*v); !date) {
      in.fail("birth_date", "date invalide (AAAA-MM-JJ, ou AAAA si seule l'année est connue)");
    } else if (*date > Date::today()) {
      in.fail("birth_date", "la date de naissance est dans le futur");
    } else if (date->year() < 1900) {
      in.fail("birth_date", "date de naissance antérieure à 1900");
    }
  }
  if (in.has("birth_place")) {
    out.birth_place = in.text("birth_place", false, 5);
    if (out.birth_place && !valid_birth_place(*out.birth_place))
      in.fail("birth_place", "code INSEE de commune (5 caractères, 2A/2B pour la Corse) ou 99 + code pays");
  }
  if (in.has("nir")) {
    out.nir = in.text("nir", false, 15);
    if (out.nir) {
      auto check = check_nir(*out.nir);
      if (!check.valid) in.fail("nir", "NIR invalide : " + check.message);
    }
  }
  if (auto v = in.choice("identity_status", false, {"PROV", "RECUP", "VALI", "QUAL"})) out.identity_status = *v;
  if (in.has("identity_document")) out.identity_document = in.text("identity_document", false, 200);
  if ((out.identity_status == "VALI" || out.identity_status == "QUAL") && !out.identity_document)
    in.fail("identity_document", "une identité validée ou qualifiée précise la pièce d'identité contrôlée");
  if ((out.identity_status == "RECUP" || out.identity_status == "QUAL") && !out.nir)
    in.fail("nir", "une identité récupérée ou qualifiée a un matricule INS (NIR)");
  if (in.ok() && out.nir)
    if (auto problem = nir_inconsistency(out)) in.fail("nir", *problem);
  in.finish();
  return out;
}

std::string normalise_name(std::string_view name) {
  std::string folded = fold_for_search(name);
  std::string out;
  for (char c : folded) {
    const char d = (c == '-' || c == '\'') ? ' ' : c;
    if (d == ' ' && (out.empty() || out.back() == ' ')) continue;
    out.push_back(d);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string search_text_of(const Identity& id) {
  std::string all = id.birth_name + " " + id.used_name.value_or("");
  for (const auto& f : id.first_names) all += " " + f;
  if (id.used_first_name) all += " " + *id.used_first_name;
  return " " + normalise_name(all) + " ";
}

std::vector<std::string> name_tokens(const Identity& id) {
  std::set<std::string> unique;
  for (const auto& word : split(search_text_of(id), ' '))
    if (!word.empty()) unique.insert(word);
  return {unique.begin(), unique.end()};
}

DuplicateScore duplicate_score(const Identity& a, const Identity& b) {
  DuplicateScore s;
  if (a.nir && b.nir && *a.nir == *b.nir) return {100, {"même NIR"}};
  auto names = [](const Identity& i) {
    std::set<std::string> out{normalise_name(i.birth_name)};
    if (i.used_name) out.insert(normalise_name(*i.used_name));
    return out;
  };
  auto first = [](const Identity& i) { return i.first_names.empty() ? std::string() : normalise_name(i.first_names.front()); };
  const auto names_a = names(a), names_b = names(b);
  const bool same_name = std::any_of(names_a.begin(), names_a.end(), [&](const auto& n) { return names_b.contains(n); });
  const bool same_first = !first(a).empty() && first(a) == first(b);
  const bool inverted = names_a.contains(first(b)) && names_b.contains(first(a));
  if (same_name) { s.score += 30; s.reasons.push_back("même nom"); }
  if (same_first) { s.score += 20; s.reasons.push_back("même premier prénom"); }
  if (!same_name && inverted) { s.score += 45; s.reasons.push_back("nom et prénom inversés"); }
  if (a.birth_date == b.birth_date) { s.score += 40; s.reasons.push_back("même date de naissance"); }
  else if (a.birth_date.substr(0, 4) == b.birth_date.substr(0, 4) && (a.birth_date.size() == 4 || b.birth_date.size() == 4)) {
    s.score += 15;
    s.reasons.push_back("même année de naissance");
  }
  if (a.birth_place && b.birth_place && *a.birth_place == *b.birth_place) { s.score += 10; s.reasons.push_back("même lieu de naissance"); }
  s.score = std::min(s.score, 100);
  return s;
}

void check_no_overlapping_stay(const std::vector<Stay>& existing, const Stay& candidate) {
  const Period wanted{candidate.admission_date, candidate.discharge_date};
  for (const auto& s : existing) {
    if (s.id == candidate.id || s.establishment_id != candidate.establishment_id || s.care_mode != candidate.care_mode) continue;
    if (Period{s.admission_date, s.discharge_date}.overlaps(wanted))
      throw Problem::conflict("La personne a déjà un séjour de ce mode d'accueil dans cet établissement sur ces dates.",
                              {{"admission_date", "chevauche le séjour commencé le " + s.admission_date.to_string()}});
  }
}

Decision read_decision(const boost::json::value& body) {
  JsonReader in(body);
  Decision d;
  d.mdph_number = in.text("mdph_number", false, 40);
  auto reference = in.text("decision_reference", true, 100);
  auto read_date = [&](std::string_view field) -> std::optional<Date> {
    auto text = in.text(field, true, 10);
    if (!text) return std::nullopt;
    auto date = Date::parse(*text);
    if (!date) in.fail(field, "date invalide (AAAA-MM-JJ attendu)");
    return date;
  };
  auto decision_date = read_date("decision_date");
  auto category = in.text("category_code", true, 3);
  auto from = read_date("valid_from");
  auto to = read_date("valid_to");
  d.creton = in.boolean("creton", false).value_or(false);
  if (category && !establishments::find_category(*category)) in.fail("category_code", "catégorie FINESS inconnue");
  if (from && to && *to < *from) in.fail("valid_to", "la fin de validité précède son début");
  if (decision_date && *decision_date > Date::today()) in.fail("decision_date", "la décision ne peut pas être datée du futur");
  in.finish();
  d.decision_reference = *reference;
  d.decision_date = *decision_date;
  d.category_code = *category;
  d.valid_from = *from;
  d.valid_to = *to;
  return d;
}

std::string validity_of(const Decision& d, Date today) {
  if (today < d.valid_from) return "future";
  if (d.valid_to < today) return "expired";
  if (d.valid_to <= today.plus_months(6)) return "expiring";
  return "valid";
}

}  // namespace passerelle::modules::persons
