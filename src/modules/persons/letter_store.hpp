#pragma once
// Storage of letter templates and of the trace of letters produced.
#include <optional>
#include <vector>

#include "modules/persons/letters.hpp"
#include "store/tenant.hpp"

namespace passerelle::modules::persons {

// Templates by name; archived ones only when asked. `only`: the establishments the caller may reach
// (templates of every establishment are always listed), empty optional: all.
std::vector<LetterTemplate> letter_templates(const store::Scoped& db, bool archived,
                                             const std::optional<std::vector<std::int64_t>>& only);
std::optional<LetterTemplate> find_letter_template(const store::Scoped& db, std::int64_t id);
std::int64_t insert_letter_template(const store::Scoped& db, const LetterTemplate& t);
void update_letter_template(const store::Scoped& db, const LetterTemplate& t);
void archive_letter_template(const store::Scoped& db, std::int64_t id, const std::string& by);

struct LetterSent {
  std::int64_t id = 0;
  std::int64_t template_id = 0;
  std::string template_name;
  std::string subject;
  std::int64_t person_id = 0;
  std::int64_t establishment_id = 0;
  std::optional<std::int64_t> contact_id;
  std::string addressee;
  std::optional<std::int64_t> account_id;
  std::string sent_by;
  bool batch = false;
  std::string sent_at;
};
void insert_letter_sent(const store::Scoped& db, const LetterSent& letter);
// Newest first.
std::vector<LetterSent> letters_sent_to(const store::Scoped& db, std::int64_t person_id);

EstablishmentAddress establishment_address(const store::Scoped& db, std::int64_t establishment_id);
std::string organisation_name(const store::Scoped& db);
// Persons with a stay in the establishment on that day, by id.
std::vector<std::int64_t> persons_staying(const store::Scoped& db, std::int64_t establishment_id, Date day);

}  // namespace passerelle::modules::persons
