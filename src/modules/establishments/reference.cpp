#include "modules/establishments/reference.hpp"

namespace passerelle::modules::establishments {

const std::vector<Category>& categories() {
  static const std::vector<Category> list = {
      {"190", "CAMSP", "Centre d'action médico-sociale précoce", ""},
      {"189", "CMPP", "Centre médico-psycho-pédagogique", ""},
      {"249", "CRP", "Centre de rééducation professionnelle", ""},
      {"500", "EHPAD", "Établissement d'hébergement pour personnes âgées dépendantes", ""},
      {"246", "ESAT", "Établissement et service d'aide par le travail", ""},
      {"192", "IEM", "Institut d'éducation motrice", ""},
      {"188", "EEAP", "Établissement pour enfants ou adolescents polyhandicapés", ""},
      {"437", "FAM", "Foyer d'accueil médicalisé", ""},
      {"448", "EAM", "Établissement d'accueil médicalisé", ""},
      {"449", "EANM", "Établissement d'accueil non médicalisé (foyer de vie, foyer d'hébergement)", ""},
      {"183", "IME", "Institut médico-éducatif", ""},
      {"195", "IDA", "Institut pour déficients auditifs", ""},
      {"194", "IDV", "Institut pour déficients visuels", ""},
      {"196", "ISA", "Institut d'éducation sensorielle pour sourds-aveugles", ""},
      {"186", "ITEP", "Institut thérapeutique, éducatif et pédagogique", ""},
      {"255", "MAS", "Maison d'accueil spécialisée", ""},
      {"446", "SAVS", "Service d'accompagnement à la vie sociale", ""},
      {"445", "SAMSAH", "Service d'accompagnement médico-social pour adultes handicapés", ""},
      {"354", "SSIAD", "Service de soins infirmiers à domicile", ""},
      {"209", "SPASAD", "Service polyvalent d'aide et de soins à domicile", ""},
      {"182", "SESSAD", "Service d'éducation spéciale et de soins à domicile", ""},
      {"202", "RA", "Résidence autonomie", ""},
      {"207", "CJPA", "Centre de jour pour personnes âgées", ""},
      {"247", "EA", "Entreprise adaptée", ""},
      {"252", "FH", "Foyer d'hébergement pour adultes handicapés", "2018-12-31"},
      {"382", "FV", "Foyer de vie pour adultes handicapés", "2018-12-31"},
      {"253", "FP", "Foyer polyvalent pour adultes handicapés", "2018-12-31"},
  };
  return list;
}

const Category* find_category(std::string_view code) {
  for (const auto& c : categories())
    if (c.code == code) return &c;
  return nullptr;
}

const std::vector<Code>& care_modes() {
  static const std::vector<Code> list = {
      {"11", "Hébergement complet / internat"},   {"13", "Semi-internat"},
      {"14", "Externat"},                         {"15", "Placement familial"},
      {"16", "Prestations en milieu ordinaire"},  {"17", "Internat de semaine"},
      {"21", "Accueil de jour"},                  {"22", "Accueil de nuit"},
      {"27", "Accueil modulable / séquentiel"},   {"40", "Accueil temporaire avec hébergement"},
      {"44", "Accueil temporaire de jour"},       {"45", "Accueil temporaire (avec et sans hébergement)"},
      {"54", "Accueil familial"},
  };
  return list;
}

const std::vector<Code>& capacity_statuses() {
  static const std::vector<Code> list = {
      {"authorised", "Places autorisées"}, {"installed", "Places installées"}, {"funded", "Places financées"}};
  return list;
}

const std::vector<Code>& publics() {
  static const std::vector<Code> list = {{"children", "Enfants et adolescents"}, {"adults", "Adultes"},
                                         {"elderly", "Personnes âgées"}};
  return list;
}

const std::vector<Code>& disabilities() {
  static const std::vector<Code> list = {
      {"intellectual", "Déficience intellectuelle"},     {"autism", "Troubles du spectre de l'autisme"},
      {"psychic", "Handicap psychique"},                 {"behaviour", "Troubles du comportement"},
      {"motor", "Déficience motrice"},                   {"polyhandicap", "Polyhandicap"},
      {"hearing", "Déficience auditive"},                {"visual", "Déficience visuelle"},
      {"deafblind", "Surdicécité"},                      {"brain_injury", "Cérébrolésion"},
      {"dependency", "Perte d'autonomie liée à l'âge"},  {"all", "Tous types de handicap"},
  };
  return list;
}

const std::vector<Code>& funders() {
  static const std::vector<Code> list = {{"ars", "Agence régionale de santé"}, {"departement", "Conseil départemental"}};
  return list;
}

const std::vector<Code>& bricks() {
  // The person record is the base every establishment has: it is not in this list.
  static const std::vector<Code> list = {{"steering", "Pilotage"}, {"surveys", "Enquêtes"},
                                         {"collaboration", "Collaboration"}, {"gdpr", "RGPD"}};
  return list;
}

bool has_code(const std::vector<Code>& list, std::string_view code) {
  for (const auto& c : list)
    if (c.code == code) return true;
  return false;
}

std::string_view label_of(const std::vector<Code>& list, std::string_view code) {
  for (const auto& c : list)
    if (c.code == code) return c.label;
  return code;
}

std::vector<std::string_view> codes_of(const std::vector<Code>& list) {
  std::vector<std::string_view> out;
  for (const auto& c : list) out.push_back(c.code);
  return out;
}

}  // namespace passerelle::modules::establishments
