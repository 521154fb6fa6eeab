#include "store/multi_row.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

namespace passerelle::store {

MultiRow::MultiRow(std::string head) : head_(std::move(head)), sql_(head_) {}

void MultiRow::add(std::string_view tuple, const Params& params) {
  const auto suffix = "_" + std::to_string(rows_);
  if (rows_) sql_ += ", ";
  for (std::size_t i = 0; i < tuple.size(); ++i) {
    sql_ += tuple[i];
    if (tuple[i] != ':') continue;
    if (i + 1 < tuple.size() && tuple[i + 1] == ':') {  // a PostgreSQL cast ("::text"): not a placeholder
      sql_ += tuple[++i];
      continue;
    }
    std::size_t end = i + 1;
    while (end < tuple.size() && (std::isalnum(static_cast<unsigned char>(tuple[end])) || tuple[end] == '_')) ++end;
    if (end == i + 1) continue;  // a lone colon (inside a literal): not a placeholder
    sql_.append(tuple.substr(i + 1, end - i - 1));
    sql_ += suffix;
    i = end - 1;
  }
  for (const auto& p : params) params_.push_back({p.name + suffix, p.value});
  ++rows_;
}

void MultiRow::flush(Connection& c) {
  if (!rows_) return;
  c.execute(sql_, params_);
  clear();
}

void MultiRow::flush(const Scoped& db) {
  if (!rows_) return;
  db.execute(sql_, params_);
  clear();
}

void MultiRow::clear() {
  sql_ = head_;
  params_.clear();
  rows_ = 0;
}

std::size_t rows_per_statement(Backend backend, std::size_t params_per_row, std::size_t most) {
  constexpr std::size_t sqlite_parameters = 256;
  if (backend != Backend::sqlite) return std::max<std::size_t>(1, most);
  return std::clamp<std::size_t>(sqlite_parameters / std::max<std::size_t>(1, params_per_row), 1, std::max<std::size_t>(1, most));
}

}  // namespace passerelle::store
