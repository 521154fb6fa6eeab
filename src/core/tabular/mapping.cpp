#include "core/tabular/mapping.hpp"

#include <algorithm>

#include "core/problem.hpp"
#include "core/text.hpp"

namespace passerelle::tabular {

std::string normalise_header(std::string_view column) {
  std::string out;
  for (char c : fold_for_search(column))
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
  return out;
}

std::map<std::string, std::string> suggest_mapping(const std::vector<ImportField>& fields,
                                                   const std::vector<std::string>& header) {
  std::map<std::string, std::string> mapping;
  for (const auto& field : fields) {
    for (const auto& column : header) {
      const auto h = normalise_header(column);
      if (h == normalise_header(field.key) || h == normalise_header(field.label) ||
          std::find(field.aliases.begin(), field.aliases.end(), h) != field.aliases.end()) {
        mapping[field.key] = column;
        break;
      }
    }
  }
  return mapping;
}

void check_mapping(const std::vector<ImportField>& fields, const std::map<std::string, std::string>& mapping,
                   const std::vector<std::string>& header) {
  std::vector<FieldError> errors;
  for (const auto& entry : mapping) {
    const auto& field = entry.first;
    const auto& column = entry.second;
    if (std::none_of(fields.begin(), fields.end(), [&](const ImportField& f) { return f.key == field; }))
      errors.push_back({"mapping/" + field, "champ inconnu"});
    else if (std::find(header.begin(), header.end(), column) == header.end())
      errors.push_back({"mapping/" + field, "la colonne « " + column.substr(0, 100) + " » n'existe pas dans le fichier"});
  }
  for (const auto& f : fields)
    if (f.required && !mapping.contains(f.key))
      errors.push_back({"mapping/" + f.key, "colonne obligatoire manquante : « " + f.label + " »"});
  if (!errors.empty()) throw Problem::invalid(errors);
}

}  // namespace passerelle::tabular
