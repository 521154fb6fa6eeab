// How appointments are shown: the JSON (medical content hidden from those outside the care team), the
// conflicts of a view, the audit events, and the 409 that refuses a conflict.
#include <algorithm>
#include <set>

#include "modules/persons/appointment_support.hpp"

namespace passerelle::modules::persons {
namespace {

const char* const masked_title = "Rendez-vous médical";

boost::json::value text_or_null(const std::optional<std::string>& t) { return t ? boost::json::value(*t) : nullptr; }

// The conflicts of each planned appointment listed (with appointments listed or not).
std::map<std::int64_t, std::vector<std::int64_t>> view_conflicts(const store::Scoped& db, const std::vector<Appointment>& items) {
  std::optional<LocalTime> from, to;
  std::set<std::string> parties;
  for (const auto& a : items)
    for (auto& party : busy_parties(a)) {
      parties.insert(std::move(party));
      from = from ? std::min(*from, a.starts_at) : a.starts_at;
      to = to ? std::max(*to, a.ends_at) : a.ends_at;
    }
  if (parties.empty()) return {};
  // A few parties (a person's record, one professional's agenda) over any period: their own slots;
  // many parties (an establishment's week): every slot of the period at once.
  std::vector<BusySlot> slots;
  if (parties.size() <= 30) {
    for (const auto& party : parties)
      for (auto& s : busy_slots_of(db, party, *from, *to)) slots.push_back(std::move(s));
  } else {
    slots = busy_slots_between(db, *from, *to);
  }
  return conflicts_among(std::move(slots));
}

std::string french(LocalTime t) {
  const auto text = t.to_string();  // YYYY-MM-DDTHH:MM
  return text.substr(8, 2) + "/" + text.substr(5, 2) + "/" + text.substr(0, 4) + " à " + text.substr(11, 5);
}

}  // namespace

boost::json::object appointment_json(const Request& request, const Appointment& a, const std::vector<std::int64_t>& conflicts) {
  const bool detail = shows_appointment_detail(request, a);
  boost::json::array professionals, conflict_ids;
  for (const auto& p : a.professionals) professionals.push_back({{"id", p.id}, {"display_name", p.display_name}});
  for (auto id : conflicts) conflict_ids.emplace_back(id);
  boost::json::value person = nullptr;
  if (a.person) {
    boost::json::array first_names;
    for (const auto& f : a.person->first_names) first_names.emplace_back(f);
    person = boost::json::object{{"id", a.person->id},
                                 {"birth_name", a.person->birth_name},
                                 {"used_name", text_or_null(a.person->used_name)},
                                 {"first_names", std::move(first_names)},
                                 {"used_first_name", text_or_null(a.person->used_first_name)}};
  }
  return {{"id", a.id},
          {"organisation_id", a.organisation_id},
          {"establishment_id", a.establishment_id},
          {"person_id", a.person_id ? boost::json::value(*a.person_id) : nullptr},
          {"person", std::move(person)},
          {"professionals", std::move(professionals)},
          {"starts_at", a.starts_at.to_string()},
          {"ends_at", a.ends_at.to_string()},
          {"kind", a.kind},
          {"kind_label", appointment_kind_label(a.kind)},
          {"title", detail ? a.title : masked_title},
          {"place", detail ? text_or_null(a.place) : nullptr},
          {"comment", detail ? text_or_null(a.comment) : nullptr},
          {"status", a.status},
          {"status_label", appointment_status_label(a.status)},
          {"cancel_reason", detail ? text_or_null(a.cancel_reason) : nullptr},
          {"masked", !detail},
          {"created_by", a.created_by},
          {"created_at", a.created_at},
          {"updated_at", a.updated_at},
          {"conflicts", std::move(conflict_ids)}};
}

boost::json::array appointments_json(const Request& request, const store::Scoped& db, const std::vector<Appointment>& items) {
  const auto conflicts = view_conflicts(db, items);
  boost::json::array out;
  for (const auto& a : items) {
    auto it = conflicts.find(a.id);
    out.push_back(appointment_json(request, a, it == conflicts.end() ? std::vector<std::int64_t>{} : it->second));
  }
  return out;
}

audit::Event appointment_event(const Request& request, const std::string& action, const Appointment& a,
                               std::vector<std::string> fields) {
  auto e = audit::event_for(request, action, a.person_id ? "person" : "appointment",
                            std::to_string(a.person_id ? *a.person_id : a.id));
  e.organisation_id = a.organisation_id;
  e.establishment_id = a.establishment_id;
  e.person_id = a.person_id;
  fields.insert(fields.begin(), "appointment:" + std::to_string(a.id));
  e.fields = std::move(fields);
  return e;
}

std::map<std::int64_t, std::vector<std::string>> conflicts_now(const store::Scoped& db, const Appointment& a) {
  std::vector<BusySlot> slots;
  for (const auto& party : busy_parties(a))
    for (auto& s : busy_slots_of(db, party, a.starts_at, a.ends_at)) slots.push_back(std::move(s));
  return conflicts_with(a, slots);
}

ConflictRefused conflict_refusal(const store::Scoped& db, const Request& request,
                                 const std::map<std::int64_t, std::vector<std::string>>& found) {
  std::vector<FieldError> errors;
  boost::json::array conflicts;
  for (const auto& [id, shared] : found) {
    auto other = find_appointment(db, id);
    if (!other) continue;
    const bool visible = may_see_appointment(request, *other) && shows_appointment_detail(request, *other);
    const std::string title = visible ? other->title : (other->kind == "medical" ? masked_title : "Rendez-vous");
    std::string with;
    boost::json::array shared_json;
    for (const auto& party : shared) {
      // "person:<id>" is the person; "account:<id>" one of the professionals.
      if (party.starts_with("person:")) {
        shared_json.emplace_back("person");
        with += std::string(with.empty() ? "" : ", ") + "même personne accompagnée";
      } else {
        shared_json.emplace_back("professional:" + party.substr(8));
        const auto account = std::stoll(party.substr(8));
        auto p = std::find_if(other->professionals.begin(), other->professionals.end(), [&](const auto& x) { return x.id == account; });
        with += std::string(with.empty() ? "" : ", ") + "même professionnel : " + (p == other->professionals.end() ? party : p->display_name);
      }
    }
    errors.push_back({"starts_at", "chevauche « " + title + " » du " + french(other->starts_at) + " au " +
                                       french(other->ends_at) + " (" + with + ")"});
    conflicts.push_back({{"id", other->id},
                         {"establishment_id", other->establishment_id},
                         {"starts_at", other->starts_at.to_string()},
                         {"ends_at", other->ends_at.to_string()},
                         {"title", title},
                         {"shared", std::move(shared_json)}});
  }
  Problem p(409, "appointment-conflict", "Conflit de rendez-vous",
            "Ce créneau chevauche un autre rendez-vous de la même personne ou d'un même professionnel : "
            "vérifiez, ou confirmez malgré le conflit (confirm_conflict).",
            std::move(errors));
  return {std::move(p), std::move(conflicts)};
}

Response conflict_response(const ConflictRefused& refused) {
  auto response = Response::problem(refused.problem);
  auto body = boost::json::parse(response.body).as_object();
  body["conflicts"] = refused.conflicts;
  response.body = boost::json::serialize(body);
  return response;
}

}  // namespace passerelle::modules::persons
