#include "modules/persons/json.hpp"

namespace passerelle::modules::persons {
namespace {

boost::json::value opt(const std::optional<std::string>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

}  // namespace

boost::json::object to_json(const Person& p) {
  const auto& i = p.identity;
  boost::json::array first_names;
  for (const auto& f : i.first_names) first_names.emplace_back(f);
  return {{"id", p.id},
          {"organisation_id", p.organisation_id},
          {"registered_establishment_id", p.registered_establishment_id},
          {"birth_name", i.birth_name},
          {"used_name", opt(i.used_name)},
          {"first_names", std::move(first_names)},
          {"used_first_name", opt(i.used_first_name)},
          {"sex", i.sex},
          {"birth_date", i.birth_date},
          {"birth_place", opt(i.birth_place)},
          {"nir", opt(i.nir)},
          {"identity_status", i.identity_status},
          {"identity_document", opt(i.identity_document)},
          {"identity_checked_by", opt(p.identity_checked_by)},
          {"identity_checked_at", opt(p.identity_checked_at)},
          {"merged_into", p.merged_into ? boost::json::value(*p.merged_into) : nullptr},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at}};
}

boost::json::object to_json(const Stay& s) {
  return {{"id", s.id},
          {"person_id", s.person_id},
          {"establishment_id", s.establishment_id},
          {"care_mode", s.care_mode},
          {"admission_date", s.admission_date.to_string()},
          {"origin", s.origin},
          {"discharge_date", s.discharge_date ? boost::json::value(s.discharge_date->to_string()) : nullptr},
          {"destination", opt(s.destination)},
          {"discharge_reason", opt(s.discharge_reason)},
          {"transfer_from_stay_id", s.transfer_from_stay_id ? boost::json::value(*s.transfer_from_stay_id) : nullptr},
          {"transferred_to_stay_id", s.transferred_to_stay_id ? boost::json::value(*s.transferred_to_stay_id) : nullptr}};
}

boost::json::object to_json(const Decision& d, Date today) {
  return {{"id", d.id},
          {"person_id", d.person_id},
          {"mdph_number", opt(d.mdph_number)},
          {"decision_reference", d.decision_reference},
          {"decision_date", d.decision_date.to_string()},
          {"category_code", d.category_code},
          {"valid_from", d.valid_from.to_string()},
          {"valid_to", d.valid_to.to_string()},
          {"creton", d.creton},
          {"validity", validity_of(d, today)}};
}

boost::json::object to_json(const AdmissionRequest& r, Date today) {
  const auto* status = find_request_status(r.status);
  return {{"id", r.id},
          {"person_id", r.person_id},
          {"establishment_id", r.establishment_id},
          {"care_mode", r.care_mode},
          {"received_date", r.received_date.to_string()},
          {"status", r.status},
          {"status_label", status ? std::string(status->label) : r.status},
          {"waiting", status && status->waiting},
          {"status_date", r.status_date.to_string()},
          {"waiting_days", days_between(r.received_date, status && status->waiting ? today : r.status_date)},
          {"decision_id", r.decision_id ? boost::json::value(*r.decision_id) : nullptr},
          {"comment", opt(r.comment)}};
}

boost::json::object to_json(const Protection& p, Date today) {
  return {{"id", p.id},
          {"person_id", p.person_id},
          {"kind", p.kind},
          {"start_date", p.start_date.to_string()},
          {"end_date", p.end_date ? boost::json::value(p.end_date->to_string()) : nullptr},
          {"current", p.start_date <= today && (!p.end_date || *p.end_date >= today)},
          {"judgement_reference", opt(p.judgement_reference)},
          {"protector_kind", p.protector_kind},
          {"protector_name", p.protector_name},
          {"protector_phone", opt(p.protector_phone)},
          {"protector_email", opt(p.protector_email)},
          {"protector_address", opt(p.protector_address)}};
}

boost::json::object to_json(const Contact& c) {
  return {{"id", c.id},
          {"person_id", c.person_id},
          {"kind", c.kind},
          {"relationship", opt(c.relationship)},
          {"civility", opt(c.civility)},
          {"last_name", c.last_name},
          {"first_name", opt(c.first_name)},
          {"phone", opt(c.phone)},
          {"email", opt(c.email)},
          {"address_line", opt(c.address_line)},
          {"postal_code", opt(c.postal_code)},
          {"city", opt(c.city)},
          {"receives_letters", c.receives_letters},
          {"to_be_informed", c.to_be_informed},
          {"emergency", c.emergency},
          {"archived", c.archived_at.has_value()},
          {"archived_at", opt(c.archived_at)}};
}

}  // namespace passerelle::modules::persons
