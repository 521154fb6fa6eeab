#pragma once
// The measures kept per day (and month) in the aggregate tables of migration 0013, in column order:
// one list for the code that writes them, the code that sums them and the reference computed from
// the facts, so all three name the same columns.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/date.hpp"

namespace passerelle::modules::steering {

namespace activity {
enum Measure : std::size_t {
  places_authorised,
  places_installed,
  places_funded,
  places_authorised_funded,
  open_micro,
  theoretical_micro,
  funded_theoretical_micro,
  present,
  absent,
  absent_illness,
  absent_hospitalisation,
  absent_holiday,
  absent_family,
  absent_unjustified,
  absent_other,
  absent_counted,
  admissions,
  admissions_home,
  admissions_family,
  admissions_establishment,
  admissions_hospital,
  admissions_school,
  admissions_child_welfare,
  admissions_other,
  discharges,
  discharges_definitive,
  discharges_home,
  discharges_family,
  discharges_establishment,
  discharges_hospital,
  discharges_death,
  discharges_ordinary_work,
  discharges_other,
  discharges_unknown,
  completed_stay_days,
  stays_continuing,
  stays_continuing_admission,
  requests_admitted,
  requests_waiting_days,
  count
};
inline constexpr std::array<std::string_view, count> names = {
    "places_authorised", "places_installed", "places_funded", "places_authorised_funded", "open_micro",
    "theoretical_micro", "funded_theoretical_micro", "present", "absent", "absent_illness",
    "absent_hospitalisation", "absent_holiday", "absent_family", "absent_unjustified", "absent_other",
    "absent_counted", "admissions", "admissions_home", "admissions_family", "admissions_establishment",
    "admissions_hospital", "admissions_school", "admissions_child_welfare", "admissions_other", "discharges",
    "discharges_definitive", "discharges_home", "discharges_family", "discharges_establishment",
    "discharges_hospital", "discharges_death", "discharges_ordinary_work", "discharges_other", "discharges_unknown",
    "completed_stay_days", "stays_continuing", "stays_continuing_admission", "requests_admitted",
    "requests_waiting_days"};

// Attendance absence reasons (modules/persons/record.hpp), in the order of the absent_* columns.
inline constexpr std::array<std::string_view, 6> absence_reasons = {"illness", "hospitalisation", "holiday",
                                                                    "family", "unjustified", "other"};
// Stay origins and destinations (modules/persons/domain.hpp), in the order of their columns.
inline constexpr std::array<std::string_view, 7> origins = {"home", "family", "establishment", "hospital",
                                                            "school", "child_welfare", "other"};
inline constexpr std::array<std::string_view, 8> destinations = {
    "home", "family", "establishment", "hospital", "death", "ordinary_work", "other", "unknown"};
// Absence reasons counted by occupancy (ACT-02) during the first days of a run of absence: a
// hospitalisation or the person's own reasons; an unjustified absence is not counted.
inline constexpr std::array<std::string_view, 5> counted_reasons = {"illness", "hospitalisation", "holiday",
                                                                    "family", "other"};
inline constexpr int counted_run_days = 3;  // "absences de moins de 72 heures"
// Kinds of care left out of the average length of completed stays (ACT-04): temporary care and day care.
inline constexpr std::array<std::string_view, 4> short_care_modes = {"21", "40", "44", "45"};
// The request status that means the person entered (JDV_J252 "47").
inline constexpr std::string_view request_entered = "47";

std::size_t absence_column(std::string_view reason);       // absent_illness … absent_other
std::size_t origin_column(std::string_view origin);        // admissions_home … admissions_other
std::size_t destination_column(std::string_view destination);  // "" → discharges_unknown
bool is_counted_reason(std::string_view reason);
bool is_short_care_mode(std::string_view care_mode);
}  // namespace activity

namespace hr {
enum Measure : std::size_t {
  fte,
  fte_permanent,
  fte_fixed_term,
  fte_temporary_agency,
  fte_apprenticeship,
  fte_civil_servant,
  fte_civil_servant_trainee,
  fte_public_contract,
  headcount_permanent,
  hires,
  departures,
  replacement_contracts,
  absence_illness_short,
  absence_illness_medium,
  absence_long_illness,
  absence_maternity_paternity,
  absence_work_accident,
  absence_special_leave,
  count
};
inline constexpr std::array<std::string_view, count> names = {
    "fte", "fte_permanent", "fte_fixed_term", "fte_temporary_agency", "fte_apprenticeship", "fte_civil_servant",
    "fte_civil_servant_trainee", "fte_public_contract", "headcount_permanent", "hires", "departures",
    "replacement_contracts", "absence_illness_short", "absence_illness_medium", "absence_long_illness",
    "absence_maternity_paternity", "absence_work_accident", "absence_special_leave"};
// Contract kinds (modules/staff/domain.hpp), in the order of the fte_* columns after fte.
inline constexpr std::array<std::string_view, 7> contract_kinds = {
    "permanent", "fixed_term", "temporary_agency", "apprenticeship", "civil_servant", "civil_servant_trainee",
    "public_contract"};
// RH-01 groups, in the order of the absence_* columns. Ordinary illness is split by the length of the
// absence: short up to illness_short_days calendar days, medium beyond (unsourced threshold).
inline constexpr std::array<std::string_view, 6> absence_groups = {
    "illness_short", "illness_medium", "long_illness", "maternity_paternity",
    "work_accident_occupational_disease", "special_leave"};
inline constexpr int illness_short_days = 7;

// The column of a contract kind's FTE (fte_permanent …); fte for an unknown kind.
std::size_t kind_column(std::string_view kind);
// The absence column of an absence kind and its length in half days; none for paid leave, training
// and unknown kinds.
std::optional<std::size_t> absence_column(std::string_view kind, std::int64_t half_days);
// The job category of a job code, "unknown" outside the list.
std::string category_of(std::string_view job_code);
}  // namespace hr

using ActivityMeasures = std::array<std::int64_t, activity::count>;
using HrMeasures = std::array<std::int64_t, hr::count>;

// Millionths of a day: the unit of open_micro.
inline constexpr std::int64_t micro = 1000000;
// Working time of a full-time contract: the unit of fte.
inline constexpr std::int64_t full_time = 10000;

}  // namespace passerelle::modules::steering
