#include "app/demo.hpp"

#include <spdlog/spdlog.h>

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

}  // namespace

bool seed_demo_if_empty(store::Database& database) {
  return database.in_transaction([](store::Connection& c) {
    auto count = c.query_one("SELECT COUNT(*) AS n FROM organisation");
    if (count && count->integer("n") > 0) return false;
    namespace est = modules::establishments;
    auto organisation = est::create_organisation(
        c, {"Association Les Passerelles du Rhône (démo)", finess_with_key("69000100"), std::nullopt, "private_non_profit"});
    store::Scoped scoped(c, store::Scope::organisation(organisation.id));
    for (const auto& e : demo_establishments)
      est::create_establishment(scoped, {0, organisation.id, finess_with_key(e.finess8), e.name, e.category, std::nullopt});
    auto other = est::create_organisation(
        c, {"Fondation Horizon Loire (démo)", finess_with_key("42000100"), std::nullopt, "private_non_profit"});
    store::Scoped other_scope(c, store::Scope::organisation(other.id));
    est::create_establishment(other_scope, {0, other.id, finess_with_key("42000101"), "IME La Source", "183", std::nullopt});
    est::create_establishment(other_scope, {0, other.id, finess_with_key("42000102"), "ESAT Le Forez", "246", std::nullopt});
    spdlog::info(R"({"msg":"demo data loaded","organisations":2})");
    return true;
  });
}

}  // namespace passerelle::app
