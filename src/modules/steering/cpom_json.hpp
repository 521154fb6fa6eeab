#pragma once
// Reading the CPOM request bodies (strictly: unknown fields refused, every bad field named) and writing
// the CPOM, objectives and sheets as JSON.
#include <boost/json.hpp>
#include <map>
#include <optional>

#include "modules/steering/cpom.hpp"
#include "modules/steering/cpom_store.hpp"

namespace passerelle::modules::steering::cpom {

// The CPOM's fields (name, funders, establishment_ids, reader_ids, start_date, end_date, status): all
// required but reader_ids and status on creation (current null); on a change, the fields given replace
// the current ones. Domain errors (duration) included; the establishments and readers are checked
// against the database by the caller.
Cpom read_cpom(const boost::json::value& body, const Cpom* current);
// title, parent_id (a strategic objective; none: the objective is strategic).
Objective read_objective(const boost::json::value& body, const Objective* current);
// objective_id, title, description, owner, actions, indicators. Items of actions and indicators with an id
// change the sheet's item of that id (fields absent keep their value), items without one are new, and
// the sheet's items absent from the list are removed. Checked against the CPOM (period, establishments).
Sheet read_sheet(const boost::json::value& body, const Sheet* current, const Cpom& cpom);
Comment read_comment(const boost::json::value& body);

// The current value of a linked indicator, over `from` … `to`.
struct Current {
  std::optional<double> value;
  Date from, to;
};

struct Names {
  std::map<std::int64_t, std::string> establishments;
  std::map<std::int64_t, ReaderAccount> accounts;
};

// `writer`: the caller may change the CPOM (then the readers' emails are shown, and can_write is true).
boost::json::object to_json(const Cpom& c, const Names& names, bool writer, std::optional<double> progress);
boost::json::object to_json(const Objective& o);
boost::json::object to_json(const Sheet& s, const std::map<std::int64_t, Current>& current, Date today);
boost::json::object reference_json();

}  // namespace passerelle::modules::steering::cpom
