#pragma once
#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/problem.hpp"

namespace passerelle {

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  void set_header(std::string name, std::string value);
  const std::string* find_header(std::string_view name) const;

  static Response json(const boost::json::value& value, int status = 200);
  static Response problem(const Problem& problem);
  static Response text(std::string body, std::string content_type, int status = 200);
  static Response no_content();
};

}  // namespace passerelle
