#pragma once
// Storage of the CPOM, their objectives, sheets, actions, indicators and comments (through the tenant filter).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/steering/cpom.hpp"
#include "store/tenant.hpp"

namespace passerelle::modules::steering::cpom {

// The organisation's CPOM with an id above `after_id`, by id, with their establishments and readers.
std::vector<Cpom> list_cpoms(const store::Scoped& db, std::int64_t after_id);
std::optional<Cpom> find_cpom(const store::Scoped& db, std::int64_t id);
std::int64_t insert_cpom(const store::Scoped& db, const Cpom& c);
// The fields, the establishments and the readers.
void update_cpom(const store::Scoped& db, const Cpom& c);
// Serialises the writers of one CPOM (its sheets are checked against its period and establishments).
void lock_cpom(const store::Scoped& db, std::int64_t id);

struct ReaderAccount {
  std::int64_t id = 0;
  std::string display_name;
  std::string email;
};
// The organisation's accounts with an external reader grant that are not disabled: those a CPOM may name.
std::vector<ReaderAccount> reader_accounts(const store::Scoped& db);
// The display names of these accounts (any account of the organisation), by id.
std::map<std::int64_t, ReaderAccount> accounts_named(const store::Scoped& db, const std::vector<std::int64_t>& ids);
// The names of these establishments of the organisation, by id (unknown ids are absent).
std::map<std::int64_t, std::string> establishment_names(const store::Scoped& db, const std::vector<std::int64_t>& ids);
// Whether one of the organisation's establishments has this FINESS category.
bool category_in_organisation(const store::Scoped& db, const std::string& category);

std::vector<Objective> objectives_of(const store::Scoped& db, std::int64_t cpom_id);
std::int64_t insert_objective(const store::Scoped& db, const Objective& o);
void update_objective(const store::Scoped& db, const Objective& o);

// The CPOM's sheets with their actions and indicators (no comments), by id.
std::vector<Sheet> sheets_of(const store::Scoped& db, std::int64_t cpom_id);
// One sheet with its actions, indicators and comments.
std::optional<Sheet> find_sheet(const store::Scoped& db, std::int64_t cpom_id, std::int64_t sheet_id);
std::int64_t insert_sheet(const store::Scoped& db, const Sheet& s);
void update_sheet(const store::Scoped& db, const Sheet& s);
// Writes the sheet's actions and indicators as `next` holds them: new ones (id 0) are inserted and given
// their id, changed ones updated, those of `current` absent from `next` deleted.
void save_actions(const store::Scoped& db, std::int64_t sheet_id, const std::vector<Action>& current,
                  std::vector<Action>& next);
void save_indicators(const store::Scoped& db, std::int64_t sheet_id, const std::vector<Indicator>& current,
                     std::vector<Indicator>& next);
std::int64_t insert_comment(const store::Scoped& db, const Comment& c);

}  // namespace passerelle::modules::steering::cpom
