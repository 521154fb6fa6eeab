#pragma once
// The audit trail: one event per read or change of personal data, sign-in, refusal, export and
// administrative change. Append-only and hash-chained: each event stores the hash of the one
// before it, and audit_head the newest, so altering, deleting or reordering rows is detected by
// verify(). An event is written in the same transaction as the change it records.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/request.hpp"
#include "store/database.hpp"

namespace passerelle::audit {

struct Event {
  std::optional<std::int64_t> account_id;
  std::string account_label;  // email, "operator", "api-token:3", or the email typed at a failed sign-in
  std::string role;
  std::optional<std::int64_t> organisation_id;
  std::optional<std::int64_t> establishment_id;
  std::string action;   // read, create, update, archive, sign_in, sign_out, export, …
  std::string outcome;  // success, failure, denied
  std::string object_type;
  std::string object_id;
  std::optional<std::int64_t> person_id;
  std::vector<std::string> fields;  // names of the fields changed, never their values
  std::string client_address;
  std::string request_id;
};

// An event about `request`'s caller; the role is filled by the caller's grants when empty.
Event event_for(const Request& request, std::string action, std::string object_type = {},
                std::string object_id = {}, std::string outcome = "success");

// Appends inside the caller's write transaction (serialised with other appends).
void append(store::Connection& connection, Event event);
// Appends in a transaction of its own (refusals, failed sign-ins: nothing else is written).
void append_alone(store::Database& database, Event event);

struct Verification {
  bool intact = true;
  std::int64_t events_checked = 0;
  std::optional<std::int64_t> first_broken_id;  // the first event whose link does not hold
  std::string reason;
};
Verification verify(store::Database& database);

struct SearchCriteria {
  std::optional<std::int64_t> organisation_id;  // empty: every organisation (platform)
  std::optional<std::int64_t> account_id;
  std::optional<std::int64_t> person_id;
  std::optional<std::string> action;
  std::optional<std::string> from;  // ISO date or timestamp, inclusive
  std::optional<std::string> to;    // exclusive
  std::int64_t after_id = 0;
  std::int64_t limit = 100;
};
struct StoredEvent {
  std::int64_t id;
  std::string at;
  Event event;
  std::string hash;
};
std::vector<StoredEvent> search(store::Connection& connection, const SearchCriteria& criteria);

// Deletes events older than `before` (retention), keeping the chain verifiable from the first
// event kept: its predecessor's hash is recorded as the new anchor. Returns the number deleted.
std::int64_t purge_before(store::Database& database, const std::string& before);

}  // namespace passerelle::audit
