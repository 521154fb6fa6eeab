// Demo persons: several hundred records with realistic stays, orientation decisions, waiting lists,
// contacts, legal protection and two years of attendance, generated from a fixed seed (the same
// data at every start).
#include "app/demo_persons.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <random>

#include "core/clock.hpp"
#include "modules/establishments/domain.hpp"
#include "modules/establishments/store.hpp"
#include "modules/persons/record_store.hpp"
#include "store/table_copy.hpp"

namespace passerelle::app {
namespace {

namespace persons = modules::persons;

constexpr const char* surnames[] = {
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent", "Simon",
    "Michel", "Lefebvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard", "Bonnet", "Dupont",
    "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefèvre", "Faure", "André", "Mercier", "Blanc", "Guérin",
    "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia", "Perrin", "Robin", "Clément",
    "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson", "Marchand", "Duval", "Denis", "Dumont",
    "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier", "Brun", "Blanchard", "Giraud", "Joly", "Rivière",
    "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud", "Martinez", "Gérard", "Roche", "Renard", "Schmitt", "Roy",
    "Leroux", "Colin", "Vidal", "Caron", "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix",
    "Olivier", "Philippe", "Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc", "Payet", "Rolland", "Leclercq",
    "Guillaume", "Lecomte", "Lopez", "Jean", "Dupuy", "Guillot", "Hubert", "Berger", "Carpentier", "Sanchez",
    "Dupuis", "Moulin", "Louis", "Deschamps", "Huet", "Vasseur", "Perez", "Boucher", "Fleury", "Royer", "Klein",
    "Jacquet", "Adam", "Paris", "Poirier", "Marty", "Aubry", "Guyot", "Carré", "Charles", "Renault", "Charpentier",
    "Ménard", "Maillard", "Baron", "Bertin", "Bailly", "Hervé", "Schneider", "Fernandez", "Le Gall", "Collet",
    "Léger", "Bouvier", "Julien", "Prévost", "Millet", "Perrot", "Daniel", "Le Roux", "Cousin", "Germain", "Breton",
    "Besson", "Langlois", "Rémy", "Le Goff", "Pelletier", "Lévêque", "Perrier", "Leblanc", "Barré", "Lebrun",
    "Marchal", "Weber", "Mallet", "Hamon", "Boulanger", "Jacob", "Monnier", "Michaud", "Rodriguez", "Guichard",
    "Gillet", "Étienne", "Grondin", "Poulain", "Tessier", "Chevallier", "Collin", "Chauvin", "Da Silva", "Bouchet",
    "Gay", "Lemaître", "Bénard", "Maréchal", "Humbert", "Reynaud", "Antoine", "Hoarau", "Perret", "Barthélemy",
    "Cordier", "Pichon", "Lejeune", "Gilbert", "Lamy", "Delaunay", "Pasquier", "Carlier", "Laporte", "Benali",
    "Haddad", "Nguyen", "Diallo", "Traoré", "Kowalski", "Santoni", "Ferreira", "Dos Santos", "Saint-Martin",
    "Dupont-Morel", "N'Diaye", "Ben Amor", "Öztürk"};
constexpr const char* girls[] = {"Marie", "Léa", "Emma", "Chloé", "Manon", "Camille", "Inès", "Jade", "Louise", "Zoé",
                                 "Sarah", "Lina", "Anaïs", "Clara", "Océane", "Julie", "Lucie", "Mathilde", "Élodie",
                                 "Nathalie", "Isabelle", "Sylvie", "Catherine", "Françoise", "Monique", "Jeanne",
                                 "Yasmine", "Fatima", "Aïcha", "Marie-Claire", "Anne-Sophie", "Hélène", "Margaux"};
constexpr const char* boys[] = {"Lucas", "Hugo", "Louis", "Nathan", "Enzo", "Léo", "Gabriel", "Arthur", "Jules", "Tom",
                                "Théo", "Raphaël", "Noah", "Mathis", "Maxime", "Thomas", "Nicolas", "Julien", "Kevin",
                                "Jérôme", "Pierre", "Jean", "Michel", "Philippe", "Alain", "Bernard", "Karim", "Mehdi",
                                "Mohamed", "Jean-Pierre", "Jean-Baptiste", "François", "Loïc", "Benoît"};
// Communes of the Rhône (INSEE codes) for places of birth.
constexpr const char* communes[] = {"69123", "69266", "69259", "69029", "69034", "69081", "69091", "69204", "69290",
                                    "69149", "69202", "69244"};

template <std::size_t N>
const char* pick(std::mt19937& rng, const char* const (&list)[N]) {
  // Frequency-weighted: the head of the list is more common, as with real names.
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const double x = u(rng);
  return list[static_cast<std::size_t>(x * x * N) % N];
}

int roll(std::mt19937& rng, int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

std::string nir_for(const persons::Identity& id, const std::string& commune, int order) {
  std::string body = std::string(id.sex == "F" ? "2" : "1") + id.birth_date.substr(2, 2) + id.birth_date.substr(5, 2) +
                     commune + std::string(3 - std::to_string(order).size(), '0') + std::to_string(order);
  const auto n = std::stoll(body);
  return body + two_digits(static_cast<int>(97 - n % 97));
}

// Ages at admission per category (children, adults, elderly).
std::pair<int, int> age_range(const std::string& category) {
  if (category == "190") return {0, 5};                                           // CAMSP
  if (category == "183" || category == "186" || category == "188") return {6, 19};  // IME, ITEP, EEAP
  if (category == "182") return {3, 18};                                          // SESSAD
  if (category == "500") return {75, 95};                                         // EHPAD
  return {20, 58};
}

// The age a person leaves the kind of establishment at the latest (children's establishments around
// 20, CAMSP at 6, ESAT at retirement), if any.
std::optional<int> age_limit(const std::string& category) {
  if (category == "190") return 6;
  if (category == "183" || category == "186" || category == "188" || category == "182") return 20;
  if (category == "246") return 62;
  return std::nullopt;
}

// Usual mean lengths of stay, in years, by kind of establishment and of care (orders of magnitude of
// the sector's activity reports: long in adult residential care and ESAT, a few years in children's
// establishments and services, under three years in EHPAD).
double mean_stay_years(const std::string& category, const std::string& mode) {
  if (mode == "21") return 6;                           // day care
  if (category == "190") return 3.5;                    // CAMSP (to the age of 6 at the latest)
  if (category == "500") return 4;                      // EHPAD
  if (category == "186") return 5;                      // ITEP
  if (category == "182" || category == "445") return 6;  // SESSAD, SAMSAH
  if (category == "183" || category == "446" || category == "188") return 9;  // IME, SAVS, EEAP
  if (category == "246" || category == "255") return 16;  // ESAT, MAS
  return 14;                                            // FAM, foyers
}

bool residential(const std::string& mode) { return mode == "11" || mode == "40"; }

// Attendance rows, loaded in bulk (the demo writes about a hundred thousand, a generated dataset
// tens of millions): values generated here (numbers, dates and fixed codes), never typed by a user.
class AttendanceWriter {
 public:
  explicit AttendanceWriter(const store::Scoped& db)
      : organisation_(db.scope().organisation_id().value()),
        rows_(db.connection(), "attendance",
              {"organisation_id", "stay_id", "day", "establishment_id", "person_id", "care_mode", "status",
               "absence_reason", "updated_at"}) {}
  void add(const persons::Stay& stay, Date day, const char* status, const char* reason) {
    rows_.add({organisation_, stay.id, day.to_string(), stay.establishment_id, stay.person_id, stay.care_mode,
               std::string(status), reason ? store::Value(std::string(reason)) : store::Value(), now_});
  }
  void flush() { rows_.finish(); }

 private:
  std::int64_t organisation_;
  store::BatchLoader rows_;
  std::string now_ = now_iso8601();
};

struct OpeningDays {
  std::vector<modules::establishments::Calendar> calendars;
  std::vector<modules::establishments::Closure> closures;
};

void attend(AttendanceWriter& out, std::mt19937& rng, const persons::Stay& stay, Date from, Date to, const OpeningDays& opening) {
  const bool every_day = residential(stay.care_mode);
  const bool open_setting = stay.care_mode == "16";
  const Date first = std::max(from, stay.admission_date);
  const Date last = stay.discharge_date ? std::min(to, *stay.discharge_date) : to;
  int holiday_left = 0;
  for (Date d = first; d <= last; d = d.plus_days(1)) {
    const int weekday = d.weekday();
    if (!every_day && weekday >= 5) continue;
    if (!modules::establishments::is_open(opening.calendars, opening.closures, stay.care_mode, d)) continue;
    if (open_setting && roll(rng, 0, 4) >= 2) continue;  // services in ordinary settings: about two days a week
    if (holiday_left > 0) {
      --holiday_left;
      out.add(stay, d, "absent", "holiday");
      continue;
    }
    const int r = roll(rng, 0, 999);
    if (r < 3) {
      holiday_left = roll(rng, 3, 12);
      out.add(stay, d, "absent", "holiday");
    } else if (r < 40) {
      out.add(stay, d, "absent", "illness");
    } else if (r < 46) {
      out.add(stay, d, "absent", "hospitalisation");
    } else if (r < 58) {
      out.add(stay, d, "absent", "family");
    } else if (r < 62) {
      out.add(stay, d, "absent", "unjustified");
    } else {
      out.add(stay, d, "present", nullptr);
    }
  }
}

}  // namespace

void create_demo_persons(const store::Scoped& db, const std::vector<DemoPlace>& places, std::uint32_t seed,
                         int history_years) {
  std::mt19937 rng(seed);
  const Date today = Date::today();
  const Date attendance_from = today.plus_years(-2);
  const Date yesterday = today.plus_days(-1);
  AttendanceWriter attendance(db);
  int order = 1;
  // `oldest`: the highest age at admission (the stay must end before the establishment's age limit).
  auto make_identity = [&](const std::string& category, Date admission, int oldest = 200) {
    persons::Identity id;
    id.sex = roll(rng, 0, 99) < 45 ? "F" : "M";
    id.birth_name = pick(rng, surnames);
    id.first_names = {id.sex == "F" ? pick(rng, girls) : pick(rng, boys)};
    if (roll(rng, 0, 2) == 0) id.first_names.push_back(id.sex == "F" ? pick(rng, girls) : pick(rng, boys));
    if (id.first_names.size() == 2 && id.first_names[0] == id.first_names[1]) id.first_names.pop_back();
    const auto [lo, highest] = age_range(category);
    const int hi = std::max(lo, std::min(highest, oldest));
    const Date birth = admission.plus_years(-roll(rng, lo, hi)).plus_days(-roll(rng, 0, 364));
    id.birth_date = birth.to_string();
    const std::string commune = communes[roll(rng, 0, std::size(communes) - 1)];
    id.birth_place = commune;
    if (id.sex == "F" && birth.year() < 1975 && roll(rng, 0, 2) == 0) id.used_name = pick(rng, surnames);
    const int status = roll(rng, 0, 99);
    if (status < 70) {
      id.nir = nir_for(id, commune, order++ % 999 + 1);
      id.identity_status = status < 40 ? "QUAL" : "VALI";
      id.identity_document = status < 55 ? "carte nationale d'identité" : "passeport";
    } else if (status < 85) {
      id.identity_status = "RECUP";
    }
    return id;
  };
  auto decision_for = [&](std::int64_t person, const std::string& category, Date admission) {
    persons::Decision d;
    d.person_id = person;
    d.decision_reference = "CDAPH-69-" + std::to_string(admission.year()) + "-" + std::to_string(roll(rng, 10000, 99999));
    d.mdph_number = "69" + std::to_string(roll(rng, 1000000, 9999999));
    d.category_code = category;
    // Notifications last five years; some lapse (renewal forgotten), some come up soon.
    d.valid_from = admission.plus_days(-roll(rng, 30, 200));
    d.decision_date = d.valid_from.plus_days(-roll(rng, 10, 60));
    d.valid_to = d.valid_from.plus_years(5).plus_days(-1);
    while (d.valid_to < today && roll(rng, 0, 9) > 0) {  // renewed, mostly
      persons::insert_decision(db, d);
      d.valid_from = d.valid_to.plus_days(1);
      d.decision_date = d.valid_from.plus_days(-roll(rng, 10, 90));
      d.valid_to = d.valid_from.plus_years(5).plus_days(-1);
      d.decision_reference = "CDAPH-69-" + std::to_string(d.decision_date.year()) + "-" + std::to_string(roll(rng, 10000, 99999));
    }
    persons::insert_decision(db, d);
  };
  auto add_circle = [&](std::int64_t person, const persons::Identity& id, Date admission) {
    const bool minor = today < Date::parse(id.birth_date)->plus_years(18);
    persons::Contact parent;
    parent.person_id = person;
    parent.kind = minor ? "legal_representative" : "family";
    parent.relationship = roll(rng, 0, 1) ? "mère" : "père";
    parent.civility = *parent.relationship == "mère" ? "Mme" : "M.";
    parent.last_name = id.birth_name;
    parent.first_name = *parent.relationship == "mère" ? pick(rng, girls) : pick(rng, boys);
    parent.phone = "06 " + two_digits(roll(rng, 10, 99)) + " " + two_digits(roll(rng, 10, 99)) + " " +
                   two_digits(roll(rng, 10, 99)) + " " + two_digits(roll(rng, 10, 99));
    parent.address_line = std::to_string(roll(rng, 1, 120)) + " rue " + pick(rng, surnames);
    parent.postal_code = "69" + std::string(roll(rng, 0, 1) ? "100" : "003");
    parent.city = parent.postal_code == "69100" ? "Villeurbanne" : "Lyon";
    parent.receives_letters = true;
    parent.to_be_informed = true;
    parent.emergency = true;
    persons::insert_contact(db, parent);
    if (!minor && roll(rng, 0, 3) == 0) {
      persons::Protection p;
      p.person_id = person;
      p.kind = roll(rng, 0, 1) ? "tutelle" : "curatelle_renforcee";
      const Date adult = Date::parse(id.birth_date)->plus_years(18);
      p.start_date = std::max(admission, adult);
      p.protector_kind = "association";
      p.protector_name = "UDAF du Rhône";
      p.protector_phone = "04 72 76 12 00";
      p.protector_address = "12 rue Childebert, 69002 Lyon";
      p.judgement_reference = "TJ Lyon RG " + std::to_string(roll(rng, 10, 99)) + "/" + std::to_string(roll(rng, 1000, 9999));
      persons::insert_protection(db, p);
    }
  };

  auto set_origin = [&](const DemoPlace& place, persons::Stay& stay) {
    stay.origin = place.category == "246" ? (roll(rng, 0, 1) ? "establishment" : "home") : (roll(rng, 0, 3) ? "family" : "hospital");
  };
  auto set_destination = [&](const DemoPlace& place, persons::Stay& stay) {
    const int d = roll(rng, 0, 9);
    stay.destination = place.care_mode == "40"      ? "home"
                       : place.category == "500" ? (d < 7 ? "death" : "hospital")
                                                 : (d < 4 ? "establishment" : d < 7 ? "home" : d < 8 ? "ordinary_work" : "other");
    stay.discharge_reason = *stay.destination == "establishment" ? "réorientation (notification CDAPH)" : "fin d'accompagnement";
  };
  // One stay of a new person (or of `returning`, who already has a record): identity, stay, decision,
  // circle, attendance. Returns the person.
  auto admit = [&](const DemoPlace& place, const OpeningDays& opening, persons::Stay stay,
                   std::optional<std::int64_t> returning = std::nullopt) {
    stay.establishment_id = place.establishment_id;
    stay.care_mode = place.care_mode;
    if (returning) {
      stay.person_id = *returning;
      stay.id = persons::insert_stay(db, stay);
    } else {
      // A generated dataset's persons leave before the establishment's age limit (the demo's as before).
      const auto limit = history_years > 0 ? age_limit(place.category) : std::nullopt;
      const auto years = static_cast<int>(days_between(stay.admission_date, stay.discharge_date.value_or(today)) / 365);
      auto identity = make_identity(place.category, stay.admission_date, limit ? *limit - 2 - years : 200);
      stay.person_id = persons::insert_person(db, place.establishment_id, identity);
      stay.id = persons::insert_stay(db, stay);
      if (place.category != "500" && roll(rng, 0, 19) > 0) decision_for(stay.person_id, place.category, stay.admission_date);
      add_circle(stay.person_id, identity, stay.admission_date);
    }
    attend(attendance, rng, stay, attendance_from, yesterday, opening);
    return stay.person_id;
  };

  // A generated dataset: each place is a succession of stays read backwards from today (occupied at
  // about 95 %): the current stay, then earlier stays separated by a few weeks of vacancy, back to the
  // history's start. Lengths are log-normal around the usual mean for the kind of establishment, no
  // longer than its age limit allows; temporary accommodation (stays of two to twelve weeks) mostly
  // receives the same persons again.
  const Date history_start = today.plus_years(-history_years);
  auto history = [&](const DemoPlace& place, const OpeningDays& opening) {
    const bool temporary = place.care_mode == "40";
    const double mean = mean_stay_years(place.category, place.care_mode) * 365.0;
    const double sigma = 0.8;
    std::lognormal_distribution<double> length(std::log(mean) - sigma * sigma / 2, sigma);
    const auto limit = age_limit(place.category);
    const int longest = limit ? (*limit - age_range(place.category).first - 1) * 365 : 40 * 365;
    auto draw = [&] { return temporary ? roll(rng, 14, 84) : std::clamp(static_cast<int>(length(rng)), 30, longest); };
    struct Returning {
      std::int64_t person;
      std::vector<std::pair<Date, Date>> stays;
    };
    std::vector<Returning> pool;  // temporary accommodation's persons
    for (int bed = 0; bed < place.places; ++bed) {
      std::vector<persons::Stay> chain;  // latest first
      Date next = today;                 // the admission that follows
      if (roll(rng, 0, 99) < 95) {
        persons::Stay current;
        current.admission_date = today.plus_days(-roll(rng, 1, draw()));
        chain.push_back(current);
        next = current.admission_date;
      }
      for (;;) {
        const Date discharge = next.plus_days(-(temporary ? roll(rng, 2, 30) : roll(rng, 7, 90)));
        if (discharge < history_start) break;
        persons::Stay earlier;
        earlier.discharge_date = discharge;
        earlier.admission_date = discharge.plus_days(-draw());
        chain.push_back(earlier);
        next = earlier.admission_date;
      }
      for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        persons::Stay stay = *it;
        set_origin(place, stay);
        if (stay.discharge_date) set_destination(place, stay);
        const Date end = stay.discharge_date.value_or(today);
        std::optional<std::int64_t> returning;
        if (temporary && !pool.empty() && roll(rng, 0, 99) < 75) {
          auto& r = pool[static_cast<std::size_t>(roll(rng, 0, static_cast<int>(pool.size()) - 1))];
          // After the person's first stay (their age was drawn for it), overlapping none of theirs.
          const bool free = r.stays.front().first < stay.admission_date &&
                            std::none_of(r.stays.begin(), r.stays.end(), [&](const auto& other) {
                              return other.first <= end.plus_days(1) && stay.admission_date <= other.second.plus_days(1);
                            });
          if (free) {
            returning = r.person;
            r.stays.emplace_back(stay.admission_date, end);
          }
        }
        const auto person = admit(place, opening, stay, returning);
        if (temporary && !returning) pool.push_back({person, {{stay.admission_date, end}}});
      }
    }
  };

  for (const auto& place : places) {
    const OpeningDays opening{modules::establishments::calendars_of(db, place.establishment_id),
                              modules::establishments::closures_of(db, place.establishment_id)};
    // The demo: about 95 % occupancy today, and the persons who left within the last two years;
    // large open-setting services (CAMSP, SAVS) are sampled: the demo stays quick to load.
    // A generated dataset: every place's succession of stays over `history_years` (below).
    const int places_used = history_years > 0 ? place.places : std::min(place.places, 60);
    if (history_years > 0) {
      history(place, opening);
    } else {
      const int current = std::max(1, places_used * 95 / 100);
      const int left = std::max(1, places_used * 15 / 100);
      for (int i = 0; i < current + left; ++i) {
        persons::Stay stay;
        stay.admission_date = today.plus_days(-roll(rng, 30, i >= current ? 3000 : 2900));
        set_origin(place, stay);
        if (i >= current) {
          stay.discharge_date = today.plus_days(-roll(rng, 5, 720));
          if (*stay.discharge_date <= stay.admission_date) stay.admission_date = stay.discharge_date->plus_days(-roll(rng, 60, 900));
          set_destination(place, stay);
        }
        admit(place, opening, stay);
      }
    }
    // A waiting list for each place, a few requests.
    for (int i = 0; i < std::max(1, places_used / 10); ++i) {
      const Date received = today.plus_days(-roll(rng, 20, 700));
      auto identity = make_identity(place.category, received);
      const auto person = persons::insert_person(db, place.establishment_id, identity);
      if (place.category != "500") decision_for(person, place.category, received.plus_days(60));
      persons::AdmissionRequest r;
      r.person_id = person;
      r.establishment_id = place.establishment_id;
      r.care_mode = place.care_mode;
      r.received_date = received;
      static constexpr const char* statuses[] = {"42", "42", "41", "72", "72", "43"};
      r.status = statuses[roll(rng, 0, 5)];
      r.status_date = received.plus_days(roll(rng, 0, days_between(received, today)));
      persons::insert_request(db, r);
    }
  }
  attendance.flush();
}

}  // namespace passerelle::app
