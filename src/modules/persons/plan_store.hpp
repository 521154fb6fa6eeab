#pragma once
// Storage of support plans.
#include <optional>
#include <vector>

#include "modules/persons/plan.hpp"
#include "store/tenant.hpp"

namespace passerelle::modules::persons {

// Every version for the person, newest first, with goals, actions, signatures and reviews.
std::vector<SupportPlan> plans_of(const store::Scoped& db, std::int64_t person_id);
std::optional<SupportPlan> find_plan(const store::Scoped& db, std::int64_t person_id, std::int64_t plan_id);
std::int64_t insert_plan(const store::Scoped& db, const SupportPlan& plan);
// Replaces the draft's content (needs, wishes, goals and actions).
void replace_plan_content(const store::Scoped& db, const SupportPlan& plan);
void insert_signature(const store::Scoped& db, std::int64_t plan_id, const PlanSignature& s);
void set_plan_status(const store::Scoped& db, const SupportPlan& plan);
void insert_review(const store::Scoped& db, std::int64_t plan_id, const PlanReview& r);
// Validated plans whose review is due before `until`, in the establishments of `only` (all if empty).
std::vector<SupportPlan> plans_due(const store::Scoped& db, Date until, const std::optional<std::vector<std::int64_t>>& only);

}  // namespace passerelle::modules::persons
