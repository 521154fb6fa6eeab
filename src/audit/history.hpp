#pragma once
// The history of values: who changed which field of an object, when, from what to what. Unlike the
// audit trail (which never holds values), it is part of the record and shown to those who may see
// the object. Written in the same transaction as the change.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/request.hpp"
#include "store/database.hpp"

namespace passerelle::audit {

struct FieldChange {
  std::string field;
  std::optional<std::string> previous_value;
  std::optional<std::string> new_value;
};

// Keeps only the fields whose value really changed, writes them, and returns their names
// (for the audit event).
std::vector<std::string> record_changes(store::Connection& c, const Request& request, std::int64_t organisation_id,
                                        const std::string& object_type, std::int64_t object_id,
                                        const std::vector<FieldChange>& changes);

// The changes of many objects at once (an import), written a few hundred to a statement; changes
// that change nothing are skipped as above.
struct ObjectChange {
  std::string object_type;
  std::int64_t object_id = 0;
  FieldChange change;
};
void record_many_changes(store::Connection& c, const Request& request, std::int64_t organisation_id,
                         const std::vector<ObjectChange>& changes);

struct HistoryEntry {
  std::int64_t id;
  std::string field;
  std::optional<std::string> previous_value;
  std::optional<std::string> new_value;
  std::string account_label;
  std::string at;
};
std::vector<HistoryEntry> history_of(store::Connection& c, std::int64_t organisation_id, const std::string& object_type,
                                     std::int64_t object_id);

}  // namespace passerelle::audit
