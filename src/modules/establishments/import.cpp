#include "modules/establishments/import.hpp"

#include <algorithm>
#include <charconv>

#include "core/identifiers.hpp"
#include "core/text.hpp"
#include "modules/establishments/reference.hpp"

namespace passerelle::modules::establishments {
namespace {

using tabular::normalise_header;

// The kind of care a "places" column is about, from words in its name.
std::optional<std::string> care_mode_of_header(const std::string& h) {
  if (h.find("places") == std::string::npos && h.find("capacite") == std::string::npos) return std::nullopt;
  for (const auto& mode : care_modes())
    if (h.find(normalise_header(mode.label)) != std::string::npos) return std::string(mode.code);
  if (h.find("semiinternat") != std::string::npos) return "13";
  if (h.find("internatdesemaine") != std::string::npos) return "17";
  if (h.find("internat") != std::string::npos) return "11";
  if (h.find("externat") != std::string::npos) return "14";
  if (h.find("accueildejour") != std::string::npos) return "21";
  if (h.find("temporaire") != std::string::npos) return "40";
  if (h.find("milieuordinaire") != std::string::npos || h.find("service") != std::string::npos) return "16";
  return std::nullopt;
}

std::optional<std::string> category_code_of(const std::string& value) {
  const auto folded = normalise_header(value);
  for (const auto& c : categories()) {
    if (!c.valid_to.empty()) continue;
    if (c.code == value || normalise_header(c.short_label) == folded || normalise_header(c.label) == folded)
      return std::string(c.code);
  }
  return std::nullopt;
}

std::optional<std::vector<std::string>> funders_of(const std::string& value) {
  std::vector<std::string> out;
  std::string piece;
  auto flush = [&]() -> bool {
    const auto h = normalise_header(piece);
    piece.clear();
    if (h.empty()) return true;
    std::string code;
    if (h == "ars" || h == "agenceregionaledesante") code = "ars";
    else if (h == "cd" || h == "departement" || h == "conseildepartemental") code = "departement";
    else return false;
    if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
    return true;
  };
  for (char c : value) {
    if (c == '/' || c == ',' || c == ';' || c == '+') {
      if (!flush()) return std::nullopt;
    } else {
      piece.push_back(c);
    }
  }
  if (!flush()) return std::nullopt;
  return out;
}

}  // namespace

const std::vector<tabular::ImportField>& import_fields() {
  static const std::vector<tabular::ImportField> fields = [] {
    std::vector<tabular::ImportField> f = {
        {"finess_et", "N° FINESS ET", true,
         {"finess", "finesset", "nfiness", "nfinesset", "numerofiness", "numerofinesset", "finessgeographique"}},
        {"name", "Nom", true, {"nom", "raisonsociale", "libelle", "nometablissement", "etablissement", "denomination"}},
        {"category_code", "Catégorie FINESS (code ou sigle)", true,
         {"categorie", "categoriefiness", "codecategorie", "categoriecode", "categoriecodefiness"}},
        {"address_line", "Adresse", false, {"adresse", "adressepostale"}},
        {"postal_code", "Code postal", false, {"codepostal", "cp"}},
        {"city", "Ville", false, {"ville", "commune"}},
        {"funders", "Financeurs (ARS, CD)", false, {"financeurs", "financeur", "autoritedetarification"}}};
    for (const auto& mode : care_modes())
      f.push_back({"places:" + std::string(mode.code), "Places autorisées — " + std::string(mode.label), false, {}});
    return f;
  }();
  return fields;
}

std::map<std::string, std::string> suggest_mapping(const std::vector<std::string>& header) {
  auto mapping = tabular::suggest_mapping(import_fields(), header);
  for (const auto& column : header)
    if (auto mode = care_mode_of_header(normalise_header(column)); mode && !mapping.contains("places:" + *mode))
      mapping["places:" + *mode] = column;
  return mapping;
}

std::vector<ImportRow> parse_rows(const tabular::Table& table, const std::map<std::string, std::string>& mapping) {
  std::map<std::string, std::size_t> index;
  for (const auto& [field, column] : mapping)
    index[field] = static_cast<std::size_t>(std::find(table.header.begin(), table.header.end(), column) - table.header.begin());
  std::vector<ImportRow> rows;
  std::map<std::string, std::size_t> seen_finess;
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    const auto& cells = table.rows[i];
    ImportRow row;
    row.line = tabular::line_of_row(i);
    const std::string where = "ligne " + std::to_string(row.line) + "/";
    auto cell = [&](const std::string& field) -> std::string {
      auto it = index.find(field);
      return it == index.end() || it->second >= cells.size() ? std::string() : trim(cells[it->second]);
    };
    auto fail = [&](const std::string& field, std::string message) { row.errors.push_back({where + field, std::move(message)}); };
    if (std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return trim(c).empty(); })) continue;
    auto& p = row.profile;
    p.finess_et = cell("finess_et");
    if (auto check = check_finess(p.finess_et); !check.valid) fail("finess_et", "FINESS invalide : " + check.message);
    else if (auto [it, fresh] = seen_finess.emplace(p.finess_et, row.line); !fresh)
      fail("finess_et", "FINESS déjà présent ligne " + std::to_string(it->second));
    p.name = cell("name");
    if (p.name.empty()) fail("name", "nom obligatoire");
    else if (auto problem = text_problem(p.name, 200)) fail("name", *problem);
    const auto category = cell("category_code");
    if (auto code = category_code_of(category)) p.category_code = *code;
    else fail("category_code", "catégorie FINESS inconnue : « " + category.substr(0, 40) + " »");
    for (auto [field, target] : {std::pair{"city", &p.city}, {"postal_code", &p.postal_code}, {"address_line", &p.address_line}}) {
      auto value = cell(field);
      if (value.empty()) continue;
      if (auto problem = text_problem(value, 200)) fail(field, *problem);
      *target = value;
    }
    if (p.postal_code && (p.postal_code->size() != 5 || p.postal_code->find_first_not_of("0123456789") != std::string::npos))
      fail("postal_code", "code postal à 5 chiffres attendu");
    if (auto funders = cell("funders"); !funders.empty()) {
      if (auto codes = funders_of(funders)) p.funders = *codes;
      else fail("funders", "financeur inconnu (ARS, CD attendus)");
    }
    for (const auto& mode : care_modes()) {
      const std::string field = "places:" + std::string(mode.code);
      auto value = cell(field);
      if (value.empty()) continue;
      std::int64_t places = -1;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), places);
      if (ec != std::errc() || end != value.data() + value.size() || places < 0 || places > 100000)
        fail(field, "nombre de places entier et positif attendu (« " + value.substr(0, 20) + " »)");
      else row.authorised_places[std::string(mode.code)] = places;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::string> export_header(const std::vector<std::string>& care_modes_present) {
  std::vector<std::string> header = {"N° FINESS ET", "Nom", "Catégorie", "Libellé de la catégorie", "Adresse",
                                     "Code postal", "Ville", "Financeurs", "Publics"};
  for (const auto& mode : care_modes_present)
    header.push_back("Places autorisées — " + std::string(label_of(care_modes(), mode)));
  return header;
}

}  // namespace passerelle::modules::establishments
