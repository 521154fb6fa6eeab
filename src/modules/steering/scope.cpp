#include "modules/steering/scope.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include "auth/policy.hpp"
#include "core/problem.hpp"
#include "core/text.hpp"
#include "modules/establishments/reference.hpp"
#include "modules/services.hpp"
#include "store/tenant.hpp"

namespace passerelle::modules::steering {
namespace {

// Ten years at most: longer periods say nothing a dashboard can show, and cost the server.
constexpr int longest_period_years = 10;

Problem bad_scope(const std::string& field, std::string message) {
  return Problem::bad_request("Périmètre « " + field + " » invalide.", {{field, std::move(message)}});
}

Problem refused() { return Problem::hidden().mark_access_denied(); }

std::optional<std::int64_t> positive_id(std::string_view text) {
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

// The caller's rights over a whole organisation (an organisation-wide grant allowing `permission`).
bool organisation_wide(const Caller& caller, const Permission& permission, std::int64_t organisation_id) {
  return !auth::establishments_allowed(caller, permission, organisation_id).has_value();
}

bool platform_wide(const Caller& caller, const Permission& permission) {
  if (!caller.platform) return false;
  return std::any_of(caller.grants.begin(), caller.grants.end(), [&](const CallerGrant& g) {
    auto role = auth::role_from_code(g.role);
    return !g.organisation_id && role && auth::role_allows(*role, permission);
  });
}

std::string category_label(const std::string& code) {
  const auto* category = establishments::find_category(code);
  if (!category) return code;
  return std::string(category->short_label) + " (" + code + ")";
}

CheckedScope organisation_scope(store::Connection& c, const Request& request, std::int64_t organisation_id,
                                const Permission& permission) {
  auto row = c.query_one("SELECT name FROM organisation WHERE id = :id", {{"id", organisation_id}});
  if (!row) throw Problem::hidden();
  if (!organisation_wide(request.caller, permission, organisation_id)) throw refused();
  CheckedScope out;
  out.scope.kind = Scope::Kind::organisation;
  out.scope.organisation_id = organisation_id;
  out.label = row->text("name");
  out.kind = "organisation";
  return out;
}

std::optional<Date> date_parameter(const Request& request, const char* name) {
  auto text = request.query_param(name);
  if (!text) throw Problem::bad_request(std::string("Paramètre « ") + name + " » obligatoire.", {{name, "date AAAA-MM-JJ attendue"}});
  auto date = Date::parse(*text);
  if (!date) throw Problem::bad_request(std::string("Paramètre « ") + name + " » invalide.", {{name, "date AAAA-MM-JJ attendue"}});
  if (date->year() < 1900 || date->year() > 2199)
    throw Problem::bad_request(std::string("Paramètre « ") + name + " » invalide.", {{name, "date entre 1900 et 2199 attendue"}});
  return date;
}

bool first_of_month(Date d) { return d.day() == 1; }
bool last_of_month(Date d) { return d.plus_days(1).day() == 1; }

}  // namespace

boost::json::object to_json(const CheckedScope& scope) {
  return {{"code", scope.code()}, {"label", scope.label}, {"kind", scope.kind}};
}

CheckedScope parse_scope_checked(store::Connection& c, const Request& request, std::string_view text,
                                 const Permission& permission, const std::string& field) {
  const auto& caller = request.caller;
  const auto colon = text.find(':');
  const auto kind = text.substr(0, colon);
  const auto argument = colon == std::string_view::npos ? std::string_view{} : text.substr(colon + 1);
  const bool has_argument = colon != std::string_view::npos;

  if (kind == "platform" && !has_argument) {
    if (!platform_wide(caller, permission)) throw refused();
    CheckedScope out;
    out.scope.kind = Scope::Kind::platform;
    out.label = "Plateforme";
    out.kind = "platform";
    return out;
  }
  if (kind == "organisation") {
    if (!has_argument) {
      if (!caller.organisation_id)
        throw bad_scope(field, "organisation:{identifiant} attendu (la plateforme n'appartient à aucun organisme)");
      return organisation_scope(c, request, *caller.organisation_id, permission);
    }
    auto id = positive_id(argument);
    if (!id) throw bad_scope(field, "organisation:{identifiant} attendu");
    return organisation_scope(c, request, *id, permission);
  }
  if (kind == "category" && has_argument) {
    const std::string code(argument);
    if (!establishments::find_category(code)) throw bad_scope(field, "catégorie FINESS inconnue");
    if (!caller.organisation_id)
      throw bad_scope(field, "une catégorie se consulte au sein d'un organisme : choisissez organisation:{identifiant}");
    if (!organisation_wide(caller, permission, *caller.organisation_id)) throw refused();
    CheckedScope out;
    out.scope.kind = Scope::Kind::category;
    out.scope.organisation_id = *caller.organisation_id;
    out.scope.category = code;
    out.label = category_label(code);
    out.kind = "category";
    return out;
  }
  if (kind == "establishment" && has_argument) {
    auto id = positive_id(argument);
    if (!id) throw bad_scope(field, "establishment:{identifiant} attendu");
    store::Scoped data(c, scope_of(caller));
    auto row = data.query_one("SELECT organisation_id, name FROM establishment WHERE {{tenant}} AND id = :id", {{"id", *id}});
    if (!row) throw Problem::hidden();
    if (!allowed_on(caller, permission, row->integer("organisation_id"), *id)) throw refused();
    CheckedScope out;
    out.scope.kind = Scope::Kind::establishment;
    out.scope.organisation_id = row->integer("organisation_id");
    out.scope.establishment_id = *id;
    out.label = row->text("name");
    out.kind = "establishment";
    return out;
  }
  throw bad_scope(field, "establishment:{id}, category:{code}, organisation, organisation:{id} ou platform attendu");
}

CheckedScope read_scope(store::Connection& c, const Request& request, const Permission& permission) {
  auto text = request.query_param("scope");
  if (!text)
    throw Problem::bad_request("Paramètre « scope » obligatoire.",
                               {{"scope", "establishment:{id}, category:{code}, organisation ou platform attendu"}});
  return parse_scope_checked(c, request, *text, permission);
}

bool allowed_on(const Caller& caller, const Permission& permission, std::int64_t organisation_id,
                std::int64_t establishment_id) {
  if (caller.kind == Caller::Kind::anonymous) return false;
  if (caller.organisation_id && *caller.organisation_id != organisation_id) return false;
  auto only = auth::establishments_allowed(caller, permission, organisation_id);
  return !only || std::find(only->begin(), only->end(), establishment_id) != only->end();
}

boost::json::object to_json(const StudyPeriod& period) {
  return {{"from", period.from.to_string()}, {"to", period.to.to_string()}};
}

StudyPeriod read_period(const Request& request) {
  const auto from = date_parameter(request, "from");
  const auto to = date_parameter(request, "to");
  if (*to < *from) throw Problem::bad_request("La période est inversée.", {{"to", "la fin précède le début"}});
  if (*to >= from->plus_years(longest_period_years))
    throw Problem::bad_request("Période trop longue.", {{"to", "dix ans au plus"}});
  // Facts stop at today (open-ended stays, capacities and contracts aside): a period may run to the
  // end of next year (a year being planned), not further, where nothing can be measured.
  const int last_year = Date::today().year() + 1;
  if (to->year() > last_year)
    throw Problem::bad_request("Période trop lointaine.",
                               {{"to", "au plus le 31 décembre " + std::to_string(last_year)}});
  return {*from, *to};
}

StudyPeriod previous_period(const StudyPeriod& period) {
  if (first_of_month(period.from) && last_of_month(period.to)) {
    const int months = (period.to.year() - period.from.year()) * 12 + period.to.month() - period.from.month() + 1;
    return {period.from.plus_months(-months), period.from.plus_days(-1)};
  }
  return {period.from.plus_days(-period.days()), period.from.plus_days(-1)};
}

StudyPeriod same_period_last_year(const StudyPeriod& period) {
  // The last day of a month stays the last day (29 February → 28 February, 28 February 2025 → 29 February 2024).
  const Date to = last_of_month(period.to) ? period.to.plus_days(1).plus_years(-1).plus_days(-1) : period.to.plus_years(-1);
  return {period.from.plus_years(-1), to};
}

std::vector<std::string> read_indicator_ids(const Request& request) {
  const auto [first, last] = request.query.equal_range("ids");
  std::vector<std::string> out;
  if (first == last) {
    for (const auto& d : definitions()) out.push_back(d.id);
    return out;
  }
  std::set<std::string, std::less<>> asked;
  std::vector<std::string> unknown;
  for (auto it = first; it != last; ++it)
    for (const auto& piece : split(it->second, ',')) {
      const auto id = trim(piece);
      if (id.empty()) continue;
      if (!find_definition(id)) unknown.push_back(id.size() > 20 ? id.substr(0, 20) + "…" : id);
      asked.insert(id);
    }
  if (!unknown.empty()) {
    std::string list;
    for (const auto& u : unknown) list += (list.empty() ? "" : ", ") + u;
    throw Problem::bad_request("Indicateur inconnu.", {{"ids", "indicateur(s) inconnu(s) : " + list}});
  }
  if (asked.empty()) throw Problem::bad_request("Aucun indicateur demandé.", {{"ids", "liste d'indicateurs vide"}});
  for (const auto& d : definitions())
    if (asked.contains(d.id)) out.push_back(d.id);
  return out;
}

std::vector<ScopeEstablishment> establishments_of(store::Connection& c, const Scope& scope, Date active_since) {
  const auto tenant = scope.kind == Scope::Kind::platform ? store::Scope::platform()
                                                          : store::Scope::organisation(scope.organisation_id);
  store::Scoped data(c, tenant);
  std::string sql =
      "SELECT id, organisation_id, name, category_code FROM establishment WHERE {{tenant}} "
      "AND (archived_at IS NULL OR archived_at >= :since)";
  store::Params params{{"since", active_since.to_string()}};
  if (scope.kind == Scope::Kind::establishment) {
    sql += " AND id = :id";
    params.push_back({"id", scope.establishment_id});
  } else if (scope.kind == Scope::Kind::category) {
    sql += " AND category_code = :category";
    params.push_back({"category", scope.category});
  }
  sql += " ORDER BY name, id";
  std::vector<ScopeEstablishment> out;
  for (const auto& r : data.query(sql, params))
    out.push_back({r.integer("id"), r.integer("organisation_id"), r.text("name"), r.text("category_code")});
  return out;
}

}  // namespace passerelle::modules::steering
