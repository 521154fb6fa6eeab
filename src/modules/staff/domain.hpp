#pragma once
// Staff records: the sector's job list, contracts and absences, and the rules on them (no I/O).
// Full-time equivalents (FTE) are computed from contracts: on a date, the sum of the working time of
// the contracts running that day; over a period, the average of that sum over the period's days.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/date.hpp"
#include "core/problem.hpp"

namespace passerelle::modules::staff {

struct Code {
  std::string_view code;
  std::string_view label;
};

struct Job {
  std::string_view code;
  std::string_view label;
  std::string_view category;  // a code of job_categories()
};

const std::vector<Code>& job_categories();
const std::vector<Job>& jobs();
const Job* find_job(std::string_view code);
// A job named as people write it in a spreadsheet: its code or its label, ignoring case, accents
// and punctuation ("Éducateur spécialisé", "educateur specialise", "AES/AMP"). Never a guess.
const Job* job_by_name(std::string_view name);

const std::vector<Code>& contract_kinds();
const std::vector<Code>& fixed_term_reasons();
const std::vector<Code>& end_reasons();
// Permanent staff, as the turnover indicator counts them (RH-02): open-ended contracts and tenured
// or trainee civil servants.
bool is_permanent(std::string_view contract_kind);

const std::vector<Code>& absence_kinds();
// The RH-01 group an absence kind is counted in; "excluded" for paid leave and training.
std::string_view absenteeism_group(std::string_view absence_kind);
const std::vector<Code>& absenteeism_groups();

bool has_code(const std::vector<Code>& list, std::string_view code);
std::string_view label_of(const std::vector<Code>& list, std::string_view code);

constexpr std::int64_t full_time = 10000;  // working time unit: ten-thousandths of full time

struct Contract {
  std::int64_t id = 0;
  std::int64_t staff_id = 0;
  std::int64_t establishment_id = 0;
  std::string job_code;
  std::string kind;
  std::optional<std::string> fixed_term_reason;
  Date start_date;
  std::optional<Date> end_date;
  std::optional<std::string> end_reason;
  std::int64_t working_time = full_time;  // 1 … 10000
  std::string created_by, created_at, updated_at;

  Period period() const { return {start_date, end_date}; }
};

struct Absence {
  std::int64_t id = 0;
  std::int64_t staff_id = 0;
  std::string kind;
  Date start_date;
  Date end_date;
  bool start_half_day = false;
  bool end_half_day = false;
  std::string created_by, created_at;

  // Calendar days, half days counted 0.5 (what RH-01 counts).
  double calendar_days() const;
};

struct StaffMember {
  std::int64_t id = 0;
  std::int64_t organisation_id = 0;
  std::string last_name;
  std::string first_name;
  std::optional<std::string> sex;
  std::optional<Date> birth_date;
  std::string job_code;
  std::optional<std::int64_t> account_id;
  std::string created_by, created_at, updated_at;
  std::vector<Contract> contracts;
  std::vector<Absence> absences;
};

// Working time as the API writes it (0.8) to the stored unit, refusing ≤ 0 and > 1; at most four
// decimals.
std::optional<std::int64_t> working_time_from(double fraction);
double working_time_fraction(std::int64_t working_time);

// Field errors of a contract on its own (dates, kind and its reason, working time, job), named
// with `prefix` ("contracts/0/").
std::vector<FieldError> contract_errors(const Contract& c, const std::string& prefix = "");
// A contract among the member's other contracts: on the same establishment, overlapping contracts
// may not add up to more than full time on any day.
std::vector<FieldError> contract_conflicts(const Contract& c, const std::vector<Contract>& others,
                                           const std::string& prefix = "");
// An absence on its own (kind, dates, half days) and within the member's contracts: every day of it
// must be covered by a contract.
std::vector<FieldError> absence_errors(const Absence& a, const std::vector<Contract>& contracts,
                                       const std::string& prefix = "");
// An absence may not overlap another one of the member (a day is counted once); half days at the
// shared ends may meet (a morning off, then an afternoon off).
std::vector<FieldError> absence_overlaps(const Absence& a, const std::vector<Absence>& others, const std::string& prefix = "");

// FTE by (establishment, job category), from contracts that carry their job code.
using FteKey = std::pair<std::int64_t, std::string>;  // establishment id, job category code
using FteTable = std::map<FteKey, double>;
FteTable fte_on(const std::vector<Contract>& contracts, Date date);
// Average over [from, to], both included: Σ working time × days running within ÷ days of the period.
FteTable fte_average(const std::vector<Contract>& contracts, Date from, Date to);
double total(const FteTable& table);
double total_for_establishment(const FteTable& table, std::int64_t establishment_id);
double total_for_category(const FteTable& table, std::string_view category);

}  // namespace passerelle::modules::staff
