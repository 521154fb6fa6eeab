#include "app/demo_cpom.hpp"

#include <cstdio>
#include <map>

#include "core/clock.hpp"
#include "modules/steering/cpom_store.hpp"

namespace passerelle::app {
namespace {

namespace cpom = modules::steering::cpom;

cpom::Action demo_action(const char* label, const char* owner, std::vector<std::int64_t> establishments, Date start,
                         Date deadline, const char* status, std::int64_t progress) {
  cpom::Action a;
  a.label = label;
  a.owner = owner;
  a.establishment_ids = std::move(establishments);
  a.start_date = start;
  a.deadline = deadline;
  a.status = status;
  a.progress = progress;
  return a;
}

cpom::Indicator demo_indicator(const char* label, const char* unit, bool higher, std::optional<double> initial,
                               double target, int target_year, std::vector<cpom::YearValue> values,
                               std::optional<std::string> computed = std::nullopt,
                               std::optional<std::string> scope = std::nullopt) {
  cpom::Indicator i;
  i.label = label;
  i.unit = unit;
  i.higher_is_better = higher;
  i.initial_value = initial;
  i.target_value = target;
  i.target_year = target_year;
  i.values = std::move(values);
  i.computed_id = std::move(computed);
  i.computed_scope = std::move(scope);
  return i;
}

}  // namespace

void create_demo_cpom(const store::Scoped& db, std::int64_t reader_account_id) {
  std::map<std::string, std::int64_t> by_name;
  std::vector<std::int64_t> all;
  for (const auto& r : db.query("SELECT id, name FROM establishment WHERE {{tenant}} ORDER BY id")) {
    by_name[r.text("name")] = r.integer("id");
    all.push_back(r.integer("id"));
  }
  const auto ime = by_name.at("IME Les Tilleuls");
  const auto sessad = by_name.at("SESSAD Les Tilleuls");
  const auto esat = by_name.at("ESAT Les Ateliers du Rhône");
  const auto mas = by_name.at("MAS Le Clos Fleuri");
  const auto fam = by_name.at("FAM La Roseraie");

  const int first = Date::today().year() - 1;
  const auto day = [&](int year_offset, int month, int day_of_month) {
    char text[11];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", first + year_offset, month, day_of_month);
    return *Date::parse(text);
  };

  cpom::Cpom c;
  c.name = "CPOM " + std::to_string(first) + "-" + std::to_string(first + 4) +
           " ARS Auvergne-Rhône-Alpes et Département du Rhône";
  c.funders = {"ars", "departement"};
  c.establishment_ids = all;
  c.reader_ids = {reader_account_id};
  c.start_date = day(0, 1, 1);
  c.end_date = day(4, 12, 31);
  c.status = "signed";
  c.created_by = "directrice@passerelles-rhone.demo";
  c.id = cpom::insert_cpom(db, c);

  auto objective = [&](const char* title, std::optional<std::int64_t> parent) {
    return cpom::insert_objective(db, {0, c.id, parent, title});
  };
  const auto offer = objective("Diversifier l'offre et fluidifier les parcours", std::nullopt);
  const auto inclusive = objective("Transformer des places d'internat en accompagnements en milieu ordinaire", offer);
  const auto waiting = objective("Réduire les délais d'admission", offer);
  const auto work = objective("Améliorer la qualité de vie au travail", std::nullopt);
  const auto absence = objective("Réduire l'absentéisme", work);

  auto sheet = [&](std::int64_t objective_id, const char* title, const char* description, const char* owner,
                   std::vector<cpom::Action> actions, std::vector<cpom::Indicator> indicators,
                   std::vector<std::pair<const char*, const char*>> comments) {
    cpom::Sheet s;
    s.cpom_id = c.id;
    s.objective_id = objective_id;
    s.title = title;
    s.description = description;
    s.owner = owner;
    s.created_by = c.created_by;
    s.id = cpom::insert_sheet(db, s);
    cpom::save_actions(db, s.id, {}, actions);
    cpom::save_indicators(db, s.id, {}, indicators);
    for (const auto& [author, text] : comments)
      cpom::insert_comment(db, {0, s.id, std::nullopt, author, now_iso8601(), text});
  };

  sheet(
      inclusive, "Transformation de l'offre de l'IME et du SESSAD Les Tilleuls",
      "Six places d'internat de l'IME deviennent des places de SESSAD, pour accompagner les enfants dans leur école "
      "et leur famille.",
      "Claire Dubois, directrice",
      {demo_action("Étude des besoins du territoire avec l'Éducation nationale", "Directrice", {ime, sessad},
                   day(0, 1, 15), day(0, 6, 30), "done", 100),
       demo_action("Recrutement de deux éducateurs pour le SESSAD", "Cheffe de service", {sessad}, day(0, 9, 1),
                   day(1, 3, 31), "done", 100),
       demo_action("Fermeture progressive de six places d'internat", "Cheffe de service", {ime}, day(1, 1, 1),
                   day(2, 8, 31), "in_progress", 60),
       demo_action("Convention avec trois écoles du secteur", "Directrice", {sessad}, day(1, 9, 1), day(2, 6, 30),
                   "in_progress", 30)},
      {demo_indicator("Taux d'occupation de l'IME", "rate", true, 0.91, 0.95, first + 2, {{first, 0.92}}, "ACT-02",
                      "establishment:" + std::to_string(ime)),
       demo_indicator("Places de SESSAD installées", "count", true, 35, 50, first + 2, {{first, 35}, {first + 1, 50}})},
      {{"Claire Dubois", "Revue annuelle : étude des besoins terminée, recrutements réalisés."},
       {"Marc Lefèvre", "Fermeture des places d'internat décalée d'un trimestre : deux familles à accompagner."}});

  sheet(waiting, "Délais d'admission en ESAT et en MAS",
        "Réduire le temps entre la notification de la MDPH et l'admission, en partageant la liste d'attente avec les "
        "partenaires.",
        "Marc Lefèvre, responsable qualité",
        {demo_action("Commission d'admission mensuelle commune ESAT et MAS", "Responsable qualité", {esat, mas},
                     day(0, 3, 1), day(0, 9, 30), "done", 100),
         demo_action("Stages de découverte avant admission", "Directeur de l'ESAT", {esat}, day(1, 1, 1), day(1, 6, 30),
                     "in_progress", 40),
         demo_action("Logiciel de gestion de la liste d'attente partagé avec la MDPH", "Responsable qualité",
                     {esat, mas}, day(1, 1, 1), day(2, 12, 31), "abandoned", 10)},
        {demo_indicator("Délai moyen d'attente (jours)", "days", false, 240, 150, first + 3, {{first, 220}}, "ACT-16",
                        "organisation")},
        {{"Marc Lefèvre", "Le logiciel de la MDPH (ViaTrajectoire) couvre ce besoin : action abandonnée."}});

  sheet(absence, "Prévention de l'absentéisme dans les établissements pour adultes",
        "Plan de prévention des troubles musculo-squelettiques et accompagnement du retour à l'emploi.",
        "Claire Dubois, directrice",
        {demo_action("Formation gestes et postures pour les équipes de la MAS et du FAM", "Responsable RH", {mas, fam},
                     day(0, 4, 1), day(1, 3, 31), "in_progress", 70),
         demo_action("Achat de rails de transfert", "Directrice", {mas, fam}, day(1, 1, 1), day(2, 12, 31),
                     "not_started", 0)},
        {demo_indicator("Taux d'absentéisme", "rate", false, 0.098, 0.08, first + 4, {{first, 0.095}}, "RH-01",
                        "organisation")},
        {});
}

}  // namespace passerelle::app
