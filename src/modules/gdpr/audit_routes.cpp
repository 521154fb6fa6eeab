#include <charconv>

#include "audit/trail.hpp"
#include "auth/policy.hpp"
#include "modules/gdpr/routes.hpp"

namespace passerelle::modules::gdpr {
namespace {

const Permission read_audit{Brick::gdpr, DataCategory::audit, Action::read};
const Permission export_audit{Brick::gdpr, DataCategory::audit, Action::export_data};

std::optional<std::int64_t> id_query(const Request& request, const char* name) {
  auto text = request.query_param(name);
  if (!text) return std::nullopt;
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), id);
  if (ec != std::errc() || end != text->data() + text->size() || id <= 0)
    throw Problem::bad_request(std::string("Paramètre « ") + name + " » invalide.", {{name, "identifiant attendu"}});
  return id;
}

std::optional<std::string> date_query(const Request& request, const char* name) {
  auto text = request.query_param(name);
  if (!text) return std::nullopt;
  // YYYY-MM-DD, compared with ISO timestamps as text.
  const bool ok = text->size() == 10 && (*text)[4] == '-' && (*text)[7] == '-' &&
                  std::all_of(text->begin(), text->end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '-'; });
  if (!ok) throw Problem::bad_request(std::string("Paramètre « ") + name + " » invalide.", {{name, "date AAAA-MM-JJ attendue"}});
  return *text;
}

audit::SearchCriteria criteria(const Request& request, const Permission& permission) {
  audit::SearchCriteria q;
  q.organisation_id = request.caller.platform ? id_query(request, "organisation") : request.caller.organisation_id;
  if (!q.organisation_id) throw Problem::bad_request("Précisez l'organisme.", {{"organisation", "paramètre obligatoire ici"}});
  auth::require(request.caller, permission, *q.organisation_id);
  q.account_id = id_query(request, "account");
  q.person_id = id_query(request, "person");
  q.action = request.query_param("action");
  if (q.action && q.action->size() > 40) throw Problem::bad_request("Action inconnue.", {{"action", "trop long"}});
  q.from = date_query(request, "from");
  q.to = date_query(request, "to");
  if (q.from && q.to && *q.to < *q.from)
    throw Problem::bad_request("La période est inversée.", {{"to", "la fin précède le début"}});
  return q;
}

boost::json::object event_json(const audit::StoredEvent& s) {
  const auto& e = s.event;
  boost::json::array fields;
  for (const auto& f : e.fields) fields.emplace_back(f);
  auto opt = [](const std::optional<std::int64_t>& v) { return v ? boost::json::value(*v) : boost::json::value(nullptr); };
  return {{"id", s.id},
          {"at", s.at},
          {"account_id", opt(e.account_id)},
          {"account", e.account_label},
          {"role", e.role},
          {"organisation_id", opt(e.organisation_id)},
          {"establishment_id", opt(e.establishment_id)},
          {"action", e.action},
          {"outcome", e.outcome},
          {"object_type", e.object_type},
          {"object_id", e.object_id},
          {"person_id", opt(e.person_id)},
          {"fields", std::move(fields)},
          {"client_address", e.client_address},
          {"request_id", e.request_id}};
}

// CSV for a spreadsheet: semicolons, UTF-8 with BOM, quoted, and cells that a spreadsheet would
// run as formulas neutralised with a leading apostrophe.
std::string csv_cell(const std::string& value) {
  std::string v = value;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
    v.insert(v.begin(), '\'');
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += "\"\"";
    else out.push_back(c);
  }
  return out + "\"";
}

}  // namespace

void register_audit_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;
  const std::vector<ParameterDoc> filters = {
      {"account", "identifiant du compte", false},       {"person", "identifiant de la personne accompagnée", false},
      {"action", "read, create, update, sign_in…", false}, {"from", "début (AAAA-MM-JJ, inclus)", false},
      {"to", "fin (AAAA-MM-JJ, exclue)", false},          {"organisation", "organisme (plateforme)", false},
      {"limit", "taille de page", false},                 {"cursor", "page suivante", false}};

  routes.add("GET", "/api/v1/audit", {"Rechercher dans la trace des accès", "RGPD", filters, "", true, read_audit},
             [db](Request& request) {
               auto q = criteria(request, read_audit);
               const auto page = page_request(request, 100);
               q.after_id = page.after_id;
               q.limit = page.limit + 1;
               boost::json::array items;
               std::vector<audit::StoredEvent> found;
               {
                 auto lease = db->acquire();
                 found = audit::search(*lease, q);
               }
               for (const auto& s : found) items.push_back(event_json(s));
               auto e = audit::event_for(request, "read", "audit_trail");
               e.organisation_id = q.organisation_id;
               audit::append_alone(*db, e);
               return Response::json(page_of(std::move(items), page));
             });

  routes.add("GET", "/api/v1/audit/export", {"Exporter la trace des accès (CSV)", "RGPD", filters, "", true, export_audit},
             [db](Request& request) {
               auto q = criteria(request, export_audit);
               std::string csv = "\xEF\xBB\xBF";  // BOM: Excel then reads UTF-8
               csv += "id;horodatage;compte;rôle;organisme;établissement;action;résultat;objet;identifiant;personne;champs;adresse;requête\r\n";
               auto text = [](const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : std::string(); };
               std::int64_t rows = 0;
               auto lease = db->acquire();
               for (;;) {
                 q.limit = 5000;
                 auto batch = audit::search(*lease, q);
                 if (batch.empty()) break;
                 for (const auto& s : batch) {
                   const auto& e = s.event;
                   std::string fields;
                   for (const auto& f : e.fields) fields += (fields.empty() ? "" : ",") + f;
                   csv += std::to_string(s.id) + ";" + csv_cell(s.at) + ";" + csv_cell(e.account_label) + ";" +
                          csv_cell(e.role) + ";" + text(e.organisation_id) + ";" + text(e.establishment_id) + ";" +
                          csv_cell(e.action) + ";" + csv_cell(e.outcome) + ";" + csv_cell(e.object_type) + ";" +
                          csv_cell(e.object_id) + ";" + text(e.person_id) + ";" + csv_cell(fields) + ";" +
                          csv_cell(e.client_address) + ";" + csv_cell(e.request_id) + "\r\n";
                   ++rows;
                 }
                 q.after_id = batch.back().id;
               }
               auto e = audit::event_for(request, "export", "audit_trail", std::to_string(rows) + " events");
               e.organisation_id = q.organisation_id;
               audit::append_alone(*db, e);
               auto response = Response::text(std::move(csv), "text/csv; charset=utf-8");
               response.set_header("Content-Disposition", "attachment; filename=\"trace-des-acces.csv\"");
               return response;
             });

  routes.add("GET", "/api/v1/audit/verify", {"Vérifier l'intégrité de la chaîne de la trace", "RGPD", {}, "", true, read_audit},
             [db](Request& request) {
               auth::require(request.caller, read_audit, request.caller.organisation_id.value_or(0));
               auto result = audit::verify(*db);
               return Response::json({{"intact", result.intact},
                                      {"events_checked", result.events_checked},
                                      {"first_broken_id", result.first_broken_id ? boost::json::value(*result.first_broken_id)
                                                                                 : boost::json::value(nullptr)},
                                      {"reason", result.reason}});
             });
}

}  // namespace passerelle::modules::gdpr
