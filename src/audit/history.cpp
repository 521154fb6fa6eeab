#include "audit/history.hpp"

#include "core/clock.hpp"
#include "store/multi_row.hpp"

namespace passerelle::audit {

std::vector<std::string> record_changes(store::Connection& c, const Request& request, std::int64_t organisation_id,
                                        const std::string& object_type, std::int64_t object_id,
                                        const std::vector<FieldChange>& changes) {
  // One statement for all of them (record_many_changes).
  std::vector<ObjectChange> rows;
  std::vector<std::string> changed;
  for (const auto& change : changes) {
    if (change.previous_value == change.new_value) continue;
    rows.push_back({object_type, object_id, change});
    changed.push_back(change.field);
  }
  record_many_changes(c, request, organisation_id, rows);
  return changed;
}

void record_many_changes(store::Connection& c, const Request& request, std::int64_t organisation_id,
                         const std::vector<ObjectChange>& changes) {
  const auto at = now_iso8601();
  const std::string label = request.caller.label.empty() ? "anonymous" : request.caller.label;
  const auto per_statement = store::rows_per_statement(c.backend(), 10, 300);
  store::MultiRow rows("INSERT INTO change_history (organisation_id, object_type, object_id, field, previous_value, "
                       "new_value, account_id, account_label, at, request_id) VALUES ");
  for (const auto& [object_type, object_id, change] : changes) {
    if (change.previous_value == change.new_value) continue;
    rows.add("(:o, :t, :id, :f, :prev, :next, :a, :label, :at, :rid)",
             {{"o", organisation_id},
              {"t", object_type},
              {"id", object_id},
              {"f", change.field},
              {"prev", store::nullable(change.previous_value)},
              {"next", store::nullable(change.new_value)},
              {"a", store::nullable(request.caller.account_id)},
              {"label", label},
              {"at", at},
              {"rid", request.request_id}});
    if (rows.size() == per_statement) rows.flush(c);
  }
  rows.flush(c);
}

std::vector<HistoryEntry> history_of(store::Connection& c, std::int64_t organisation_id, const std::string& object_type,
                                     std::int64_t object_id) {
  std::vector<HistoryEntry> out;
  for (const auto& r : c.query("SELECT id, field, previous_value, new_value, account_label, at FROM change_history "
                               "WHERE organisation_id = :o AND object_type = :t AND object_id = :id ORDER BY id DESC",
                               {{"o", organisation_id}, {"t", object_type}, {"id", object_id}}))
    out.push_back({r.integer("id"), r.text("field"), r.optional_text("previous_value"), r.optional_text("new_value"),
                   r.text("account_label"), r.text("at")});
  return out;
}

}  // namespace passerelle::audit
