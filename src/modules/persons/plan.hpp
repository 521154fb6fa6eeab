#pragma once
// The support plan (projet personnalisé): drafted with the person and their family, validated with
// signatures, reviewed at least once a year. Rules only, no I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/json_reader.hpp"

namespace passerelle::modules::persons {

struct PlanAction {
  std::int64_t id = 0;
  std::int64_t goal_id = 0;
  std::string description;
  std::string who;
  std::string frequency;
};

struct PlanGoal {
  std::int64_t id = 0;
  int position = 0;
  std::string domain;
  std::string description;
  std::string expected_outcome;
  std::optional<Date> target_date;
  std::vector<PlanAction> actions;
};

struct PlanSignature {
  std::int64_t id = 0;
  std::string signatory;  // person | legal_representative | referent | director
  std::string name;
  Date signed_on;
  std::string recorded_by;
};

struct ReviewOutcome {
  std::int64_t goal_id = 0;
  std::string outcome;
  std::optional<std::string> comment;
};

struct PlanReview {
  std::int64_t id = 0;
  Date review_date;
  std::string summary;
  std::string recorded_by;
  std::vector<ReviewOutcome> outcomes;
};

struct SupportPlan {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::int64_t establishment_id = 0;
  int version = 0;
  std::string status = "draft";  // draft | validated | archived
  std::string needs_assessment;
  std::optional<std::string> person_wishes;
  std::optional<Date> review_due;
  std::optional<std::string> validated_at;
  std::optional<std::string> validated_by;
  std::string created_by;
  std::string created_at;
  std::string updated_at;
  std::vector<PlanGoal> goals;
  std::vector<PlanSignature> signatures;
  std::vector<PlanReview> reviews;
};

inline const std::vector<std::string_view> goal_domains = {
    "autonomy", "health", "communication", "social_life", "education", "work", "housing", "leisure", "family",
    "rights", "other"};
inline const std::vector<std::string_view> signatories = {"person", "legal_representative", "referent", "director"};
inline const std::vector<std::string_view> review_outcomes = {"achieved", "partly_achieved", "not_achieved",
                                                              "abandoned", "continued"};
inline constexpr std::size_t max_goals = 30;

// The content of a draft: needs, wishes, goals with their actions (422 naming every bad field, e.g.
// "goals/1/actions/0/who"). `establishment_id` is read on creation only.
SupportPlan read_plan_content(const boost::json::value& body, std::optional<std::int64_t>* establishment_id);
PlanSignature read_signature(const boost::json::value& body, Date today);
// Outcomes must name goals of this plan ("outcomes/2/goal_id" otherwise), each at most once.
PlanReview read_review(const boost::json::value& body, const SupportPlan& plan, Date today);

// What validation still lacks (empty: the plan can be validated): at least one goal with an
// action, the signatures of the person or their legal representative, the referent and the director.
std::vector<std::string> missing_for_validation(const SupportPlan& plan);
// The review is due a year after validation or after the last review, or at the date given if sooner.
Date review_due_after(Date event, const std::optional<Date>& asked);
// "overdue", "due_soon" (within 30 days) or "" (nothing to do yet); only validated plans are due.
std::string review_state(const SupportPlan& plan, Date today);

}  // namespace passerelle::modules::persons
