#pragma once
// Strict reading of JSON request bodies: types are checked, unknown fields are refused,
// and every problem is collected so the client learns about all bad fields at once.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/problem.hpp"
#include "core/request.hpp"

namespace passerelle {

// Parses a request body; a syntax error becomes a 400 problem naming the position.
boost::json::value parse_json(std::string_view body);

// The request's JSON body: 415 if the Content-Type is not JSON, 400 if it does not parse.
boost::json::value json_body(const Request& request);

class JsonReader {
 public:
  // `prefix` names nested objects in error fields, e.g. "sites/2/".
  explicit JsonReader(const boost::json::value& value, std::string prefix = "");
  // The reader keeps a pointer to the value: a temporary would dangle.
  explicit JsonReader(boost::json::value&& value, std::string prefix = "") = delete;

  std::optional<std::string> text(std::string_view name, bool required, std::size_t max_length = 200);
  // A text of several lines (a note, an assessment): line breaks are kept (CR LF and CR become LF),
  // other control characters are refused as in text().
  std::optional<std::string> paragraphs(std::string_view name, bool required, std::size_t max_length);
  std::optional<std::int64_t> integer(std::string_view name, bool required,
                                      std::int64_t min = INT64_MIN, std::int64_t max = INT64_MAX);
  std::optional<bool> boolean(std::string_view name, bool required);
  // Any JSON number (a fraction such as 0.8).
  std::optional<double> number(std::string_view name, bool required);
  const boost::json::array* array(std::string_view name, bool required);
  const boost::json::object* object(std::string_view name, bool required);
  // One of a closed list of codes.
  std::optional<std::string> choice(std::string_view name, bool required,
                                    const std::vector<std::string_view>& allowed);

  void fail(std::string_view name, std::string message);
  bool has(std::string_view name) const;
  bool ok() const { return errors_.empty(); }
  const std::vector<FieldError>& errors() const { return errors_; }

  // Refuses unknown fields, then throws a 422 problem if anything was wrong.
  void finish();

 private:
  const boost::json::value* find(std::string_view name, bool required);

  const boost::json::object* object_ = nullptr;
  std::string prefix_;
  std::set<std::string, std::less<>> seen_;
  std::vector<FieldError> errors_;
};

}  // namespace passerelle
