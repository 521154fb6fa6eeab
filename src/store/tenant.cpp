#include "store/tenant.hpp"

#include <stdexcept>

#include "core/problem.hpp"

namespace passerelle::store {

Scope Scope::within(std::int64_t organisation_id) const {
  if (organisation_id_ && *organisation_id_ != organisation_id)
    throw Problem::hidden();
  return Scope(organisation_id);
}

std::string Scoped::apply(std::string_view sql, Params& params) const {
  std::string out;
  out.reserve(sql.size() + 32);
  int placeholders = 0;
  std::size_t pos = 0;
  while (true) {
    auto open = sql.find("{{tenant", pos);
    if (open == std::string_view::npos) break;
    auto close = sql.find("}}", open);
    if (close == std::string_view::npos) throw std::logic_error("unterminated tenant placeholder in SQL");
    out.append(sql.substr(pos, open - pos));
    std::string_view inner = sql.substr(open + 2, close - open - 2);  // tenant, tenant:expr or tenant_id
    ++placeholders;
    const std::string name = "_tenant" + std::to_string(placeholders);
    if (inner == "tenant_id") {
      if (scope_.is_platform())
        throw std::logic_error("the platform scope must be narrowed with within() before writing tenant rows");
      out += ":" + name;
      params.push_back({name, *scope_.organisation_id()});
    } else if (inner == "tenant" || inner.rfind("tenant:", 0) == 0) {
      std::string column = inner == "tenant" ? "organisation_id" : std::string(inner.substr(7));
      if (scope_.is_platform()) {
        out += "1=1";
      } else {
        out += "(" + column + " = :" + name + ")";
        params.push_back({name, *scope_.organisation_id()});
      }
    } else {
      throw std::logic_error("unknown placeholder {{" + std::string(inner) + "}}");
    }
    pos = close + 2;
  }
  out.append(sql.substr(pos));
  if (placeholders == 0) throw std::logic_error("a tenant-scoped statement must contain {{tenant}}: " + std::string(sql));
  return out;
}

std::vector<Row> Scoped::query(std::string_view sql, Params params) const {
  auto text = apply(sql, params);
  return connection_.query(text, params);
}

std::optional<Row> Scoped::query_one(std::string_view sql, Params params) const {
  auto text = apply(sql, params);
  return connection_.query_one(text, params);
}

std::vector<std::int64_t> Scoped::query_integers(std::string_view sql, Params params) const {
  auto text = apply(sql, params);
  return connection_.query_integers(text, params);
}

std::int64_t Scoped::execute(std::string_view sql, Params params) const {
  auto text = apply(sql, params);
  return connection_.execute(text, params);
}

std::int64_t Scoped::insert_returning_id(std::string_view sql, Params params) const {
  auto text = apply(sql, params);
  return connection_.insert_returning_id(text, params);
}

}  // namespace passerelle::store
