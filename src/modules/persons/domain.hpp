#pragma once
// The person supported: identity with identity-vigilance (RNIV: five strict traits, identity
// status PROV → RECUP → VALI → QUAL), duplicate detection, stays. Rules only, no I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/json_reader.hpp"

namespace passerelle::modules::persons {

struct Identity {
  std::string birth_name;
  std::optional<std::string> used_name;
  std::vector<std::string> first_names;  // birth first names, in order
  std::optional<std::string> used_first_name;
  std::string sex;         // F | M | I
  std::string birth_date;  // YYYY-MM-DD, or YYYY for persons born abroad without a full date
  std::optional<std::string> birth_place;  // INSEE commune (2A/2B for Corsica) or 99 + country
  std::optional<std::string> nir;
  std::string identity_status = "PROV";  // PROV | RECUP | VALI | QUAL
  std::optional<std::string> identity_document;
};

struct Person {
  std::int64_t id = 0;
  std::int64_t organisation_id = 0;
  std::int64_t registered_establishment_id = 0;
  Identity identity;
  std::optional<std::string> identity_checked_by;
  std::optional<std::string> identity_checked_at;
  std::optional<std::int64_t> merged_into;
  std::string created_at;
  std::string updated_at;
};

// Reads and checks an identity (422 naming every bad field); `current` for a partial update.
Identity read_identity(const boost::json::value& body, const Identity* current = nullptr,
                       std::optional<std::int64_t>* establishment_id = nullptr, bool* confirm_duplicate = nullptr);
// The NIR's sex, year and month must agree with the identity (months over 12 mean unknown).
std::optional<std::string> nir_inconsistency(const Identity& identity);

// Lower case, no accents, hyphens and apostrophes as spaces, single spaces.
std::string normalise_name(std::string_view name);
std::string search_text_of(const Identity& identity);
// The distinct folded words of every name, for the type-ahead index.
std::vector<std::string> name_tokens(const Identity& identity);

struct DuplicateScore {
  int score = 0;  // 0–100; 60 and above: likely the same person
  std::vector<std::string> reasons;
};
DuplicateScore duplicate_score(const Identity& a, const Identity& b);
inline constexpr int likely_duplicate = 60;

// Stays.
struct Stay {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::int64_t establishment_id = 0;
  std::string care_mode;
  Date admission_date;
  std::string origin;
  std::optional<Date> discharge_date;
  std::optional<std::string> destination;
  std::optional<std::string> discharge_reason;
  std::optional<std::int64_t> transfer_from_stay_id;  // admitted by transfer from that stay
  std::optional<std::int64_t> transferred_to_stay_id;  // left by transfer to that stay
  Period period() const { return {admission_date, discharge_date}; }
};
inline const std::vector<std::string_view> origins = {"home", "family", "establishment", "hospital", "school",
                                                      "child_welfare", "other"};
inline const std::vector<std::string_view> destinations = {"home", "family", "establishment", "hospital", "death",
                                                           "ordinary_work", "other"};
// Two stays of one person in one establishment with the same kind of care must not overlap.
void check_no_overlapping_stay(const std::vector<Stay>& existing, const Stay& candidate);

// Orientation decisions (CDAPH / MDPH).
struct Decision {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::optional<std::string> mdph_number;
  std::string decision_reference;
  Date decision_date;
  std::string category_code;  // the FINESS category oriented to
  Date valid_from;
  Date valid_to;
  bool creton = false;
};
Decision read_decision(const boost::json::value& body);
// "future", "valid", "expiring" (six months left or less: time for the renewal paperwork), "expired".
std::string validity_of(const Decision& d, Date today);

}  // namespace passerelle::modules::persons
