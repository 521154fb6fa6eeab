#include "modules/staff/domain.hpp"

#include <algorithm>
#include <cmath>

#include "core/text.hpp"

namespace passerelle::modules::staff {
namespace {

// Letters and digits only, folded: "AES/AMP" and "aes amp" read alike.
std::string name_key(std::string_view s) {
  std::string out;
  for (char c : fold_for_search(s))
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
  return out;
}

}  // namespace

const std::vector<Code>& job_categories() {
  static const std::vector<Code> list = {{"management", "Direction, encadrement"},
                                         {"administration", "Administration, gestion"},
                                         {"general_services", "Services généraux"},
                                         {"educational_social", "Éducatif et social"},
                                         {"paramedical", "Paramédical"},
                                         {"medical", "Médical"},
                                         {"psychology", "Psychologues"}};
  return list;
}

const std::vector<Job>& jobs() {
  static const std::vector<Job> list = {
      {"director", "Directeur", "management"},
      {"deputy_director", "Directeur adjoint", "management"},
      {"head_of_service", "Chef de service", "management"},
      {"secretary", "Secrétaire", "administration"},
      {"accountant", "Comptable", "administration"},
      {"administrative_officer", "Agent administratif", "administration"},
      {"service_agent", "Agent de service", "general_services"},
      {"maintenance_agent", "Agent d'entretien", "general_services"},
      {"cook", "Cuisinier", "general_services"},
      {"house_keeper", "Maîtresse de maison", "general_services"},
      {"night_watch", "Surveillant de nuit", "general_services"},
      {"driver", "Chauffeur", "general_services"},
      {"specialised_educator", "Éducateur spécialisé", "educational_social"},
      {"educational_monitor", "Moniteur-éducateur", "educational_social"},
      {"aes_amp", "AES/AMP", "educational_social"},
      {"technical_educator", "Éducateur technique spécialisé", "educational_social"},
      {"workshop_monitor", "Moniteur d'atelier", "educational_social"},
      {"early_childhood_educator", "Éducateur de jeunes enfants", "educational_social"},
      {"social_worker", "Assistant de service social", "educational_social"},
      {"family_economy_adviser", "Conseiller en économie sociale familiale", "educational_social"},
      {"care_assistant", "Aide-soignant", "paramedical"},
      {"nurse", "Infirmier", "paramedical"},
      {"occupational_therapist", "Ergothérapeute", "paramedical"},
      {"physiotherapist", "Masseur-kinésithérapeute", "paramedical"},
      {"speech_therapist", "Orthophoniste", "paramedical"},
      {"psychomotor_therapist", "Psychomotricien", "paramedical"},
      {"physician", "Médecin", "medical"},
      {"psychiatrist", "Psychiatre", "medical"},
      {"psychologist", "Psychologue", "psychology"},
      {"neuropsychologist", "Neuropsychologue", "psychology"}};
  return list;
}

const Job* find_job(std::string_view code) {
  for (const auto& j : jobs())
    if (j.code == code) return &j;
  return nullptr;
}

const Job* job_by_name(std::string_view name) {
  const auto key = name_key(name);
  if (key.empty()) return nullptr;
  for (const auto& j : jobs())
    if (name_key(j.code) == key || name_key(j.label) == key) return &j;
  // The usual short and long forms of a few titles.
  static const std::vector<std::pair<std::string_view, std::string_view>> aliases = {
      {"aes", "aes_amp"},
      {"amp", "aes_amp"},
      {"aidemedicopsychologique", "aes_amp"},
      {"accompagnanteducatifetsocial", "aes_amp"},
      {"moniteureducateur", "educational_monitor"},
      {"infirmiere", "nurse"},
      {"ide", "nurse"},
      {"aidesoignante", "care_assistant"},
      {"as", "care_assistant"},
      {"educatricespecialisee", "specialised_educator"},
      {"es", "specialised_educator"},
      {"me", "educational_monitor"},
      {"directrice", "director"},
      {"cheffedeservice", "head_of_service"},
      {"agentdeservicehospitalier", "service_agent"},
      {"ash", "service_agent"},
      {"psychologue", "psychologist"},
      {"medecin", "physician"}};
  for (const auto& [alias, code] : aliases)
    if (alias == key) return find_job(code);
  return nullptr;
}

const std::vector<Code>& contract_kinds() {
  static const std::vector<Code> list = {{"permanent", "CDI"},
                                         {"fixed_term", "CDD"},
                                         {"temporary_agency", "Intérim"},
                                         {"apprenticeship", "Apprentissage"},
                                         {"civil_servant", "Fonctionnaire titulaire"},
                                         {"civil_servant_trainee", "Fonctionnaire stagiaire"},
                                         {"public_contract", "Contractuel de droit public"}};
  return list;
}

const std::vector<Code>& fixed_term_reasons() {
  static const std::vector<Code> list = {{"replacement", "Remplacement d'un salarié absent"},
                                         {"temporary_increase", "Accroissement temporaire d'activité"},
                                         {"seasonal", "Emploi saisonnier"}};
  return list;
}

const std::vector<Code>& end_reasons() {
  static const std::vector<Code> list = {{"resignation", "Démission"},
                                         {"dismissal", "Licenciement"},
                                         {"contractual_termination", "Rupture conventionnelle"},
                                         {"retirement", "Départ à la retraite"},
                                         {"end_of_contract", "Fin de contrat"},
                                         {"transfer", "Mutation dans l'organisme"},
                                         {"death", "Décès"},
                                         {"other", "Autre"}};
  return list;
}

bool is_permanent(std::string_view kind) {
  return kind == "permanent" || kind == "civil_servant" || kind == "civil_servant_trainee";
}

const std::vector<Code>& absence_kinds() {
  static const std::vector<Code> list = {{"illness", "Maladie ordinaire"},
                                         {"long_illness", "Longue maladie, longue durée"},
                                         {"work_accident", "Accident du travail ou de trajet"},
                                         {"occupational_disease", "Maladie professionnelle"},
                                         {"maternity", "Maternité"},
                                         {"paternity", "Paternité, accueil de l'enfant"},
                                         {"special_leave", "Congé exceptionnel"},
                                         {"unpaid_leave", "Congé sans solde"},
                                         {"training", "Formation"},
                                         {"paid_leave", "Congés payés"}};
  return list;
}

const std::vector<Code>& absenteeism_groups() {
  // RH-01's kinds: illness is split into short and medium by the indicator from its length.
  static const std::vector<Code> list = {
      {"illness", "Maladie ordinaire"},
      {"long_illness", "Longue maladie"},
      {"maternity_paternity", "Maternité, paternité"},
      {"work_accident_occupational_disease", "Accident du travail, maladie professionnelle"},
      {"special_leave", "Congés spéciaux (dont sans solde)"},
      {"excluded", "Hors absentéisme (congés payés, formation)"}};
  return list;
}

std::string_view absenteeism_group(std::string_view kind) {
  if (kind == "illness") return "illness";
  if (kind == "long_illness") return "long_illness";
  if (kind == "maternity" || kind == "paternity") return "maternity_paternity";
  if (kind == "work_accident" || kind == "occupational_disease") return "work_accident_occupational_disease";
  if (kind == "special_leave" || kind == "unpaid_leave") return "special_leave";
  return "excluded";
}

bool has_code(const std::vector<Code>& list, std::string_view code) {
  return std::any_of(list.begin(), list.end(), [&](const Code& c) { return c.code == code; });
}

std::string_view label_of(const std::vector<Code>& list, std::string_view code) {
  for (const auto& c : list)
    if (c.code == code) return c.label;
  return code;
}

double Absence::calendar_days() const {
  return static_cast<double>(days_between(start_date, end_date) + 1) - (start_half_day ? 0.5 : 0.0) -
         (end_half_day ? 0.5 : 0.0);
}

std::optional<std::int64_t> working_time_from(double fraction) {
  if (!std::isfinite(fraction) || fraction <= 0 || fraction > 1) return std::nullopt;
  const double scaled = fraction * full_time;
  const auto rounded = std::llround(scaled);
  if (std::fabs(scaled - static_cast<double>(rounded)) > 1e-6) return std::nullopt;
  return rounded;
}

double working_time_fraction(std::int64_t working_time) { return static_cast<double>(working_time) / full_time; }

std::vector<FieldError> contract_errors(const Contract& c, const std::string& prefix) {
  std::vector<FieldError> errors;
  if (!find_job(c.job_code)) errors.push_back({prefix + "job", "métier inconnu"});
  if (!has_code(contract_kinds(), c.kind)) errors.push_back({prefix + "kind", "type de contrat inconnu"});
  if (c.kind == "fixed_term") {
    if (!c.end_date) errors.push_back({prefix + "end_date", "un CDD a une date de fin"});
    if (!c.fixed_term_reason)
      errors.push_back(
          {prefix + "fixed_term_reason", "motif du CDD obligatoire (remplacement, accroissement, saisonnier)"});
    else if (!has_code(fixed_term_reasons(), *c.fixed_term_reason))
      errors.push_back({prefix + "fixed_term_reason", "motif de CDD inconnu"});
  } else if (c.fixed_term_reason) {
    errors.push_back({prefix + "fixed_term_reason", "le motif ne concerne que les CDD"});
  }
  if (c.end_date && *c.end_date < c.start_date)
    errors.push_back({prefix + "end_date", "la date de fin précède la date de début"});
  if (c.end_reason) {
    if (!c.end_date)
      errors.push_back({prefix + "end_reason", "un motif de fin demande une date de fin"});
    else if (!has_code(end_reasons(), *c.end_reason))
      errors.push_back({prefix + "end_reason", "motif de fin inconnu"});
  }
  if (c.working_time <= 0 || c.working_time > full_time)
    errors.push_back(
        {prefix + "working_time", "le temps de travail est une fraction du temps plein, entre 0 (exclu) et 1"});
  return errors;
}

std::vector<FieldError> contract_conflicts(const Contract& c, const std::vector<Contract>& others,
                                           const std::string& prefix) {
  std::vector<const Contract*> same;
  for (const auto& o : others)
    if (o.id != c.id && o.establishment_id == c.establishment_id && o.period().overlaps(c.period())) same.push_back(&o);
  // The sum is highest on a day when one of the contracts starts: check the days where one does.
  std::vector<Date> starts{c.start_date};
  for (const auto* o : same)
    if (c.period().contains(o->start_date)) starts.push_back(o->start_date);
  for (Date day : starts) {
    std::int64_t sum = c.working_time;
    for (const auto* o : same)
      if (o->period().contains(day)) sum += o->working_time;
    if (sum > full_time)
      return {{prefix + "working_time", "avec les autres contrats de cet établissement au " + day.to_string() +
                                            ", le temps de travail dépasse un temps plein"}};
  }
  return {};
}

std::vector<FieldError> absence_errors(const Absence& a, const std::vector<Contract>& contracts,
                                       const std::string& prefix) {
  std::vector<FieldError> errors;
  if (!has_code(absence_kinds(), a.kind)) errors.push_back({prefix + "kind", "type d'absence inconnu"});
  if (a.end_date < a.start_date) {
    errors.push_back({prefix + "end_date", "la date de fin précède la date de début"});
    return errors;
  }
  if (a.start_date == a.end_date && a.start_half_day && a.end_half_day)
    errors.push_back({prefix + "end_half_day", "une absence d'un jour compte au plus une demi-journée de moins"});
  // Every day must be covered: walk forward from the start through contracts that cover the day.
  Date day = a.start_date;
  bool covered = true;
  while (day <= a.end_date) {
    std::optional<Date> reach;
    for (const auto& c : contracts)
      if (c.period().contains(day)) {
        if (!c.end_date) {
          reach = a.end_date;
          break;
        }
        if (!reach || *c.end_date > *reach) reach = *c.end_date;
      }
    if (!reach) {
      covered = false;
      break;
    }
    day = reach->plus_days(1);
  }
  if (!covered)
    errors.push_back({prefix + "start_date",
                      "l'absence doit être comprise dans un contrat (aucun contrat le " + day.to_string() + ")"});
  return errors;
}

std::vector<FieldError> absence_overlaps(const Absence& a, const std::vector<Absence>& others,
                                         const std::string& prefix) {
  for (const auto& o : others) {
    if (o.id == a.id || a.end_date < o.start_date || o.end_date < a.start_date) continue;
    // Touching on one day only, as an afternoon after a morning: no day counted twice.
    const bool after_morning =
        a.start_date == o.end_date && a.start_half_day && o.end_half_day && a.start_date > o.start_date;
    const bool before_afternoon =
        a.end_date == o.start_date && a.end_half_day && o.start_half_day && a.end_date < o.end_date;
    if (after_morning || before_afternoon) continue;
    return {{prefix + "start_date", "une autre absence couvre déjà ces jours (du " + o.start_date.to_string() + " au " +
                                        o.end_date.to_string() + ")"}};
  }
  return {};
}

namespace {
std::string category_of(const Contract& c) {
  const auto* job = find_job(c.job_code);
  return job ? std::string(job->category) : std::string("unknown");
}
}  // namespace

FteTable fte_on(const std::vector<Contract>& contracts, Date date) {
  FteTable table;
  for (const auto& c : contracts)
    if (c.period().contains(date)) table[{c.establishment_id, category_of(c)}] += working_time_fraction(c.working_time);
  return table;
}

FteTable fte_average(const std::vector<Contract>& contracts, Date from, Date to) {
  FteTable table;
  const auto days = days_between(from, to) + 1;
  if (days <= 0) return table;
  for (const auto& c : contracts) {
    const auto running = c.period().days_within(from, to);
    if (running > 0)
      table[{c.establishment_id, category_of(c)}] +=
          working_time_fraction(c.working_time) * static_cast<double>(running) / static_cast<double>(days);
  }
  return table;
}

double total(const FteTable& table) {
  double sum = 0;
  for (const auto& [key, value] : table) sum += value;
  return sum;
}

double total_for_establishment(const FteTable& table, std::int64_t establishment_id) {
  double sum = 0;
  for (const auto& [key, value] : table)
    if (key.first == establishment_id) sum += value;
  return sum;
}

double total_for_category(const FteTable& table, std::string_view category) {
  double sum = 0;
  for (const auto& [key, value] : table)
    if (key.second == category) sum += value;
  return sum;
}

}  // namespace passerelle::modules::staff
