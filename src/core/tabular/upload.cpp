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

}  // namespace passerelle::tabular
