#pragma once
// What every import route reads the same way: the spreadsheet sent as base64, and the column mapping
// the person chose in the preview.
#include <cstddef>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "core/problem.hpp"
#include "core/tabular/mapping.hpp"
#include "core/tabular/tabular.hpp"

namespace passerelle::tabular {

// "file_base64" decoded (a 422 naming it when it is not base64) and read as a table.
Table read_upload(const std::string& file_base64, const ReadLimits& limits = {});

// The mapping sent ({field: column}) in place of `suggested`; `suggested` when none was sent.
// A column that is not a string: a 422 naming mapping/<field>.
std::map<std::string, std::string> chosen_mapping(const boost::json::object* sent,
                                                  std::map<std::string, std::string> suggested);

// The mapping's problems (check_mapping): on a commit, thrown as its 422; for a preview, returned, to be
// listed before the lines' errors.
std::vector<FieldError> mapping_problems(const std::vector<ImportField>& fields,
                                         const std::map<std::string, std::string>& mapping,
                                         const std::vector<std::string>& header, bool commit);

// What every import answers besides its own rows and counts: committed, the file's columns, the fields,
// the mapping used, the errors (the mapping's first; at most `listed` of them) and error_count.
boost::json::object import_answer(bool committed, const Table& table, const std::vector<ImportField>& fields,
                                  const std::map<std::string, std::string>& mapping,
                                  const std::vector<FieldError>& mapping_errors, const std::vector<FieldError>& errors,
                                  std::size_t listed = std::numeric_limits<std::size_t>::max());

}  // namespace passerelle::tabular
