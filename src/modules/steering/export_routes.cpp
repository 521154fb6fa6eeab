// Exports of the steering brick: a dashboard's figures (XLSX, one sheet per axis, or CSV) and the
// yearly ANAP campaign figures, one row per establishment (docs/indicators.md). Both need
// steering.reference.export_data and are written to the audit trail as exports.
#include <algorithm>
#include <charconv>

#include "audit/trail.hpp"
#include "auth/policy.hpp"
#include "core/tabular/tabular.hpp"
#include "modules/establishments/reference.hpp"
#include "modules/steering/export.hpp"
#include "modules/steering/routes.hpp"
#include "modules/steering/scope.hpp"

namespace passerelle::modules::steering {
namespace {

std::optional<std::int64_t> positive_integer(std::string_view text) {
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

std::string read_format(const Request& request) {
  const auto format = request.query_param("format").value_or("");
  if (format != "csv" && format != "xlsx") throw Problem::bad_request("Format inconnu.", {{"format", "xlsx ou csv"}});
  return format;
}

// The ids the engine knows, in the order asked: compute() takes only known ids, and an empty list
// would mean "all of them".
std::vector<std::string> known(const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  for (const auto& id : ids)
    if (find_definition(id)) out.push_back(id);
  return out;
}

Response file_response(const std::string& format, std::string body, const std::string& name) {
  const bool csv = format == "csv";
  auto response = Response::text(std::move(body),
                                 std::string(tabular::media_type(csv ? tabular::Format::csv : tabular::Format::xlsx)));
  response.set_header("Content-Disposition", "attachment; filename=\"" + name + (csv ? ".csv" : ".xlsx") + "\"");
  return response;
}

std::string file_name_part(std::string code) {
  std::replace(code.begin(), code.end(), ':', '-');
  return code;
}

}  // namespace

void register_export_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;

  routes.add("GET", "/api/v1/dashboards/{scope}/export",
             {"Exporter les indicateurs d'un tableau de bord (XLSX : une feuille par axe et les définitions ; CSV)",
              "Pilotage",
              {{"from", "début de la période (AAAA-MM-JJ)", true},
               {"to", "fin de la période, incluse (AAAA-MM-JJ)", true},
               {"format", "xlsx ou csv (point-virgule, UTF-8 avec BOM)", true}},
              "",
              true,
              export_steering},
             [db](Request& request) {
               const auto format = read_format(request);
               const auto period = read_period(request);
               auto lease = db->acquire();
               const auto checked = parse_scope_checked(*lease, request, request.path_param("scope"), export_steering);
               DashboardFigures figures;
               figures.scope_label = checked.label;
               figures.period = period;
               const auto& all = definitions();
               if (!all.empty()) {  // compute() with no id means every indicator
                 const auto previous = previous_period(period);
                 const auto last_year = same_period_last_year(period);
                 figures.current = compute(*lease, checked.scope, period.from, period.to);
                 figures.previous = compute(*lease, checked.scope, previous.from, previous.to);
                 figures.last_year = compute(*lease, checked.scope, last_year.from, last_year.to);
               }
               const auto code = checked.code();
               {
                 auto e = audit::event_for(
                     request, "export", "dashboard",
                     code + " " + period.from.to_string() + ".." + period.to.to_string() + " " + format);
                 if (checked.scope.organisation_id) e.organisation_id = checked.scope.organisation_id;
                 if (checked.scope.establishment_id) e.establishment_id = checked.scope.establishment_id;
                 audit::append_alone(*db, e);
               }
               auto body = format == "csv" ? tabular::write_csv(dashboard_table(figures, all))
                                           : tabular::write_xlsx(dashboard_sheets(figures, all));
               return file_response(
                   format, std::move(body),
                   "pilotage-" + file_name_part(code) + "-" + period.from.to_string() + "-" + period.to.to_string());
             });

  routes.add(
      "GET", "/api/v1/indicators/anap",
      {"Exporter les chiffres de la campagne annuelle du tableau de bord ANAP, une ligne par établissement",
       "Pilotage",
       {{"year", "année de la campagne (les chiffres du 1er janvier au 31 décembre)", true},
        {"establishment_id", "un seul établissement (par défaut : tous ceux que le compte peut exporter)", false},
        {"format", "xlsx ou csv (point-virgule, UTF-8 avec BOM)", true}},
       "",
       true,
       export_steering},
      [db](Request& request) {
        std::vector<FieldError> errors;
        const auto format = request.query_param("format").value_or("");
        if (format != "csv" && format != "xlsx") errors.push_back({"format", "xlsx ou csv"});
        int year = 0;
        {
          const auto text = request.query_param("year").value_or("");
          auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
          // Up to next year, as the dashboards' periods (scope.hpp): nothing is measured beyond.
          const int last = Date::today().year() + 1;
          if (text.empty() || ec != std::errc() || end != text.data() + text.size() || year < 2000 || year > last)
            errors.push_back({"year", "année sur 4 chiffres attendue, de 2000 à " + std::to_string(last)});
        }
        std::optional<std::int64_t> only;
        if (auto text = request.query_param("establishment_id")) {
          only = positive_integer(*text);
          if (!only) errors.push_back({"establishment_id", "identifiant d'établissement attendu"});
        }
        if (!errors.empty()) throw Problem::bad_request("Paramètres invalides.", errors);
        const Date from = *Date::parse(std::to_string(year) + "-01-01");
        const Date to = *Date::parse(std::to_string(year) + "-12-31");

        auto lease = db->acquire();
        // The establishments: the one asked for, or every one the caller may export, except those
        // archived before the year began.
        std::vector<store::Row> rows;
        const std::string columns =
            "SELECT id, organisation_id, finess_et, name, category_code, archived_at FROM establishment";
        if (only) {
          auto row = lease->query_one(columns + " WHERE id = :id", {{"id", *only}});
          if (!row) throw Problem::hidden().mark_access_denied();
          auth::require(request.caller, export_steering, row->integer("organisation_id"), *only);
          rows.push_back(*row);
        } else if (request.caller.platform) {
          rows = lease->query(columns + " ORDER BY finess_et");
        } else {
          const auto organisation = request.caller.organisation_id.value_or(0);
          const auto allowed = auth::establishments_allowed(request.caller, export_steering, organisation);
          for (auto& row :
               lease->query(columns + " WHERE organisation_id = :o ORDER BY finess_et", {{"o", organisation}}))
            if (!allowed || std::find(allowed->begin(), allowed->end(), row.integer("id")) != allowed->end())
              rows.push_back(std::move(row));
        }
        const auto ids = known(anap_indicator_ids());
        std::vector<AnapEstablishment> establishments;
        for (const auto& row : rows) {
          if (!only) {
            const auto archived = row.optional_text("archived_at");
            if (archived && archived->substr(0, 10) < from.to_string()) continue;
          }
          AnapEstablishment e;
          e.finess = row.text("finess_et");
          e.name = row.text("name");
          e.category_code = row.text("category_code");
          if (const auto* category = establishments::find_category(e.category_code))
            e.category_label = std::string(category->label);
          e.year = year;
          if (!ids.empty()) {
            Scope scope;
            scope.kind = Scope::Kind::establishment;
            scope.organisation_id = row.integer("organisation_id");
            scope.establishment_id = row.integer("id");
            e.values = compute(*lease, scope, from, to, ids);
          }
          establishments.push_back(std::move(e));
        }
        {
          auto e = audit::event_for(
              request, "export", "anap_campaign",
              std::to_string(year) + " " + format + " " + std::to_string(establishments.size()) + " établissement(s)");
          e.organisation_id = request.caller.organisation_id;
          if (only) {
            e.organisation_id = rows.front().integer("organisation_id");
            e.establishment_id = *only;
          }
          audit::append_alone(*db, e);
        }
        const auto& all = definitions();
        auto table = anap_table(establishments, all);
        std::string body;
        if (format == "csv") {
          body = tabular::write_csv(table);
        } else {
          std::vector<tabular::ColumnKind> kinds(table.header.size(), tabular::ColumnKind::number);
          for (std::size_t k = 0; k < 4 && k < kinds.size(); ++k) kinds[k] = tabular::ColumnKind::text;
          body = tabular::write_xlsx(
              std::vector<tabular::Sheet>{{"Campagne ANAP " + std::to_string(year), std::move(table), std::move(kinds)},
                                          {"Correspondance", anap_mapping_table(all), {}}});
        }
        return file_response(format, std::move(body),
                             "anap-" + std::to_string(year) + (only ? "-" + rows.front().text("finess_et") : ""));
      });
}

}  // namespace passerelle::modules::steering
