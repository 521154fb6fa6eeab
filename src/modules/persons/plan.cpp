#include "modules/persons/plan.hpp"

#include <algorithm>
#include <set>

#include "core/problem.hpp"
#include "modules/persons/record.hpp"

namespace passerelle::modules::persons {
namespace {

// Texts over 200 characters may hold several paragraphs.
std::optional<std::string> read_text(JsonReader& in, std::string_view field, bool required, std::size_t max_length) {
  return max_length > 200 ? in.paragraphs(field, required, max_length) : in.text(field, required, max_length);
}

std::string required_text(JsonReader& in, std::string_view field, std::size_t max_length) {
  auto v = read_text(in, field, true, max_length);
  return v.value_or("");
}

std::optional<std::string> optional_text(JsonReader& in, std::string_view field, std::size_t max_length) {
  auto v = read_text(in, field, false, max_length);
  if (v && v->empty()) return std::nullopt;
  return v;
}

// Errors of a nested reader, copied into the outer one (their fields carry the nested prefix).
void merge_errors(JsonReader& outer, const JsonReader& inner) {
  for (const auto& e : inner.errors()) outer.fail(e.field, e.message);
}

void refuse_unknown(JsonReader& outer, const boost::json::object& object, const std::string& prefix,
                    std::initializer_list<std::string_view> known) {
  for (const auto& field : object)
    if (std::find(known.begin(), known.end(), field.key()) == known.end())
      outer.fail(prefix + std::string(field.key()), "champ inconnu");
}

}  // namespace

SupportPlan read_plan_content(const boost::json::value& body, std::optional<std::int64_t>* establishment_id) {
  JsonReader in(body);
  SupportPlan plan;
  if (establishment_id) *establishment_id = in.integer("establishment_id", true, 1);
  plan.needs_assessment = required_text(in, "needs_assessment", 20000);
  plan.person_wishes = optional_text(in, "person_wishes", 20000);
  if (const auto* goals = in.array("goals", true)) {
    if (goals->size() > max_goals) in.fail("goals", "au plus " + std::to_string(max_goals) + " objectifs");
    for (std::size_t i = 0; i < goals->size() && i < max_goals; ++i) {
      const std::string prefix = "goals/" + std::to_string(i) + "/";
      if (!(*goals)[i].is_object()) {
        in.fail("goals/" + std::to_string(i), "un objet est attendu");
        continue;
      }
      JsonReader g((*goals)[i], prefix);
      PlanGoal goal;
      goal.position = static_cast<int>(i) + 1;
      goal.domain = g.choice("domain", true, goal_domains).value_or("");
      goal.description = required_text(g, "description", 2000);
      goal.expected_outcome = required_text(g, "expected_outcome", 2000);
      goal.target_date = read_date(g, "target_date", false);
      if (const auto* actions = g.array("actions", false)) {
        if (actions->size() > 20) g.fail("actions", "au plus 20 actions par objectif");
        for (std::size_t k = 0; k < actions->size() && k < 20; ++k) {
          const std::string action_prefix = prefix + "actions/" + std::to_string(k) + "/";
          if (!(*actions)[k].is_object()) {
            in.fail(prefix + "actions/" + std::to_string(k), "un objet est attendu");
            continue;
          }
          JsonReader a((*actions)[k], action_prefix);
          PlanAction action;
          action.description = required_text(a, "description", 2000);
          action.who = required_text(a, "who", 200);
          action.frequency = required_text(a, "frequency", 200);
          merge_errors(in, a);
          refuse_unknown(in, (*actions)[k].as_object(), action_prefix, {"description", "who", "frequency"});
          goal.actions.push_back(std::move(action));
        }
      }
      merge_errors(in, g);
      refuse_unknown(in, (*goals)[i].as_object(), prefix,
                     {"domain", "description", "expected_outcome", "target_date", "actions"});
      plan.goals.push_back(std::move(goal));
    }
  }
  in.finish();
  return plan;
}

PlanSignature read_signature(const boost::json::value& body, Date today) {
  JsonReader in(body);
  PlanSignature s;
  s.signatory = in.choice("signatory", true, signatories).value_or("");
  s.name = required_text(in, "name", 200);
  if (auto d = read_date(in, "signed_on", true)) {
    s.signed_on = *d;
    if (*d > today) in.fail("signed_on", "date future");
  }
  in.finish();
  return s;
}

PlanReview read_review(const boost::json::value& body, const SupportPlan& plan, Date today) {
  JsonReader in(body);
  PlanReview r;
  if (auto d = read_date(in, "review_date", true)) {
    r.review_date = *d;
    if (*d > today) in.fail("review_date", "date future");
  }
  r.summary = required_text(in, "summary", 20000);
  std::set<std::int64_t> seen;
  if (const auto* outcomes = in.array("outcomes", true)) {
    for (std::size_t i = 0; i < outcomes->size() && i < max_goals; ++i) {
      const std::string prefix = "outcomes/" + std::to_string(i) + "/";
      if (!(*outcomes)[i].is_object()) {
        in.fail("outcomes/" + std::to_string(i), "un objet est attendu");
        continue;
      }
      JsonReader o((*outcomes)[i], prefix);
      ReviewOutcome outcome;
      auto goal = o.integer("goal_id", true, 1);
      outcome.outcome = o.choice("outcome", true, review_outcomes).value_or("");
      outcome.comment = optional_text(o, "comment", 2000);
      if (goal) {
        outcome.goal_id = *goal;
        const bool ours = std::any_of(plan.goals.begin(), plan.goals.end(), [&](const PlanGoal& g) { return g.id == *goal; });
        if (!ours) o.fail("goal_id", "cet objectif n'appartient pas à ce projet");
        else if (!seen.insert(*goal).second) o.fail("goal_id", "objectif déjà évalué dans ce bilan");
      }
      merge_errors(in, o);
      refuse_unknown(in, (*outcomes)[i].as_object(), prefix, {"goal_id", "outcome", "comment"});
      r.outcomes.push_back(std::move(outcome));
    }
    if (outcomes->size() > max_goals) in.fail("outcomes", "trop d'évaluations");
  }
  in.finish();
  return r;
}

std::vector<std::string> missing_for_validation(const SupportPlan& plan) {
  std::vector<std::string> missing;
  if (plan.goals.empty()) missing.push_back("au moins un objectif");
  for (const auto& g : plan.goals)
    if (g.actions.empty()) missing.push_back("une action pour l'objectif " + std::to_string(g.position));
  auto signed_by = [&](std::string_view who) {
    return std::any_of(plan.signatures.begin(), plan.signatures.end(), [&](const PlanSignature& s) { return s.signatory == who; });
  };
  if (!signed_by("person") && !signed_by("legal_representative"))
    missing.push_back("la signature de la personne ou de son représentant légal");
  if (!signed_by("referent")) missing.push_back("la signature du référent");
  if (!signed_by("director")) missing.push_back("la signature de la direction");
  return missing;
}

Date review_due_after(Date event, const std::optional<Date>& asked) {
  const Date yearly = event.plus_years(1);
  return asked && *asked < yearly ? *asked : yearly;
}

std::string review_state(const SupportPlan& plan, Date today) {
  if (plan.status != "validated" || !plan.review_due) return "";
  if (*plan.review_due < today) return "overdue";
  if (*plan.review_due <= today.plus_days(30)) return "due_soon";
  return "";
}

}  // namespace passerelle::modules::persons
