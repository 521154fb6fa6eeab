#pragma once
// The layout of the steering exports (docs/indicators.md): the dashboard's figures as a workbook with
// one sheet per axis or as one CSV table, and the yearly ANAP campaign figures, one row per
// establishment in the order of the ANAP indicator list. Pure functions over the engine's values, so
// the layout is tested without a database; export_routes.cpp computes the values and writes the files.
#include <optional>
#include <string>
#include <vector>

#include "core/tabular/tabular.hpp"
#include "modules/steering/indicators.hpp"
#include "modules/steering/scope.hpp"

namespace passerelle::modules::steering {

// What one dashboard export holds: the values of a scope over a period and its two comparisons.
struct DashboardFigures {
  std::string scope_label;  // "IME Les Tilleuls", "Catégorie 183 — IME", "Organisme …"
  StudyPeriod period;
  std::vector<Value> current;
  std::vector<Value> previous;   // over previous_period(period) (scope.hpp)
  std::vector<Value> last_year;  // over same_period_last_year(period)
};

// French names of the axes, units and breakdown dimensions, as the exports write them.
std::string axis_label(Axis axis);
std::string unit_label(Unit unit);
std::string breakdown_label(const std::string& dimension);

// A value as an export writes it: rates in percent (91.25 for 0.9125), everything rounded to two
// decimals; empty when there is no value.
std::string export_number(Unit unit, std::optional<double> value);

// XLSX: "Activité", "Personnes accompagnées", "Ressources humaines" (the indicators of the axis in
// display order, each followed by its breakdown rows), then "Définitions".
std::vector<tabular::Sheet> dashboard_sheets(const DashboardFigures& figures,
                                             const std::vector<Definition>& definitions);
// CSV: the rows of the three axis sheets in one table, the axis in the first column.
tabular::Table dashboard_table(const DashboardFigures& figures, const std::vector<Definition>& definitions);
// The "Définitions" sheet alone.
tabular::Table definitions_table(const std::vector<Definition>& definitions);

// One column group of the ANAP campaign export, in the order of the ANAP indicator list.
struct AnapColumn {
  std::string axis;            // "Axe 1 — Prestations de soins et d'accompagnement", …
  std::string label;           // the ANAP label of the indicator or datum
  std::string indicator_id;    // the Passerelle indicator it is taken from
  bool per_breakdown = false;  // one column per breakdown row (distributions, rates by kind)
  bool with_total = true;      // per_breakdown columns: also the indicator's own value first
};
const std::vector<AnapColumn>& anap_columns();
// The indicator ids the ANAP export needs, for compute().
std::vector<std::string> anap_indicator_ids();

struct AnapEstablishment {
  std::string finess;
  std::string name;
  std::string category_code;
  std::string category_label;
  int year = 0;
  std::vector<Value> values;  // of the calendar year
};

// One row per establishment: FINESS, name, category code and label, year, then the ANAP columns
// (empty cells where there is no value). Breakdown columns are the union of the rows' breakdown keys,
// in the order they first appear.
tabular::Table anap_table(const std::vector<AnapEstablishment>& establishments,
                          const std::vector<Definition>& definitions);
// The "Correspondance" sheet: each ANAP column, the indicator it comes from and its definition.
tabular::Table anap_mapping_table(const std::vector<Definition>& definitions);

}  // namespace passerelle::modules::steering
