#pragma once
// What every import route reads the same way: the spreadsheet sent as base64, and the column mapping
// the person chose in the preview.
#include <map>
#include <string>

#include <boost/json/object.hpp>

#include "core/tabular/tabular.hpp"

namespace passerelle::tabular {

// "file_base64" decoded (a 422 naming it when it is not base64) and read as a table.
Table read_upload(const std::string& file_base64, const ReadLimits& limits = {});

// The mapping sent ({field: column}) in place of `suggested`; `suggested` when none was sent.
// A column that is not a string: a 422 naming mapping/<field>.
std::map<std::string, std::string> chosen_mapping(const boost::json::object* sent,
                                                  std::map<std::string, std::string> suggested);

}  // namespace passerelle::tabular
