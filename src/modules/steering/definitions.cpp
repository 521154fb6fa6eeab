// The indicators: ids, axes, units and their definitions in French (DOMAIN.md §3, docs/indicators.md).
#include "modules/steering/indicators.hpp"

namespace passerelle::modules::steering {

const std::vector<Definition>& definitions() {
  using A = Axis;
  using U = Unit;
  static const std::vector<Definition> all = {
      {"ACT-01", A::activity, U::rate, "Taux de réalisation de l'activité",
       "Journées réalisées (présences) ÷ objectif d'activité de chaque établissement pour l'année, au prorata des jours "
       "de la période ; sans objectif pour une année : places financées × jours d'ouverture.",
       "", true},
      {"ACT-02", A::activity, U::rate, "Taux d'occupation",
       "(Journées réalisées + journées d'absence comptées) ÷ (places autorisées et financées × jours d'ouverture). Sont "
       "comptés les 3 premiers jours de chaque suite de jours d'absence consécutifs pour hospitalisation ou convenance "
       "personnelle (maladie, vacances, famille, autre motif), pas les absences injustifiées.",
       "care_mode", true},
      {"ACT-03", A::activity, U::persons, "File active",
       "Personnes accompagnées en fin de période (séjour non terminé ce jour-là) + personnes sorties définitivement "
       "pendant la période (une sortie par transfert n'est pas définitive). Une personne compte une fois par séjour : "
       "chaque établissement et mode d'accueil compte les siens.",
       "care_mode", true},
      {"ACT-04", A::activity, U::days, "Durée moyenne des séjours terminés",
       "Somme des durées (date de sortie − date d'admission, en jours) des sorties définitives de la période ÷ leur "
       "nombre, hors accueil temporaire (40, 44, 45) et accueil de jour (21).",
       "", true},
      {"ACT-05", A::activity, U::days, "Nombre moyen de journées d'absence",
       "Journées d'absence de la période (tous motifs) ÷ nombre de personnes (séjours) absentes au moins un jour "
       "pendant la période.",
       "", false},
      {"ACT-06", A::activity, U::ratio, "Taux de rotation des places",
       "Admissions de la période ÷ nombre moyen de places autorisées et financées sur la période (formule retenue faute "
       "de définition officielle).",
       "", true},
      {"ACT-08", A::activity, U::days, "Journées réalisées", "Journées de présence enregistrées pendant la période.",
       "care_mode", true},
      {"ACT-09", A::activity, U::days, "Journées théoriques",
       "Places autorisées et financées × jours d'ouverture (calendrier d'ouverture de l'année, moins les fermetures ; "
       "un nombre de jours d'ouverture annuel est réparti sur les jours non fermés de l'année).",
       "care_mode", true},
      {"ACT-10", A::activity, U::count, "Admissions", "Séjours commencés pendant la période, transferts entrants compris.",
       "care_mode", true},
      {"ACT-11", A::activity, U::count, "Sorties",
       "Séjours terminés pendant la période, transferts sortants compris, par destination.", "destination", true},
      {"ACT-12", A::activity, U::days, "Durée moyenne d'accompagnement des personnes présentes",
       "Somme des durées d'accompagnement (fin de période − date d'admission, en jours) des personnes présentes en fin "
       "de période ÷ leur nombre.",
       "", true},
      {"ACT-13", A::activity, U::days, "Journées d'absence par motif",
       "Journées d'absence enregistrées pendant la période, par motif.", "absence_reason", false},
      {"ACT-14", A::activity, U::rate, "Part des personnes avec une décision d'orientation valide",
       "Personnes présentes en fin de période ayant une décision d'orientation (CDAPH) valide ce jour-là ÷ personnes "
       "présentes en fin de période.",
       "", true},
      {"ACT-15", A::activity, U::persons, "Personnes en liste d'attente",
       "Personnes ayant une demande d'admission en attente en fin de période (reçue au plus tard ce jour-là et pas "
       "encore close à cette date), une fois par établissement.",
       "", false},
      {"ACT-16", A::activity, U::days, "Délai moyen d'attente",
       "Somme des attentes (date d'entrée − date de réception de la demande, en jours) des demandes closes par l'entrée "
       "de la personne pendant la période ÷ leur nombre.",
       "", false},
      {"ACT-07-AGE", A::persons, U::distribution, "Personnes accompagnées par âge et par sexe",
       "Personnes présentes en fin de période, par tranche d'âge à cette date et par sexe (tranches de l'arrêté du 4 "
       "janvier 2010 quand tous les établissements sont des ESAT).",
       "age_band", true},
      {"ACT-07-ORIGIN", A::persons, U::distribution, "Admissions par provenance",
       "Séjours commencés pendant la période, par provenance de la personne.", "origin", true},
      {"ACT-07-DEST", A::persons, U::distribution, "Sorties par destination",
       "Sorties définitives de la période (transferts exclus), par destination de la personne.", "destination", true},
      {"ACT-07-LENGTH", A::persons, U::distribution, "Personnes présentes par ancienneté d'accompagnement",
       "Personnes présentes en fin de période, par durée écoulée depuis leur admission.", "length_band", true},
      {"RH-01", A::human_resources, U::rate, "Taux d'absentéisme",
       "Journées d'absence (hors congés payés et formation), chacune pondérée par le temps de travail du contrat ÷ (ETP "
       "moyens × jours de la période). La maladie ordinaire est dite de courte durée jusqu'à 7 jours d'arrêt, de "
       "moyenne durée au-delà.",
       "absence_kind", false},
      {"RH-02", A::human_resources, U::rate, "Taux de rotation du personnel",
       "(Taux d'entrée + taux de sortie) ÷ 2 : entrées et sorties de personnel permanent (CDI, fonctionnaires "
       "titulaires et stagiaires) pendant la période, chacune ÷ l'effectif permanent la veille du début de période.",
       "movement", false},
      {"RH-04", A::human_resources, U::ratio, "Taux d'encadrement",
       "ETP moyens ÷ places autorisées et financées moyennes de la période (formule retenue faute de définition "
       "officielle).",
       "", true},
      {"RH-05", A::human_resources, U::distribution, "Pyramide des âges du personnel",
       "Personnel sous contrat en fin de période, par tranche d'âge et par sexe (une fois par établissement).",
       "age_band", true},
      {"RH-06", A::human_resources, U::count, "CDD de remplacement",
       "Contrats à durée déterminée de remplacement commencés pendant la période.", "", false},
      {"RH-07", A::human_resources, U::fte, "ETP moyens",
       "Somme, pour chaque jour de la période, des temps de travail des contrats en cours ÷ jours de la période.",
       "job_category", true},
      {"RH-08", A::human_resources, U::rate, "Part des CDD et de l'intérim",
       "ETP moyens en contrat à durée déterminée et en intérim ÷ ETP moyens de la période.", "contract_kind", false},
  };
  return all;
}

const Definition* find_definition(const std::string& id) {
  for (const auto& d : definitions())
    if (d.id == id) return &d;
  return nullptr;
}

std::string Scope::code() const {
  switch (kind) {
    case Kind::establishment: return "establishment:" + std::to_string(establishment_id);
    case Kind::category: return "category:" + category;
    case Kind::organisation: return "organisation:" + std::to_string(organisation_id);
    case Kind::platform: return "platform";
  }
  return "platform";
}

}  // namespace passerelle::modules::steering
