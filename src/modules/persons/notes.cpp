#include "modules/persons/notes.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <set>

#include "core/clock.hpp"
#include "core/problem.hpp"
#include "modules/persons/record.hpp"

namespace passerelle::modules::persons {
namespace {

std::string context_of(std::int64_t organisation_id, std::int64_t person_id) {
  return "person_note:" + std::to_string(organisation_id) + ":" + std::to_string(person_id);
}

}  // namespace

Note read_note(const boost::json::value& body, std::optional<std::int64_t>* establishment_id, Date today) {
  JsonReader in(body);
  Note note;
  if (establishment_id) *establishment_id = in.integer("establishment_id", false, 1);
  note.category = in.choice("category", true, note_categories).value_or("");
  note.confidentiality = in.choice("confidentiality", true, note_levels).value_or("");
  if (auto d = read_date(in, "occurred_on", true)) {
    note.occurred_on = *d;
    if (*d > today) in.fail("occurred_on", "date future");
  }
  note.body = in.paragraphs("body", true, 20000).value_or("");
  note.corrects_note_id = in.integer("corrects_note_id", false, 1);
  std::set<std::int64_t> readers;
  if (const auto* list = in.array("readers", false)) {
    if (list->size() > 20) in.fail("readers", "au plus 20 lecteurs");
    for (std::size_t i = 0; i < list->size() && i < 20; ++i) {
      const auto& v = (*list)[i];
      if (!v.is_int64() || v.as_int64() < 1) in.fail("readers/" + std::to_string(i), "identifiant de compte attendu");
      else readers.insert(v.as_int64());
    }
  }
  note.readers.assign(readers.begin(), readers.end());
  if (note.confidentiality == "named" && note.readers.empty() && !in.has("readers"))
    in.fail("readers", "nommez au moins un lecteur pour une note nominative");
  if (note.confidentiality != "named" && !note.readers.empty())
    in.fail("readers", "des lecteurs seulement pour une note nominative");
  in.finish();
  return note;
}

std::vector<Note> notes_of(const store::Scoped& db, const TextSealer& sealer, std::int64_t person_id) {
  std::vector<Note> out;
  for (const auto& r : db.query("SELECT id, organisation_id, person_id, establishment_id, category, confidentiality, occurred_on, "
                                "body, corrects_note_id, author_account_id, author_label, created_at FROM person_note "
                                "WHERE {{tenant}} AND person_id = :p ORDER BY occurred_on DESC, id DESC",
                                {{"p", person_id}})) {
    Note n;
    n.id = r.integer("id");
    n.person_id = r.integer("person_id");
    n.establishment_id = r.integer("establishment_id");
    n.category = r.text("category");
    n.confidentiality = r.text("confidentiality");
    n.occurred_on = *Date::parse(r.text("occurred_on"));
    n.body = r.text("body");
    n.corrects_note_id = r.optional_integer("corrects_note_id");
    n.author_account_id = r.optional_integer("author_account_id");
    n.author_label = r.text("author_label");
    n.created_at = r.text("created_at");
    out.push_back(std::move(n));
  }
  std::map<std::int64_t, std::vector<std::int64_t>> readers;
  for (const auto& r : db.query("SELECT r.note_id, r.account_id FROM person_note_reader r JOIN person_note n ON n.id = r.note_id "
                                "WHERE {{tenant:r.organisation_id}} AND n.person_id = :p ORDER BY r.note_id, r.account_id",
                                {{"p", person_id}}))
    readers[r.integer("note_id")].push_back(r.integer("account_id"));
  const auto organisation = db.scope().organisation_id().value_or(0);
  for (auto& n : out) {
    // The body was sealed for the person the note was written on, named before "|" (a merge moves
    // notes to another person without re-encrypting them).
    const auto bar = n.body.find('|');
    if (bar == std::string::npos) throw std::runtime_error("note " + std::to_string(n.id) + ": sealed body without its person");
    n.body = sealer.open(n.body.substr(bar + 1), context_of(organisation, std::stoll(n.body.substr(0, bar))));
    n.readers = std::move(readers[n.id]);
    for (const auto& c : out)
      if (c.corrects_note_id == n.id) n.corrected_by.push_back(c.id);
  }
  return out;
}

std::int64_t insert_note(const store::Scoped& db, const TextSealer& sealer, const Note& n) {
  const auto organisation = db.scope().organisation_id().value_or(0);
  const auto sealed = std::to_string(n.person_id) + "|" + sealer.seal(n.body, context_of(organisation, n.person_id));
  const auto id = db.insert_returning_id(
      "INSERT INTO person_note (organisation_id, person_id, establishment_id, category, confidentiality, occurred_on, body, "
      "corrects_note_id, author_account_id, author_label, created_at) VALUES ({{tenant_id}}, :p, :e, :category, :level, "
      ":on, :body, :corrects, :author, :label, :now) RETURNING id",
      {{"p", n.person_id}, {"e", n.establishment_id}, {"category", n.category}, {"level", n.confidentiality},
       {"on", n.occurred_on.to_string()}, {"body", sealed}, {"corrects", store::nullable(n.corrects_note_id)},
       {"author", store::nullable(n.author_account_id)}, {"label", n.author_label}, {"now", now_iso8601()}});
  for (auto reader : n.readers)
    db.execute("INSERT INTO person_note_reader (note_id, account_id, organisation_id) VALUES (:n, :a, {{tenant_id}})",
               {{"n", id}, {"a", reader}});
  return id;
}

}  // namespace passerelle::modules::persons
