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
          {"discharge_reason", opt(s.discharge_reason)}};
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

}  // namespace passerelle::modules::persons
