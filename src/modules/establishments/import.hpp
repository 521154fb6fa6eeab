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
#include "core/tabular/mapping.hpp"
#include "core/tabular/tabular.hpp"
#include "modules/establishments/domain.hpp"

namespace passerelle::modules::establishments {

// Every field a column can map to: finess_et, name, category_code, city, postal_code, address_line,
// funders, and one "places:<care mode>" per kind of care (checked by tabular::check_mapping).
const std::vector<tabular::ImportField>& import_fields();
// field key -> column name, guessed from the header (tabular::suggest_mapping, and a "places" column
// by the kind of care its name mentions).
std::map<std::string, std::string> suggest_mapping(const std::vector<std::string>& header);

struct ImportRow {
  std::size_t line = 0;  // as seen in the spreadsheet (header = line 1)
  Profile profile;
  std::map<std::string, std::int64_t> authorised_places;  // care mode -> places
  std::vector<FieldError> errors;
};

std::vector<ImportRow> parse_rows(const tabular::Table& table, const std::map<std::string, std::string>& mapping);

// The export's columns, which the import maps back by itself (round trip).
std::vector<std::string> export_header(const std::vector<std::string>& care_modes_present);

}  // namespace passerelle::modules::establishments
