#pragma once
// Importing establishments from the spreadsheets organisations keep (CSV or XLSX): columns are
// mapped to fields (suggested from their names), each row is checked, and nothing is written
// unless every row is right. Rows are matched by FINESS, so importing the same file twice
// changes nothing the second time. No I/O here.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/problem.hpp"
#include "core/tabular/tabular.hpp"
#include "modules/establishments/domain.hpp"

namespace passerelle::modules::establishments {

struct ImportField {
  std::string key;    // finess_et, name, category_code, city, postal_code, address_line, funders, places:11…
  std::string label;  // French, for the mapping screen
  bool required = false;
};

// Every field a column can map to (one "places:<care mode>" per kind of care).
const std::vector<ImportField>& import_fields();
// field key -> column name, guessed from the header (accents, case and punctuation ignored).
std::map<std::string, std::string> suggest_mapping(const std::vector<std::string>& header);

struct ImportRow {
  std::size_t line = 0;  // as seen in the spreadsheet (header = line 1)
  Profile profile;
  std::map<std::string, std::int64_t> authorised_places;  // care mode -> places
  std::vector<FieldError> errors;
};

// Checks the mapping (every required field mapped, columns exist) — 422 naming the field.
void check_mapping(const std::map<std::string, std::string>& mapping, const std::vector<std::string>& header);
std::vector<ImportRow> parse_rows(const tabular::Table& table, const std::map<std::string, std::string>& mapping);

// The export's columns, which the import maps back by itself (round trip).
std::vector<std::string> export_header(const std::vector<std::string>& care_modes_present);

}  // namespace passerelle::modules::establishments
