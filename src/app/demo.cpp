#include "app/demo.hpp"

#include <spdlog/spdlog.h>

#include "auth/account_store.hpp"
#include "auth/secrets.hpp"
#include "modules/establishments/store.hpp"

namespace passerelle::app {
namespace {

// Builds a valid FINESS from its first 8 digits by appending the Luhn key.
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

struct DemoEstablishment {
  const char* finess8;
  const char* name;
  const char* category;
};

// A mid-sized association of the Rhône: children's and adults' establishments and services.
constexpr DemoEstablishment demo_establishments[] = {
    {"69000101", "IME Les Tilleuls", "183"},
    {"69000102", "SESSAD Les Tilleuls", "182"},
    {"69000103", "ITEP Le Val d'Azergues", "186"},
    {"69000104", "ESAT Les Ateliers du Rhône", "246"},
    {"69000105", "Foyer d'hébergement Les Canuts", "449"},
    {"69000106", "MAS Le Clos Fleuri", "255"},
    {"69000107", "FAM La Roseraie", "437"},
    {"69000108", "SAVS Villeurbanne", "446"},
    {"69000109", "SAMSAH Lyon Est", "445"},
    {"69000110", "EEAP Les Petits Pas", "188"},
    {"69000111", "CAMSP Croix-Rousse", "190"},
    {"69000112", "EHPAD Les Glycines", "500"},
};

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

bool seed_demo_if_empty(store::Database& database) {
  return database.in_transaction([](store::Connection& c) {
    auto count = c.query_one("SELECT COUNT(*) AS n FROM organisation");
    if (count && count->integer("n") > 0) return false;
    namespace est = modules::establishments;
    auto organisation = est::create_organisation(
        c, {"Association Les Passerelles du Rhône (démo)", finess_with_key("69000100"), std::nullopt, "private_non_profit"});
    store::Scoped scoped(c, store::Scope::organisation(organisation.id));
    std::optional<std::int64_t> first_establishment;
    for (const auto& e : demo_establishments) {
      auto id = est::create_establishment(scoped, {0, organisation.id, finess_with_key(e.finess8), e.name, e.category, std::nullopt});
      if (!first_establishment) first_establishment = id;
    }
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
    auto other = est::create_organisation(
        c, {"Fondation Horizon Loire (démo)", finess_with_key("42000100"), std::nullopt, "private_non_profit"});
    store::Scoped other_scope(c, store::Scope::organisation(other.id));
    est::create_establishment(other_scope, {0, other.id, finess_with_key("42000101"), "IME La Source", "183", std::nullopt});
    auto other_first = est::create_establishment(other_scope, {0, other.id, finess_with_key("42000102"), "ESAT Le Forez", "246", std::nullopt});
    create_demo_account(c, hash, other.id, {"admin@horizon-loire.demo", "Bernard Faure", "organisation_admin", true}, other_first);
    create_demo_account(c, hash, other.id, {"directeur@horizon-loire.demo", "Paul Girard", "director", true}, other_first);
    spdlog::info(R"({"msg":"demo data loaded","organisations":2})");
    return true;
  });
}

}  // namespace passerelle::app
