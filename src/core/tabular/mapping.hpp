#pragma once
// Which column of an imported spreadsheet holds which field: suggested from the column names (without
// accents, case, spaces or punctuation, against each field's usual names), chosen by the person in
// the preview, and checked before any line is read.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle::tabular {

struct ImportField {
  std::string key;
  std::string label;  // French, shown in the preview
  bool required = false;
  std::vector<std::string> aliases;  // usual column names, normalised (normalise_header)
};

// "Date de naissance" -> "datedenaissance": lower case letters and digits only, accents folded.
std::string normalise_header(std::string_view column);

// For each field, the first column named as its key, its label or one of its aliases.
std::map<std::string, std::string> suggest_mapping(const std::vector<ImportField>& fields,
                                                   const std::vector<std::string>& header);

// A 422 naming mapping/<field> for an unknown field, a column absent from the file, or a required field
// without a column.
void check_mapping(const std::vector<ImportField>& fields, const std::map<std::string, std::string>& mapping,
                   const std::vector<std::string>& header);

}  // namespace passerelle::tabular
