#pragma once
// SQL of the establishments brick. Every statement on tenant rows goes through store::Scoped.
#include <optional>
#include <vector>

#include "core/pagination.hpp"
#include "modules/establishments/domain.hpp"
#include "store/tenant.hpp"

namespace passerelle::modules::establishments {

// Organisations.
std::vector<Organisation> list_organisations(const store::Scoped& db, const PageRequest& page);
std::optional<Organisation> find_organisation(const store::Scoped& db, std::int64_t id);
bool finess_ej_taken(store::Connection& db, const std::string& finess, std::int64_t except_id = 0);
// Organisations are created by the platform: the new id becomes a tenant of its own.
Organisation create_organisation(store::Connection& db, const OrganisationInput& input);
void update_organisation(store::Connection& db, std::int64_t id, const OrganisationInput& input);

// Establishments.
struct EstablishmentFilter {
  std::optional<std::vector<std::int64_t>> only;  // the establishments the caller may see; empty: all
  std::optional<std::string> category;
  std::optional<std::string> funder;
  std::optional<std::string> brick;
  std::optional<std::string> text;  // folded search text
  bool include_archived = false;
};
std::vector<Establishment> list_establishments(const store::Scoped& db, const PageRequest& page,
                                               const EstablishmentFilter& filter = {});
std::optional<Establishment> find_establishment(const store::Scoped& db, std::int64_t id);
// The establishments of the scope's organisation as a spreadsheet names them (imports): FINESS number
// or name, without accents or case. Read once.
class EstablishmentsByName {
 public:
  enum class Which { all, active };
  EstablishmentsByName(const store::Scoped& db, Which which);
  std::optional<std::int64_t> find(const std::string& text) const;

 private:
  struct Entry {
    std::int64_t id;
    std::string finess;
    std::string folded_name;
  };
  std::vector<Entry> entries_;
};
bool finess_et_taken(store::Connection& db, const std::string& finess, std::int64_t except_id = 0);
std::int64_t create_establishment(const store::Scoped& db, const Profile& profile);
void update_establishment(const store::Scoped& db, std::int64_t id, const Profile& profile);
void archive_establishment(const store::Scoped& db, std::int64_t id);
// Holds the establishment's row until the transaction ends (PostgreSQL; SQLite writers take turns anyway).
void lock_establishment(const store::Scoped& db, std::int64_t id);

// Capacity, authorisations, calendar.
std::vector<CapacityPeriod> capacities_of(const store::Scoped& db, std::int64_t establishment_id);
std::int64_t insert_capacity(const store::Scoped& db, std::int64_t establishment_id, const CapacityPeriod& c);
// Checks the period against the existing ones (no overlap), then inserts it.
std::int64_t create_capacity_period(const store::Scoped& db, std::int64_t establishment_id, const CapacityPeriod& c);
void update_capacity_end(const store::Scoped& db, std::int64_t capacity_id, const std::optional<Date>& end);
std::vector<Authorisation> authorisations_of(const store::Scoped& db, std::int64_t establishment_id);
std::int64_t insert_authorisation(const store::Scoped& db, std::int64_t establishment_id, const Authorisation& a);
struct DueAuthorisation {
  std::int64_t establishment_id;
  std::string establishment_name;
  Authorisation authorisation;
};
std::vector<DueAuthorisation> authorisations_due_before(const store::Scoped& db, Date before);
std::vector<Calendar> calendars_of(const store::Scoped& db, std::int64_t establishment_id);
void upsert_calendar(const store::Scoped& db, std::int64_t establishment_id, const Calendar& c);
std::vector<Closure> closures_of(const store::Scoped& db, std::int64_t establishment_id);
std::int64_t insert_closure(const store::Scoped& db, std::int64_t establishment_id, const Closure& c);

struct Site {
  std::int64_t id = 0;
  std::string name;
  std::optional<std::string> address_line, postal_code, city;
};
std::vector<Site> sites_of(const store::Scoped& db, std::int64_t establishment_id);
std::int64_t insert_site(const store::Scoped& db, std::int64_t establishment_id, const Site& site);

}  // namespace passerelle::modules::establishments
