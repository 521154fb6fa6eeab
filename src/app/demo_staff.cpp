// Demo staff: for every demo establishment, a workforce sized on its places, with five years of
// contracts (hires and departures of permanent staff at about 12 % a year, fixed-term replacements of
// long absences, part-time work) and absences at the sector's usual rates (absenteeism outside paid
// leave and training around 8-10 %), generated from a fixed seed (the same data at every start).
#include "app/demo_staff.hpp"

#include <algorithm>
#include <map>
#include <random>

#include "core/clock.hpp"
#include "modules/staff/store.hpp"
#include "store/fact_changes.hpp"
#include "store/table_copy.hpp"

namespace passerelle::app {
namespace {

namespace staff = modules::staff;

constexpr const char* surnames[] = {
    "Martin",   "Bernard", "Thomas",  "Petit",    "Robert",  "Richard",  "Durand",    "Dubois",   "Moreau",
    "Laurent",  "Simon",   "Michel",  "Lefebvre", "Leroy",   "Roux",     "David",     "Bertrand", "Morel",
    "Fournier", "Girard",  "Bonnet",  "Dupont",   "Lambert", "Fontaine", "Rousseau",  "Vincent",  "Muller",
    "Faure",    "André",   "Mercier", "Blanc",    "Guérin",  "Boyer",    "Chevalier", "Legrand",  "Gauthier",
    "Garcia",   "Perrin",  "Robin",   "Clément",  "Morin",   "Nicolas",  "Henry",     "Mathieu",  "Masson",
    "Marchand", "Duval",   "Denis",   "Dumont",   "Meyer",   "Brun",     "Giraud",    "Joly",     "Lucas",
    "Brunet",   "Roche",   "Renard",  "Colin",    "Vidal",   "Caron",    "Picard",    "Fabre",    "Aubert",
    "Lemoine",  "Benali",  "Haddad",  "Nguyen",   "Diallo",  "Traoré",   "Ferreira",  "N'Diaye",  "Da Silva"};
constexpr const char* women[] = {"Marie",  "Nathalie", "Isabelle", "Sylvie", "Catherine", "Sandrine",
                                 "Céline", "Aurélie",  "Émilie",   "Julie",  "Camille",   "Laura",
                                 "Sarah",  "Pauline",  "Élodie",   "Fatima", "Hélène",    "Claire",
                                 "Anne",   "Sophie",   "Léa",      "Manon",  "Inès",      "Amandine"};
constexpr const char* men[] = {"Thomas",  "Nicolas", "Julien",    "Sébastien", "Christophe", "Olivier",
                               "David",   "Karim",   "Mehdi",     "Pierre",    "Jérôme",     "Maxime",
                               "Antoine", "Romain",  "Alexandre", "Loïc"};

int roll(std::mt19937& rng, int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
bool chance(std::mt19937& rng, double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; }
template <std::size_t N>
const char* pick(std::mt19937& rng, const char* const (&list)[N]) {
  return list[static_cast<std::size_t>(roll(rng, 0, static_cast<int>(N) - 1))];
}

// FTE per place by category (usual orders of magnitude in the sector) and the job mix.
double staff_per_place(const std::string& category) {
  if (category == "255" || category == "188") return 1.1;  // MAS, EEAP
  if (category == "437") return 0.9;                       // FAM
  if (category == "183" || category == "186") return 0.7;  // IME, ITEP
  if (category == "500") return 0.6;                       // EHPAD
  if (category == "449") return 0.5;                       // foyer
  if (category == "246") return 0.2;                       // ESAT
  if (category == "190") return 0.15;                      // CAMSP (many short follow-ups)
  return 0.3;                                              // services in ordinary settings
}

bool care_heavy(const std::string& category) {
  return category == "255" || category == "437" || category == "500" || category == "188";
}

std::vector<const char*> job_mix(const std::string& category, int posts) {
  std::vector<const char*> jobs = {"director", "head_of_service", "secretary"};
  if (posts > 25) jobs.push_back("accountant");
  if (posts > 40) jobs.push_back("head_of_service");
  const bool care = care_heavy(category);
  for (int i = static_cast<int>(jobs.size()); i < posts; ++i) {
    const int k = i % 20;
    if (care) {
      static constexpr const char* cycle[] = {"care_assistant", "aes_amp",
                                              "care_assistant", "nurse",
                                              "aes_amp",        "specialised_educator",
                                              "care_assistant", "service_agent",
                                              "aes_amp",        "night_watch",
                                              "care_assistant", "educational_monitor",
                                              "aes_amp",        "nurse",
                                              "service_agent",  "cook",
                                              "care_assistant", "psychologist",
                                              "physician",      "occupational_therapist"};
      jobs.push_back(cycle[k]);
    } else {
      static constexpr const char* cycle[] = {"specialised_educator",
                                              "educational_monitor",
                                              "specialised_educator",
                                              "aes_amp",
                                              "technical_educator",
                                              "specialised_educator",
                                              "service_agent",
                                              "educational_monitor",
                                              "psychologist",
                                              "specialised_educator",
                                              "social_worker",
                                              "house_keeper",
                                              "educational_monitor",
                                              "nurse",
                                              "specialised_educator",
                                              "speech_therapist",
                                              "driver",
                                              "aes_amp",
                                              "psychomotor_therapist",
                                              "physician"};
      jobs.push_back(cycle[k]);
    }
  }
  return jobs;
}

std::int64_t working_time(std::mt19937& rng, const char* job) {
  const std::string_view j(job);
  if (j == "physician" || j == "psychologist" || j == "speech_therapist" || j == "psychomotor_therapist")
    return std::array<std::int64_t, 4>{2000, 3000, 5000, 5000}[static_cast<std::size_t>(roll(rng, 0, 3))];
  if (chance(rng, 0.75)) return staff::full_time;
  return std::array<std::int64_t, 5>{5000, 6000, 7500, 8000, 9000}[static_cast<std::size_t>(roll(rng, 0, 4))];
}

store::Value text_or_null(const char* s) { return s ? store::Value(std::string(s)) : store::Value(); }
store::Value date_or_null(const std::optional<Date>& d) { return d ? store::Value(d->to_string()) : store::Value(); }

class Generator {
 public:
  Generator(const store::Scoped& db, std::uint32_t seed, StaffSizing sizing)
      : db_(db),
        sizing_(sizing),
        rng_(seed),
        now_(now_iso8601()),
        today_(Date::today()),
        start_(*Date::parse(std::to_string(Date::today().year() - 5) + "-01-01")),
        organisation_(db.scope().organisation_id().value()),
        contracts_(db.connection(), "staff_contract",
                   {"organisation_id", "staff_id", "establishment_id", "job_code", "kind", "fixed_term_reason",
                    "start_date", "end_date", "end_reason", "working_time", "created_by", "created_at", "updated_at"}),
        absences_(db.connection(), "staff_absence",
                  {"organisation_id", "staff_id", "kind", "start_date", "end_date", "start_half_day", "end_half_day",
                   "created_by", "created_at"}) {}

  // One establishment's posts over five years; returns the members created, by job.
  void establishment(std::int64_t id, const std::string& category, int places) {
    const int posts = std::max(6, static_cast<int>(places * staff_per_place(category) * sizing_.percent / 100.0 + 0.5));
    for (const char* job : job_mix(category, posts)) post(id, job);
  }

  // Writes what is left, and tells the steering aggregates (rows were written directly): each
  // establishment's staff figures from its first contract on.
  void finish() {
    contracts_.finish();
    absences_.finish();
    for (const auto& [establishment, first] : first_contract_)
      store::facts_changed(db_.connection(), {store::FactKind::staff_contract, establishment, std::nullopt, first, std::nullopt});
  }

  // Members holding `job` at establishment `id` today, first hired first.
  std::vector<std::int64_t> holders(std::int64_t establishment, std::string_view job) const {
    std::vector<std::int64_t> out;
    for (const auto& [member, where] : current_)
      if (where.first == establishment && where.second == job) out.push_back(member);
    return out;
  }

 private:
  // A post held by successive permanent staff; departures at ~12 % a year, replaced after a vacancy.
  void post(std::int64_t establishment, const char* job) {
    // The post's holder at the start of the five years, hired before (a dataset's records go back
    // `history_years` at most: its first contracts start within them).
    const int back = sizing_.history_years > 0 ? 365 * std::max(2, sizing_.history_years - 5) : 365 * 15;
    Date from = start_.plus_days(-roll(rng_, 60, back));
    for (;;) {
      const bool woman = chance(rng_, std::string_view(job) == "director" ? 0.5 : 0.78);
      staff::StaffMember m;
      m.last_name = pick(rng_, surnames);
      m.first_name = woman ? pick(rng_, women) : pick(rng_, men);
      m.sex = woman ? "F" : "M";
      const int age_at_hire = roll(rng_, 22, 50);
      m.birth_date = from.plus_days(-(age_at_hire * 365 + roll(rng_, 0, 364)));
      m.job_code = job;
      m.created_by = "demo";
      m.id = staff::insert_staff(db_, m);
      // Departure: exponential with a yearly rate of 12 %.
      std::exponential_distribution<double> leave(0.12 / 365.0);
      const Date departure = std::max(from, start_).plus_days(static_cast<std::int64_t>(leave(rng_)));
      const bool leaves = departure < today_;
      const auto wt = working_time(rng_, job);
      const std::string kind = chance(rng_, 0.9) ? "permanent" : "apprenticeship";
      std::optional<Date> end;
      if (kind == "apprenticeship") end = from.plus_years(2).plus_days(-1);
      if (leaves && (!end || departure < *end)) end = departure;
      const char* end_reason = nullptr;
      if (end) {
        if (kind == "apprenticeship" && *end == from.plus_years(2).plus_days(-1))
          end_reason = "end_of_contract";
        else
          end_reason = std::array<const char*, 4>{"resignation", "retirement", "contractual_termination",
                                                  "dismissal"}[static_cast<std::size_t>(roll(rng_, 0, 3))];
      }
      contract(m.id, establishment, job, kind, nullptr, from, end, end_reason, wt);
      absences(m, establishment, job, from, end, wt);
      if (!end || *end >= today_) {
        current_.push_back({m.id, {establishment, job}});
        return;
      }
      from = end->plus_days(roll(rng_, 1, 75));  // the vacancy before the next hire
      if (from >= today_) return;
    }
  }

  void contract(std::int64_t member, std::int64_t establishment, const char* job, const std::string& kind,
                const char* reason, Date from, std::optional<Date> to, const char* end_reason, std::int64_t wt) {
    auto [first, inserted] = first_contract_.try_emplace(establishment, from);
    if (!inserted) first->second = std::min(first->second, from);
    contracts_.add({organisation_, member, establishment, std::string(job), kind, text_or_null(reason), from.to_string(),
                    date_or_null(to), text_or_null(end_reason), wt, std::string("demo"), now_, now_});
  }

  // Episodes of one kind placed at random days of [from, to] without overlapping the others.
  void absences(const staff::StaffMember& m, std::int64_t establishment, const char* job, Date hired,
                std::optional<Date> left, std::int64_t wt) {
    const Date from = std::max(hired, start_);
    const Date to = std::min(left.value_or(today_), today_);
    if (to < from) return;
    std::vector<std::pair<Date, Date>> taken;
    auto place = [&](const char* kind, int length) -> std::optional<std::pair<Date, Date>> {
      const auto span = days_between(from, to) - length + 1;
      if (span <= 0) return std::nullopt;
      for (int attempt = 0; attempt < 6; ++attempt) {
        const Date a = from.plus_days(roll(rng_, 0, static_cast<int>(span - 1)));
        const Date b = a.plus_days(length - 1);
        if (std::any_of(taken.begin(), taken.end(), [&](const auto& t) { return a <= t.second && t.first <= b; }))
          continue;
        taken.emplace_back(a, b);
        const bool half = length == 1 && chance(rng_, 0.2);
        absences_.add({organisation_, m.id, std::string(kind), a.to_string(), b.to_string(), std::int64_t{0},
                       std::int64_t{half ? 1 : 0}, std::string("demo"), now_});
        return std::make_pair(a, b);
      }
      return std::nullopt;
    };
    const double years = static_cast<double>(days_between(from, to) + 1) / 365.0;
    auto count = [&](double per_year) {
      std::poisson_distribution<int> d(per_year * years);
      return d(rng_);
    };
    const bool woman = m.sex == std::optional<std::string>("F");
    const int age = m.birth_date ? from.year() - m.birth_date->year() : 40;
    // Long episodes first (they are the hardest to place), then the short ones.
    for (int i = count(0.025); i > 0; --i) replace(place("long_illness", roll(rng_, 100, 300)), establishment, job, wt);
    if (woman && age < 42)
      for (int i = count(0.06); i > 0; --i) replace(place("maternity", 112), establishment, job, wt);
    if (!woman && age < 45)
      for (int i = count(0.05); i > 0; --i) place("paternity", 25);
    for (int i = count(0.22); i > 0; --i) replace(place("illness", roll(rng_, 8, 75)), establishment, job, wt);
    for (int i = count(0.07); i > 0; --i) replace(place("work_accident", roll(rng_, 5, 70)), establishment, job, wt);
    if (care_heavy_job(job))
      for (int i = count(0.02); i > 0; --i)
        replace(place("occupational_disease", roll(rng_, 30, 120)), establishment, job, wt);
    for (int i = count(1.6); i > 0; --i) place("illness", roll(rng_, 1, 7));
    for (int i = count(0.6); i > 0; --i) place("special_leave", roll(rng_, 1, 3));
    for (int i = count(0.6); i > 0; --i) place("training", roll(rng_, 1, 3));
    for (int i = count(2.0); i > 0; --i) place("paid_leave", roll(rng_, 5, 15));
  }

  static bool care_heavy_job(std::string_view job) {
    return job == "care_assistant" || job == "aes_amp" || job == "service_agent";
  }

  // A long absence is often covered by a fixed-term replacement contract (RH-06).
  void replace(const std::optional<std::pair<Date, Date>>& absence, std::int64_t establishment, const char* job,
               std::int64_t wt) {
    if (!absence || days_between(absence->first, absence->second) < 20 || !chance(rng_, 0.6)) return;
    if (std::string_view(job) == "director" || std::string_view(job) == "physician") return;
    staff::StaffMember m;
    const bool woman = chance(rng_, 0.75);
    m.last_name = pick(rng_, surnames);
    m.first_name = woman ? pick(rng_, women) : pick(rng_, men);
    m.sex = woman ? "F" : "M";
    m.birth_date = absence->first.plus_days(-(roll(rng_, 21, 40) * 365));
    m.job_code = job;
    m.created_by = "demo";
    m.id = staff::insert_staff(db_, m);
    contract(m.id, establishment, job, "fixed_term", "replacement", absence->first, absence->second, "end_of_contract",
             wt);
  }

  const store::Scoped& db_;
  StaffSizing sizing_;
  std::map<std::int64_t, Date> first_contract_;  // by establishment
  std::mt19937 rng_;
  std::string now_;
  Date today_;
  Date start_;
  std::int64_t organisation_;
  store::BatchLoader contracts_;
  store::BatchLoader absences_;
  std::vector<std::pair<std::int64_t, std::pair<std::int64_t, std::string>>> current_;
};

}  // namespace

void create_demo_staff(const store::Scoped& db, const std::vector<DemoPlace>& places,
                       const std::vector<DemoStaffAccount>& accounts_to_link, StaffSizing sizing) {
  std::map<std::int64_t, std::pair<std::string, int>> establishments;  // id -> category, places
  for (const auto& p : places) {
    auto& e = establishments[p.establishment_id];
    e.first = p.category;
    e.second += p.places;
  }
  Generator generator(
      db, sizing.seed.value_or(20261124u + static_cast<std::uint32_t>(establishments.empty() ? 0 : establishments.begin()->first)),
      sizing);
  for (const auto& [id, e] : establishments) generator.establishment(id, e.first, e.second);
  generator.finish();
  // Demo accounts see their own staff record: the first current holder of their job at the first establishment.
  if (establishments.empty()) return;
  const auto first = establishments.begin()->first;
  for (const auto& link : accounts_to_link) {
    for (auto member : generator.holders(first, link.job_code)) {
      auto found = staff::find_staff(db, member);
      if (!found || found->account_id) continue;
      found->account_id = link.account_id;
      found->first_name = link.first_name;
      found->last_name = link.last_name;
      staff::update_staff(db, *found);
      break;
    }
  }
}

}  // namespace passerelle::app
