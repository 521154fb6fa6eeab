#pragma once
// Importing an existing staff spreadsheet (CSV or XLSX), one line per contract: columns are mapped to
// fields (suggested from their names), every line is checked, and nothing is written unless every line is
// right (the establishments import's machinery: core/tabular, mapping, preview, all or nothing). Job
// titles are read as written (code or label, without accents or case) and never guessed: an unknown
// title is an error naming its line. No I/O here.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/tabular/mapping.hpp"
#include "core/tabular/tabular.hpp"
#include "modules/staff/domain.hpp"

namespace passerelle::modules::staff {

// The fields a column can map to, with their usual column names (tabular::suggest_mapping and
// tabular::check_mapping).
const std::vector<tabular::ImportField>& import_fields();

struct ImportRow {
  std::size_t line = 0;              // as seen in the spreadsheet (header = line 1)
  StaffMember member;                // names, job, sex, birth date
  std::string establishment;         // FINESS or name, resolved by the route
  std::optional<Contract> contract;  // empty when the line has no contract columns filled
  std::vector<FieldError> errors;    // fields named "ligne N/<field>"
};

std::vector<ImportRow> parse_rows(const tabular::Table& table, const std::map<std::string, std::string>& mapping);

// "0,8", "0.8", "80 %", "80%": the stored unit; nothing when unreadable, ≤ 0 or above full time.
std::optional<std::int64_t> working_time_of(std::string_view text);
// "2025-01-16" or "16/01/2025".
std::optional<Date> date_of(std::string_view text);

// The export's columns, which the import maps back by itself (round trip).
std::vector<std::string> export_header();

}  // namespace passerelle::modules::staff
