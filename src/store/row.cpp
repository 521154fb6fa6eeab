#include "store/row.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace passerelle::store {

Value nullable(const std::optional<std::string>& v) {
  return v ? Value{*v} : Value{};
}

Value nullable(const std::optional<std::int64_t>& v) {
  return v ? Value{*v} : Value{};
}

Row::Row(std::vector<std::string> names, std::vector<Value> values)
    : names_(std::move(names)), values_(std::move(values)) {}

const Value& Row::at(std::string_view name) const {
  for (std::size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == name) return values_[i];
  throw std::logic_error("no column named " + std::string(name));
}

bool Row::is_null(std::string_view name) const {
  return std::holds_alternative<std::monostate>(at(name));
}

std::int64_t Row::integer(std::string_view name) const {
  auto v = optional_integer(name);
  if (!v) throw std::logic_error("column " + std::string(name) + " is null");
  return *v;
}

std::optional<std::int64_t> Row::optional_integer(std::string_view name) const {
  const Value& v = at(name);
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(std::llround(*d));
  if (const auto* s = std::get_if<std::string>(&v)) {
    std::int64_t out = 0;
    auto [ptr, ec] = std::from_chars(s->data(), s->data() + s->size(), out);
    if (ec != std::errc() || ptr != s->data() + s->size())
      throw std::logic_error("column " + std::string(name) + " is not an integer");
    return out;
  }
  return std::nullopt;
}

double Row::real(std::string_view name) const {
  const Value& v = at(name);
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* s = std::get_if<std::string>(&v)) return std::stod(*s);
  throw std::logic_error("column " + std::string(name) + " is null");
}

std::string Row::text(std::string_view name) const {
  auto v = optional_text(name);
  if (!v) throw std::logic_error("column " + std::string(name) + " is null");
  return *v;
}

std::optional<std::string> Row::optional_text(std::string_view name) const {
  const Value& v = at(name);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) return std::to_string(*d);
  return std::nullopt;
}

}  // namespace passerelle::store
