#pragma once
// CPOM action sheets (DOMAIN.md §6): the multi-year contract between the organisation and its funders,
// its objectives (strategic → operational), the action sheets of the operational objectives with their
// actions and indicators, and the rules on them (no I/O).
//
// Progress: an action has its own percentage (0 when not started, 100 when done); a sheet's progress is
// the mean of its actions' percentages, abandoned actions left out; a CPOM's, the mean of its sheets'.
// An indicator may be linked to a computed indicator (indicators.hpp): its current value is then
// computed at each read, over the current year of the contract, never stored.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/problem.hpp"
#include "modules/steering/indicators.hpp"

namespace passerelle::modules::steering::cpom {

struct Code {
  std::string_view code;
  std::string_view label;
};

const std::vector<Code>& cpom_statuses();    // draft, signed, ended
const std::vector<Code>& action_statuses();  // not_started, in_progress, done, abandoned
const std::vector<Code>& units();            // rate, count, days, persons, fte, ratio, euros, number
bool has_code(const std::vector<Code>& list, std::string_view code);
std::string_view label_of(const std::vector<Code>& list, std::string_view code);
std::vector<std::string_view> codes_of(const std::vector<Code>& list);

// A CPOM lasts five years, six with an amendment (CASF L.313-11): the end may come at most six years
// after the start, the day before the anniversary.
constexpr int longest_years = 6;

struct Cpom {
  std::int64_t id = 0;
  std::int64_t organisation_id = 0;
  std::string name;
  std::vector<std::string> funders;             // codes of the establishments' funder list (ars, departement)
  std::vector<std::int64_t> establishment_ids;  // the establishments the contract concerns
  std::vector<std::int64_t> reader_ids;         // external reader accounts (the funders) who may read it
  Date start_date;
  Date end_date;
  std::string status = "draft";
  std::string created_by, created_at, updated_at;
};

// Two levels: strategic objectives (no parent), and operational objectives under one of them.
struct Objective {
  std::int64_t id = 0;
  std::int64_t cpom_id = 0;
  std::optional<std::int64_t> parent_id;
  std::string title;
  bool strategic() const { return !parent_id; }
};

struct Action {
  std::int64_t id = 0;  // 0: new (not stored yet)
  std::int64_t sheet_id = 0;
  std::string label;
  std::optional<std::string> owner;  // who carries it (a name or a function: « Directrice du pôle enfance »)
  std::optional<std::string> means;  // human, material and financial means
  std::vector<std::int64_t> establishment_ids;
  std::optional<Date> start_date;
  Date deadline;
  std::string status = "not_started";
  std::int64_t progress = 0;  // percent, 0 … 100
};

struct YearValue {
  int year = 0;
  double value = 0;
};

struct Indicator {
  std::int64_t id = 0;  // 0: new
  std::int64_t sheet_id = 0;
  std::string label;
  std::string unit = "number";  // a code of units(); rates are fractions (0.95), as the engine's
  bool higher_is_better = true;
  std::optional<double> initial_value;  // the value when the contract was signed
  double target_value = 0;
  int target_year = 0;
  std::vector<YearValue> values;              // the values recorded at each yearly review, by year
  std::optional<std::string> computed_id;     // a computed indicator (ACT-02…) it follows, with its scope
  std::optional<std::string> computed_scope;  // "organisation", "establishment:12", "category:246"
};

struct Comment {
  std::int64_t id = 0;
  std::int64_t sheet_id = 0;
  std::optional<std::int64_t> account_id;
  std::string author;
  std::string at;
  std::string text;
};

struct Sheet {
  std::int64_t id = 0;
  std::int64_t cpom_id = 0;
  std::int64_t organisation_id = 0;
  std::int64_t objective_id = 0;  // an operational objective of the CPOM
  std::string title;
  std::optional<std::string> description;  // context, diagnosis, expected results
  std::optional<std::string> owner;        // who steers the sheet
  std::string created_by, created_at, updated_at;
  std::vector<Action> actions;
  std::vector<Indicator> indicators;
  std::vector<Comment> comments;
};

// Field errors of the CPOM's own fields (dates and duration), named as in the API.
std::vector<FieldError> cpom_errors(const Cpom& c);

// The percentage of an action whose new status comes without one: 100 when done, 0 when not started,
// else what it was.
std::int64_t implied_progress(std::string_view status, std::int64_t previous);
// The errors of one action within its CPOM: a percentage matching the status (0 when not started,
// 100 when done), a deadline not before the start, both within the contract's period, establishments
// concerned by the contract.
std::vector<FieldError> action_errors(const Action& a, const Cpom& c, const std::string& prefix = "");

// The errors of one indicator within its CPOM: target year and yearly values within the contract's
// years (a value per year at most), a known unit; a linked indicator needs a computed indicator with
// one value (not a distribution) and a scope; its unit and direction are the computed indicator's.
std::vector<FieldError> indicator_errors(const Indicator& i, const Cpom& c, const std::string& prefix = "");

// What the CPOM may link to: the computed indicators with one value per period.
struct Linkable {
  std::string id;
  std::string label;
  std::string unit;  // a code of units()
  bool higher_is_better = true;
};
std::optional<Linkable> linkable(const std::string& id);
std::vector<Linkable> linkables();

// The scope of a linked indicator, as stored ("establishment:12"), within the CPOM's organisation.
// Empty when the text is not a scope (the caller then checks the establishment or category exists).
std::optional<Scope> parse_scope(std::string_view text, std::int64_t organisation_id);

// Mean of the actions' percentages, abandoned ones left out; empty without such an action.
std::optional<double> sheet_progress(const std::vector<Action>& actions);
// Mean of the sheets' progress, sheets without actions left out.
std::optional<double> cpom_progress(const std::vector<std::optional<double>>& sheets);
// Past its deadline and neither done nor abandoned.
bool is_late(const Action& a, Date today);

// The period a linked indicator's current value is computed over: the contract's current year so
// far (from 1 January, or the start, to today), or its last year once it has ended; empty before it starts.
std::optional<std::pair<Date, Date>> current_period(const Cpom& c, Date today);
// The indicator's latest value: the computed one when linked and known, else the value of the latest year.
std::optional<double> latest_value(const Indicator& i, const std::optional<double>& computed);
// Whether the latest value reaches the target (at least it, or at most it when lower is better).
std::optional<bool> target_reached(const Indicator& i, const std::optional<double>& latest);

}  // namespace passerelle::modules::steering::cpom
