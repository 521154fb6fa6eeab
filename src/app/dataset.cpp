// Generated datasets for benchmarks and scale tests: the demo generators (persons, staff) applied to
// many generated establishments, from a seed (the same data for the same seed and day).
#include "app/dataset.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <random>
#include <thread>

#include "app/demo.hpp"
#include "app/demo_persons.hpp"
#include "app/demo_staff.hpp"
#include "modules/establishments/store.hpp"

namespace passerelle::app {
namespace {

namespace est = modules::establishments;

struct Template {
  const char* category;
  const char* kind;  // in the establishment's name
  const char* publics;
  std::vector<std::pair<const char*, int>> capacities;  // kind of care, places
};

// The usual shapes of the sector's establishments (places around the national averages).
const std::vector<Template>& templates() {
  static const std::vector<Template> list = {
      {"183", "IME", "children", {{"11", 20}, {"13", 45}}},
      {"182", "SESSAD", "children", {{"16", 40}}},
      {"186", "ITEP", "children", {{"17", 18}, {"13", 20}}},
      {"246", "ESAT", "adults", {{"14", 85}}},
      {"449", "Foyer de vie", "adults", {{"11", 30}, {"40", 2}}},
      {"255", "MAS", "adults", {{"11", 40}, {"21", 6}}},
      {"437", "FAM", "adults", {{"11", 32}, {"21", 8}}},
      {"446", "SAVS", "adults", {{"16", 60}}},
      {"445", "SAMSAH", "adults", {{"16", 25}}},
      {"190", "CAMSP", "children", {{"16", 60}}},
      {"500", "EHPAD", "elderly", {{"11", 80}, {"40", 4}, {"21", 10}}},
  };
  return list;
}

const char* const towns[] = {"Lyon", "Villeurbanne", "Vénissieux", "Bron", "Caluire-et-Cuire", "Givors", "Écully",
                             "Saint-Priest", "Meyzieu", "Rillieux-la-Pape", "Oullins", "Tassin-la-Demi-Lune"};
const char* const names[] = {"Les Tilleuls", "Le Clos Fleuri", "La Roseraie", "Les Canuts", "Le Val", "Les Glycines",
                             "Les Cèdres", "La Source", "Le Forez", "Les Coteaux", "La Passerelle", "Les Érables"};

bool residential(std::string_view mode) { return mode == "11" || mode == "40" || mode == "17"; }

// Department codes for the FINESS numbers of the generated organisations (no Corsica: 2A/2B).
std::string department(int organisation) {
  static const int codes[] = {1,  3,  7,  15, 26, 38, 42, 43, 63, 69, 73, 74, 21, 25, 39, 58, 70, 71, 89, 90,
                              44, 49, 53, 72, 85, 13, 83, 84, 6,  4,  5,  33, 40, 47, 64, 24, 31, 32, 65, 81,
                              82, 9,  11, 30, 34, 48, 66, 59, 62, 80, 60, 2,  75, 92, 93, 94, 77, 78, 91, 95};
  const int code = codes[organisation % static_cast<int>(std::size(codes))];
  return (code < 10 ? "0" : "") + std::to_string(code);
}

}  // namespace

std::optional<DatasetSize> dataset_size(const std::string& code) {
  if (code == "s") return DatasetSize{1, 10, 58, 100, 2};
  if (code == "m") return DatasetSize{1, 60, 75, 104, 10};
  if (code == "l") return DatasetSize{60, 50, 86, 74, 10};
  return std::nullopt;
}

namespace {

// Organisation `o` of the dataset (its content depends on `seed` and `o` only, never on the ids the
// database hands out), in one transaction: the steering aggregates are built at its commit, by the
// fact listener.
void generate_organisation(store::Connection& c, const DatasetSize& size, std::uint32_t seed, int o) {
  const Date today = Date::today();
  const int history_years = 10;
  const auto started = std::chrono::steady_clock::now();
  store::Transaction tx(c);
  std::mt19937 rng(seed + static_cast<std::uint32_t>(o) * 7919u);
  auto roll = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const std::string dept = department(o);
  const std::string serial = (o < 9 ? "0" : "") + std::to_string(o + 1);
  est::OrganisationInput input;
  input.name = "Association générée " + std::to_string(o + 1);
  input.finess_ej = finess_with_key(dept + "9" + serial + "000");
  input.legal_status = "private_non_profit";
  input.city = towns[o % std::size(towns)];
  const auto organisation = est::create_organisation(c, input);
  store::Scoped db(c, store::Scope::organisation(organisation.id));
  std::vector<DemoPlace> places;
  for (int e = 0; e < size.establishments_per_organisation; ++e) {
    const auto& t = templates()[static_cast<std::size_t>(roll(0, static_cast<int>(templates().size()) - 1))];
    est::Profile p;
    const std::string number = std::to_string(e + 1);
    p.finess_et = finess_with_key(dept + "8" + serial + std::string(3 - number.size(), '0') + number);
    p.name = std::string(t.kind) + " " + names[roll(0, std::size(names) - 1)] + " " + number;
    p.category_code = t.category;
    p.publics = {t.publics};
    p.funders = {"ars"};
    p.bricks = {"steering"};
    p.city = towns[roll(0, std::size(towns) - 1)];
    const auto id = est::create_establishment(db, p);
    const Date start = today.plus_years(-history_years);
    for (const auto& [mode, base] : t.capacities) {
      // Sizes vary around the template's; a third of them changed once in the period.
      const int before = std::max(2, base * roll(60, 160) * size.places_percent / 10000);
      const bool changes = roll(0, 2) == 0;
      const int after = changes ? std::max(2, before + roll(-before / 4, before / 4)) : before;
      const Date change = today.plus_days(-roll(60, 365 * history_years - 60));
      for (const char* status : {"authorised", "installed", "funded"}) {
        if (!changes) {
          est::create_capacity_period(db, id, {0, mode, status, before, {start, std::nullopt}});
          continue;
        }
        est::create_capacity_period(db, id, {0, mode, status, before, {start, change.plus_days(-1)}});
        est::create_capacity_period(db, id, {0, mode, status, after, {change, std::nullopt}});
      }
      places.push_back({id, t.category, mode, after});
    }
    for (int year = start.year(); year <= today.year(); ++year) {
      for (const auto& [mode, base] : t.capacities) {
        const bool every_day = residential(mode) || std::string_view(t.category) == "500";
        est::upsert_calendar(db, id, {mode, year, std::nullopt, every_day ? "1111111" : "1111100"});
        if (every_day) continue;
        const Date summer = *Date::parse(std::to_string(year) + "-07-27");
        est::insert_closure(db, id, {0, std::string(mode), summer, summer.plus_days(20), "Fermeture estivale"});
      }
    }
  }
  create_demo_persons(db, places, seed + static_cast<std::uint32_t>(o), size.history_years);
  const std::uint32_t staff_seed = 20261124u + seed + static_cast<std::uint32_t>(o) * 7919u;
  create_demo_staff(db, places, {}, {size.staff_percent, size.history_years, staff_seed});
  tx.commit();
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  spdlog::info(R"({{"msg":"dataset organisation written","organisation":{},"establishments":{},"seconds":{:.1f}}})", o + 1,
               size.establishments_per_organisation, seconds);
}

}  // namespace

int generate_dataset(store::Database& database, const DatasetSize& size, std::uint32_t seed, int jobs) {
  if (jobs > 1 && database.backend() == store::Backend::postgresql) {
    // Organisations at once, each on its connection (PostgreSQL takes concurrent writers; the server's
    // backend does most of the work, so two jobs keep two cores busy). The first failure stops the
    // others after their current organisation and is thrown here.
    std::atomic<int> next{0};
    std::mutex failure_mutex;
    std::exception_ptr failure;
    std::vector<std::thread> workers;
    for (int j = 0; j < std::min(jobs, size.organisations); ++j)
      workers.emplace_back([&] {
        try {
          auto lease = database.acquire();
          for (int o = next++; o < size.organisations; o = next++) {
            {
              std::lock_guard lock(failure_mutex);
              if (failure) return;
            }
            generate_organisation(*lease, size, seed, o);
          }
        } catch (...) {
          std::lock_guard lock(failure_mutex);
          if (!failure) failure = std::current_exception();
        }
      });
    for (auto& w : workers) w.join();
    if (failure) std::rethrow_exception(failure);
    return size.organisations;
  }
  // One connection for the whole generation, one transaction per organisation. On SQLite its page
  // cache holds an organisation's pages (the default 2 MB made every write of the aggregates read
  // its pages back through the WAL's index: 31 -> 25 s an organisation of `l`), given back at the end.
  auto lease = database.acquire();
  store::Connection& c = *lease;
  const bool sqlite = c.backend() == store::Backend::sqlite;
  if (sqlite) c.execute("PRAGMA cache_size=-524288");
  for (int o = 0; o < size.organisations; ++o) generate_organisation(c, size, seed, o);
  if (sqlite) c.execute("PRAGMA cache_size=-2000");
  return size.organisations;
}

}  // namespace passerelle::app
