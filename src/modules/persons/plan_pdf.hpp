#pragma once
// The support plan as a document for the person and their family: plain French, large type, one goal
// after the other with what is done for it and how it went at the last review. No I/O: the route loads
// the plan and renders what this builds.
#include <string>

#include "core/pdf/document.hpp"
#include "modules/persons/domain.hpp"
#include "modules/persons/plan.hpp"

namespace passerelle::modules::persons {

struct PlanPrintContext {
  std::string establishment_name;
  Date printed_on;
};

// « Élise DUPONT »: the first name used (or the first one) and the name used (or the birth name), upper case.
std::string display_name(const Identity& identity);
// Upper case, accents kept: « DUPRÉ ».
std::string upper_case(std::string text);
// « 3 mars 2026 », or the year alone for a birth date known only by its year.
std::string french_date(const std::string& iso);

pdf::Document plan_document(const SupportPlan& plan, const Person& person, const PlanPrintContext& context);
// What the plan's download is called: ASCII only, no name in it.
std::string plan_file_name(const SupportPlan& plan);

// French labels of the plan's codes.
std::string goal_domain_label(const std::string& domain);
std::string review_outcome_label(const std::string& outcome);

}  // namespace passerelle::modules::persons
