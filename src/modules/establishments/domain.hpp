#pragma once
// Organisations and establishments: the tenancy's reference data (Gestetab). Types and rules,
// no I/O: validation of what is typed, dated capacity, authorisations, opening days.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/json_reader.hpp"

namespace passerelle::modules::establishments {

struct OrganisationInput {
  std::string name;
  std::optional<std::string> finess_ej;
  std::optional<std::string> siren;
  std::string legal_status;  // public | private_non_profit | private_commercial
  std::optional<std::string> address_line, postal_code, city;
  std::optional<std::string> dpo_name, dpo_email, dpo_phone;
};

struct Organisation {
  std::int64_t id = 0;
  OrganisationInput fields;
  std::string created_at;
  std::string updated_at;
};

// What a person edits on an establishment.
struct Profile {
  std::string finess_et;
  std::string name;
  std::string category_code;
  std::vector<std::string> publics;
  std::vector<std::string> disabilities;
  std::vector<std::string> funders;
  std::vector<std::string> bricks;
  std::optional<std::int64_t> parent_id;
  std::optional<std::string> address_line, postal_code, city;
};

struct Establishment {
  std::int64_t id = 0;
  std::int64_t organisation_id = 0;
  Profile profile;
  std::optional<std::string> archived_at;
  std::string created_at;
  std::string updated_at;
};

struct CapacityPeriod {
  std::int64_t id = 0;
  std::string care_mode;
  std::string status;  // authorised | installed | funded
  std::int64_t places = 0;
  Period period;
};

struct CapacityLine {
  std::string care_mode;
  std::string status;
  std::int64_t places = 0;  // on a date, or place-days over a period
};

struct Authorisation {
  std::int64_t id = 0;
  std::string decision_reference;
  Date decision_date;
  std::int64_t duration_years = 15;
  Date renewal_date;
  std::optional<std::string> notes;
};

struct Closure {
  std::int64_t id = 0;
  std::optional<std::string> care_mode;  // empty: every kind of care
  Date from, to;
  std::string reason;
};

struct Calendar {
  std::string care_mode;
  int year = 0;
  std::optional<std::int64_t> days_open;      // given as a number…
  std::optional<std::string> weekly_pattern;  // …or "1111100" (Monday first), minus closures
};

inline const std::vector<std::string_view> legal_statuses = {"public", "private_non_profit", "private_commercial"};

// Read and validate JSON bodies; every bad field is reported at once (422).
OrganisationInput read_organisation(const boost::json::value& body, const OrganisationInput* current = nullptr);
// `current` empty: creation (required fields); else the fields present replace the current ones.
Profile read_profile(const boost::json::value& body, const Profile* current = nullptr,
                     std::optional<std::int64_t>* organisation_id = nullptr);
CapacityPeriod read_capacity(const boost::json::value& body, const std::string& prefix = "");
Authorisation read_authorisation(const boost::json::value& body);
Closure read_closure(const boost::json::value& body);
Calendar read_calendar(const boost::json::value& body);

// A candidate period of the same kind of care and status must not overlap an existing one
// (409 naming effective_from).
void check_no_overlap(const std::vector<CapacityPeriod>& existing, const CapacityPeriod& candidate);
std::vector<CapacityLine> capacity_on(const std::vector<CapacityPeriod>& periods, Date date);
std::vector<CapacityLine> place_days(const std::vector<CapacityPeriod>& periods, Date from, Date to);
// Days open in a year for a kind of care: the number given, or the weekly pattern minus closures.
std::optional<std::int64_t> days_open(const Calendar& calendar, const std::vector<Closure>& closures);
// Whether a kind of care is open on a day: the weekly pattern of that year's calendar (every day when
// the calendar gives only a number of days, or none), minus closures.
bool is_open(const std::vector<Calendar>& calendars, const std::vector<Closure>& closures, const std::string& care_mode,
             Date day);
// An authorisation is due for renewal within a year: shown to the directors concerned.
bool renewal_due(const Authorisation& a, Date today);

std::string join_codes(const std::vector<std::string>& codes);
std::string search_text_of(const Profile& p);

}  // namespace passerelle::modules::establishments
