// Support plans (projet personnalisé): drafts, signatures, validation, reviews, reminders.
#include <algorithm>

#include "audit/history.hpp"
#include "auth/policy.hpp"
#include "core/clock.hpp"
#include "core/json_reader.hpp"
#include "modules/persons/plan_store.hpp"
#include "modules/persons/record.hpp"
#include "modules/persons/routes_support.hpp"

namespace passerelle::modules::persons {
namespace {

const Permission read_plan{Brick::persons, DataCategory::educational, Action::read};
const Permission write_plan{Brick::persons, DataCategory::educational, Action::write};

boost::json::value date_or_null(const std::optional<Date>& d) { return d ? boost::json::value(d->to_string()) : nullptr; }
boost::json::value text_or_null(const std::optional<std::string>& t) { return t ? boost::json::value(*t) : nullptr; }

boost::json::object to_json(const SupportPlan& p, Date today) {
  boost::json::array goals, signatures, reviews;
  for (const auto& g : p.goals) {
    boost::json::array actions;
    for (const auto& a : g.actions)
      actions.push_back({{"id", a.id}, {"description", a.description}, {"who", a.who}, {"frequency", a.frequency}});
    goals.push_back({{"id", g.id}, {"position", g.position}, {"domain", g.domain}, {"description", g.description},
                     {"expected_outcome", g.expected_outcome}, {"target_date", date_or_null(g.target_date)},
                     {"actions", std::move(actions)}});
  }
  for (const auto& s : p.signatures)
    signatures.push_back({{"signatory", s.signatory}, {"name", s.name}, {"signed_on", s.signed_on.to_string()},
                          {"recorded_by", s.recorded_by}});
  for (const auto& r : p.reviews) {
    boost::json::array outcomes;
    for (const auto& o : r.outcomes)
      outcomes.push_back({{"goal_id", o.goal_id}, {"outcome", o.outcome}, {"comment", text_or_null(o.comment)}});
    reviews.push_back({{"id", r.id}, {"review_date", r.review_date.to_string()}, {"summary", r.summary},
                       {"recorded_by", r.recorded_by}, {"outcomes", std::move(outcomes)}});
  }
  boost::json::array missing;
  if (p.status == "draft")
    for (const auto& m : missing_for_validation(p)) missing.emplace_back(m);
  return {{"id", p.id},
          {"person_id", p.person_id},
          {"establishment_id", p.establishment_id},
          {"version", p.version},
          {"status", p.status},
          {"needs_assessment", p.needs_assessment},
          {"person_wishes", text_or_null(p.person_wishes)},
          {"review_due", date_or_null(p.review_due)},
          {"review_state", review_state(p, today)},
          {"validated_at", text_or_null(p.validated_at)},
          {"validated_by", text_or_null(p.validated_by)},
          {"created_by", p.created_by},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at},
          {"missing_for_validation", std::move(missing)},
          {"goals", std::move(goals)},
          {"signatures", std::move(signatures)},
          {"reviews", std::move(reviews)}};
}

bool may_see(const Request& request, std::int64_t establishment_id, const Permission& permission) {
  auto allowed = visibility_for(request, permission).only;
  return !allowed || std::find(allowed->begin(), allowed->end(), establishment_id) != allowed->end();
}

// The plan named by the path, on the person named by the path, in an establishment the caller may
// reach with `permission`; else the usual 404.
SupportPlan load_plan(store::Connection& c, const Request& request, const Person& person, const Permission& permission) {
  auto plan = find_plan(scoped(c, request), person.id, request.id_param("plan_id"));
  if (!plan || !may_see(request, plan->establishment_id, permission)) throw Problem::hidden().mark_access_denied();
  return *plan;
}

audit::Event plan_event(const Request& request, const std::string& action, const Person& person, const SupportPlan& plan) {
  auto e = person_event(request, action, person, {"support_plan:" + std::to_string(plan.id)});
  e.establishment_id = plan.establishment_id;
  return e;
}

// Validation engages the establishment: heads of service and directors only.
void require_manager(const Request& request, std::int64_t organisation_id, std::int64_t establishment_id) {
  const bool manager = std::any_of(request.caller.grants.begin(), request.caller.grants.end(), [&](const CallerGrant& g) {
    return (g.role == "director" || g.role == "head_of_service") && g.organisation_id == organisation_id &&
           (!g.establishment_id || *g.establishment_id == establishment_id);
  });
  if (!manager) throw Problem::forbidden("La validation du projet revient au chef de service ou à la direction.").mark_access_denied();
}

}  // namespace

void register_plan_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;

  routes.add("GET", "/api/v1/support-plans/reminders",
             {"Projets personnalisés dont la révision est due dans les 30 jours ou dépassée", "Usagers", {}, "", true, read_plan},
             [db](Request& request) {
               const auto today = Date::today();
               auto lease = db->acquire();
               auto data = scoped(*lease, request);
               boost::json::array items;
               std::string ids;
               for (const auto& plan : plans_due(data, today.plus_days(30), visibility_for(request, read_plan).only)) {
                 auto person = find_person(data, plan.person_id, {});
                 if (!person || person->merged_into) continue;
                 items.push_back({{"plan_id", plan.id}, {"person_id", plan.person_id},
                                  {"person", person->identity.birth_name + " " +
                                                 (person->identity.first_names.empty() ? "" : person->identity.first_names[0])},
                                  {"establishment_id", plan.establishment_id}, {"version", plan.version},
                                  {"review_due", plan.review_due->to_string()}, {"review_state", review_state(plan, today)}});
                 ids += (ids.empty() ? "" : ",") + std::to_string(plan.person_id);
               }
               audit::append_alone(*db, audit::event_for(request, "read", "support_plan_reminders", ids.substr(0, 1000)));
               return Response::json({{"items", std::move(items)}});
             });

  routes.add("GET", "/api/v1/persons/{id}/plans",
             {"Projets personnalisés d'une personne (toutes versions)", "Usagers", {}, "", true, read_plan},
             [db](Request& request) {
               const auto today = Date::today();
               auto lease = db->acquire();
               auto person = load_person(*lease, request, read_plan);
               boost::json::array items;
               for (const auto& plan : plans_of(scoped(*lease, request), person.id))
                 if (may_see(request, plan.establishment_id, read_plan)) items.push_back(to_json(plan, today));
               audit::append_alone(*db, person_event(request, "read", person, {"support_plans"}));
               return Response::json({{"items", std::move(items)}});
             });

  routes.add("POST", "/api/v1/persons/{id}/plans",
             {"Ouvrir un projet personnalisé (brouillon ; reprend le projet validé si from_current est vrai)", "Usagers", {},
              "establishment_id, needs_assessment, person_wishes?, goals: [{domain, description, expected_outcome, "
              "target_date?, actions: [{description, who, frequency}]}]",
              true, write_plan},
             [db](Request& request) {
               const auto body = json_body(request);
               std::optional<std::int64_t> establishment;
               auto plan = read_plan_content(body, &establishment);
               auto created = db->in_transaction([&](store::Connection& c) {
                 auto person = load_for_change(c, request, read_plan);
                 auth::require(request.caller, write_plan, person.organisation_id, *establishment);
                 check_establishment(c, person.organisation_id, *establishment);
                 auto data = scoped(c, request);
                 int version = 0;
                 for (const auto& other : plans_of(data, person.id))
                   if (other.establishment_id == *establishment) {
                     version = std::max(version, other.version);
                     if (other.status == "draft")
                       throw Problem::conflict("Un projet en brouillon existe déjà pour cet établissement : complétez-le.",
                                               {{"establishment_id", "brouillon n° " + std::to_string(other.version) + " en cours"}});
                   }
                 plan.person_id = person.id;
                 plan.establishment_id = *establishment;
                 plan.version = version + 1;
                 plan.created_by = request.caller.label;
                 plan.id = insert_plan(data, plan);
                 audit::record_changes(c, request, person.organisation_id, "person", person.id,
                                       {{"support_plan", std::nullopt, "version " + std::to_string(plan.version) + " ouverte"}});
                 audit::append(c, plan_event(request, "update", person, plan));
                 return *find_plan(data, person.id, plan.id);
               });
               return Response::json(to_json(created, Date::today()), 201);
             });

  routes.add("PUT", "/api/v1/persons/{id}/plans/{plan_id}",
             {"Modifier un projet en brouillon (besoins, attentes, objectifs et actions)", "Usagers", {},
              "needs_assessment, person_wishes?, goals", true, write_plan},
             [db](Request& request) {
               const auto body = json_body(request);
               auto content = read_plan_content(body, nullptr);
               auto updated = db->in_transaction([&](store::Connection& c) {
                 auto person = load_for_change(c, request, read_plan);
                 auto plan = load_plan(c, request, person, write_plan);
                 if (plan.status != "draft") throw Problem::conflict("Un projet validé ne se modifie plus : ouvrez une nouvelle version.");
                 if (!plan.signatures.empty())
                   throw Problem::conflict("Le projet est déjà signé : son contenu ne change plus avant la validation.");
                 content.id = plan.id;
                 replace_plan_content(scoped(c, request), content);
                 audit::record_changes(c, request, person.organisation_id, "person", person.id,
                                       {{"support_plan " + std::to_string(plan.version), plan.needs_assessment.substr(0, 200),
                                         content.needs_assessment.substr(0, 200)}});
                 audit::append(c, plan_event(request, "update", person, plan));
                 return *find_plan(scoped(c, request), person.id, plan.id);
               });
               return Response::json(to_json(updated, Date::today()));
             });

  routes.add("POST", "/api/v1/persons/{id}/plans/{plan_id}/signatures",
             {"Enregistrer une signature du projet (personne, représentant légal, référent, direction)", "Usagers", {},
              "signatory, name, signed_on", true, write_plan},
             [db](Request& request) {
               const auto body = json_body(request);
               auto signature = read_signature(body, Date::today());
               auto updated = db->in_transaction([&](store::Connection& c) {
                 auto person = load_for_change(c, request, read_plan);
                 auto plan = load_plan(c, request, person, write_plan);
                 if (plan.status != "draft") throw Problem::conflict("Les signatures se recueillent avant la validation.");
                 if (std::any_of(plan.signatures.begin(), plan.signatures.end(),
                                 [&](const PlanSignature& s) { return s.signatory == signature.signatory; }))
                   throw Problem::conflict("Cette signature est déjà enregistrée.", {{"signatory", "déjà signé"}});
                 signature.recorded_by = request.caller.label;
                 insert_signature(scoped(c, request), plan.id, signature);
                 audit::record_changes(c, request, person.organisation_id, "person", person.id,
                                       {{"support_plan " + std::to_string(plan.version) + " signature", std::nullopt,
                                         signature.signatory + " : " + signature.name + " le " + signature.signed_on.to_string()}});
                 audit::append(c, plan_event(request, "update", person, plan));
                 return *find_plan(scoped(c, request), person.id, plan.id);
               });
               return Response::json(to_json(updated, Date::today()), 201);
             });

  routes.add("POST", "/api/v1/persons/{id}/plans/{plan_id}/validate",
             {"Valider le projet (signatures complètes) ; la version validée précédente est archivée", "Usagers", {},
              "review_due? (au plus un an)", true, write_plan},
             [db](Request& request) {
               const auto body = json_body(request);
               JsonReader in(body);
               auto asked = read_date(in, "review_due", false);
               in.finish();
               const auto today = Date::today();
               if (asked && *asked <= today) throw Problem::invalid_field("review_due", "la révision se situe dans l'avenir");
               if (asked && *asked > today.plus_years(1))
                 throw Problem::invalid_field("review_due", "la révision a lieu au plus un an après la validation");
               // Only managers validate: other roles are refused whatever the ids.
               if (!std::any_of(request.caller.grants.begin(), request.caller.grants.end(), [&](const CallerGrant& g) {
                     return (g.role == "director" || g.role == "head_of_service") && g.organisation_id == request.caller.organisation_id;
                   }))
                 throw Problem::forbidden("La validation du projet revient au chef de service ou à la direction.").mark_access_denied();
               auto validated = db->in_transaction([&](store::Connection& c) {
                 auto person = load_for_change(c, request, read_plan);
                 auto plan = load_plan(c, request, person, write_plan);
                 require_manager(request, person.organisation_id, plan.establishment_id);
                 if (plan.status != "draft") throw Problem::conflict("Ce projet n'est pas un brouillon.");
                 auto missing = missing_for_validation(plan);
                 if (!missing.empty()) {
                   std::vector<FieldError> errors;
                   for (const auto& m : missing) errors.push_back({"plan", "manque " + m});
                   throw Problem(422, "plan-incomplete", "Projet incomplet", "Le projet ne peut pas encore être validé.", errors);
                 }
                 auto data = scoped(c, request);
                 for (auto other : plans_of(data, person.id))
                   if (other.establishment_id == plan.establishment_id && other.status == "validated") {
                     other.status = "archived";
                     set_plan_status(data, other);
                   }
                 plan.status = "validated";
                 plan.validated_at = now_iso8601();
                 plan.validated_by = request.caller.label;
                 plan.review_due = review_due_after(today, asked);
                 set_plan_status(data, plan);
                 audit::record_changes(c, request, person.organisation_id, "person", person.id,
                                       {{"support_plan " + std::to_string(plan.version), "draft", "validated"}});
                 audit::append(c, plan_event(request, "validate", person, plan));
                 return *find_plan(data, person.id, plan.id);
               });
               return Response::json(to_json(validated, today));
             });

  routes.add("POST", "/api/v1/persons/{id}/plans/{plan_id}/reviews",
             {"Bilan du projet validé : évaluation de chaque objectif ; la prochaine révision est dans un an", "Usagers", {},
              "review_date, summary, outcomes: [{goal_id, outcome, comment?}]", true, write_plan},
             [db](Request& request) {
               const auto body = json_body(request);
               const auto today = Date::today();
               auto reviewed = db->in_transaction([&](store::Connection& c) {
                 auto person = load_for_change(c, request, read_plan);
                 auto plan = load_plan(c, request, person, write_plan);
                 if (plan.status != "validated") throw Problem::conflict("Seul le projet en vigueur fait l'objet d'un bilan.");
                 auto review = read_review(body, plan, today);
                 review.recorded_by = request.caller.label;
                 auto data = scoped(c, request);
                 insert_review(data, plan.id, review);
                 const auto previous_due = plan.review_due;
                 plan.review_due = review_due_after(review.review_date, std::nullopt);
                 set_plan_status(data, plan);
                 audit::record_changes(c, request, person.organisation_id, "person", person.id,
                                       {{"support_plan " + std::to_string(plan.version) + " review_due",
                                         previous_due ? std::optional(previous_due->to_string()) : std::nullopt,
                                         plan.review_due->to_string()}});
                 audit::append(c, plan_event(request, "update", person, plan));
                 return *find_plan(data, person.id, plan.id);
               });
               return Response::json(to_json(reviewed, today), 201);
             });
}

}  // namespace passerelle::modules::persons
