#pragma once
// Notes (transmissions / observations) on a person: dated, by category, with a confidentiality level.
// Never deleted: a correction is a new note pointing to the one it corrects, which stays readable.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/json_reader.hpp"
#include "core/sealed_text.hpp"
#include "store/tenant.hpp"

namespace passerelle::modules::persons {

inline const std::vector<std::string_view> note_categories = {"daily_life", "health", "education", "incident",
                                                              "family", "work", "other"};
// team: the professionals of the establishment; named: the author and the readers named;
// medical: care and medical roles only (medical secret).
inline const std::vector<std::string_view> note_levels = {"team", "named", "medical"};

struct Note {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::int64_t establishment_id = 0;
  std::string category;
  std::string confidentiality;
  Date occurred_on;
  std::string body;  // plaintext in memory only
  std::optional<std::int64_t> corrects_note_id;
  std::optional<std::int64_t> author_account_id;
  std::string author_label;
  std::string created_at;
  std::vector<std::int64_t> readers;
  std::vector<std::int64_t> corrected_by;  // later notes correcting this one
};

// A new note from a request body (422 naming every bad field); `establishment_id` when given.
Note read_note(const boost::json::value& body, std::optional<std::int64_t>* establishment_id, Date today);

// Storage: bodies are sealed with the person's context, so a body moved to another row does not open.
std::vector<Note> notes_of(const store::Scoped& db, const TextSealer& sealer, std::int64_t person_id);
std::int64_t insert_note(const store::Scoped& db, const TextSealer& sealer, const Note& note);

}  // namespace passerelle::modules::persons
