#include "modules/staff/import.hpp"

#include <algorithm>
#include <cmath>

#include "core/tabular/excel_values.hpp"
#include "core/text.hpp"

namespace passerelle::modules::staff {
namespace {

using tabular::normalise_header;

std::optional<std::string> code_by_label(const std::vector<Code>& list, const std::string& value) {
  const auto key = normalise_header(value);
  for (const auto& c : list)
    if (normalise_header(c.code) == key || normalise_header(c.label) == key) return std::string(c.code);
  return std::nullopt;
}

std::optional<std::string> contract_kind_of(const std::string& value) {
  if (auto code = code_by_label(contract_kinds(), value)) return code;
  const auto key = normalise_header(value);
  if (key == "interimaire" || key == "travailtemporaire") return "temporary_agency";
  if (key == "apprenti" || key == "contratdapprentissage") return "apprenticeship";
  if (key == "titulaire") return "civil_servant";
  if (key == "stagiaire") return "civil_servant_trainee";
  if (key == "contractuel") return "public_contract";
  return std::nullopt;
}

std::optional<std::string> fixed_term_reason_of(const std::string& value) {
  if (auto code = code_by_label(fixed_term_reasons(), value)) return code;
  const auto key = normalise_header(value);
  if (key == "remplacement") return "replacement";
  if (key == "accroissement" || key == "accroissementtemporairedactivite" || key == "surcroit")
    return "temporary_increase";
  if (key == "saisonnier") return "seasonal";
  return std::nullopt;
}

}  // namespace

const std::vector<tabular::ImportField>& import_fields() {
  static const std::vector<tabular::ImportField> list = {
      {"last_name", "Nom", true, {"nom", "nomdusage", "nomdefamille", "nomusuel"}},
      {"first_name", "Prénom", true, {"prenom", "prenoms"}},
      {"job", "Métier", true, {"metier", "emploi", "poste", "fonction", "qualification", "intituledeposte"}},
      {"establishment", "Établissement (FINESS ou nom)", true, {"etablissement", "finess", "finesset", "service", "site"}},
      {"kind", "Type de contrat (CDI, CDD, intérim…)", true,
       {"typedecontrat", "contrat", "naturecontrat", "naturedecontrat", "type"}},
      {"fixed_term_reason", "Motif du CDD", false, {"motifcdd", "motifducdd", "motif", "motifdurecours"}},
      {"start_date", "Date de début", true,
       {"datedebut", "debut", "datedentree", "entree", "debutcontrat", "datedebutcontrat"}},
      {"end_date", "Date de fin", false, {"datefin", "fin", "datedesortie", "sortie", "fincontrat", "datefincontrat"}},
      {"working_time", "Temps de travail (0,8 ou 80 %)", true,
       {"tempsdetravail", "quotite", "etp", "tauxdactivite", "quotitedetravail"}},
      {"sex", "Sexe", false, {"sexe", "genre"}},
      {"birth_date", "Date de naissance", false, {"datedenaissance", "naissance", "nele", "nee"}},
  };
  return list;
}

std::optional<std::int64_t> working_time_of(std::string_view text) {
  std::string value = trim(text);
  bool percent = false;
  if (!value.empty() && value.back() == '%') {
    percent = true;
    value = trim(value.substr(0, value.size() - 1));
  }
  auto number = tabular::detail::parse_plain_decimal(value);
  if (!number && value.size() > 1 && value[0] == '0') number = tabular::detail::parse_plain_decimal(value.substr(1));
  if (!number) return std::nullopt;
  return working_time_from(percent ? *number / 100.0 : *number);
}

std::optional<Date> date_of(std::string_view text) {
  const auto value = trim(text);
  if (auto d = Date::parse(value.substr(0, std::min<std::size_t>(value.size(), 10)))) return d;
  // dd/mm/yyyy
  if (value.size() == 10 && value[2] == '/' && value[5] == '/')
    return Date::parse(value.substr(6, 4) + "-" + value.substr(3, 2) + "-" + value.substr(0, 2));
  return std::nullopt;
}

std::vector<ImportRow> parse_rows(const tabular::Table& table, const std::map<std::string, std::string>& mapping) {
  std::map<std::string, std::size_t> column_of;
  for (const auto& [field, column] : mapping)
    for (std::size_t i = 0; i < table.header.size(); ++i)
      if (table.header[i] == column) column_of[field] = i;
  std::vector<ImportRow> rows;
  for (std::size_t index = 0; index < table.rows.size(); ++index) {
    const auto& cells = table.rows[index];
    if (std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return trim(c).empty(); })) continue;
    ImportRow row;
    row.line = tabular::line_of_row(index);
    const auto where = "ligne " + std::to_string(row.line) + "/";
    auto cell = [&](const char* field) -> std::string {
      auto it = column_of.find(field);
      return it == column_of.end() ? std::string() : trim(cells[it->second]);
    };
    auto fail = [&](const std::string& field, std::string message) {
      row.errors.push_back({where + field, std::move(message)});
    };
    row.member.last_name = cell("last_name");
    row.member.first_name = cell("first_name");
    if (row.member.last_name.empty()) fail("last_name", "nom manquant");
    if (row.member.first_name.empty()) fail("first_name", "prénom manquant");
    const auto job_text = cell("job");
    if (const auto* job = job_by_name(job_text))
      row.member.job_code = std::string(job->code);
    else
      fail("job",
           job_text.empty() ? "métier manquant" : "métier inconnu : « " + job_text + " » (à corriger dans le fichier)");
    if (const auto sex = cell("sex"); !sex.empty()) {
      const auto key = normalise_header(sex);
      if (key == "f" || key == "femme" || key == "feminin")
        row.member.sex = "F";
      else if (key == "m" || key == "h" || key == "homme" || key == "masculin")
        row.member.sex = "M";
      else
        fail("sex", "sexe illisible : F ou M attendu");
    }
    if (const auto birth = cell("birth_date"); !birth.empty()) {
      row.member.birth_date = date_of(birth);
      if (!row.member.birth_date) fail("birth_date", "date illisible (AAAA-MM-JJ ou JJ/MM/AAAA)");
    }
    row.establishment = cell("establishment");
    if (row.establishment.empty()) fail("establishment", "établissement manquant");
    Contract c;
    c.job_code = row.member.job_code;
    const auto kind_text = cell("kind");
    if (auto kind = contract_kind_of(kind_text))
      c.kind = *kind;
    else
      fail("kind", kind_text.empty() ? "type de contrat manquant" : "type de contrat inconnu : « " + kind_text + " »");
    if (const auto reason = cell("fixed_term_reason"); !reason.empty()) {
      c.fixed_term_reason = fixed_term_reason_of(reason);
      if (!c.fixed_term_reason) fail("fixed_term_reason", "motif de CDD inconnu : « " + reason + " »");
    }
    const auto start = date_of(cell("start_date"));
    if (start)
      c.start_date = *start;
    else
      fail("start_date", "date de début manquante ou illisible (AAAA-MM-JJ ou JJ/MM/AAAA)");
    if (const auto end = cell("end_date"); !end.empty()) {
      c.end_date = date_of(end);
      if (!c.end_date) fail("end_date", "date de fin illisible (AAAA-MM-JJ ou JJ/MM/AAAA)");
    }
    if (auto wt = working_time_of(cell("working_time")))
      c.working_time = *wt;
    else
      fail("working_time", "temps de travail entre 0 (exclu) et 1, ou en pourcentage (80 %)");
    // The contract's own rules, on the fields not already refused above.
    for (const auto& e : contract_errors(c))
      if (std::none_of(row.errors.begin(), row.errors.end(),
                       [&](const FieldError& f) { return f.field == where + e.field; }))
        row.errors.push_back({where + e.field, e.message});
    row.contract = c;
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::string> export_header() {
  std::vector<std::string> header;
  for (const auto& f : import_fields()) header.push_back(f.label);
  // Informative columns after the importable ones (the import ignores them).
  header.push_back("Catégorie de métier");
  header.push_back("Motif de fin");
  return header;
}

}  // namespace passerelle::modules::staff
