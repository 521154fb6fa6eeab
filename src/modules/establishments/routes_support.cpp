#include "modules/establishments/routes_support.hpp"

#include "auth/policy.hpp"
#include "core/text.hpp"
#include "modules/establishments/reference.hpp"

namespace passerelle::modules::establishments {

std::vector<ParameterDoc> page_parameters() {
  return {{"limit", "nombre d'éléments par page (1 à 200, 50 par défaut)", false},
          {"cursor", "curseur renvoyé par la page précédente (next_cursor)", false}};
}

std::vector<ParameterDoc> list_parameters() {
  auto p = page_parameters();
  p.push_back({"organisation", "organisme (administration de la plateforme)", false});
  p.push_back({"category", "code de catégorie FINESS (183 pour un IME…)", false});
  p.push_back({"funder", "ars ou departement", false});
  p.push_back({"brick", "brique activée (steering, surveys…)", false});
  p.push_back({"q", "recherche dans le nom, le FINESS et la ville (sans accents ni casse)", false});
  p.push_back({"include_archived", "true pour voir aussi les établissements archivés", false});
  return p;
}

EstablishmentFilter read_filter(const Request& request) {
  EstablishmentFilter filter;
  std::vector<FieldError> errors;
  if (auto category = request.query_param("category")) {
    if (!find_category(*category)) errors.push_back({"category", "catégorie FINESS inconnue"});
    filter.category = category;
  }
  if (auto funder = request.query_param("funder")) {
    if (!has_code(funders(), *funder)) errors.push_back({"funder", "financeur inconnu (ars, departement)"});
    filter.funder = funder;
  }
  if (auto brick = request.query_param("brick")) {
    if (!has_code(bricks(), *brick)) errors.push_back({"brick", "brique inconnue"});
    filter.brick = brick;
  }
  if (auto q = request.query_param("q")) {
    if (auto problem = text_problem(*q, 100)) errors.push_back({"q", *problem});
    // LIKE wildcards typed by the user are searched for literally: drop them.
    std::string folded;
    for (char c : fold_for_search(trim(*q)))
      if (c != '%' && c != '_') folded.push_back(c);
    if (!folded.empty()) filter.text = folded;
  }
  if (auto archived = request.query_param("include_archived")) {
    if (*archived != "true" && *archived != "false") errors.push_back({"include_archived", "true ou false attendu"});
    filter.include_archived = *archived == "true";
  }
  if (!errors.empty()) throw Problem::bad_request("Filtre invalide.", errors);
  return filter;
}

void check_profile_references(store::Connection& c, const store::Scoped& scoped, const Profile& profile,
                              std::int64_t self_id) {
  if (finess_et_taken(c, profile.finess_et, self_id))
    throw Problem::conflict("Un établissement porte déjà ce numéro FINESS.", {{"finess_et", "numéro FINESS déjà utilisé"}});
  if (profile.parent_id) {
    if (*profile.parent_id == self_id) throw Problem::invalid_field("parent_id", "un établissement ne peut être son propre parent");
    if (!find_establishment(scoped, *profile.parent_id))
      throw Problem::invalid_field("parent_id", "établissement parent inconnu dans cet organisme");
  }
}

Establishment load_establishment(store::Connection& c, const Request& request, const Permission& permission) {
  const auto id = request.id_param();
  store::Scoped scoped(c, scope_of(request.caller));
  auto found = find_establishment(scoped, id);
  if (!found) throw Problem::hidden();
  auth::require(request.caller, permission, found->organisation_id, found->id);
  if (permission.action == Action::write) {
    // Writers of one establishment take turns: checks such as "no overlapping capacity period"
    // then hold under concurrent requests (SQLite write transactions already take turns).
    lock_establishment(scoped, id);
    if (found->archived_at) throw Problem::conflict("Cet établissement est archivé : sa fiche ne se modifie plus.");
  }
  return *found;
}

std::optional<Date> date_param(const Request& request, const char* name, bool required) {
  auto text = request.query_param(name);
  if (!text) {
    if (required) throw Problem::bad_request(std::string("Paramètre « ") + name + " » obligatoire.", {{name, "date AAAA-MM-JJ attendue"}});
    return std::nullopt;
  }
  auto date = Date::parse(*text);
  if (!date) throw Problem::bad_request(std::string("Paramètre « ") + name + " » invalide.", {{name, "date AAAA-MM-JJ attendue"}});
  return date;
}

}  // namespace passerelle::modules::establishments
