// Letters produced from a template: one person's addressees, or a batch for an establishment. The PDF is
// answered at once and not kept; a trace of each letter (template, person, addressee, author, date) is.
#include <algorithm>

#include "audit/trail.hpp"
#include "auth/account_store.hpp"
#include "auth/policy.hpp"
#include "core/json_reader.hpp"
#include "core/pdf/renderer.hpp"
#include "modules/persons/letter_store.hpp"
#include "modules/persons/record_store.hpp"
#include "modules/persons/routes_support.hpp"

namespace passerelle::modules::persons {
namespace {

bool contains(const std::optional<std::vector<std::int64_t>>& only, std::int64_t id) {
  return !only || std::find(only->begin(), only->end(), id) != only->end();
}

// The template named in the body: usable (not archived) in that establishment; else a 422 naming template_id.
LetterTemplate usable_template(const store::Scoped& data, const Request& request, std::int64_t id,
                               std::optional<std::int64_t> establishment) {
  auto t = find_letter_template(data, id);
  if (!t || (t->establishment_id && !contains(visibility_for(request, read_admin).only, *t->establishment_id)))
    throw Problem::invalid_field("template_id", "modèle de courrier inconnu");
  if (t->archived_at) throw Problem::invalid_field("template_id", "ce modèle est archivé");
  if (establishment && t->establishment_id && *t->establishment_id != *establishment)
    throw Problem::invalid_field("template_id", "ce modèle est réservé à un autre établissement");
  return *t;
}

// The establishment a person's letter is written from: the template's, or the one of the current stay
// (else the last stay) that the caller may see, else the one the person was registered in.
std::int64_t letter_establishment(const std::vector<Stay>& stays, const Person& person, const Request& request,
                                  Date today) {
  const auto only = visibility_for(request, read_admin).only;
  const Stay* best = nullptr;
  for (const auto& s : stays) {
    if (!contains(only, s.establishment_id)) continue;
    if (s.period().contains(today)) return s.establishment_id;
    if (!best || best->admission_date < s.admission_date) best = &s;
  }
  return best ? best->establishment_id : person.registered_establishment_id;
}

std::optional<Stay> stay_in(const std::vector<Stay>& stays, std::int64_t establishment, Date today) {
  std::optional<Stay> found;
  for (const auto& s : stays) {
    if (s.establishment_id != establishment) continue;
    if (s.period().contains(today)) return s;
    if (!found || found->admission_date < s.admission_date) found = s;
  }
  return found;
}

std::optional<Decision> last_decision(const std::vector<Decision>& decisions) {
  std::optional<Decision> found;
  for (const auto& d : decisions)
    if (!found || found->valid_to < d.valid_to) found = d;
  return found;
}

std::string signatory_of(store::Connection& c, const Request& request) {
  if (request.caller.account_id)
    if (auto account = auth::find_account(c, *request.caller.account_id)) return account->display_name;
  return request.caller.label;
}

// What every letter of one request shares, and the letters written so far.
struct LetterRun {
  LetterTemplate letter_template;
  templates::Template subject, body;
  EstablishmentAddress establishment;
  std::string organisation;
  std::string signatory;
  Date today;
  std::vector<RenderedLetter> letters;
};

LetterRun start_run(store::Connection& c, const Request& request, LetterTemplate t, std::int64_t establishment) {
  auto data = scoped(c, request);
  auto subject = templates::parse(t.subject, letter_fields());
  auto body = templates::parse(t.body, letter_fields());
  return {std::move(t),
          std::move(subject),
          std::move(body),
          establishment_address(data, establishment),
          organisation_name(data),
          signatory_of(c, request),
          Date::today(),
          {}};
}

// Writes the letters of one person (to each addressee) and their trace.
void write_letters(store::Connection& c, const Request& request, LetterRun& run, const Person& person,
                   std::int64_t establishment, const std::vector<std::optional<Contact>>& addressees, bool batch) {
  auto data = scoped(c, request);
  const auto stays = stays_of(data, person.id);
  LetterContext context{person,
                        std::nullopt,
                        run.establishment,
                        run.organisation,
                        stay_in(stays, establishment, run.today),
                        last_decision(decisions_of(data, person.id)),
                        run.today,
                        run.signatory};
  std::vector<std::string> fields{"letter_template:" + std::to_string(run.letter_template.id)};
  for (const auto& addressee : addressees) {
    context.addressee = addressee;
    auto letter = render_letter(run.subject, run.body, context);
    insert_letter_sent(data, {0,
                              run.letter_template.id,
                              run.letter_template.name,
                              letter.subject,
                              person.id,
                              establishment,
                              addressee ? std::optional(addressee->id) : std::nullopt,
                              letter.addressee,
                              request.caller.account_id,
                              request.caller.label,
                              batch,
                              {}});
    fields.push_back(addressee ? "contact:" + std::to_string(addressee->id) : "person");
    run.letters.push_back(std::move(letter));
  }
  auto event = person_event(request, "export", person, std::move(fields));
  event.object_type = "letter";
  event.establishment_id = establishment;
  audit::append(c, event);
}

bool may_receive(const Contact& contact) { return contact.receives_letters && !contact.archived_at; }

Response pdf_answer(const LetterRun& run, const std::string& file_name) {
  auto rendered = pdf::render_pdf(letters_document(run.letters, run.letter_template.name));
  auto response = Response::text(std::move(rendered.bytes), "application/pdf");
  response.set_header("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  response.set_header("Cache-Control", "no-store");
  response.set_header("X-Letter-Count", std::to_string(run.letters.size()));
  return response;
}

std::vector<std::int64_t> ids_in(JsonReader& in, const char* name) {
  std::vector<std::int64_t> ids;
  if (const auto* array = in.array(name, false)) {
    for (std::size_t i = 0; i < array->size(); ++i) {
      const auto& v = (*array)[i];
      if (!v.is_int64() || v.as_int64() < 1)
        in.fail(std::string(name) + "/" + std::to_string(i), "identifiant attendu");
      else
        ids.push_back(v.as_int64());
    }
    if (array->empty()) in.fail(name, "au moins un identifiant");
    if (array->size() > 5000) in.fail(name, "au plus 5000 identifiants");
  }
  return ids;
}

boost::json::object to_json(const LetterSent& l) {
  return {{"id", l.id},
          {"template_id", l.template_id},
          {"template_name", l.template_name},
          {"subject", l.subject},
          {"person_id", l.person_id},
          {"establishment_id", l.establishment_id},
          {"contact_id", l.contact_id ? boost::json::value(*l.contact_id) : nullptr},
          {"addressee", l.addressee},
          {"sent_by", l.sent_by},
          {"batch", l.batch},
          {"sent_at", l.sent_at}};
}

}  // namespace

void register_letter_routes(RouteTable& routes, const Services& services) {
  register_letter_template_routes(routes, services);
  auto db = services.database;

  routes.add(
      "POST", "/api/v1/letters",
      {"Courriers en nombre pour un établissement (PDF) : les contacts d'un type ou ceux des personnes choisies",
       "Usagers",
       {},
       "template_id, establishment_id, contact_kind? | person_ids?",
       true,
       read_admin},
      [db](Request& request) {
        const auto body = json_body(request);
        JsonReader in(body);
        const auto template_id = in.integer("template_id", true, 1);
        const auto establishment = in.integer("establishment_id", true, 1);
        const auto kind = in.choice("contact_kind", false, contact_kinds);
        const auto person_ids = ids_in(in, "person_ids");
        if (in.ok() && !kind && person_ids.empty())
          in.fail("contact_kind", "indiquez le type de contact (contact_kind) ou les personnes (person_ids)");
        in.finish();
        auto run = db->in_transaction([&](store::Connection& c) {
          // Unknown here (another organisation's included): 422 naming it; known but out of reach: 404.
          check_establishment(c, organisation_of_caller(request), *establishment);
          auth::require(request.caller, read_admin, organisation_of_caller(request), *establishment);
          auto data = scoped(c, request);
          auto run =
              start_run(c, request, usable_template(data, request, *template_id, *establishment), *establishment);
          const Visibility visibility = visibility_for(request, read_admin);
          std::vector<Person> persons;
          if (!person_ids.empty()) {
            for (std::size_t i = 0; i < person_ids.size(); ++i) {
              auto person = find_person(data, person_ids[i], visibility);
              if (!person || person->merged_into)
                throw Problem::invalid_field("person_ids/" + std::to_string(i), "personne inconnue");
              const auto linked = establishments_of(data, *person);
              if (std::find(linked.begin(), linked.end(), *establishment) == linked.end())
                throw Problem::invalid_field("person_ids/" + std::to_string(i),
                                             "personne non accueillie dans cet établissement");
              persons.push_back(std::move(*person));
            }
          } else {
            for (auto id : persons_staying(data, *establishment, run.today))
              if (auto person = find_person(data, id, visibility); person && !person->merged_into)
                persons.push_back(std::move(*person));
          }
          for (const auto& person : persons) {
            std::vector<std::optional<Contact>> addressees;
            for (const auto& contact : contacts_of(data, person.id))
              if (may_receive(contact) && (!kind || contact.kind == *kind)) addressees.emplace_back(contact);
            if (!addressees.empty()) write_letters(c, request, run, person, *establishment, addressees, true);
          }
          if (run.letters.empty())
            throw Problem::invalid_field(person_ids.empty() ? "contact_kind" : "person_ids",
                                         "aucun destinataire ne reçoit de courrier dans cette sélection");
          return run;
        });
        return pdf_answer(run, "courriers-" + std::to_string(*establishment) + "-" + run.today.to_string() + ".pdf");
      });

  routes.add(
      "POST", "/api/v1/persons/{id}/letters",
      {"Courrier à partir d'un modèle (PDF), une lettre par destinataire qui reçoit les courriers",
       "Usagers",
       {},
       "template_id, contact_ids?, to_person?",
       true,
       read_admin},
      [db](Request& request) {
        const auto body = json_body(request);
        JsonReader in(body);
        const auto template_id = in.integer("template_id", true, 1);
        const bool asked_contacts = in.has("contact_ids");
        const auto contact_ids = ids_in(in, "contact_ids");
        const bool to_person = in.boolean("to_person", false).value_or(false);
        in.finish();
        auto run = db->in_transaction([&](store::Connection& c) {
          auto person = load_for_change(c, request, read_admin);
          auto data = scoped(c, request);
          auto chosen = find_letter_template(data, *template_id);
          const auto establishment =
              chosen && chosen->establishment_id
                  ? *chosen->establishment_id
                  : letter_establishment(stays_of(data, person.id), person, request, Date::today());
          auto run = start_run(c, request, usable_template(data, request, *template_id, establishment), establishment);
          const auto linked = establishments_of(data, person);
          if (std::find(linked.begin(), linked.end(), establishment) == linked.end())
            throw Problem::invalid_field(
                "template_id", "ce modèle est réservé à un établissement où la personne n'est pas accueillie");
          const auto contacts = contacts_of(data, person.id);
          std::vector<std::optional<Contact>> addressees;
          if (asked_contacts) {
            for (std::size_t i = 0; i < contact_ids.size(); ++i) {
              auto found = std::find_if(contacts.begin(), contacts.end(),
                                        [&](const Contact& k) { return k.id == contact_ids[i]; });
              if (found == contacts.end())
                throw Problem::invalid_field(
                    "contact_ids", "contact inconnu pour cette personne (n° " + std::to_string(contact_ids[i]) + ")");
              if (!may_receive(*found))
                throw Problem::invalid_field(
                    "contact_ids",
                    found->last_name + " ne reçoit pas les courriers (contact n° " + std::to_string(found->id) + ")");
              addressees.emplace_back(*found);
            }
          } else if (!to_person) {
            for (const auto& contact : contacts)
              if (may_receive(contact)) addressees.emplace_back(contact);
          }
          if (to_person) addressees.emplace_back(std::nullopt);
          if (addressees.empty())
            throw Problem::invalid_field("contact_ids", "aucun contact de cette personne ne reçoit les courriers");
          write_letters(c, request, run, person, establishment, addressees, false);
          return run;
        });
        return pdf_answer(run,
                          "courrier-" + std::to_string(request.id_param("id")) + "-" + run.today.to_string() + ".pdf");
      });

  routes.add("GET", "/api/v1/persons/{id}/letters",
             {"Courriers envoyés à une personne ou à ses contacts (trace)", "Usagers", {}, "", true, read_admin},
             [db](Request& request) {
               auto lease = db->acquire();
               auto person = load_person(*lease, request, read_admin);
               boost::json::array items;
               for (const auto& l : letters_sent_to(scoped(*lease, request), person.id)) items.push_back(to_json(l));
               audit::append_alone(*db, person_event(request, "read", person, {"letters"}));
               return Response::json({{"items", std::move(items)}});
             });
}

}  // namespace passerelle::modules::persons
