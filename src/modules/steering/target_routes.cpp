// Activity targets: the days an establishment is expected to provide in a year (ACT-01's
// denominator, prorated to the period; without a target, funded places × days open). Part of the
// establishment's reference data: read and written with the establishments' rights, each change in
// the establishment's history and the audit trail.
#include "audit/history.hpp"
#include "audit/trail.hpp"
#include "auth/policy.hpp"
#include "core/json_reader.hpp"
#include "modules/steering/indicator_routes.hpp"
#include "store/tenant.hpp"

namespace passerelle::modules::steering {
namespace {

const Permission read_reference{Brick::establishments, DataCategory::reference, Action::read};
const Permission write_reference{Brick::establishments, DataCategory::reference, Action::write};

// The largest yearly target accepted: 2,000 places open every day of a leap year, far above any
// establishment; a typing slip beyond it is refused rather than stored.
constexpr std::int64_t largest_target_days = 2000 * 366;

struct TargetEstablishment {
  std::int64_t id;
  std::int64_t organisation_id;
};

// The establishment of the path, if the caller may do `permission` on it; else the usual 404 (403 for a
// role that may not do it at all). Archived establishments are read-only (409).
TargetEstablishment load(store::Connection& c, const Request& request, const Permission& permission) {
  const auto id = request.id_param();
  store::Scoped data(c, scope_of(request.caller));
  auto row = data.query_one("SELECT organisation_id, archived_at FROM establishment WHERE {{tenant}} AND id = :id",
                            {{"id", id}});
  if (!row) throw Problem::hidden();
  auth::require(request.caller, permission, row->integer("organisation_id"), id);
  if (permission.action == Action::write && !row->is_null("archived_at"))
    throw Problem::conflict("Cet établissement est archivé : sa fiche ne se modifie plus.");
  return {id, row->integer("organisation_id")};
}

int year_param(const Request& request) {
  const auto& text = request.path_param("year");
  int year = 0;
  if (text.size() == 4 && text.find_first_not_of("0123456789") == std::string::npos) year = std::stoi(text);
  if (year < 1900 || year > 2199)
    throw Problem::bad_request("Année invalide.", {{"year", "année sur quatre chiffres attendue (1900 à 2199)"}});
  return year;
}

std::optional<std::int64_t> target_of(const store::Scoped& db, std::int64_t establishment_id, int year) {
  auto row = db.query_one("SELECT target_days FROM activity_target WHERE {{tenant}} AND establishment_id = :e AND year = :y",
                          {{"e", establishment_id}, {"y", static_cast<std::int64_t>(year)}});
  if (!row) return std::nullopt;
  return row->integer("target_days");
}

boost::json::object target_json(std::int64_t establishment_id, int year, std::int64_t target_days) {
  return {{"establishment_id", establishment_id}, {"year", year}, {"target_days", target_days}};
}

std::optional<std::string> described(const std::optional<std::int64_t>& days) {
  if (!days) return std::nullopt;
  return std::to_string(*days) + " journées";
}

// Writes the change in the establishment's history ("activity_target 2026", like "calendar 11 2026")
// and the audit trail.
void record(store::Connection& c, const Request& request, const TargetEstablishment& e, int year,
            const std::optional<std::int64_t>& before, const std::optional<std::int64_t>& after) {
  auto changed = audit::record_changes(c, request, e.organisation_id, "establishment", e.id,
                                       {{"activity_target " + std::to_string(year), described(before), described(after)}});
  auto event = audit::event_for(request, "update", "establishment", std::to_string(e.id));
  event.organisation_id = e.organisation_id;
  event.establishment_id = e.id;
  event.fields = changed;
  audit::append(c, event);
}

}  // namespace

void register_target_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;

  routes.add("GET", "/api/v1/establishments/{id}/activity-targets",
             {"Objectifs d'activité de l'établissement (journées à réaliser), par année", "Pilotage", {}, "", true,
              read_reference},
             [db](Request& request) {
               auto lease = db->acquire();
               const auto e = load(*lease, request, read_reference);
               store::Scoped data(*lease, store::Scope::organisation(e.organisation_id));
               boost::json::array items;
               for (const auto& r : data.query("SELECT year, target_days FROM activity_target WHERE {{tenant}} "
                                               "AND establishment_id = :e ORDER BY year",
                                               {{"e", e.id}}))
                 items.push_back({{"year", r.integer("year")}, {"target_days", r.integer("target_days")}});
               return Response::json({{"establishment_id", e.id}, {"items", std::move(items)}});
             });

  routes.add("GET", "/api/v1/establishments/{id}/activity-targets/{year}",
             {"Objectif d'activité de l'établissement pour une année", "Pilotage", {}, "", true, read_reference},
             [db](Request& request) {
               const auto year = year_param(request);
               auto lease = db->acquire();
               const auto e = load(*lease, request, read_reference);
               auto days = target_of(store::Scoped(*lease, store::Scope::organisation(e.organisation_id)), e.id, year);
               if (!days) throw Problem::not_found("Aucun objectif d'activité pour cette année.");
               return Response::json(target_json(e.id, year, *days));
             });

  routes.add("PUT", "/api/v1/establishments/{id}/activity-targets/{year}",
             {"Fixer l'objectif d'activité de l'établissement pour une année (remplace le précédent)", "Pilotage", {},
              "target_days (journées à réaliser dans l'année, entier positif)", true, write_reference},
             [db](Request& request) {
               const auto year = year_param(request);
               const auto body = json_body(request);
               JsonReader in(body);
               auto days = in.integer("target_days", true, 1, largest_target_days);
               in.finish();
               db->in_transaction([&](store::Connection& c) {
                 const auto e = load(c, request, write_reference);
                 store::Scoped data(c, store::Scope::organisation(e.organisation_id));
                 const auto before = target_of(data, e.id, year);
                 data.execute("INSERT INTO activity_target (organisation_id, establishment_id, year, target_days) "
                              "VALUES ({{tenant_id}}, :e, :y, :d) "
                              "ON CONFLICT (establishment_id, year) DO UPDATE SET target_days = excluded.target_days",
                              {{"e", e.id}, {"y", static_cast<std::int64_t>(year)}, {"d", *days}});
                 record(c, request, e, year, before, days);
               });
               return Response::json(target_json(request.id_param(), year, *days));
             });

  routes.add("DELETE", "/api/v1/establishments/{id}/activity-targets/{year}",
             {"Retirer l'objectif d'activité d'une année (le taux de réalisation se calcule alors sur les places "
              "financées)",
              "Pilotage", {}, "", true, write_reference},
             [db](Request& request) {
               const auto year = year_param(request);
               db->in_transaction([&](store::Connection& c) {
                 const auto e = load(c, request, write_reference);
                 store::Scoped data(c, store::Scope::organisation(e.organisation_id));
                 const auto before = target_of(data, e.id, year);
                 if (!before) throw Problem::not_found("Aucun objectif d'activité pour cette année.");
                 data.execute("DELETE FROM activity_target WHERE {{tenant}} AND establishment_id = :e AND year = :y",
                              {{"e", e.id}, {"y", static_cast<std::int64_t>(year)}});
                 record(c, request, e, year, before, std::nullopt);
               });
               return Response::no_content();
             });
}

}  // namespace passerelle::modules::steering
