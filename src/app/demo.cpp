#include "app/demo.hpp"

#include <spdlog/spdlog.h>

#include "app/demo_cpom.hpp"
#include "app/demo_letters.hpp"
#include "app/demo_persons.hpp"
#include "app/demo_staff.hpp"
#include "auth/account_store.hpp"
#include "auth/secrets.hpp"
#include "modules/establishments/store.hpp"
#include "modules/steering/aggregates.hpp"

namespace passerelle::app {
namespace {

namespace est = modules::establishments;

}  // namespace

std::string finess_with_key(const std::string& eight) {
  for (char key = '0'; key <= '9'; ++key) {
    std::string candidate = eight + key;
    int sum = 0;
    bool twice = false;
    for (auto it = candidate.rbegin(); it != candidate.rend(); ++it) {
      int d = *it - '0';
      if (twice && (d *= 2) > 9) d -= 9;
      sum += d;
      twice = !twice;
    }
    if (sum % 10 == 0) return candidate;
  }
  return eight + "0";
}

namespace {

struct DemoCapacity {
  const char* care_mode;
  std::int64_t before;      // places from five years ago…
  std::int64_t after;       // …and after the change (equal: no change)
  const char* change_date;  // when the authorisation changed
};

struct DemoEstablishment {
  const char* finess8;
  const char* name;
  const char* category;
  std::vector<std::string> publics;
  std::vector<std::string> disabilities;
  std::vector<std::string> funders;
  const char* city;
  const char* postal_code;
  std::vector<DemoCapacity> capacities;
  const char* authorisation_date;  // 15-year authorisation; some come up for renewal
  std::int64_t days_open;          // per year, for every kind of care but full-time residential
};

// A mid-sized association of the Rhône: children's and adults' establishments and services, with
// capacity changes over the last five years (the sector's usual transformations: fewer internat
// places, more services in ordinary settings).
const std::vector<DemoEstablishment>& demo_establishments() {
  static const std::vector<DemoEstablishment> list = {
      {"69000101", "IME Les Tilleuls", "183", {"children"}, {"intellectual", "autism"}, {"ars"}, "Villeurbanne", "69100",
       {{"11", 30, 24, "2023-09-01"}, {"13", 45, 51, "2023-09-01"}}, "2012-01-03", 210},
      {"69000102", "SESSAD Les Tilleuls", "182", {"children"}, {"intellectual", "autism"}, {"ars"}, "Villeurbanne", "69100",
       {{"16", 35, 50, "2024-01-01"}}, "2013-06-12", 210},
      {"69000103", "ITEP Le Val d'Azergues", "186", {"children"}, {"behaviour"}, {"ars"}, "Chazay-d'Azergues", "69380",
       {{"17", 20, 16, "2022-09-01"}, {"13", 18, 24, "2022-09-01"}}, "2018-04-30", 200},
      {"69000104", "ESAT Les Ateliers du Rhône", "246", {"adults"}, {"intellectual", "psychic"}, {"ars"}, "Vénissieux", "69200",
       {{"14", 85, 90, "2024-07-01"}}, "2021-11-14", 225},
      {"69000105", "Foyer d'hébergement Les Canuts", "449", {"adults"}, {"intellectual"}, {"departement"}, "Lyon", "69004",
       {{"11", 28, 28, ""}, {"40", 2, 2, ""}}, "2020-02-01", 365},
      {"69000106", "MAS Le Clos Fleuri", "255", {"adults"}, {"polyhandicap"}, {"ars"}, "Bron", "69500",
       {{"11", 40, 42, "2025-01-01"}, {"21", 6, 6, ""}}, "2014-09-15", 250},
      {"69000107", "FAM La Roseraie", "437", {"adults"}, {"autism"}, {"ars", "departement"}, "Caluire-et-Cuire", "69300",
       {{"11", 32, 32, ""}, {"21", 8, 10, "2023-03-01"}}, "2012-05-21", 250},
      {"69000108", "SAVS Villeurbanne", "446", {"adults"}, {"intellectual", "psychic"}, {"departement"}, "Villeurbanne", "69100",
       {{"16", 60, 75, "2022-01-01"}}, "2016-10-03", 230},
      {"69000109", "SAMSAH Lyon Est", "445", {"adults"}, {"psychic", "brain_injury"}, {"ars", "departement"}, "Lyon", "69008",
       {{"16", 25, 30, "2024-01-01"}}, "2017-02-20", 230},
      {"69000110", "EEAP Les Petits Pas", "188", {"children"}, {"polyhandicap"}, {"ars"}, "Écully", "69130",
       {{"13", 20, 20, ""}, {"11", 8, 6, "2023-09-01"}}, "2011-12-19", 210},
      {"69000111", "CAMSP Croix-Rousse", "190", {"children"}, {"all"}, {"ars", "departement"}, "Lyon", "69004",
       {{"16", 120, 140, "2023-01-01"}}, "2015-07-07", 220},
      {"69000112", "EHPAD Les Glycines", "500", {"elderly"}, {"dependency"}, {"ars", "departement"}, "Givors", "69700",
       {{"11", 80, 80, ""}, {"40", 4, 6, "2024-04-01"}, {"21", 10, 10, ""}}, "2019-03-26", 365},
  };
  return list;
}

est::OrganisationInput organisation_input(std::string name, std::string finess, std::string city) {
  est::OrganisationInput o;
  o.name = std::move(name);
  o.finess_ej = std::move(finess);
  o.legal_status = "private_non_profit";
  o.city = std::move(city);
  return o;
}

// Capacity periods for the last five years: authorised = installed, funded a little lower where a
// new authorisation is not yet fully funded (common in the sector).
void create_demo_capacities(const store::Scoped& scoped, std::int64_t establishment, const DemoEstablishment& e) {
  const Date start = Date::today().plus_years(-5);
  for (const auto& cap : e.capacities) {
    const bool changes = cap.before != cap.after && *cap.change_date;
    for (const char* status : {"authorised", "installed", "funded"}) {
      const bool funded = std::string_view(status) == "funded";
      if (!changes) {
        est::create_capacity_period(scoped, establishment, {0, cap.care_mode, status, cap.before, {start, std::nullopt}});
        continue;
      }
      const Date change = *Date::parse(cap.change_date);
      est::create_capacity_period(scoped, establishment,
                                  {0, cap.care_mode, status, cap.before, {start, change.plus_days(-1)}});
      const auto after = funded && cap.after > cap.before ? cap.after - 1 : cap.after;
      est::create_capacity_period(scoped, establishment, {0, cap.care_mode, status, after, {change, std::nullopt}});
    }
  }
}

void create_demo_establishments(const store::Scoped& scoped, std::optional<std::int64_t>& first,
                                std::vector<DemoPlace>& places) {
  for (const auto& e : demo_establishments()) {
    est::Profile p;
    p.finess_et = finess_with_key(e.finess8);
    p.name = e.name;
    p.category_code = e.category;
    p.publics = e.publics;
    p.disabilities = e.disabilities;
    p.funders = e.funders;
    p.bricks = {"steering", "surveys", "collaboration", "gdpr"};
    p.city = e.city;
    p.postal_code = e.postal_code;
    const auto id = est::create_establishment(scoped, p);
    if (!first) first = id;
    create_demo_capacities(scoped, id, e);
    for (const auto& cap : e.capacities) places.push_back({id, e.category, cap.care_mode, static_cast<int>(cap.after)});
    est::Authorisation a;
    a.decision_reference = std::string("Arrêté ARS-CD n° ") + e.authorisation_date + "-" + e.finess8;
    a.decision_date = *Date::parse(e.authorisation_date);
    a.renewal_date = a.decision_date.plus_years(15);
    est::insert_authorisation(scoped, id, a);
    // Opening calendars for the last three years: residential care every day; the others on
    // weekdays minus holiday closures (children's establishments follow the school holidays).
    const bool children = e.publics.front() == "children";
    for (int year = Date::today().year() - 2; year <= Date::today().year(); ++year) {
      bool any_day_care = false;
      for (const auto& cap : e.capacities) {
        const bool residential = std::string_view(cap.care_mode) == "11" || std::string_view(cap.care_mode) == "40" ||
                                 e.days_open == 365;
        any_day_care = any_day_care || !residential;
        est::upsert_calendar(scoped, id, {cap.care_mode, year, std::nullopt, residential ? "1111111" : "1111100"});
      }
      if (!any_day_care) continue;
      auto closure = [&](int month, int day, int days, const char* reason) {
        const Date from = *Date::parse(std::to_string(year) + "-" + (month < 10 ? "0" : "") + std::to_string(month) + "-" +
                                       (day < 10 ? "0" : "") + std::to_string(day));
        for (const auto& cap : e.capacities)
          if (std::string_view(cap.care_mode) != "11" && std::string_view(cap.care_mode) != "40")
            est::insert_closure(scoped, id, {0, std::string(cap.care_mode), from, from.plus_days(days - 1), reason});
      };
      closure(1, 1, 2, "Jour de l'an");
      closure(7, 20, children ? 35 : 21, "Fermeture estivale");
      closure(12, 24, children ? 8 : 3, "Fêtes de fin d'année");
      if (children) {
        closure(2, 16, 7, "Vacances d'hiver");
        closure(4, 13, 7, "Vacances de printemps");
        closure(10, 19, 7, "Vacances de la Toussaint");
      }
    }
  }
}

struct DemoAccount {
  const char* email;
  const char* name;
  const char* role;
  bool whole_organisation;  // else the first establishment (IME Les Tilleuls)
};

constexpr DemoAccount demo_accounts[] = {
    {"admin@passerelles-rhone.demo", "Alain Martin", "organisation_admin", true},
    {"directrice@passerelles-rhone.demo", "Claire Dubois", "director", true},
    {"cheffe.service@passerelles-rhone.demo", "Sophie Laurent", "head_of_service", false},
    {"educateur@passerelles-rhone.demo", "Karim Benali", "educator", false},
    {"infirmiere@passerelles-rhone.demo", "Julie Moreau", "care_professional", false},
    {"secretaire@passerelles-rhone.demo", "Nathalie Petit", "secretary", false},
    {"qualite@passerelles-rhone.demo", "Marc Lefèvre", "quality_manager", true},
    {"dpo@passerelles-rhone.demo", "Hélène Garnier", "data_protection_officer", true},
    {"financeur@ars-ara.demo", "Pierre Rousseau (ARS)", "external_reader", true},
};

void create_demo_account(store::Connection& c, const std::string& password_hash, std::optional<std::int64_t> organisation,
                         const DemoAccount& a, std::optional<std::int64_t> establishment) {
  auto id = auth::insert_account(c, {organisation, a.email, a.name, "local", password_hash});
  auth::replace_grants(c, id, {{a.role, organisation, a.whole_organisation ? std::nullopt : establishment}});
}

}  // namespace

bool seed_demo_if_empty(store::Database& database, bool with_persons) {
  return database.in_transaction([with_persons](store::Connection& c) {
    auto count = c.query_one("SELECT COUNT(*) AS n FROM organisation");
    if (count && count->integer("n") > 0) return false;
    auto organisation = est::create_organisation(
        c, organisation_input("Association Les Passerelles du Rhône (démo)", finess_with_key("69000100"), "Lyon"));
    store::Scoped scoped(c, store::Scope::organisation(organisation.id));
    std::optional<std::int64_t> first_establishment;
    std::vector<DemoPlace> places;
    create_demo_establishments(scoped, first_establishment, places);
    create_demo_letters(scoped);
    if (with_persons) create_demo_persons(scoped, places);
    // Demo accounts, one per role; the password is printed by `make run` and listed in the README.
    const auto hash = auth::hash_password(demo_password);
    create_demo_account(c, hash, std::nullopt, {"plateforme@passerelle.demo", "Équipe plateforme", "platform_admin", true},
                        std::nullopt);
    for (const auto& a : demo_accounts) create_demo_account(c, hash, organisation.id, a, first_establishment);
    // The data-protection officer must use a second factor; the demo one is enrolled with a
    // published secret so anyone can try it (never do this outside the demo).
    auth::set_second_factor_roles(c, organisation.id, {"data_protection_officer"});
    auto dpo = auth::find_account_by_email(c, "dpo@passerelles-rhone.demo");
    auth::confirm_totp(c, dpo->id, demo_totp_secret, 0);
    // The CPOM with its funder as external reader (small: loaded even without the persons).
    create_demo_cpom(scoped, auth::find_account_by_email(c, "financeur@ars-ara.demo")->id);
    // Staff records come with the demo persons (test servers load neither unless asked); the demo
    // professionals of IME Les Tilleuls see their own record.
    if (with_persons) {
      std::vector<DemoStaffAccount> links;
      for (const auto& [email, job, first_name, last_name] :
           {std::tuple{"directrice@passerelles-rhone.demo", "director", "Claire", "Dubois"},
            std::tuple{"cheffe.service@passerelles-rhone.demo", "head_of_service", "Sophie", "Laurent"},
            std::tuple{"educateur@passerelles-rhone.demo", "specialised_educator", "Karim", "Benali"},
            std::tuple{"infirmiere@passerelles-rhone.demo", "nurse", "Julie", "Moreau"},
            std::tuple{"secretaire@passerelles-rhone.demo", "secretary", "Nathalie", "Petit"}})
        links.push_back({auth::find_account_by_email(c, email)->id, job, first_name, last_name});
      create_demo_staff(scoped, places, links);
    }
    auto other = est::create_organisation(
        c, organisation_input("Fondation Horizon Loire (démo)", finess_with_key("42000100"), "Saint-Étienne"));
    store::Scoped other_scope(c, store::Scope::organisation(other.id));
    est::Profile source;
    source.finess_et = finess_with_key("42000101");
    source.name = "IME La Source";
    source.category_code = "183";
    source.publics = {"children"};
    source.funders = {"ars"};
    const auto source_id = est::create_establishment(other_scope, source);
    est::Profile forez = source;
    forez.finess_et = finess_with_key("42000102");
    forez.name = "ESAT Le Forez";
    forez.category_code = "246";
    forez.publics = {"adults"};
    auto other_first = est::create_establishment(other_scope, forez);
    create_demo_account(c, hash, other.id, {"admin@horizon-loire.demo", "Bernard Faure", "organisation_admin", true}, other_first);
    create_demo_account(c, hash, other.id, {"directeur@horizon-loire.demo", "Paul Girard", "director", true}, other_first);
    if (with_persons) create_demo_staff(other_scope, {{source_id, "183", "14", 40}, {other_first, "246", "14", 60}});
    // The loaders write attendance and staff in bulk: the aggregates are built once from all of it,
    // instead of once per fact announced above.
    c.pending_fact_changes().clear();
    modules::steering::rebuild_aggregates(c);
    spdlog::info(R"({"msg":"demo data loaded","organisations":2})");
    return true;
  });
}

}  // namespace passerelle::app
