#include "core/tabular/upload.hpp"

#include <sodium.h>

#include "core/problem.hpp"

namespace passerelle::tabular {

Table read_upload(const std::string& file_base64, const ReadLimits& limits) {
  std::string bytes(file_base64.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), file_base64.data(),
                        file_base64.size(), "\r\n ", &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    throw Problem::invalid_field("file_base64", "contenu base64 invalide");
  bytes.resize(length);
  return read_table(bytes, limits);
}

std::map<std::string, std::string> chosen_mapping(const boost::json::object* sent,
                                                  std::map<std::string, std::string> suggested) {
  if (!sent) return suggested;
  std::map<std::string, std::string> mapping;
  for (const auto& kv : *sent) {
    if (!kv.value().is_string()) throw Problem::invalid_field("mapping/" + std::string(kv.key()), "nom de colonne attendu");
    mapping[std::string(kv.key())] = std::string(kv.value().as_string());
  }
  return mapping;
}

std::vector<FieldError> mapping_problems(const std::vector<ImportField>& fields,
                                         const std::map<std::string, std::string>& mapping,
                                         const std::vector<std::string>& header, bool commit) {
  try {
    check_mapping(fields, mapping, header);
  } catch (const Problem& problem) {
    if (commit) throw;
    return problem.errors();
  }
  return {};
}

boost::json::object import_answer(bool committed, const Table& table, const std::vector<ImportField>& fields,
                                  const std::map<std::string, std::string>& mapping,
                                  const std::vector<FieldError>& mapping_errors, const std::vector<FieldError>& errors,
                                  std::size_t listed) {
  boost::json::array columns, fields_json, errors_json;
  for (const auto& h : table.header) columns.emplace_back(h);
  for (const auto& f : fields) fields_json.push_back({{"key", f.key}, {"label", f.label}, {"required", f.required}});
  for (const auto* list : {&mapping_errors, &errors})
    for (const auto& e : *list)
      if (errors_json.size() < listed) errors_json.push_back({{"field", e.field}, {"message", e.message}});
  boost::json::object mapping_out;
  for (const auto& [field, column] : mapping) mapping_out[field] = column;
  return {{"committed", committed},
          {"columns", std::move(columns)},
          {"fields", std::move(fields_json)},
          {"mapping", std::move(mapping_out)},
          {"errors", std::move(errors_json)},
          {"error_count", mapping_errors.size() + errors.size()}};
}

}  // namespace passerelle::tabular
