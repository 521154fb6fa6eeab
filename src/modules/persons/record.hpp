#pragma once
// The person's circle and daily follow-up: waiting list, legal protection, contacts, attendance.
// Rules only, no I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/json_reader.hpp"

namespace passerelle::modules::persons {

// Waiting list: a request for admission, with the ANS admission follow-up status (JDV_J252).
struct AdmissionRequest {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::int64_t establishment_id = 0;
  std::string care_mode;
  Date received_date;
  std::string status;  // JDV_J252 code, e.g. "42"
  Date status_date;
  std::optional<std::int64_t> decision_id;
  std::optional<std::string> comment;
};
struct RequestStatus {
  std::string_view code;
  std::string_view label;
  bool waiting;  // the request is still on the waiting list
};
const std::vector<RequestStatus>& request_statuses();
const RequestStatus* find_request_status(std::string_view code);
inline constexpr std::string_view status_entered = "47";
// `current` empty: a new request (establishment_id, care_mode, received_date required).
AdmissionRequest read_admission_request(const boost::json::value& body, const AdmissionRequest* current,
                                        const std::vector<std::string_view>& care_modes, Date today);

// Legal protection measures.
struct Protection {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::string kind;
  Date start_date;
  std::optional<Date> end_date;
  std::optional<std::string> judgement_reference;
  std::string protector_kind;
  std::string protector_name;
  std::optional<std::string> protector_phone;
  std::optional<std::string> protector_email;
  std::optional<std::string> protector_address;
};
inline const std::vector<std::string_view> protection_kinds = {
    "sauvegarde_justice", "curatelle_simple", "curatelle_renforcee", "tutelle", "habilitation_familiale",
    "mandat_protection_future", "mesure_accompagnement"};
inline const std::vector<std::string_view> protector_kinds = {"family", "professional", "association"};
Protection read_protection(const boost::json::value& body, const Protection* current);

// Contacts.
struct Contact {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::string kind;
  std::optional<std::string> relationship;
  std::optional<std::string> civility;
  std::string last_name;
  std::optional<std::string> first_name;
  std::optional<std::string> phone;
  std::optional<std::string> email;
  std::optional<std::string> address_line;
  std::optional<std::string> postal_code;
  std::optional<std::string> city;
  bool receives_letters = false;
  bool to_be_informed = false;
  bool emergency = false;
  std::optional<std::string> archived_at;
};
inline const std::vector<std::string_view> contact_kinds = {"family", "legal_representative", "trusted_person",
                                                            "doctor", "other"};
inline const std::vector<std::string_view> civilities = {"Mme", "M."};
// `archive` is set when the body asks to archive (true) or restore (false) the contact.
Contact read_contact(const boost::json::value& body, const Contact* current, std::optional<bool>* archive = nullptr);
// A person has at most one trusted person at a time (CASF L.311-5-1).
void check_one_trusted_person(const std::vector<Contact>& existing, const Contact& candidate);

// Attendance.
inline const std::vector<std::string_view> attendance_statuses = {"present", "absent", "not_expected"};
inline const std::vector<std::string_view> absence_reasons = {"illness", "hospitalisation", "holiday", "family",
                                                              "unjustified", "other"};
struct AttendanceEntry {
  std::int64_t stay_id = 0;
  Date day;
  std::optional<std::string> status;  // empty: clear what was entered
  std::optional<std::string> reason;
};
struct AttendanceBatch {
  std::int64_t establishment_id = 0;
  std::string care_mode;
  int year = 0, month = 0;
  std::vector<AttendanceEntry> entries;
};
inline constexpr std::size_t max_attendance_entries = 40000;
AttendanceBatch read_attendance_batch(const boost::json::value& body, const std::vector<std::string_view>& care_modes);
// "2026-11" → first day of the month.
std::optional<Date> parse_month(std::string_view text);
Date last_day_of_month(Date first);

// Checks shared by the record's forms.
void check_email(JsonReader& in, const std::optional<std::string>& value, std::string_view field);
void check_phone(JsonReader& in, const std::optional<std::string>& value, std::string_view field);
std::optional<Date> read_date(JsonReader& in, std::string_view field, bool required);

}  // namespace passerelle::modules::persons
