// Benchmark (not a test): type-ahead search of persons (issue: p99 under 10 ms on 400,000 persons).
//
// 1. Generates, once, a SQLite database of N persons in one organisation with 60 establishments,
//    through the real insert_person / insert_stay code (so the name tokens are the real ones).
//    The file is reused when it already holds N persons.
// 2. Optionally copies that dataset into a PostgreSQL database (COPY, same rows and ids) when it
//    does not hold it already, then VACUUM ANALYZE (the steady state autovacuum reaches).
// 3. Runs the same sequence of realistic type-ahead queries through search_persons (the store
//    function GET /api/v1/persons calls, limit 20) on each backend, and prints p50/p95/p99/max per
//    kind of query and visibility, with the SQLite / PostgreSQL ratio.
//
// Usage: persons_search --sqlite FILE [--postgresql URL] [--persons N] [--queries Q] [--warmup W]
//                       [--seed S] [--sqlite-stats analyze|none] [--only-generate] [--dump-queries FILE] [--slowest K]
//                       [--sqlite-pragma "mmap_size=268435456"]... [--pg-trgm]
#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/text.hpp"
#include "modules/establishments/store.hpp"
#include "modules/persons/store.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/tenant.hpp"

using namespace passerelle;
namespace persons = passerelle::modules::persons;
namespace est = passerelle::modules::establishments;
using Clock = std::chrono::steady_clock;

namespace {

// ---------------------------------------------------------------------------------------------
// Names. Common French surnames in frequency order (INSEE ranking, approximately), then a long
// tail of generated ones; weights follow a Zipf law so a few prefixes are very common.

const std::vector<std::string> common_surnames = {
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
    "Simon", "Michel", "Lefebvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
    "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefèvre", "Faure", "André",
    "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia",
    "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson",
    "Marchand", "Duval", "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier",
    "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud",
    "Martinez", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron",
    "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier", "Philippe",
    "Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc", "Payet", "Rolland", "Leclercq", "Guillaume", "Lecomte",
    "Lopez", "Jean", "Dupuy", "Guillot", "Hubert", "Berger", "Carpentier", "Sanchez", "Dupuis", "Moulin",
    "Louis", "Deschamps", "Huet", "Vasseur", "Perez", "Boucher", "Fleury", "Royer", "Klein", "Jacquet",
    "Adam", "Paris", "Poirier", "Marty", "Aubry", "Guyot", "Carré", "Charles", "Renault", "Charpentier",
    "Ménard", "Maillard", "Baron", "Bertin", "Bailly", "Hervé", "Schneider", "Fernandez", "Le Gall", "Collet",
    "Léger", "Bouvier", "Julien", "Prévost", "Millet", "Perrot", "Daniel", "Le Roux", "Cousin", "Germain",
    "Breton", "Besson", "Langlois", "Rémy", "Le Goff", "Pelletier", "Lévêque", "Perrier", "Leblanc", "Barré",
    "Lebrun", "Marchal", "Weber", "Mallet", "Hamon", "Boulanger", "Jacob", "Monnier", "Michaud", "Rodriguez",
    "Guichard", "Gillet", "Étienne", "Grondin", "Poulain", "Tessier", "Chevallier", "Collin", "Chauvin", "Da Silva",
    "Bouchet", "Gay", "Lemaître", "Bénard", "Maréchal", "Humbert", "Reynaud", "Antoine", "Hoarau", "Perret",
    "Barthélemy", "Cordier", "Pichon", "Lejeune", "Gilbert", "Lamy", "Delaunay", "Pasquier", "Carlier", "Laporte",
    "De La Fontaine", "Du Pont", "N'Diaye", "D'Almeida", "Nguyen", "Diallo", "Ben Ali", "Traoré", "Kouassi", "Yılmaz"};

const std::vector<std::string> female_first = {
    "Marie", "Jeanne", "Françoise", "Monique", "Catherine", "Nathalie", "Isabelle", "Sylvie", "Anne", "Martine",
    "Christine", "Nicole", "Valérie", "Sandrine", "Sophie", "Stéphanie", "Céline", "Véronique", "Chantal", "Patricia",
    "Julie", "Camille", "Léa", "Manon", "Chloé", "Emma", "Inès", "Jade", "Louise", "Alice",
    "Hélène", "Élodie", "Émilie", "Aurélie", "Cécile", "Agnès", "Bénédicte", "Gaëlle", "Anaïs", "Maëlys",
    "Zoé", "Lina", "Rose", "Ambre", "Mila", "Laura", "Sarah", "Pauline", "Mathilde", "Margaux",
    "Océane", "Clémence", "Lucie", "Juliette", "Éloïse", "Noémie", "Yasmine", "Fatou", "Aïcha", "Thérèse",
    "Germaine", "Odette", "Simone", "Yvette", "Ginette", "Colette", "Denise", "Suzanne", "Paulette", "Huguette"};
const std::vector<std::string> male_first = {
    "Jean", "Pierre", "Michel", "André", "Philippe", "Alain", "Bernard", "Jacques", "Daniel", "Christian",
    "Patrick", "Nicolas", "Christophe", "Éric", "Frédéric", "Laurent", "Stéphane", "Sébastien", "David", "Julien",
    "Thomas", "Lucas", "Hugo", "Théo", "Léo", "Louis", "Gabriel", "Raphaël", "Arthur", "Jules",
    "Mathéo", "Nathan", "Enzo", "Maxime", "Kevin", "Jérôme", "Grégory", "Jérémy", "Clément", "Loïc",
    "Noël", "François", "Benoît", "Gaël", "Yann", "Mohamed", "Karim", "Mamadou", "Youssef", "Adam",
    "René", "Marcel", "Roger", "Robert", "Henri", "Georges", "Maurice", "Raymond", "Lucien", "Gérard",
    "Jean-Pierre", "Jean-Claude", "Jean-Luc", "Jean-Marc", "Paul", "Antoine", "Baptiste", "Timothée", "Noah", "Ethan"};

// Builds a long tail of plausible invented surnames from syllables (deterministic for a seed).
std::vector<std::string> tail_surnames(std::mt19937_64& rng, std::size_t count) {
  static const std::vector<std::string> onsets = {"B", "Br", "Ch", "D", "F", "G", "Gu", "J", "K", "L", "M", "N",
                                                  "P", "R", "S", "T", "V", "Z", "Qu", "Gr", "Tr", "Fl", "Bl", "Cl",
                                                  "Pr", "H", "W", "Y", "X", "Kr", "St", "Sch", "Ker", "Van"};
  static const std::vector<std::string> vowels = {"a", "e", "i", "o", "ou", "au", "eu", "é", "è", "ai", "an", "on", "in",
                                                  "y", "ü", "ô"};
  static const std::vector<std::string> middles = {"b", "c", "d", "g", "l", "m", "n", "p", "r", "s", "t", "v", "ll",
                                                   "rr", "ss", "nd", "rt", "rn", "ch"};
  static const std::vector<std::string> endings = {"", "", "et", "ot", "ard", "in", "eau", "ier", "ais", "ac", "ec",
                                                   "ou", "and", "y", "ez", "aud", "ille", "ens", "ic", "az", "ès"};
  std::set<std::string> seen(common_surnames.begin(), common_surnames.end());
  std::vector<std::string> out;
  auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  while (out.size() < count) {
    std::string name = pick(onsets) + pick(vowels);
    const int syllables = 1 + static_cast<int>(rng() % 2);
    for (int i = 0; i < syllables; ++i) name += pick(middles) + pick(vowels);
    name += pick(endings);
    if (seen.insert(name).second) out.push_back(name);
  }
  return out;
}

// A Zipf-like sampler over `n` items: weight 1 / (rank + k).
class Zipf {
 public:
  Zipf(std::size_t n, double k) {
    cumulative_.reserve(n);
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) cumulative_.push_back(sum += 1.0 / (static_cast<double>(i) + k));
  }
  std::size_t operator()(std::mt19937_64& rng) const {
    std::uniform_real_distribution<double> u(0, cumulative_.back());
    return static_cast<std::size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), u(rng)) - cumulative_.begin());
  }

 private:
  std::vector<double> cumulative_;
};

struct NameSource {
  std::vector<std::string> tail;
  Zipf common{common_surnames.size(), 12};
  Zipf tail_pick{1, 1};
  Zipf female{female_first.size(), 4};
  Zipf male{male_first.size(), 4};

  explicit NameSource(std::mt19937_64& rng) : tail(tail_surnames(rng, 60000)), tail_pick(tail.size(), 50) {}

  std::string surname(std::mt19937_64& rng) const {
    // A quarter of persons carry one of the ~200 common names (Martin ≈ 0.6 %), the rest the tail.
    std::string name = (rng() % 100 < 25) ? common_surnames[common(rng)] : tail[tail_pick(rng)];
    if (rng() % 100 < 4) name += "-" + (rng() % 2 ? common_surnames[common(rng)] : tail[tail_pick(rng)]);  // compound
    return name;
  }
  std::string first(std::mt19937_64& rng, bool woman) const {
    return woman ? female_first[female(rng)] : male_first[male(rng)];
  }
};

// A NIR consistent with sex and birth date (département and commune invented), with its key.
std::string make_nir(bool woman, const Date& birth, std::int64_t serial) {
  char body[32];
  std::snprintf(body, sizeof body, "%d%02d%02d%02d%03d%03d", woman ? 2 : 1, birth.year() % 100, birth.month(),
                static_cast<int>(1 + serial % 95), static_cast<int>(1 + (serial / 95) % 900),
                static_cast<int>(1 + (serial / 85500) % 999));
  const auto number = std::stoll(body);
  char key[8];
  std::snprintf(key, sizeof key, "%02lld", 97 - number % 97);
  return std::string(body) + key;
}

// ---------------------------------------------------------------------------------------------
// Generation (SQLite, through the real store functions).

constexpr int establishment_count = 60;

std::int64_t count_persons(store::Database& db) {
  auto lease = db.acquire();
  if (!lease->query_one("SELECT 1 AS x FROM organisation LIMIT 1")) return 0;
  return lease->query_one("SELECT COUNT(*) AS n FROM person")->integer("n");
}

void generate(store::Database& db, std::int64_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  NameSource names(rng);
  const auto started = Clock::now();
  std::int64_t organisation = 0;
  std::vector<std::int64_t> establishments;
  db.in_transaction([&](store::Connection& c) {
    est::OrganisationInput o;
    o.name = "Association départementale de bench";
    o.legal_status = "private_non_profit";
    organisation = est::create_organisation(c, o).id;
    store::Scoped scoped(c, store::Scope::organisation(organisation));
    static const std::vector<std::string> categories = {"183", "255", "246", "182", "437", "449", "252", "445"};
    for (int i = 0; i < establishment_count; ++i) {
      est::Profile p;
      p.finess_et = std::to_string(910000000 + i);
      p.name = "Établissement " + std::to_string(i + 1);
      p.category_code = categories[static_cast<std::size_t>(i) % categories.size()];
      establishments.push_back(est::create_establishment(scoped, p));
    }
  });
  // Establishments of unequal size (a few large ones, many small services).
  Zipf establishment_pick(establishment_count, 6);
  std::uniform_int_distribution<std::int64_t> birth_days(Date::parse("1940-01-01")->days_since_epoch(),
                                                         Date::parse("2020-12-31")->days_since_epoch());
  std::uniform_int_distribution<std::int64_t> admission_days(Date::parse("2005-01-01")->days_since_epoch(),
                                                             Date::parse("2025-06-30")->days_since_epoch());
  for (std::int64_t done = 0; done < n;) {
    const auto this_batch = std::min<std::int64_t>(done == 0 ? 2000 : 20000, n - done);
    db.in_transaction([&](store::Connection& c) {
      store::Scoped scoped(c, store::Scope::organisation(organisation));
      for (std::int64_t k = 0; k < this_batch; ++k) {
        const std::int64_t serial = done + k;
        const bool woman = rng() % 2 == 0;
        persons::Identity id;
        id.sex = woman ? "F" : "M";
        id.birth_name = names.surname(rng);
        if (woman && rng() % 100 < 30) id.used_name = names.surname(rng);  // married name
        const int firsts = 1 + static_cast<int>(rng() % 100 < 45) + static_cast<int>(rng() % 100 < 15);
        for (int f = 0; f < firsts; ++f) {
          auto first = names.first(rng, woman);
          if (std::find(id.first_names.begin(), id.first_names.end(), first) == id.first_names.end())
            id.first_names.push_back(first);
        }
        if (rng() % 100 < 5) id.used_first_name = names.first(rng, woman);
        const auto birth = Date::from_days(birth_days(rng));
        id.birth_date = birth.to_string();
        if (rng() % 100 < 70) id.nir = make_nir(woman, birth, serial);
        id.identity_status = rng() % 100 < 60 ? "VALI" : "PROV";
        const auto home = establishments[establishment_pick(rng)];
        const auto person_id = persons::insert_person(scoped, home, id);
        persons::Stay stay;
        stay.person_id = person_id;
        stay.establishment_id = home;
        stay.care_mode = rng() % 3 ? "11" : "13";
        stay.admission_date = Date::from_days(std::max(admission_days(rng), birth.days_since_epoch() + 365));
        stay.origin = "home";
        if (rng() % 100 < 30) {
          // Transferred to a second establishment.
          stay.discharge_date = stay.admission_date.plus_days(30 + static_cast<std::int64_t>(rng() % 2000));
          stay.destination = "establishment";
          const auto first_stay = persons::insert_stay(scoped, stay);
          persons::Stay second;
          second.person_id = person_id;
          do second.establishment_id = establishments[establishment_pick(rng)];
          while (second.establishment_id == home);
          second.care_mode = stay.care_mode;
          second.admission_date = stay.discharge_date->plus_days(1);
          second.origin = "establishment";
          second.transfer_from_stay_id = first_stay;
          persons::insert_stay(scoped, second);
        } else {
          persons::insert_stay(scoped, stay);
        }
      }
    });
    done += this_batch;
    // Without statistics SQLite's planner reads "organisation_id = ?" as selective, and the DELETE in
    // replace_name_tokens scans the organisation's whole token index (see bench/RESULTS.md): the
    // generation would be quadratic. Statistics after the first batch keep it linear.
    if (done == this_batch || done == n) db.acquire()->execute("ANALYZE");
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    std::cerr << "  generated " << done << " / " << n << " persons (" << static_cast<int>(seconds) << " s)\n";
  }
}

// ---------------------------------------------------------------------------------------------
// Copy to PostgreSQL with COPY (same rows, same ids, tokens as insert_person wrote them).

std::string copy_field(const store::Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return "\\N";
  if (auto i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (auto d = std::get_if<double>(&v)) {
    std::ostringstream s;
    s.precision(17);
    s << *d;
    return s.str();
  }
  std::string out;
  for (char c : std::get<std::string>(v)) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

void pg_check(PGconn* pg, PGresult* r, ExecStatusType expected, const std::string& what) {
  if (PQresultStatus(r) != expected) {
    std::string message = what + ": " + PQerrorMessage(pg);
    PQclear(r);
    throw std::runtime_error(message);
  }
  PQclear(r);
}

// Copies `table` in chunks of `key` ranges [a, a + step).
void copy_table(store::Connection& sqlite, PGconn* pg, const std::string& table, const std::string& key,
                std::int64_t step) {
  const auto bounds = sqlite.query_one("SELECT MIN(" + key + ") AS lo, MAX(" + key + ") AS hi FROM " + table);
  if (bounds->is_null("lo")) return;
  const auto lo = bounds->integer("lo"), hi = bounds->integer("hi");
  std::string columns;
  bool started = false;
  std::int64_t rows = 0;
  for (std::int64_t a = lo; a <= hi; a += step) {
    const auto chunk = sqlite.query("SELECT * FROM " + table + " WHERE " + key + " >= :a AND " + key + " < :b",
                                    {{"a", a}, {"b", a + step}});
    if (chunk.empty()) continue;
    if (!started) {
      for (std::size_t i = 0; i < chunk[0].size(); ++i) columns += (i ? ", " : "") + chunk[0].name(i);
      pg_check(pg, PQexec(pg, ("COPY " + table + " (" + columns + ") FROM STDIN").c_str()), PGRES_COPY_IN,
               "COPY " + table);
      started = true;
    }
    std::string buffer;
    for (const auto& row : chunk) {
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (i) buffer += '\t';
        buffer += copy_field(row.at(i));
      }
      buffer += '\n';
    }
    rows += static_cast<std::int64_t>(chunk.size());
    if (PQputCopyData(pg, buffer.data(), static_cast<int>(buffer.size())) != 1)
      throw std::runtime_error("COPY " + table + ": " + PQerrorMessage(pg));
  }
  if (!started) return;
  if (PQputCopyEnd(pg, nullptr) != 1) throw std::runtime_error("COPY end: " + std::string(PQerrorMessage(pg)));
  pg_check(pg, PQgetResult(pg), PGRES_COMMAND_OK, "COPY " + table);
  while (PGresult* r = PQgetResult(pg)) PQclear(r);
  std::cerr << "  copied " << rows << " rows of " << table << "\n";
}

void copy_to_postgresql(store::Database& sqlite, const std::string& url) {
  PGconn* pg = PQconnectdb(url.c_str());
  if (PQstatus(pg) != CONNECTION_OK) throw std::runtime_error("PostgreSQL: " + std::string(PQerrorMessage(pg)));
  auto lease = sqlite.acquire();
  pg_check(pg, PQexec(pg, "BEGIN"), PGRES_COMMAND_OK, "BEGIN");
  copy_table(*lease, pg, "organisation", "id", 1000);
  copy_table(*lease, pg, "establishment", "id", 1000);
  copy_table(*lease, pg, "person", "id", 20000);
  copy_table(*lease, pg, "stay", "id", 20000);
  copy_table(*lease, pg, "person_name_token", "person_id", 20000);
  copy_table(*lease, pg, "person_name_token_visible", "person_id", 20000);
  for (const char* t : {"organisation", "establishment", "person", "stay"})
    pg_check(pg, PQexec(pg, ("SELECT setval(pg_get_serial_sequence('" + std::string(t) + "', 'id'), (SELECT MAX(id) FROM " +
                             t + "))").c_str()),
             PGRES_TUPLES_OK, "setval");
  pg_check(pg, PQexec(pg, "COMMIT"), PGRES_COMMAND_OK, "COMMIT");
  pg_check(pg, PQexec(pg, "VACUUM ANALYZE"), PGRES_COMMAND_OK, "VACUUM ANALYZE");
  PQfinish(pg);
}

// ---------------------------------------------------------------------------------------------
// Queries.

struct Query {
  std::string kind;
  bool restricted = false;  // Visibility limited to one establishment
  persons::SearchQuery q;
  persons::Visibility visibility;
};

// What the handler does with ?q= (normalise_name, then drop LIKE wildcards).
std::string as_typed(const std::string& text) {
  std::string folded;
  for (char ch : persons::normalise_name(text))
    if (ch != '%' && ch != '_') folded.push_back(ch);
  return folded;
}

struct Sample {
  std::string birth_name, first_name, birth_date;
  std::optional<std::string> nir;
  std::int64_t establishment = 0;
};

std::vector<Query> build_queries(store::Database& db, std::int64_t organisation, std::size_t per_kind, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto lease = db.acquire();
  std::vector<std::int64_t> establishments;
  for (const auto& r : lease->query("SELECT id FROM establishment WHERE organisation_id = :o ORDER BY id", {{"o", organisation}}))
    establishments.push_back(r.integer("id"));
  std::vector<std::string> common, rare;
  // Names and persons of the organisation searched (a platform's dataset holds sixty of them).
  const store::Params in_it{{"o", organisation}};
  for (const auto& r : lease->query("SELECT birth_name, COUNT(*) AS n FROM person WHERE organisation_id = :o GROUP BY "
                                    "birth_name ORDER BY n DESC LIMIT 20", in_it))
    common.push_back(r.text("birth_name"));
  for (const auto& r : lease->query("SELECT birth_name FROM person WHERE organisation_id = :o GROUP BY birth_name HAVING "
                                    "COUNT(*) <= 3 LIMIT 20000", in_it))
    rare.push_back(r.text("birth_name"));
  if (rare.empty())  // the dataset generator's few hundred surnames: its least common ones
    for (const auto& r : lease->query("SELECT birth_name, COUNT(*) AS n FROM person WHERE organisation_id = :o GROUP BY "
                                      "birth_name ORDER BY n, birth_name LIMIT 20", in_it))
      rare.push_back(r.text("birth_name"));
  const auto max_id = lease->query_one("SELECT MAX(id) AS m FROM person")->integer("m");
  std::vector<Sample> samples;
  std::uniform_int_distribution<std::int64_t> any_id(1, max_id);
  while (samples.size() < per_kind * 2) {
    auto r = lease->query_one(
        "SELECT birth_name, first_names, birth_date, nir, registered_establishment_id FROM person WHERE id = :id AND "
        "organisation_id = :o",
        {{"id", any_id(rng)}, {"o", organisation}});
    if (!r) continue;
    samples.push_back({r->text("birth_name"), split(r->text("first_names"), '\t').at(0), r->text("birth_date"),
                       r->optional_text("nir"), r->integer("registered_establishment_id")});
  }
  std::uniform_int_distribution<std::size_t> any_establishment(0, establishments.size() - 1);
  std::vector<Query> out;
  auto add = [&](std::string kind, std::optional<std::string> text, std::optional<std::string> birth,
                 std::optional<std::string> nir, std::int64_t own_establishment) {
    for (bool restricted : {false, true}) {
      Query query;
      query.kind = kind;
      query.restricted = restricted;
      if (text) query.q.text = as_typed(*text);
      query.q.birth_date = birth;
      query.q.nir = nir;
      // Restricted: the searched person's own establishment when there is one, else any of the 60.
      if (restricted)
        query.visibility.only = std::vector<std::int64_t>{own_establishment ? own_establishment
                                                                            : establishments[any_establishment(rng)]};
      out.push_back(std::move(query));
    }
  };
  for (std::size_t i = 0; i < per_kind; ++i) {
    const auto& c = common[rng() % common.size()];
    const auto& r = rare[rng() % rare.size()];
    for (std::size_t len : {2, 3, 4, 6}) {
      add("prefix " + std::to_string(len) + ", common name", utf8_prefix(c, len), {}, {}, 0);
      add("prefix " + std::to_string(len) + ", rare name", utf8_prefix(r, len), {}, {}, 0);
    }
    const auto& s = samples[i];
    const auto& t = samples[per_kind + i];
    const std::size_t name_len = 3 + rng() % 4, first_len = 2 + rng() % 4;
    add("first + name (\"mar dup\")", utf8_prefix(s.first_name, first_len) + " " + utf8_prefix(s.birth_name, name_len), {},
        {}, s.establishment);
    add("name + first (\"dupont mar\")", s.birth_name + " " + utf8_prefix(s.first_name, first_len), {}, {},
        s.establishment);
    add("name prefix 3 + birth year", utf8_prefix(t.birth_name, 3), t.birth_date.substr(0, 4), {}, t.establishment);
    add("name prefix 3 + birth date", utf8_prefix(t.birth_name, 3), t.birth_date, {}, t.establishment);
    add("birth date only", {}, s.birth_date, {}, s.establishment);
    const auto& with_nir = s.nir ? s : t;
    add("NIR only", {}, {}, with_nir.nir.value_or("100000000000000"), with_nir.establishment);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Measurement.

struct Stats {
  std::vector<double> ms;
  std::vector<std::size_t> queries;  // index in the pool, for each measurement
  std::int64_t rows = 0;
  double at(double q) const {
    if (ms.empty()) return 0;
    auto sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    const auto i = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size()))) - 1;
    return sorted[std::min(i, sorted.size() - 1)];
  }
  double max() const { return ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end()); }
};
using Results = std::map<std::pair<std::string, std::string>, Stats>;  // (kind, visibility) -> stats

const std::string everything = "(all)";

// The persons a query finds (limit 20 + 1), by search_persons unless another search is given.
using Search = std::function<std::size_t(const store::Scoped&, const Query&)>;

std::size_t by_store(const store::Scoped& db, const Query& query) {
  return persons::search_persons(db, query.q, query.visibility, 20, std::nullopt).persons.size();
}

// The reference of issue #9: a trigram GIN index on person.search_text (" name first names ",
// folded) and one LIKE per word typed, sorted by birth name (a trigram match gives no order: every
// match is read and sorted). Queries without a name are left out. Only in the benchmark database.
void create_trigram_index(store::Database& db) {
  auto lease = db.acquire();
  lease->execute("CREATE EXTENSION IF NOT EXISTS pg_trgm");
  lease->execute("CREATE INDEX IF NOT EXISTS bench_person_search_trgm ON person USING gin (search_text gin_trgm_ops)");
  lease->execute("ANALYZE person");
}

std::size_t by_trigrams(const store::Scoped& db, const Query& query) {
  store::Params params{{"limit", std::int64_t{21}}};
  std::string where = " AND p.merged_into IS NULL" + persons::visible(query.visibility, params);
  std::size_t n = 0;
  for (const auto& word : split(*query.q.text, ' ')) {
    if (word.empty()) continue;
    const auto name = "w" + std::to_string(n++);
    where += " AND p.search_text LIKE :" + name;
    params.push_back({name, "% " + word + "%"});
  }
  if (query.q.birth_date) {
    where += " AND p.birth_date >= :blo AND p.birth_date <= :bhi";
    params.push_back({"blo", *query.q.birth_date});
    params.push_back({"bhi", query.q.birth_date->size() == 4 ? *query.q.birth_date + "-99" : *query.q.birth_date});
  }
  return db.query(std::string(persons::person_columns) + "WHERE {{tenant:p.organisation_id}}" + where +
                      " ORDER BY p.birth_name, p.id LIMIT :limit",
                  params)
      .size();
}

Results run(store::Database& db, std::int64_t organisation, const std::vector<Query>& pool, std::size_t warmup,
            std::size_t count, std::uint64_t seed, const Search& search = by_store, bool names_only = false) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<std::size_t> pick(0, pool.size() - 1);
  Results results;
  for (std::size_t i = 0; i < warmup + count; ++i) {
    const auto& query = pool[pick(rng)];
    if (names_only && !query.q.text) continue;
    const auto t0 = Clock::now();
    auto lease = db.acquire();  // as the handler does
    const auto found = search(store::Scoped(*lease, store::Scope::organisation(organisation)), query);
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    if (i < warmup) continue;
    const std::string visibility = query.restricted ? "1 establishment" : "organisation";
    for (const auto& key : {std::pair{query.kind, visibility}, std::pair{everything, visibility},
                            std::pair{everything, std::string("both")}}) {
      auto& s = results[key];
      s.ms.push_back(ms);
      s.queries.push_back(static_cast<std::size_t>(&query - pool.data()));
      s.rows += static_cast<std::int64_t>(found);
    }
  }
  return results;
}

std::string fmt(double v) {
  char b[32];
  std::snprintf(b, sizeof b, v < 10 ? "%.2f" : "%.1f", v);
  return b;
}

void print_table(const Results& sqlite, const Results* pg, const std::string& first = "SQLite",
                 const std::string& second = "PostgreSQL", const std::string& ratio = "SQLite/PG") {
  std::cout << "\n| query kind | visibility | n | rows | " << first << " p50 | p95 | **p99** | max |";
  if (pg) std::cout << " " << second << " p50 | p95 | **p99** | max | p99 " << ratio << " |";
  std::cout << "\n|---|---|---|---|---|---|---|---|" << (pg ? "---|---|---|---|---|" : "") << "\n";
  std::vector<std::pair<std::string, std::string>> keys;
  for (const auto& [key, _] : sqlite)
    if (key.first != everything) keys.push_back(key);
  for (const auto& key : sqlite)
    if (key.first.first == everything) keys.push_back(key.first);
  for (const auto& key : keys) {
    const auto& s = sqlite.at(key);
    const bool overall = key.first == everything;
    const auto star = [](double p99) { return p99 > 10 ? " ⚠" : ""; };
    std::cout << "| " << (overall ? "**all kinds**" : key.first) << " | " << key.second << " | " << s.ms.size() << " | "
              << fmt(static_cast<double>(s.rows) / static_cast<double>(s.ms.size())) << " | " << fmt(s.at(0.5)) << " | "
              << fmt(s.at(0.95)) << " | **" << fmt(s.at(0.99)) << "**" << star(s.at(0.99)) << " | " << fmt(s.max()) << " |";
    if (pg) {
      auto it = pg->find(key);
      if (it != pg->end()) {
        const auto& p = it->second;
        std::cout << " " << fmt(p.at(0.5)) << " | " << fmt(p.at(0.95)) << " | **" << fmt(p.at(0.99)) << "**"
                  << star(p.at(0.99)) << " | " << fmt(p.max()) << " | " << fmt(s.at(0.99) / p.at(0.99)) << " |";
      } else {
        std::cout << " | | | | |";
      }
    }
    std::cout << "\n";
  }
  std::cout << "\nTimes in milliseconds; rows: mean persons returned (limit 20 + 1); ⚠: p99 over 10 ms.\n";
}

std::string describe(const Query& q) {
  std::string out;
  if (q.q.text) out += "q=\"" + *q.q.text + "\" ";
  if (q.q.birth_date) out += "birth_date=" + *q.q.birth_date + " ";
  if (q.q.nir) out += "nir=" + *q.q.nir + " ";
  out += q.restricted ? "only establishment " + std::to_string(q.visibility.only->at(0)) : "whole organisation";
  return out;
}

// The `count` slowest measurements of each kind, to study their plans.
void print_slowest(const std::string& backend, const Results& results, const std::vector<Query>& pool, std::size_t count) {
  std::cerr << "\nSlowest queries on " << backend << ":\n";
  for (const auto& [key, s] : results) {
    if (key.first == everything) continue;
    std::vector<std::size_t> order(s.ms.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return s.ms[a] > s.ms[b]; });
    for (std::size_t i = 0; i < std::min(count, order.size()); ++i)
      std::cerr << "  " << fmt(s.ms[order[i]]) << " ms  " << key.first << ": " << describe(pool[s.queries[order[i]]]) << "\n";
  }
}

std::string arg_value(int& i, int argc, char** argv) {
  if (i + 1 >= argc) throw std::runtime_error(std::string(argv[i]) + " needs a value");
  return argv[++i];
}

}  // namespace

int main(int argc, char** argv) try {
  spdlog::set_level(spdlog::level::warn);  // no "migration applied" lines in the table
  std::string sqlite_path, pg_url;
  if (const char* env = std::getenv("PASSERELLE_BENCH_PG")) pg_url = env;
  std::int64_t n = 400000;
  std::size_t queries = 20000, warmup = 2000;
  std::uint64_t seed = 42;
  bool only_generate = false, trigrams = false;
  std::string sqlite_stats = "analyze";
  std::string dump;
  std::size_t slowest = 0;
  std::vector<std::string> pragmas;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--sqlite") sqlite_path = arg_value(i, argc, argv);
    else if (a == "--postgresql") pg_url = arg_value(i, argc, argv);
    else if (a == "--persons") n = std::stoll(arg_value(i, argc, argv));
    else if (a == "--queries") queries = std::stoul(arg_value(i, argc, argv));
    else if (a == "--warmup") warmup = std::stoul(arg_value(i, argc, argv));
    else if (a == "--seed") seed = std::stoull(arg_value(i, argc, argv));
    else if (a == "--only-generate") only_generate = true;
    else if (a == "--sqlite-stats") sqlite_stats = arg_value(i, argc, argv);
    else if (a == "--dump-queries") dump = arg_value(i, argc, argv);
    else if (a == "--slowest") slowest = std::stoul(arg_value(i, argc, argv));
    else if (a == "--sqlite-pragma") pragmas.push_back(arg_value(i, argc, argv));
    else if (a == "--pg-trgm") trigrams = true;
    else throw std::runtime_error("unknown argument " + a + " (see the comment at the top of bench/persons_search.cpp)");
  }
  if (sqlite_path.empty()) throw std::runtime_error("--sqlite FILE is required");

  auto sqlite = store::Database::open({sqlite_path, 1});
  store::migrate(*sqlite);
  if (const auto have = count_persons(*sqlite); have != n) {
    if (have != 0) throw std::runtime_error(sqlite_path + " holds " + std::to_string(have) + " persons, not " +
                                            std::to_string(n) + ": remove it or pass --persons " + std::to_string(have));
    std::cerr << "Generating " << n << " persons in " << sqlite_path << " (once; the file is reused)\n";
    generate(*sqlite, n, seed);
  } else {
    std::cerr << "Reusing " << sqlite_path << " (" << n << " persons)\n";
  }
  std::shared_ptr<store::Database> pg;
  if (!pg_url.empty()) {
    pg = store::Database::open({pg_url, 1});
    store::migrate(*pg);
    if (const auto have = count_persons(*pg); have != n) {
      if (have != 0) throw std::runtime_error("the PostgreSQL database holds another dataset: use an empty one");
      std::cerr << "Copying the dataset to PostgreSQL\n";
      const auto t0 = Clock::now();
      copy_to_postgresql(*sqlite, pg_url);
      std::cerr << "  done in " << static_cast<int>(std::chrono::duration<double>(Clock::now() - t0).count()) << " s\n";
    } else {
      std::cerr << "Reusing the PostgreSQL dataset\n";
    }
  }
  if (only_generate) return 0;
  {
    // "analyze": with planner statistics (sqlite_stat1), computed if missing; "none": without, as a
    // server that never runs ANALYZE has them (the next "analyze" run computes them again).
    auto lease = sqlite->acquire();
    const bool have = lease->query_one("SELECT 1 AS x FROM sqlite_master WHERE name = 'sqlite_stat1'").has_value();
    if (sqlite_stats == "none") {
      if (have) lease->execute("DROP TABLE sqlite_stat1");
    } else if (sqlite_stats == "analyze") {
      if (!have || !lease->query_one("SELECT 1 AS x FROM sqlite_stat1 LIMIT 1")) lease->execute("ANALYZE");
    } else {
      throw std::runtime_error("--sqlite-stats: analyze or none");
    }
    std::cerr << "SQLite planner statistics: " << sqlite_stats << "\n";
    // To measure a connection setting before proposing it (the pool has one connection).
    for (const auto& pragma : pragmas) {
      lease->query("PRAGMA " + pragma);
      std::cerr << "SQLite PRAGMA " << pragma << "\n";
    }
  }

  const auto organisation = sqlite->acquire()->query_one("SELECT MIN(id) AS id FROM organisation")->integer("id");
  const auto pool = build_queries(*sqlite, organisation, 200, seed + 1);
  if (!dump.empty()) {
    std::ofstream out(dump);
    for (const auto& q : pool)
      out << q.kind << "\t" << (q.restricted ? std::to_string(q.visibility.only->at(0)) : "") << "\t"
          << q.q.text.value_or("") << "\t" << q.q.birth_date.value_or("") << "\t" << q.q.nir.value_or("") << "\n";
  }
  std::cerr << "Measuring " << queries << " queries (after " << warmup << " of warm-up) from a pool of " << pool.size()
            << ", on SQLite" << (pg ? " then PostgreSQL" : "") << "\n";
  const auto on_sqlite = run(*sqlite, organisation, pool, warmup, queries, seed + 2);
  std::optional<Results> on_pg;
  if (pg) on_pg = run(*pg, organisation, pool, warmup, queries, seed + 2);
  if (slowest) {
    print_slowest("SQLite", on_sqlite, pool, slowest);
    if (on_pg) print_slowest("PostgreSQL", *on_pg, pool, slowest);
  }
  print_table(on_sqlite, on_pg ? &*on_pg : nullptr);
  if (pg && trigrams) {
    // The same sequence on PostgreSQL through a trigram index instead (queries with a name only).
    std::cerr << "Creating the trigram index (pg_trgm, GIN on person.search_text)\n";
    const auto t0 = Clock::now();
    create_trigram_index(*pg);
    std::cerr << "  done in " << static_cast<int>(std::chrono::duration<double>(Clock::now() - t0).count()) << " s\n";
    const auto on_trgm = run(*pg, organisation, pool, warmup, queries, seed + 2, by_trigrams, true);
    if (slowest) print_slowest("PostgreSQL pg_trgm", on_trgm, pool, slowest);
    std::cout << "\nReference (issue #9): PostgreSQL, search_persons against one trigram query (pg_trgm GIN on "
                 "search_text, one LIKE per word, ORDER BY birth_name), queries with a name only; the overall rows "
                 "of the first columns include the queries without a name.\n";
    print_table(*on_pg, &on_trgm, "search_persons", "pg_trgm", "store/trgm");
  }
  return 0;
} catch (const std::exception& e) {
  std::cerr << "persons_search: " << e.what() << "\n";
  return 1;
}
