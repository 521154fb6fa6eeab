#pragma once
// Storage of staff records: members, contracts, absences (through the tenant filter).
#include <optional>
#include <vector>

#include "core/pagination.hpp"
#include "modules/staff/domain.hpp"
#include "store/tenant.hpp"

namespace passerelle::modules::staff {

struct StaffFilter {
  // Members with a contract (at any time) in one of these establishments; empty optional: every
  // member of the organisation, with or without contracts.
  std::optional<std::vector<std::int64_t>> only;
  std::optional<std::int64_t> establishment_id;
  std::optional<std::string> job_code;      // current job of the member
  std::optional<std::string> job_category;  // current job's category
  std::optional<std::string> text;          // folded, searched in the names
  std::optional<Date> active_on;            // with a contract running that day
};

// Members ordered by id (cursor pages), each with their contracts (no absences).
std::vector<StaffMember> list_staff(const store::Scoped& db, const PageRequest& page, const StaffFilter& filter);
// The member with contracts and absences.
std::optional<StaffMember> find_staff(const store::Scoped& db, std::int64_t id);
std::int64_t insert_staff(const store::Scoped& db, const StaffMember& m);
void update_staff(const store::Scoped& db, const StaffMember& m);
// Serialises writers of one member (contract sums, absences within contracts).
void lock_staff(const store::Scoped& db, std::int64_t id);
bool account_in_organisation(const store::Scoped& db, std::int64_t account_id);
// Another member already linked to this account.
bool account_taken(const store::Scoped& db, std::int64_t account_id, std::int64_t self_id);
bool establishment_in_organisation(const store::Scoped& db, std::int64_t establishment_id);

std::vector<Contract> contracts_of(const store::Scoped& db, std::int64_t staff_id);
std::int64_t insert_contract(const store::Scoped& db, const Contract& c);
void update_contract(const store::Scoped& db, const Contract& c);

std::vector<Absence> absences_of(const store::Scoped& db, std::int64_t staff_id);
std::int64_t insert_absence(const store::Scoped& db, const Absence& a);
void delete_absence(const store::Scoped& db, std::int64_t staff_id, std::int64_t absence_id);

// Contracts of the organisation running at some time in [from, to], in the establishments of
// `only` (all when empty).
std::vector<Contract> contracts_running(const store::Scoped& db, Date from, Date to,
                                        const std::optional<std::vector<std::int64_t>>& only);

}  // namespace passerelle::modules::staff
