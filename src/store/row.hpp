#pragma once
// Backend-neutral values and rows, so modules read results the same way on SQLite and PostgreSQL.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace passerelle::store {

using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

struct Param {
  std::string name;  // bound as :name in the SQL
  Value value;
};
using Params = std::vector<Param>;

// Helpers to build optional parameters: an empty optional binds NULL.
Value nullable(const std::optional<std::string>& v);
Value nullable(const std::optional<std::int64_t>& v);

class Row {
 public:
  Row(std::vector<std::string> names, std::vector<Value> values);

  std::size_t size() const { return values_.size(); }
  const std::string& name(std::size_t i) const { return names_.at(i); }
  const Value& at(std::size_t i) const { return values_.at(i); }
  const Value& at(std::string_view name) const;
  bool is_null(std::string_view name) const;

  // Tolerant accessors: SQLite may type an expression's result as text where PostgreSQL says integer.
  std::int64_t integer(std::string_view name) const;
  double real(std::string_view name) const;
  std::string text(std::string_view name) const;
  std::optional<std::int64_t> optional_integer(std::string_view name) const;
  std::optional<std::string> optional_text(std::string_view name) const;

 private:
  std::vector<std::string> names_;
  std::vector<Value> values_;
};

}  // namespace passerelle::store
