#include "modules/persons/import.hpp"

#include <algorithm>
#include <set>

#include <boost/json.hpp>

#include "core/text.hpp"
#include "modules/establishments/reference.hpp"

namespace passerelle::modules::persons {
namespace {

using tabular::normalise_header;

std::string upper(std::string s) {
  for (auto& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

// "2025-01-16", "16/01/2025", or a date-time cell of a workbook ("2025-01-16 00:00").
std::optional<Date> date_of(const std::string& value) {
  if (value.size() >= 10) {
    if (auto d = Date::parse(value.substr(0, 10)); d && (value.size() == 10 || value[10] == ' ' || value[10] == 'T'))
      return d;
  }
  if (value.size() == 10 && value[2] == '/' && value[5] == '/')
    return Date::parse(value.substr(6, 4) + "-" + value.substr(3, 2) + "-" + value.substr(0, 2));
  return std::nullopt;
}

// What the record's form takes: "YYYY-MM-DD", or "YYYY" alone for a person born abroad. Anything else
// is passed on as written, for read_identity to refuse with its own message.
std::string birth_date_of(const std::string& value) {
  if (value.size() == 4) return value;
  if (auto d = date_of(value)) return d->to_string();
  return value;
}

std::optional<std::string> sex_of(const std::string& value) {
  const auto key = normalise_header(value);
  if (key == "f" || key == "femme" || key == "feminin") return "F";
  if (key == "m" || key == "h" || key == "homme" || key == "masculin") return "M";
  if (key == "i" || key == "indetermine") return "I";
  return std::nullopt;
}

// "Marie, Louise" or "Marie Louise": several first names; "Marie-Louise" is one.
std::vector<std::string> first_names_of(const std::string& value) {
  std::vector<std::string> out;
  const char separator = value.find(',') != std::string::npos ? ',' : ' ';
  std::size_t start = 0;
  while (start <= value.size()) {
    auto end = value.find(separator, start);
    if (end == std::string::npos) end = value.size();
    if (auto name = trim(std::string_view(value).substr(start, end - start)); !name.empty()) out.push_back(name);
    start = end + 1;
  }
  return out;
}

std::optional<std::string> code_of(const std::vector<establishments::Code>& list, const std::string& value) {
  const auto key = normalise_header(value);
  for (const auto& c : list)
    if (normalise_header(c.code) == key || normalise_header(c.label) == key) return std::string(c.code);
  return std::nullopt;
}

std::optional<std::string> origin_of(const std::string& value) {
  static const std::map<std::string, std::string> words = {
      {"home", "home"},           {"domicile", "home"},         {"family", "family"},
      {"famille", "family"},      {"establishment", "establishment"}, {"etablissement", "establishment"},
      {"essms", "establishment"}, {"hospital", "hospital"},     {"hopital", "hospital"},
      {"hospitalisation", "hospital"}, {"school", "school"},    {"ecole", "school"},
      {"scolarite", "school"},    {"childwelfare", "child_welfare"}, {"ase", "child_welfare"},
      {"aidesocialealenfance", "child_welfare"}, {"other", "other"}, {"autre", "other"}};
  auto it = words.find(normalise_header(value));
  if (it == words.end()) return std::nullopt;
  return it->second;
}

}  // namespace

const std::vector<tabular::ImportField>& person_import_fields() {
  static const std::vector<tabular::ImportField> list = {
      {"establishment", "Établissement (FINESS ou nom)", true, {"etablissement", "finess", "finesset", "structure", "service"}},
      {"birth_name", "Nom de naissance", true, {"nom", "nomdenaissance", "nomdefamille", "nompatronymique"}},
      {"used_name", "Nom d'usage", false, {"nomdusage", "nomusuel", "nommarital", "nomdepouse"}},
      {"first_names", "Prénoms (dans l'ordre de l'acte de naissance)", true, {"prenom", "prenoms", "prenomsdenaissance"}},
      {"used_first_name", "Prénom d'usage", false, {"prenomdusage", "prenomusuel"}},
      {"sex", "Sexe (F, M ou I)", true, {"sexe", "genre"}},
      {"birth_date", "Date de naissance", true, {"datedenaissance", "naissance", "nele", "nee", "ddn"}},
      {"birth_place", "Lieu de naissance (code INSEE)", false,
       {"lieudenaissance", "communedenaissance", "codeinseenaissance", "codecommunedenaissance"}},
      {"nir", "NIR (numéro de sécurité sociale)", false,
       {"nir", "numerodesecuritesociale", "numerosecuritesociale", "nss", "matriculeins"}},
      {"admission_date", "Date d'admission", false, {"datedadmission", "admission", "datedentree", "entree"}},
      {"care_mode", "Mode d'accueil (code ou libellé FINESS)", false,
       {"modedaccueil", "modeaccueil", "modedaccompagnement", "modedeprisencharge"}},
      {"origin", "Provenance", false, {"provenance", "origine"}},
  };
  return list;
}

std::string identity_key(const Identity& identity) {
  std::string key = normalise_name(identity.birth_name) + "|";
  for (const auto& f : identity.first_names) key += normalise_name(f) + " ";
  return key + "|" + identity.birth_date;
}

bool same_person(const Identity& a, const Identity& b) {
  // Two NIRs must agree; one NIR for two identities is for a person to look at, never merged silently.
  if (a.nir && b.nir && *a.nir != *b.nir) return false;
  return identity_key(a) == identity_key(b);
}

namespace {

// The keys under which an identity is filed, and looked up.
std::vector<std::string> traits_of(const Identity& identity, bool lookup) {
  std::vector<std::string> out;
  if (identity.nir) out.push_back("nir:" + *identity.nir);
  if (identity.birth_date.size() == 10) out.push_back("date:" + identity.birth_date);
  // A partial date (year only) is a likely duplicate of anyone born that year, and the other way round.
  const auto year = identity.birth_date.substr(0, 4);
  if (identity.birth_date.size() == 4) {
    out.push_back("partial:" + year);
    if (lookup) out.push_back("year:" + year);
  } else {
    if (!lookup) out.push_back("year:" + year);
    if (lookup) out.push_back("partial:" + year);
  }
  std::vector<std::string> names{normalise_name(identity.birth_name)};
  if (identity.used_name) names.push_back(normalise_name(*identity.used_name));
  const auto first = identity.first_names.empty() ? std::string() : normalise_name(identity.first_names.front());
  for (const auto& n : names) {
    out.push_back("names:" + n + "|" + first);
    if (lookup) out.push_back("names:" + first + "|" + n);  // inverted
  }
  return out;
}

}  // namespace

void DuplicateIndex::add(std::int64_t id, const Identity& identity) {
  persons_[id] = identity;
  for (auto& t : traits_of(identity, false)) by_trait_.emplace(std::move(t), id);
}

std::vector<std::pair<std::int64_t, const Identity*>> DuplicateIndex::candidates(const Identity& identity) const {
  std::set<std::int64_t> ids;
  for (const auto& t : traits_of(identity, true)) {
    auto [from, to] = by_trait_.equal_range(t);
    for (auto it = from; it != to; ++it) ids.insert(it->second);
  }
  std::vector<std::pair<std::int64_t, const Identity*>> out;
  for (auto id : ids) out.emplace_back(id, &persons_.at(id));
  return out;
}

std::vector<PersonImportRow> parse_person_rows(const tabular::Table& table,
                                               const std::map<std::string, std::string>& mapping) {
  std::map<std::string, std::size_t> column_of;
  for (const auto& [field, column] : mapping)
    for (std::size_t i = 0; i < table.header.size(); ++i)
      if (table.header[i] == column) column_of[field] = i;
  std::vector<PersonImportRow> rows;
  for (std::size_t index = 0; index < table.rows.size(); ++index) {
    const auto& cells = table.rows[index];
    if (std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return trim(c).empty(); })) continue;
    PersonImportRow row;
    row.line = tabular::line_of_row(index);
    const auto where = "ligne " + std::to_string(row.line) + "/";
    auto cell = [&](const char* field) -> std::string {
      auto it = column_of.find(field);
      return it == column_of.end() ? std::string() : trim(cells[it->second]);
    };
    auto fail = [&](const std::string& field, std::string message) { row.errors.push_back({where + field, std::move(message)}); };

    // The identity goes through the record form's own reader: the same rules and messages.
    boost::json::object identity;
    identity["birth_name"] = cell("birth_name");
    if (auto v = cell("used_name"); !v.empty()) identity["used_name"] = v;
    boost::json::array first_names;
    for (const auto& f : first_names_of(cell("first_names"))) first_names.emplace_back(f);
    identity["first_names"] = std::move(first_names);
    if (auto v = cell("used_first_name"); !v.empty()) identity["used_first_name"] = v;
    const auto sex_text = cell("sex");
    const auto sex = sex_of(sex_text);
    identity["sex"] = sex.value_or(sex_text);
    identity["birth_date"] = birth_date_of(cell("birth_date"));
    if (auto v = cell("birth_place"); !v.empty()) identity["birth_place"] = upper(v);
    if (auto v = cell("nir"); !v.empty()) {
      std::string nir;
      for (char c : v)
        if (c != ' ' && c != '.' && c != '-') nir.push_back(c);
      identity["nir"] = upper(nir);
    }
    try {
      row.identity = read_identity(identity);
    } catch (const Problem& problem) {
      for (const auto& e : problem.errors()) {
        auto field = e.field.substr(0, e.field.find('/'));  // first_names/1 -> first_names
        if (field == "sex" && !sex_text.empty() && !sex)
          fail(field, "sexe illisible : F, M ou I (femme, homme, indéterminé)");
        else if (std::none_of(row.errors.begin(), row.errors.end(), [&](const FieldError& x) { return x.field == where + field; }))
          fail(field, e.message);
      }
    }

    row.establishment = cell("establishment");
    if (row.establishment.empty()) fail("establishment", "établissement manquant");
    const auto admission = cell("admission_date");
    const auto mode = cell("care_mode");
    const auto origin = cell("origin");
    if (!admission.empty()) {
      row.admission_date = date_of(admission);
      if (!row.admission_date) fail("admission_date", "date illisible (AAAA-MM-JJ ou JJ/MM/AAAA)");
      if (mode.empty())
        fail("care_mode", "mode d'accueil manquant pour l'admission");
      else if (auto code = code_of(establishments::care_modes(), mode))
        row.care_mode = *code;
      else
        fail("care_mode", "mode d'accueil inconnu : « " + mode.substr(0, 100) + " » (code FINESS ou libellé)");
      if (origin.empty())
        fail("origin", "provenance manquante pour l'admission (domicile, famille, établissement, hôpital, école, ASE, autre)");
      else if (auto code = origin_of(origin))
        row.origin = *code;
      else
        fail("origin", "provenance inconnue : « " + origin.substr(0, 100) + " » (domicile, famille, établissement, hôpital, école, ASE, autre)");
      if (row.admission_date && row.identity.birth_date.size() == 10 && row.admission_date->to_string() < row.identity.birth_date)
        fail("admission_date", "l'admission précède la naissance");
    } else if (!mode.empty() || !origin.empty()) {
      fail("admission_date", "date d'admission manquante (le mode d'accueil ou la provenance est rempli)");
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace passerelle::modules::persons
