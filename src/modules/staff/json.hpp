#pragma once
// JSON of staff records, both ways. Readers collect every bad field (422 naming them).
#include <boost/json.hpp>

#include "core/json_reader.hpp"
#include "modules/staff/domain.hpp"

namespace passerelle::modules::staff {

boost::json::object to_json(const Contract& c);
boost::json::object to_json(const Absence& a);
// With contracts (and absences when loaded).
boost::json::object to_json(const StaffMember& m, bool with_absences);
boost::json::object reference_json();
boost::json::object to_json(const FteTable& table);

// A member's fields; `current` fills what a PATCH leaves out. The contracts of a creation are read
// apart (read_contract with the prefix "contracts/<i>/").
StaffMember read_member(const boost::json::value& body, const StaffMember* current);
// A contract: every field is given (creation), or `current` fills what is left out (PATCH).
Contract read_contract(JsonReader& in, const Contract* current, const std::string& default_job);
Contract read_contract(const boost::json::value& body, const Contract* current, const std::string& default_job);
Absence read_absence(const boost::json::value& body);

}  // namespace passerelle::modules::staff
