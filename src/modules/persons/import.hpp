#pragma once
// Importing the persons supported from the spreadsheet an organisation keeps today (CSV or XLSX), one
// line per person and, optionally, their current admission: columns mapped to fields (suggested from
// their names), every line checked with the same rules as the record's form (names, sex, birth date,
// birth place, NIR and its consistency), nothing written unless every line is right. Identities arrive
// « provisoire » (a spreadsheet is not an identity document). No I/O here: the route resolves the
// establishments, finds the persons already recorded and writes.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/problem.hpp"
#include "core/tabular/mapping.hpp"
#include "core/tabular/tabular.hpp"
#include "modules/persons/domain.hpp"

namespace passerelle::modules::persons {

const std::vector<tabular::ImportField>& person_import_fields();

struct PersonImportRow {
  std::size_t line = 0;       // as seen in the spreadsheet (header = line 1)
  std::string establishment;  // FINESS or name, resolved by the route
  Identity identity;
  // The admission on the same line, when its date is filled (kind of care and origin then required).
  std::optional<Date> admission_date;
  std::string care_mode;
  std::string origin;
  std::vector<FieldError> errors;  // fields named "ligne N/<field>"
};

std::vector<PersonImportRow> parse_person_rows(const tabular::Table& table,
                                               const std::map<std::string, std::string>& mapping);

// One person twice: same birth name, first names (in order) and birth date, without accents, case or
// hyphens, and no two different NIRs. (A likely duplicate, duplicate_score, is for a person to decide;
// the same NIR on another identity is an error.)
bool same_person(const Identity& a, const Identity& b);
std::string identity_key(const Identity& identity);

// The persons of an organisation (and those an import adds) by the traits a likely duplicate shares
// (duplicate_score reaches likely_duplicate only with one of them): NIR, full birth date, birth year
// when a date is partial, birth name with first name (either order). One lookup per line instead of
// a scan of the organisation.
class DuplicateIndex {
 public:
  void add(std::int64_t id, const Identity& identity);
  // Persons sharing one of those traits with `identity` (each once).
  std::vector<std::pair<std::int64_t, const Identity*>> candidates(const Identity& identity) const;

 private:
  std::map<std::int64_t, Identity> persons_;
  std::multimap<std::string, std::int64_t> by_trait_;
};

}  // namespace passerelle::modules::persons
