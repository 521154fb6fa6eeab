#pragma once
#include <optional>
#include <vector>

#include "core/pagination.hpp"
#include "modules/persons/domain.hpp"
#include "store/tenant.hpp"

namespace passerelle::modules::persons {

// `only`: establishments the caller may see (empty optional: the whole organisation). A person is
// seen from the establishment that opened the record and from every establishment of a stay.
struct Visibility {
  std::optional<std::vector<std::int64_t>> only;
};

// "SELECT … FROM person p " and its row reader, for other queries on persons.
extern const char* const person_columns;
Person person_from(const store::Row& r);
// The visibility predicate on `p` (" AND …", empty for the whole organisation): the opening
// establishment or a stay in one of `only`.
std::string visible(const Visibility& v, store::Params& params);

std::int64_t insert_person(const store::Scoped& db, std::int64_t establishment_id, const Identity& identity);
// New records in bulk (an import), with ids drawn from the counter beforehand (store::reserve_ids):
// the same rows as insert_person writes for each, in a few multi-row statements.
struct NewPerson {
  std::int64_t id = 0;
  std::int64_t establishment_id = 0;
  Identity identity;
  std::string created_at;
};
void insert_persons(const store::Scoped& db, const std::vector<NewPerson>& persons);
void update_person(const store::Scoped& db, std::int64_t id, const Identity& identity);
// Who checked the identity document (validated or qualified identity), and when.
void mark_identity_checked(const store::Scoped& db, std::int64_t id, const std::string& by);
std::optional<Person> find_person(const store::Scoped& db, std::int64_t id, const Visibility& visibility);
struct SearchQuery {
  std::optional<std::string> text;        // folded, matched at the start of any name
  std::optional<std::string> birth_date;  // YYYY-MM-DD or YYYY
  std::optional<std::string> nir;
};
// Where a page of search results stopped: the name matched and the person.
struct SearchPosition {
  std::string token;
  std::int64_t person_id = 0;
};
struct SearchPage {
  std::vector<Person> persons;  // up to limit + 1: the extra one tells another page exists
  std::vector<SearchPosition> positions;
};
// With a name: sorted by the name matched; without: by id.
SearchPage search_persons(const store::Scoped& db, const SearchQuery& q, const Visibility& visibility,
                          std::int64_t limit, const std::optional<SearchPosition>& after);
// Tests only: from how many names a word counts as common (5,000); lowered, the plans meant for
// common words run on a small dataset (on PostgreSQL, every such word is then probed, not hashed).
// Not thread-safe.
void set_search_common_from(std::int64_t names);
void replace_name_tokens(const store::Scoped& db, std::int64_t person_id, const Identity& identity);
// The person's names as searchable from each establishment they are visible from.
void refresh_visible_tokens(const store::Scoped& db, std::int64_t person_id);
// Possible duplicates of an identity in the whole organisation (same birth year, same NIR, or a
// name starting alike), before scoring.
std::vector<Person> duplicate_candidates(const store::Scoped& db, const Identity& identity, std::int64_t except_id = 0);
std::vector<std::int64_t> establishments_of(const store::Scoped& db, const Person& person);

// "SELECT … FROM stay s" with the transfer links, and the row reader, for other queries on stays.
extern const char* const stay_columns;
Stay stay_from(const store::Row& r);
std::vector<Stay> stays_of(const store::Scoped& db, std::int64_t person_id);
std::int64_t insert_stay(const store::Scoped& db, const Stay& stay);
// Admissions in bulk (an import), ids drawn beforehand: the rows insert_stay writes for each (not
// transfers), in a few multi-row statements.
void insert_stays(const store::Scoped& db, const std::vector<Stay>& stays);
void update_stay_discharge(const store::Scoped& db, const Stay& stay);

std::vector<Decision> decisions_of(const store::Scoped& db, std::int64_t person_id);
std::int64_t insert_decision(const store::Scoped& db, const Decision& d);
struct DecisionAlert {
  Person person;
  std::optional<Decision> decision;  // the expiring one; empty: admitted without a valid decision
};
// Decisions ending within six months, and persons in a current stay without a valid decision,
// among the persons the caller may see.
std::vector<DecisionAlert> decision_alerts(const store::Scoped& db, const Visibility& visibility, Date today);

}  // namespace passerelle::modules::persons
