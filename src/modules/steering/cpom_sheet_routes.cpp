// CPOM action sheets: list, creation, detail, changes (actions and indicators with them), history, comments.
// Linked indicators' current values are computed at each read.
#include <charconv>

#include "audit/history.hpp"
#include "core/clock.hpp"
#include "core/json_reader.hpp"
#include "modules/steering/cpom_support.hpp"

namespace passerelle::modules::steering::cpom {
namespace {

using Text = std::optional<std::string>;

Text number_text(const std::optional<double>& v) {
  if (!v) return std::nullopt;
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, *v);
  return ec == std::errc() ? std::string(buffer, end) : std::to_string(*v);
}

Text date_text(const std::optional<Date>& d) { return d ? Text(d->to_string()) : std::nullopt; }

std::string ids_text(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (auto id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

// The sheet's objective is an operational objective of the CPOM; linked indicators' scopes name an
// establishment or a category of the organisation.
void check_references(const store::Scoped& db, const Cpom& cpom, const Sheet& s) {
  std::vector<FieldError> errors;
  const auto objectives = objectives_of(db, cpom.id);
  const auto objective =
      std::find_if(objectives.begin(), objectives.end(), [&](const Objective& o) { return o.id == s.objective_id; });
  if (objective == objectives.end())
    errors.push_back({"objective_id", "objectif inconnu dans ce CPOM"});
  else if (objective->strategic())
    errors.push_back({"objective_id", "une fiche action suit un objectif opérationnel"});
  for (std::size_t k = 0; k < s.indicators.size(); ++k) {
    const auto& i = s.indicators[k];
    if (!i.computed_scope) continue;
    const auto scope = parse_scope(*i.computed_scope, cpom.organisation_id);
    if (!scope) continue;  // refused with the body already
    const auto field = "indicators/" + std::to_string(k) + "/computed_scope";
    if (scope->kind == Scope::Kind::establishment && establishment_names(db, {scope->establishment_id}).empty())
      errors.push_back({field, "établissement inconnu dans cet organisme"});
    if (scope->kind == Scope::Kind::category && !category_in_organisation(db, scope->category))
      errors.push_back({field, "aucun établissement de cette catégorie dans l'organisme"});
  }
  if (!errors.empty()) throw Problem::invalid(errors);
}

void action_changes(const Action* a, const Action* b, std::vector<audit::FieldChange>& out) {
  const auto key = "actions/" + std::to_string(a ? a->id : b->id);
  if (!a || !b) {
    out.push_back({key, a ? Text(a->label) : std::nullopt, b ? Text(b->label) : std::nullopt});
    return;
  }
  out.push_back({key + "/label", a->label, b->label});
  out.push_back({key + "/owner", a->owner, b->owner});
  out.push_back({key + "/means", a->means, b->means});
  out.push_back({key + "/establishment_ids", ids_text(a->establishment_ids), ids_text(b->establishment_ids)});
  out.push_back({key + "/start_date", date_text(a->start_date), date_text(b->start_date)});
  out.push_back({key + "/deadline", a->deadline.to_string(), b->deadline.to_string()});
  out.push_back({key + "/status", a->status, b->status});
  out.push_back({key + "/progress", std::to_string(a->progress), std::to_string(b->progress)});
}

void indicator_changes(const Indicator* a, const Indicator* b, std::vector<audit::FieldChange>& out) {
  const auto key = "indicators/" + std::to_string(a ? a->id : b->id);
  if (!a || !b) {
    out.push_back({key, a ? Text(a->label) : std::nullopt, b ? Text(b->label) : std::nullopt});
    if (a) return;
  }
  const Indicator none;
  const auto& before = a ? *a : none;
  if (a) {
    out.push_back({key + "/label", a->label, b->label});
    out.push_back({key + "/unit", a->unit, b->unit});
    out.push_back({key + "/higher_is_better", a->higher_is_better ? "1" : "0", b->higher_is_better ? "1" : "0"});
    out.push_back({key + "/initial_value", number_text(a->initial_value), number_text(b->initial_value)});
    out.push_back({key + "/target_value", number_text(a->target_value), number_text(b->target_value)});
    out.push_back({key + "/target_year", std::to_string(a->target_year), std::to_string(b->target_year)});
    out.push_back({key + "/computed_id", a->computed_id, b->computed_id});
    out.push_back({key + "/computed_scope", a->computed_scope, b->computed_scope});
  }
  // The yearly values, as the yearly review records them.
  std::map<int, std::pair<Text, Text>> years;
  for (const auto& v : before.values) years[v.year].first = number_text(v.value);
  for (const auto& v : b->values) years[v.year].second = number_text(v.value);
  for (const auto& [year, values] : years)
    out.push_back({key + "/values/" + std::to_string(year), values.first, values.second});
}

std::vector<audit::FieldChange> sheet_changes(const Sheet& a, const Sheet& b) {
  std::vector<audit::FieldChange> out{{"objective_id", std::to_string(a.objective_id), std::to_string(b.objective_id)},
                                      {"title", a.title, b.title},
                                      {"description", a.description, b.description},
                                      {"owner", a.owner, b.owner}};
  for (const auto& old : a.actions) {
    auto it = std::find_if(b.actions.begin(), b.actions.end(), [&](const Action& x) { return x.id == old.id; });
    action_changes(&old, it == b.actions.end() ? nullptr : &*it, out);
  }
  for (const auto& added : b.actions)
    if (std::none_of(a.actions.begin(), a.actions.end(), [&](const Action& x) { return x.id == added.id; }))
      action_changes(nullptr, &added, out);
  for (const auto& old : a.indicators) {
    auto it =
        std::find_if(b.indicators.begin(), b.indicators.end(), [&](const Indicator& x) { return x.id == old.id; });
    indicator_changes(&old, it == b.indicators.end() ? nullptr : &*it, out);
  }
  for (const auto& added : b.indicators)
    if (std::none_of(a.indicators.begin(), a.indicators.end(), [&](const Indicator& x) { return x.id == added.id; }))
      indicator_changes(nullptr, &added, out);
  return out;
}

Sheet sheet_in(const store::Scoped& db, const Cpom& cpom, const Request& request) {
  auto s = find_sheet(db, cpom.id, request.id_param("sheet_id"));
  if (!s) throw Problem::hidden();
  return *s;
}

boost::json::object sheet_json(store::Connection& c, const Cpom& cpom, const Sheet& s) {
  const auto today = Date::today();
  return to_json(s, current_values(c, cpom, {s}, today), today);
}

}  // namespace

void register_sheet_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;

  routes.add("GET", "/api/v1/cpom/{id}/sheets",
             {"Les fiches action d'un CPOM, avec leurs actions et indicateurs (valeurs actuelles calculées)",
              "CPOM",
              {},
              "",
              true,
              read_contracts},
             [db](Request& request) {
               auto lease = db->acquire();
               const auto loaded = load_cpom(*lease, request, false);
               const auto sheets = sheets_of(cpom_scope(*lease, loaded.cpom), loaded.cpom.id);
               const auto today = Date::today();
               const auto current = current_values(*lease, loaded.cpom, sheets, today);
               boost::json::array items;
               for (const auto& s : sheets) items.push_back(to_json(s, current, today));
               audit_reader_read(*db, request, loaded, "cpom", loaded.cpom.id);
               return Response::json({{"items", std::move(items)}});
             });

  routes.add(
      "POST", "/api/v1/cpom/{id}/sheets",
      {"Créer une fiche action (objectif opérationnel, actions, indicateurs)",
       "CPOM",
       {},
       "objective_id, title, description?, owner?, actions? [{label, owner?, means?, establishment_ids?, "
       "start_date?, deadline, status?, progress?}], indicators? [{label, unit?, higher_is_better?, initial_value?, "
       "target_value, target_year, values? [{year, value}], computed_id?, computed_scope?}]",
       true,
       write_contracts},
      [db](Request& request) {
        const auto body = json_body(request);
        auto created = db->in_transaction([&](store::Connection& c) {
          const auto cpom = load_cpom(c, request, true).cpom;
          auto s = read_sheet(body, nullptr, cpom);
          const auto data = cpom_scope(c, cpom);
          check_references(data, cpom, s);
          s.cpom_id = cpom.id;
          s.organisation_id = cpom.organisation_id;
          s.created_by = request.caller.label;
          s.id = insert_sheet(data, s);
          save_actions(data, s.id, {}, s.actions);
          save_indicators(data, s.id, {}, s.indicators);
          audit::record_changes(c, request, cpom.organisation_id, "cpom_sheet", s.id,
                                {{"created", std::nullopt, s.title}});
          std::vector<std::string> fields{"objective_id", "title"};
          if (!s.actions.empty()) fields.push_back("actions");
          if (!s.indicators.empty()) fields.push_back("indicators");
          audit::append(c, cpom_event(request, "create", "cpom_sheet", s.id, cpom, fields));
          return sheet_json(c, cpom, *find_sheet(data, cpom.id, s.id));
        });
        auto response = Response::json(created, 201);
        response.set_header("Location", "/api/v1/cpom/" + request.path_param("id") + "/sheets/" +
                                            std::to_string(created.at("id").as_int64()));
        return response;
      });

  routes.add("GET", "/api/v1/cpom/{id}/sheets/{sheet_id}",
             {"Une fiche action : actions, indicateurs (valeur actuelle calculée), avancement, commentaires",
              "CPOM",
              {},
              "",
              true,
              read_contracts},
             [db](Request& request) {
               auto lease = db->acquire();
               const auto loaded = load_cpom(*lease, request, false);
               const auto s = sheet_in(cpom_scope(*lease, loaded.cpom), loaded.cpom, request);
               auto body = sheet_json(*lease, loaded.cpom, s);
               audit_reader_read(*db, request, loaded, "cpom_sheet", s.id);
               return Response::json(body);
             });

  routes.add("PATCH", "/api/v1/cpom/{id}/sheets/{sheet_id}",
             {"Modifier une fiche action : les listes actions et indicators données remplacent les précédentes (un "
              "élément avec id modifie celui-ci, sans id en ajoute un, un élément absent est retiré)",
              "CPOM",
              {},
              "objective_id?, title?, description?, owner?, actions?, indicators?",
              true,
              write_contracts},
             [db](Request& request) {
               const auto body = json_body(request);
               auto updated = db->in_transaction([&](store::Connection& c) {
                 const auto cpom = load_cpom(c, request, true).cpom;
                 const auto data = cpom_scope(c, cpom);
                 const auto current = sheet_in(data, cpom, request);
                 auto next = read_sheet(body, &current, cpom);
                 check_references(data, cpom, next);
                 update_sheet(data, next);
                 save_actions(data, current.id, current.actions, next.actions);
                 save_indicators(data, current.id, current.indicators, next.indicators);
                 auto changed = audit::record_changes(c, request, cpom.organisation_id, "cpom_sheet", current.id,
                                                      sheet_changes(current, next));
                 audit::append(c, cpom_event(request, "update", "cpom_sheet", current.id, cpom, changed));
                 return sheet_json(c, cpom, *find_sheet(data, cpom.id, current.id));
               });
               return Response::json(updated);
             });

  routes.add(
      "GET", "/api/v1/cpom/{id}/sheets/{sheet_id}/history",
      {"Historique des modifications d'une fiche action (pas pour les lecteurs externes)",
       "CPOM",
       {},
       "",
       true,
       read_contracts},
      [db](Request& request) {
        auto lease = db->acquire();
        const auto loaded = load_cpom(*lease, request, false);
        require_staff(loaded);
        const auto s = sheet_in(cpom_scope(*lease, loaded.cpom), loaded.cpom, request);
        boost::json::array items;
        for (const auto& h : audit::history_of(*lease, loaded.cpom.organisation_id, "cpom_sheet", s.id))
          items.push_back({{"id", h.id},
                           {"field", h.field},
                           {"previous_value", h.previous_value ? boost::json::value(*h.previous_value) : nullptr},
                           {"new_value", h.new_value ? boost::json::value(*h.new_value) : nullptr},
                           {"account", h.account_label},
                           {"at", h.at}});
        return Response::json({{"items", std::move(items)}});
      });

  routes.add("POST", "/api/v1/cpom/{id}/sheets/{sheet_id}/comments",
             {"Commenter une fiche action (suivi, revue annuelle) ; un commentaire ne se modifie pas",
              "CPOM",
              {},
              "text",
              true,
              write_contracts},
             [db](Request& request) {
               const auto body = json_body(request);
               auto created = db->in_transaction([&](store::Connection& c) {
                 const auto cpom = load_cpom(c, request, true).cpom;
                 const auto data = cpom_scope(c, cpom);
                 const auto s = sheet_in(data, cpom, request);
                 auto comment = read_comment(body);
                 comment.sheet_id = s.id;
                 comment.account_id = request.caller.account_id;
                 // Shown to the funders too: the person's name rather than their email.
                 comment.author = request.caller.label;
                 if (comment.account_id)
                   if (auto named = accounts_named(data, {*comment.account_id}); !named.empty())
                     comment.author = named.begin()->second.display_name;
                 comment.at = now_iso8601();
                 comment.id = insert_comment(data, comment);
                 audit::append(c, cpom_event(request, "create", "cpom_comment", comment.id, cpom, {"text"}));
                 return comment;
               });
               return Response::json(
                   {{"id", created.id}, {"author", created.author}, {"at", created.at}, {"text", created.text}}, 201);
             });
}

}  // namespace passerelle::modules::steering::cpom
