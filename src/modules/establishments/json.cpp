#include "modules/establishments/json.hpp"

#include "modules/establishments/reference.hpp"

namespace passerelle::modules::establishments {
namespace {

boost::json::value opt(const std::optional<std::string>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

boost::json::value opt(const std::optional<std::int64_t>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

boost::json::array strings(const std::vector<std::string>& list) {
  boost::json::array out;
  for (const auto& s : list) out.emplace_back(s);
  return out;
}

boost::json::array codes(const std::vector<Code>& list) {
  boost::json::array out;
  for (const auto& c : list) out.push_back({{"code", c.code}, {"label", c.label}});
  return out;
}

}  // namespace

boost::json::object to_json(const Organisation& o) {
  const auto& f = o.fields;
  return {{"id", o.id},
          {"name", f.name},
          {"finess_ej", opt(f.finess_ej)},
          {"siren", opt(f.siren)},
          {"legal_status", f.legal_status},
          {"address_line", opt(f.address_line)},
          {"postal_code", opt(f.postal_code)},
          {"city", opt(f.city)},
          {"dpo_name", opt(f.dpo_name)},
          {"dpo_email", opt(f.dpo_email)},
          {"dpo_phone", opt(f.dpo_phone)},
          {"created_at", o.created_at},
          {"updated_at", o.updated_at}};
}

boost::json::object to_json(const Establishment& e) {
  const auto& p = e.profile;
  const auto* category = find_category(p.category_code);
  return {{"id", e.id},
          {"organisation_id", e.organisation_id},
          {"finess_et", p.finess_et},
          {"name", p.name},
          {"category_code", p.category_code},
          {"category", category ? std::string(category->short_label) : p.category_code},
          {"category_label", category ? std::string(category->label) : p.category_code},
          {"publics", strings(p.publics)},
          {"disabilities", strings(p.disabilities)},
          {"funders", strings(p.funders)},
          {"bricks", strings(p.bricks)},
          {"parent_id", opt(p.parent_id)},
          {"address_line", opt(p.address_line)},
          {"postal_code", opt(p.postal_code)},
          {"city", opt(p.city)},
          {"archived_at", opt(e.archived_at)},
          {"created_at", e.created_at},
          {"updated_at", e.updated_at}};
}

boost::json::object to_json(const CapacityPeriod& c) {
  return {{"id", c.id},
          {"care_mode", c.care_mode},
          {"care_mode_label", label_of(care_modes(), c.care_mode)},
          {"status", c.status},
          {"places", c.places},
          {"effective_from", c.period.from.to_string()},
          {"effective_to", c.period.to ? boost::json::value(c.period.to->to_string()) : boost::json::value(nullptr)}};
}

boost::json::array to_json(const std::vector<CapacityLine>& lines) {
  boost::json::array out;
  for (const auto& l : lines)
    out.push_back({{"care_mode", l.care_mode},
                   {"care_mode_label", label_of(care_modes(), l.care_mode)},
                   {"status", l.status},
                   {"value", l.places}});
  return out;
}

boost::json::object to_json(const Authorisation& a, Date today) {
  return {{"id", a.id},
          {"decision_reference", a.decision_reference},
          {"decision_date", a.decision_date.to_string()},
          {"duration_years", a.duration_years},
          {"renewal_date", a.renewal_date.to_string()},
          {"renewal_due", renewal_due(a, today)},
          {"notes", opt(a.notes)}};
}

boost::json::object to_json(const Closure& c) {
  return {{"id", c.id}, {"care_mode", opt(c.care_mode)}, {"date_from", c.from.to_string()},
          {"date_to", c.to.to_string()}, {"reason", c.reason}};
}

boost::json::object to_json(const Site& s) {
  return {{"id", s.id}, {"name", s.name}, {"address_line", opt(s.address_line)},
          {"postal_code", opt(s.postal_code)}, {"city", opt(s.city)}};
}

boost::json::object reference_json() {
  boost::json::array categories_json;
  for (const auto& c : categories())
    categories_json.push_back({{"code", c.code},
                               {"short_label", c.short_label},
                               {"label", c.label},
                               {"valid_to", c.valid_to.empty() ? boost::json::value(nullptr) : boost::json::value(c.valid_to)}});
  return {{"categories", std::move(categories_json)},  {"care_modes", codes(care_modes())},
          {"capacity_statuses", codes(capacity_statuses())}, {"publics", codes(publics())},
          {"disabilities", codes(disabilities())},        {"funders", codes(funders())},
          {"bricks", codes(bricks())}};
}

std::string describe(const CapacityPeriod& c) {
  return c.care_mode + "/" + c.status + " : " + std::to_string(c.places) + " places du " + c.period.from.to_string() +
         (c.period.to ? " au " + c.period.to->to_string() : " (sans fin)");
}

}  // namespace passerelle::modules::establishments
