#include "modules/steering/export.hpp"

#include <algorithm>
#include <cmath>

#include "core/tabular/excel_values.hpp"

namespace passerelle::modules::steering {
namespace {

constexpr std::string_view no_data = "pas de données";

const Value* find_value(const std::vector<Value>& values, const std::string& id) {
  auto it = std::find_if(values.begin(), values.end(), [&](const Value& v) { return v.id == id; });
  return it == values.end() ? nullptr : &*it;
}

const Definition* definition_of(const std::vector<Definition>& definitions, const std::string& id) {
  auto it = std::find_if(definitions.begin(), definitions.end(), [&](const Definition& d) { return d.id == id; });
  return it == definitions.end() ? nullptr : &*it;
}

const BreakdownRow* find_row(const Value* value, const std::string& key) {
  if (!value) return nullptr;
  auto it = std::find_if(value->breakdown.begin(), value->breakdown.end(),
                         [&](const BreakdownRow& r) { return r.key == key; });
  return it == value->breakdown.end() ? nullptr : &*it;
}

std::string rounded(double x) {
  double r = std::round(x * 100) / 100;
  if (r == 0) r = 0;  // no "-0"
  return tabular::detail::format_number(r);
}

// The value columns of the dashboard: "pas de données" rather than an empty cell, so that a reader
// never takes a missing rate for a zero.
std::string shown(Unit unit, std::optional<double> value) {
  return value ? export_number(unit, value) : std::string(no_data);
}

// Numerator and denominator: the denominator is left empty for counts and sums (no denominator),
// and kept (0) when it is the reason there is no value.
std::pair<std::string, std::string> parts(double numerator, double denominator, bool has_value) {
  return {rounded(numerator), denominator != 0 || !has_value ? rounded(denominator) : std::string()};
}

std::string sex_label(const std::string& sex) {
  if (sex == "F") return "femmes";
  if (sex == "M") return "hommes";
  return "sexe non renseigné";
}

// The by-sex split in a stable order: F, M, then the others as the engine named them.
std::vector<std::string> sex_keys(const std::map<std::string, double>& by_sex) {
  std::vector<std::string> keys;
  for (const char* k : {"F", "M"})
    if (by_sex.count(k)) keys.push_back(k);
  for (const auto& [k, _] : by_sex)
    if (k != "F" && k != "M") keys.push_back(k);
  return keys;
}

std::optional<double> sex_count(const BreakdownRow* row, const std::string& sex) {
  if (!row) return std::nullopt;
  auto it = row->by_sex.find(sex);
  if (it == row->by_sex.end()) return std::nullopt;
  return it->second;
}

// The rows of one indicator: its own line, then one per breakdown row (and per sex in a pyramid).
// Columns: id, label, breakdown, value, numerator, denominator, previous, last year, unit.
void indicator_rows(const Definition& d, const DashboardFigures& f, std::vector<std::vector<std::string>>& out) {
  const Value* current = find_value(f.current, d.id);
  const Value* previous = find_value(f.previous, d.id);
  const Value* last_year = find_value(f.last_year, d.id);
  const std::string unit = unit_label(d.unit);
  const auto optional_of = [](const Value* v) { return v ? v->value : std::nullopt; };
  {
    const auto value = optional_of(current);
    auto [num, den] = current ? parts(current->numerator, current->denominator, value.has_value())
                              : std::pair<std::string, std::string>{};
    out.push_back({d.id, d.label, "", shown(d.unit, value), num, den, shown(d.unit, optional_of(previous)),
                   shown(d.unit, optional_of(last_year)), unit});
  }
  if (!current) return;
  for (const auto& row : current->breakdown) {
    const auto* before = find_row(previous, row.key);
    const auto* year_before = find_row(last_year, row.key);
    const std::string label = row.label.empty() ? row.key : row.label;
    auto [num, den] = parts(row.numerator, row.denominator, row.value.has_value());
    out.push_back({d.id, d.label, label, shown(d.unit, row.value), num, den,
                   shown(d.unit, before ? before->value : std::nullopt),
                   shown(d.unit, year_before ? year_before->value : std::nullopt), unit});
    for (const auto& sex : sex_keys(row.by_sex)) {
      // A sex nobody is counted under in any of the three periods adds nothing: no line.
      if (row.by_sex.at(sex) == 0 && sex_count(before, sex).value_or(0) == 0 &&
          sex_count(year_before, sex).value_or(0) == 0)
        continue;
      const auto count = [&](const BreakdownRow* r) {
        auto c = sex_count(r, sex);
        return c ? rounded(*c) : std::string(no_data);
      };
      out.push_back({d.id, d.label, label + " — " + sex_label(sex), rounded(row.by_sex.at(sex)), "", "", count(before),
                     count(year_before), unit_label(Unit::persons)});
    }
  }
}

std::vector<std::string> figures_header() {
  return {"Périmètre",
          "Du",
          "Au",
          "Indicateur",
          "Libellé",
          "Ventilation",
          "Valeur",
          "Numérateur",
          "Dénominateur",
          "Période précédente",
          "Même période l'an dernier",
          "Unité"};
}

// The cells of figures_header() in a workbook: the period as dates, the values as numbers.
std::vector<tabular::ColumnKind> figures_kinds() {
  using K = tabular::ColumnKind;
  return {K::text,   K::date,   K::date,   K::text,   K::text,   K::text,
          K::number, K::number, K::number, K::number, K::number, K::text};
}

std::vector<std::vector<std::string>> axis_rows(Axis axis, const DashboardFigures& f,
                                                const std::vector<Definition>& definitions) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& d : definitions) {
    if (d.axis != axis) continue;
    std::vector<std::vector<std::string>> mine;
    indicator_rows(d, f, mine);
    for (auto& r : mine) {
      r.insert(r.begin(), {f.scope_label, f.period.from.to_string(), f.period.to.to_string()});
      rows.push_back(std::move(r));
    }
  }
  return rows;
}

constexpr Axis axes[] = {Axis::activity, Axis::persons, Axis::human_resources};

const std::string axis1 = "Axe 1 — Prestations de soins et d'accompagnement";
const std::string axis2 = "Axe 2 — Ressources humaines et matérielles";
const std::string data = "Données de caractérisation";

}  // namespace

std::string axis_label(Axis axis) {
  switch (axis) {
    case Axis::activity:
      return "Activité";
    case Axis::persons:
      return "Personnes accompagnées";
    case Axis::human_resources:
      return "Ressources humaines";
  }
  return "";
}

std::string unit_label(Unit unit) {
  switch (unit) {
    case Unit::rate:
      return "%";
    case Unit::days:
      return "jours";
    case Unit::persons:
      return "personnes";
    case Unit::count:
      return "nombre";
    case Unit::fte:
      return "ETP";
    case Unit::ratio:
      return "ratio";
    case Unit::distribution:
      return "effectif";
  }
  return "";
}

std::string breakdown_label(const std::string& dimension) {
  static const std::vector<std::pair<std::string, std::string>> labels = {
      {"care_mode", "mode d'accueil"},        {"absence_reason", "motif d'absence"},
      {"destination", "destination"},         {"origin", "provenance"},
      {"age_band", "tranche d'âge et sexe"},  {"length_band", "ancienneté d'accompagnement"},
      {"movement", "entrées et sorties"},     {"absence_kind", "motif d'absence"},
      {"job_category", "catégorie d'emploi"}, {"contract_kind", "type de contrat"},
  };
  for (const auto& [code, label] : labels)
    if (code == dimension) return label;
  return dimension;
}

std::string export_number(Unit unit, std::optional<double> value) {
  if (!value) return "";
  return rounded(unit == Unit::rate ? *value * 100 : *value);
}

tabular::Table definitions_table(const std::vector<Definition>& definitions) {
  tabular::Table t;
  t.header = {"Indicateur", "Axe", "Libellé", "Unité", "Définition", "Ventilation", "Sens favorable"};
  for (const auto& d : definitions)
    t.rows.push_back({d.id, axis_label(d.axis), d.label, unit_label(d.unit), d.definition,
                      d.breakdown.empty() ? "" : breakdown_label(d.breakdown),
                      d.higher_is_better ? "à la hausse" : "à la baisse"});
  return t;
}

std::vector<tabular::Sheet> dashboard_sheets(const DashboardFigures& figures,
                                             const std::vector<Definition>& definitions) {
  std::vector<tabular::Sheet> sheets;
  for (Axis axis : axes) {
    tabular::Sheet sheet{axis_label(axis), {figures_header(), axis_rows(axis, figures, definitions)}, figures_kinds()};
    sheets.push_back(std::move(sheet));
  }
  sheets.push_back({"Définitions", definitions_table(definitions), {}});
  return sheets;
}

tabular::Table dashboard_table(const DashboardFigures& figures, const std::vector<Definition>& definitions) {
  tabular::Table t;
  t.header = figures_header();
  t.header.insert(t.header.begin(), "Axe");
  for (Axis axis : axes)
    for (auto& row : axis_rows(axis, figures, definitions)) {
      row.insert(row.begin(), axis_label(axis));
      t.rows.push_back(std::move(row));
    }
  return t;
}

const std::vector<AnapColumn>& anap_columns() {
  // The ANAP list (guide des indicateurs du tableau de bord de la performance dans le secteur
  // médico-social), axes 1 and 2, restricted to what Passerelle computes; docs/indicators.md lists
  // the ANAP indicators left out and why.
  static const std::vector<AnapColumn> columns = {
      {axis1, "Taux de réalisation de l'activité", "ACT-01"},
      {axis1, "Taux d'occupation des lits ou places financés", "ACT-02"},
      {axis1, "File active des personnes accompagnées sur la période", "ACT-03"},
      {axis1, "Durée moyenne de séjour / d'accompagnement des personnes sorties définitivement", "ACT-04"},
      {axis1, "Nombre moyen de journées d'absence des personnes accompagnées sur la période", "ACT-05"},
      {axis1, "Taux de rotation des lits ou places financés", "ACT-06"},
      {axis1, "Répartition des personnes accompagnées sorties définitivement par motif ou destination", "ACT-07-DEST",
       true, false},
      {axis1, "Répartition des personnes accompagnées selon leur provenance (admissions)", "ACT-07-ORIGIN", true,
       false},
      {axis2, "Pyramide des âges du personnel", "RH-05", true, false},
      {axis2, "Taux d'absentéisme (hors formation)", "RH-01", true, true},
      {axis2, "Taux de rotation des personnels sur effectifs réels", "RH-02"},
      {axis2, "Taux d'encadrement", "RH-04"},
      {data, "Nombre de journées réalisées", "ACT-08"},
      {data, "Nombre de journées théoriques (places × jours d'ouverture)", "ACT-09"},
      {data, "Nombre d'admissions", "ACT-10"},
      {data, "Nombre de sorties", "ACT-11"},
      {data, "ETP réels moyens", "RH-07"},
      {data, "Nombre de CDD de remplacement", "RH-06"},
      {data, "Part des CDD et de l'intérim dans les ETP", "RH-08"},
  };
  return columns;
}

std::vector<std::string> anap_indicator_ids() {
  std::vector<std::string> ids;
  for (const auto& c : anap_columns())
    if (std::find(ids.begin(), ids.end(), c.indicator_id) == ids.end()) ids.push_back(c.indicator_id);
  return ids;
}

tabular::Table anap_table(const std::vector<AnapEstablishment>& establishments,
                          const std::vector<Definition>& definitions) {
  struct Cell {
    const AnapColumn* column;
    Unit unit;
    std::optional<std::string> key;  // a breakdown row; none: the indicator's own value
  };
  tabular::Table t;
  t.header = {"FINESS", "Établissement", "Catégorie FINESS", "Catégorie", "Année"};
  std::vector<Cell> cells;
  for (const auto& column : anap_columns()) {
    const auto* d = definition_of(definitions, column.indicator_id);
    if (!d) continue;  // not computed by this engine: no column rather than an empty one
    const std::string unit = " (" + unit_label(d->unit) + ")";
    if (!column.per_breakdown || column.with_total) {
      t.header.push_back(column.label + unit);
      cells.push_back({&column, d->unit, std::nullopt});
    }
    if (!column.per_breakdown) continue;
    std::vector<std::pair<std::string, std::string>> keys;  // key, label: in order of first appearance
    for (const auto& e : establishments)
      if (const auto* v = find_value(e.values, column.indicator_id))
        for (const auto& row : v->breakdown)
          if (std::none_of(keys.begin(), keys.end(), [&](const auto& k) { return k.first == row.key; }))
            keys.push_back({row.key, row.label.empty() ? row.key : row.label});
    for (const auto& [key, label] : keys) {
      t.header.push_back(column.label + " — " + label + unit);
      cells.push_back({&column, d->unit, key});
    }
  }
  for (const auto& e : establishments) {
    std::vector<std::string> row = {e.finess, e.name, e.category_code, e.category_label, std::to_string(e.year)};
    for (const auto& cell : cells) {
      const auto* v = find_value(e.values, cell.column->indicator_id);
      std::optional<double> x;
      if (cell.key) {
        if (const auto* r = find_row(v, *cell.key)) x = r->value;
      } else if (v) {
        x = v->value;
      }
      row.push_back(export_number(cell.unit, x));
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

tabular::Table anap_mapping_table(const std::vector<Definition>& definitions) {
  tabular::Table t;
  t.header = {"Axe ANAP", "Indicateur ANAP", "Indicateur Passerelle", "Libellé Passerelle", "Unité", "Définition"};
  for (const auto& column : anap_columns()) {
    const auto* d = definition_of(definitions, column.indicator_id);
    if (!d) continue;
    std::string label = column.label;
    if (column.per_breakdown) label += " (une colonne par " + breakdown_label(d->breakdown) + ")";
    t.rows.push_back({column.axis, label, d->id, d->label, unit_label(d->unit), d->definition});
  }
  return t;
}

}  // namespace passerelle::modules::steering
