#include "audit/history.hpp"
#include "audit/trail.hpp"
#include "auth/policy.hpp"
#include "core/json_reader.hpp"
#include "core/tabular/tabular.hpp"
#include "core/tabular/upload.hpp"
#include "modules/establishments/import.hpp"
#include "modules/establishments/json.hpp"
#include "modules/establishments/reference.hpp"
#include "modules/establishments/routes_support.hpp"

namespace passerelle::modules::establishments {
namespace {

struct Outcome {
  std::size_t line;
  std::string finess;
  std::string name;
  std::string action;  // create | update | unchanged
  std::vector<std::string> changes;
};

// Applies one row inside the caller's transaction; row errors are added to `errors`.
Outcome apply_row(store::Connection& c, const store::Scoped& scoped, const Request& request, std::int64_t organisation,
                  const ImportRow& row, Date effective, std::vector<FieldError>& errors) {
  const std::string where = "ligne " + std::to_string(row.line) + "/";
  Outcome out{row.line, row.profile.finess_et, row.profile.name, "unchanged", {}};
  auto existing = scoped.query_one("SELECT id FROM establishment WHERE {{tenant}} AND finess_et = :f",
                                   {{"f", row.profile.finess_et}});
  if (!existing && finess_et_taken(c, row.profile.finess_et)) {
    errors.push_back({where + "finess_et", "ce FINESS est enregistré dans un autre organisme"});
    return out;
  }
  std::int64_t id = 0;
  if (!existing) {
    id = create_establishment(scoped, row.profile);
    out.action = "create";
    audit::record_changes(c, request, organisation, "establishment", id,
                          {{"created", std::nullopt,
                            row.profile.finess_et + " — " + row.profile.name + " — catégorie " + row.profile.category_code +
                                " (import)"}});
    auto e = audit::event_for(request, "create", "establishment", std::to_string(id));
    e.organisation_id = organisation;
    e.establishment_id = id;
    e.fields = {"finess_et", "name", "category_code"};
    audit::append(c, e);
  } else {
    id = existing->integer("id");
    auto current = *find_establishment(scoped, id);
    if (current.archived_at) {
      errors.push_back({where + "finess_et", "établissement archivé : il ne se modifie plus"});
      return out;
    }
    Profile next = current.profile;
    next.name = row.profile.name;
    next.category_code = row.profile.category_code;
    if (row.profile.city) next.city = row.profile.city;
    if (row.profile.postal_code) next.postal_code = row.profile.postal_code;
    if (row.profile.address_line) next.address_line = row.profile.address_line;
    if (!row.profile.funders.empty()) next.funders = row.profile.funders;
    auto changed = audit::record_changes(
        c, request, organisation, "establishment", id,
        {{"name", current.profile.name, next.name}, {"category_code", current.profile.category_code, next.category_code},
         {"city", current.profile.city, next.city}, {"postal_code", current.profile.postal_code, next.postal_code},
         {"address_line", current.profile.address_line, next.address_line},
         {"funders", join_codes(current.profile.funders), join_codes(next.funders)}});
    if (!changed.empty()) {
      update_establishment(scoped, id, next);
      out.action = "update";
      out.changes = changed;
    }
  }
  // Authorised places: a different number from the effective date closes the running period.
  auto periods = capacities_of(scoped, id);
  for (const auto& [mode, places] : row.authorised_places) {
    auto running = std::find_if(periods.begin(), periods.end(), [&](const CapacityPeriod& p) {
      return p.care_mode == mode && p.status == "authorised" && p.period.contains(effective);
    });
    if (running != periods.end() && running->places == places) continue;
    CapacityPeriod next{0, mode, "authorised", places, {effective, std::nullopt}};
    try {
      if (running != periods.end()) {
        if (running->period.from == effective) throw Problem::conflict("une autre capacité commence déjà à cette date");
        running->period.to = effective.plus_days(-1);
        check_no_overlap(periods, next);
        update_capacity_end(scoped, running->id, running->period.to);
      } else {
        check_no_overlap(periods, next);
      }
    } catch (const Problem& problem) {
      errors.push_back({where + "places:" + mode, "période de capacité en conflit : " + problem.detail()});
      continue;
    }
    next.id = insert_capacity(scoped, id, next);
    periods.push_back(next);
    audit::record_changes(c, request, organisation, "establishment", id, {{"capacity", std::nullopt, describe(next)}});
    out.changes.push_back("places:" + mode);
    if (out.action == "unchanged") out.action = "update";
  }
  return out;
}

}  // namespace

void register_import_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;

  routes.add("POST", "/api/v1/establishments/import",
             {"Importer des établissements depuis un fichier CSV ou XLSX (aperçu, puis validation tout ou rien)",
              "Établissements", {},
              "file_base64, mapping? {champ: colonne}, commit (false : aperçu), effective_from? (date des capacités), "
              "organisation_id? (plateforme)",
              true, write_reference},
             [db](Request& request) {
               auto body = json_body(request);
               JsonReader in(body);
               auto file = in.text("file_base64", true, 16 * 1024 * 1024);
               const auto* mapping_json = in.object("mapping", false);
               auto commit = in.boolean("commit", false).value_or(false);
               auto effective_text = in.text("effective_from", false, 10);
               auto named_organisation = in.integer("organisation_id", false, 1);
               std::optional<Date> effective = effective_text ? Date::parse(*effective_text) : Date::today();
               if (!effective) in.fail("effective_from", "date invalide (AAAA-MM-JJ attendu)");
               in.finish();
               const std::int64_t organisation =
                   request.caller.platform ? named_organisation.value_or(0) : request.caller.organisation_id.value_or(0);
               if (!organisation) throw Problem::invalid_field("organisation_id", "organisme obligatoire");
               if (!request.caller.platform && named_organisation && named_organisation != request.caller.organisation_id)
                 throw Problem::hidden().mark_access_denied();
               auth::require(request.caller, write_reference, organisation);
               const auto table = tabular::read_upload(*file);
               const auto mapping = tabular::chosen_mapping(mapping_json, suggest_mapping(table.header));
               const auto rows = parse_rows(table, mapping);
               std::vector<FieldError> errors;
               const auto mapping_errors = tabular::mapping_problems(import_fields(), mapping, table.header, commit);
               for (const auto& r : rows) errors.insert(errors.end(), r.errors.begin(), r.errors.end());
               std::vector<Outcome> outcomes;
               if (mapping_errors.empty() && errors.empty()) {
                 // The preview runs the import for real and rolls it back: it shows exactly what a commit does.
                 auto lease = db->acquire();
                 store::Transaction tx(*lease);
                 store::Scoped scoped(*lease, store::Scope::platform().within(organisation));
                 for (const auto& r : rows) outcomes.push_back(apply_row(*lease, scoped, request, organisation, r, *effective, errors));
                 if (commit && errors.empty()) {
                   auto e = audit::event_for(request, "import", "establishment", std::to_string(rows.size()) + " lignes");
                   e.organisation_id = organisation;
                   audit::append(*lease, e);
                   tx.commit();
                 }
               }
               if (commit && !errors.empty())
                 throw Problem(422, "import-rejected", "Import refusé",
                               std::to_string(errors.size()) + " erreur(s) : rien n'a été enregistré.", errors);
               boost::json::object counts{{"create", 0}, {"update", 0}, {"unchanged", 0}};
               boost::json::array rows_json;
               for (const auto& o : outcomes) {
                 counts[o.action] = counts[o.action].as_int64() + 1;
                 boost::json::array changes;
                 for (const auto& ch : o.changes) changes.emplace_back(ch);
                 rows_json.push_back({{"line", o.line}, {"finess_et", o.finess}, {"name", o.name}, {"action", o.action},
                                      {"changes", std::move(changes)}});
               }
               auto answer = tabular::import_answer(commit, table, import_fields(), mapping, mapping_errors, errors);
               answer["rows"] = std::move(rows_json);
               answer["summary"] = std::move(counts);
               return Response::json(answer);
             });

  routes.add("GET", "/api/v1/establishments/export",
             {"Exporter la liste filtrée avec les places autorisées (CSV ou XLSX)", "Établissements",
              [] {
                auto p = list_parameters();
                p.push_back({"format", "csv (point-virgule, UTF-8 avec BOM) ou xlsx", true});
                p.push_back({"date", "date des capacités (AAAA-MM-JJ, aujourd'hui par défaut)", false});
                return p;
              }(),
              "", true, export_reference},
             [db](Request& request) {
               const auto format = request.query_param("format").value_or("");
               if (format != "csv" && format != "xlsx")
                 throw Problem::bad_request("Format inconnu.", {{"format", "csv ou xlsx"}});
               const auto date = date_param(request, "date", false).value_or(Date::today());
               auto scope = scope_of(request.caller);
               if (scope.is_platform() && request.query_param("organisation")) scope = scope.within(organisation_of(request));
               EstablishmentFilter filter = read_filter(request);
               if (!scope.is_platform())
                 filter.only = auth::establishments_allowed(request.caller, export_reference, *scope.organisation_id());
               auto lease = db->acquire();
               store::Scoped scoped(*lease, scope);
               std::vector<Establishment> all;
               for (PageRequest page{200, 0};;) {
                 auto batch = list_establishments(scoped, page, filter);
                 const bool more = static_cast<std::int64_t>(batch.size()) > page.limit;
                 if (more) batch.pop_back();
                 all.insert(all.end(), batch.begin(), batch.end());
                 if (!more || batch.empty()) break;
                 page.after_id = batch.back().id;
               }
               std::vector<std::string> modes;
               std::vector<std::vector<CapacityLine>> capacities;
               for (const auto& e : all) {
                 capacities.push_back(capacity_on(capacities_of(store::Scoped(*lease, store::Scope::organisation(e.organisation_id)), e.id), date));
                 for (const auto& line : capacities.back())
                   if (line.status == "authorised" && std::find(modes.begin(), modes.end(), line.care_mode) == modes.end())
                     modes.push_back(line.care_mode);
               }
               std::sort(modes.begin(), modes.end());
               tabular::Table table;
               table.header = export_header(modes);
               for (std::size_t i = 0; i < all.size(); ++i) {
                 const auto& p = all[i].profile;
                 const auto* category = find_category(p.category_code);
                 std::string funders_text, publics_text;
                 for (const auto& f : p.funders) funders_text += (funders_text.empty() ? "" : "/") + std::string(f == "ars" ? "ARS" : "CD");
                 for (const auto& pub : p.publics) publics_text += (publics_text.empty() ? "" : ", ") + std::string(label_of(publics(), pub));
                 std::vector<std::string> row = {p.finess_et, p.name, p.category_code,
                                                 category ? std::string(category->label) : "", p.address_line.value_or(""),
                                                 p.postal_code.value_or(""), p.city.value_or(""), funders_text, publics_text};
                 for (const auto& mode : modes) {
                   std::string places;
                   for (const auto& line : capacities[i])
                     if (line.care_mode == mode && line.status == "authorised") places = std::to_string(line.places);
                   row.push_back(places);
                 }
                 table.rows.push_back(std::move(row));
               }
               {
                 auto e = audit::event_for(request, "export", "establishment", std::to_string(all.size()) + " lignes " + format);
                 e.organisation_id = scope.organisation_id();
                 audit::append_alone(*db, e);
               }
               const bool csv = format == "csv";
               std::vector<tabular::ColumnKind> kinds(table.header.size(), tabular::ColumnKind::text);
               for (std::size_t k = 9; k < kinds.size(); ++k) kinds[k] = tabular::ColumnKind::number;
               auto response = Response::text(csv ? tabular::write_csv(table) : tabular::write_xlsx(table, "Établissements", kinds),
                                              std::string(tabular::media_type(csv ? tabular::Format::csv : tabular::Format::xlsx)));
               response.set_header("Content-Disposition", std::string("attachment; filename=\"etablissements-") +
                                                               date.to_string() + (csv ? ".csv" : ".xlsx") + "\"");
               return response;
             });
}

}  // namespace passerelle::modules::establishments
