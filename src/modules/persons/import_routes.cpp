// Import of the persons supported from a spreadsheet, with their current admission (preview, then all
// or nothing).
#include <algorithm>
#include <deque>
#include <unordered_map>

#include "audit/history.hpp"
#include "auth/policy.hpp"
#include "core/clock.hpp"
#include "core/json_reader.hpp"
#include "core/tabular/upload.hpp"
#include "core/text.hpp"
#include "modules/establishments/store.hpp"
#include "modules/persons/import.hpp"
#include "modules/persons/routes_support.hpp"
#include "store/page_cache.hpp"
#include "store/table_copy.hpp"

namespace passerelle::modules::persons {
namespace {

// Sized for a whole organisation's file: 150,000 persons are about 15 MB of CSV.
tabular::ReadLimits import_limits() {
  tabular::ReadLimits limits;
  limits.max_bytes = 48 * 1024 * 1024;
  limits.max_rows = 200000;
  limits.max_cells = 4000000;
  return limits;
}
constexpr std::size_t base64_limit = 64 * 1024 * 1024;
constexpr std::size_t listed = 500;  // lines and errors listed in the answer (all are counted)

struct Outcome {
  std::size_t line = 0;
  std::string name;
  std::string person = "existing";  // create | existing
  std::int64_t person_id = 0;
  std::string stay = "none";  // create | unchanged | none
};

class Importer {
 public:
  Importer(store::Connection& c, const Request& request, std::int64_t organisation, bool confirm_duplicates)
      : c_(c), request_(request), organisation_(organisation), confirm_(confirm_duplicates),
        data_(c, store::Scope::organisation(organisation)),
        establishments_(data_, establishments::EstablishmentsByName::Which::active) {
    only_ = auth::establishments_allowed(request.caller, write_admin, organisation);
    // The organisation's records, once: the likely duplicates of each line are looked up in memory.
    for (const auto& r : data_.query(std::string(person_columns) + " WHERE {{tenant:p.organisation_id}} AND p.merged_into IS NULL")) {
      auto p = person_from(r);
      index_.add(p.id, p.identity);
      known_.emplace(p.id, std::move(p));
    }
  }

  Outcome apply(PersonImportRow& row, std::vector<FieldError>& errors) {
    const auto where = "ligne " + std::to_string(row.line) + "/";
    Outcome out;
    out.line = row.line;
    out.name = row.identity.birth_name + " " + (row.identity.first_names.empty() ? "" : row.identity.first_names.front());
    const auto establishment = establishments_.find(row.establishment);
    if (!establishment) {
      errors.push_back({where + "establishment", "établissement inconnu dans l'organisme : « " + row.establishment.substr(0, 100) + " »"});
      return out;
    }
    if (only_ && std::find(only_->begin(), only_->end(), *establishment) == only_->end()) {
      errors.push_back({where + "establishment", "vous ne gérez pas les dossiers de cet établissement"});
      return out;
    }
    const Person* person = nullptr;
    bool created = false;
    const auto candidates = index_.candidates(row.identity);
    for (const auto& [id, candidate] : candidates) {
      if (same_person(row.identity, *candidate)) {
        person = &known_.at(id);
        break;
      }
    }
    if (!person) {
      for (const auto& [id, candidate] : candidates) {
        if (row.identity.nir && candidate->nir && *row.identity.nir == *candidate->nir) {
          errors.push_back({where + "nir", "ce NIR est celui d'un autre dossier" + origin_of(id) + " : vérifiez l'identité"});
          return out;
        }
        const auto score = duplicate_score(row.identity, *candidate);
        if (score.score >= likely_duplicate && !confirm_) {
          std::string reasons;
          for (const auto& r : score.reasons) reasons += (reasons.empty() ? "" : ", ") + r;
          errors.push_back({where + "birth_name", "doublon probable d'un dossier" + origin_of(id) + " (" + reasons +
                                                      ") : vérifiez, ou confirmez l'import des doublons probables"});
          return out;
        }
      }
      person = &create(row, *establishment);
      created = true;
      out.person = "create";
    }
    out.person_id = person->id;
    if (!row.admission_date) return out;
    Stay stay;
    stay.establishment_id = *establishment;
    stay.care_mode = row.care_mode;
    stay.admission_date = *row.admission_date;
    stay.origin = row.origin;
    if (!created) {
      flush();  // the records and stays of the lines before are read below
      const auto stays = stays_of(data_, person->id);
      if (std::any_of(stays.begin(), stays.end(), [&](const Stay& s) {
            return s.establishment_id == stay.establishment_id && s.care_mode == stay.care_mode &&
                   s.admission_date == stay.admission_date;
          })) {
        out.stay = "unchanged";
        return out;
      }
    }
    try {
      if (created) {
        admit_new(*person, stay);
      } else {
        admit(c_, request_, *person, stay, "admission");
      }
      out.stay = "create";
    } catch (const Problem& problem) {
      if (problem.errors().empty()) errors.push_back({where + "admission_date", problem.detail()});
      for (const auto& e : problem.errors()) errors.push_back({where + e.field, e.message});
    }
    return out;
  }

 private:

  // " (ligne N du fichier)" for a record this import creates, " existant" otherwise: a record the caller
  // may not see is never named.
  std::string origin_of(std::int64_t id) const {
    auto it = line_of_.find(id);
    return it == line_of_.end() ? " existant" : " de la ligne " + std::to_string(it->second) + " du fichier";
  }

  // A new record: written with the next ones (flush), seen by the next lines from memory.
  const Person& create(const PersonImportRow& row, std::int64_t establishment) {
    Person person;
    person.id = next_id(person_ids_, "person");
    person.organisation_id = organisation_;
    person.registered_establishment_id = establishment;
    person.identity = row.identity;
    person.created_at = person.updated_at = now_iso8601();
    new_persons_.push_back({person.id, establishment, row.identity, person.created_at});
    history_.push_back({"person", person.id,
                        {"created", std::nullopt, row.identity.birth_name + " (" + row.identity.birth_date + ", import)"}});
    events_.push_back(person_event(request_, "create", person, {"identity", "import"}));
    index_.add(person.id, person.identity);
    line_of_[person.id] = row.line;
    const auto id = person.id;
    const auto& created = known_.emplace(id, std::move(person)).first->second;
    if (new_persons_.size() >= batch) flush();  // records without an admission count too
    return created;
  }

  // The admission of a record this import creates: no stay to overlap, no request on its waiting
  // list, an establishment of the organisation's active ones (found above); written with the record.
  void admit_new(const Person& person, Stay stay) {
    auth::require(request_.caller, write_admin, person.organisation_id, stay.establishment_id);
    stay.person_id = person.id;
    stay.id = next_id(stay_ids_, "stay");
    history_.push_back({"person", person.id, {"stays", std::nullopt, describe(stay)}});
    auto e = person_event(request_, "admission", person, {"stay"});
    e.establishment_id = stay.establishment_id;
    events_.push_back(std::move(e));
    new_stays_.push_back(std::move(stay));
  }

 public:
  // Writes the new records and admissions held so far: a few multi-row statements for up to `batch`
  // persons instead of about ten statements each (their ids were drawn from the counters beforehand).
  void flush() {
    insert_persons(data_, new_persons_);
    insert_stays(data_, new_stays_);
    audit::record_many_changes(c_, request_, organisation_, history_);
    for (const auto& e : events_) audit::append(c_, e);
    new_persons_.clear();
    new_stays_.clear();
    history_.clear();
    events_.clear();
  }

 private:
  static constexpr std::size_t batch = 500;

  std::int64_t next_id(std::vector<std::int64_t>& pool, const char* table) {
    if (pool.empty()) {
      pool = store::reserve_ids(c_, table, batch);
      std::reverse(pool.begin(), pool.end());
    }
    const auto id = pool.back();
    pool.pop_back();
    return id;
  }

  store::Connection& c_;
  const Request& request_;
  std::int64_t organisation_;
  bool confirm_;
  store::Scoped data_;
  establishments::EstablishmentsByName establishments_;
  std::optional<std::vector<std::int64_t>> only_;
  DuplicateIndex index_;
  std::unordered_map<std::int64_t, Person> known_;
  std::unordered_map<std::int64_t, std::size_t> line_of_;
  // Written by flush().
  std::vector<std::int64_t> person_ids_, stay_ids_;
  std::vector<NewPerson> new_persons_;
  std::vector<Stay> new_stays_;
  std::vector<audit::ObjectChange> history_;
  std::vector<audit::Event> events_;
};

}  // namespace

void register_import_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;
  RouteDoc doc{"Importer les personnes accompagnées depuis un fichier CSV ou XLSX, une ligne par personne avec son "
               "admission éventuelle (aperçu, puis validation tout ou rien)",
               "Usagers",
               {},
               "file_base64, mapping? {champ: colonne}, confirm_duplicates?, commit (false : aperçu)",
               true,
               write_admin};
  doc.body_limit = base64_limit + 4096;
  routes.add("POST", "/api/v1/persons/import", doc, [db](Request& request) {
    const auto organisation = organisation_of_caller(request);
    auto body = json_body(request);
    JsonReader in(body);
    auto file = in.text("file_base64", true, base64_limit);
    const auto* mapping_json = in.object("mapping", false);
    const auto confirm = in.boolean("confirm_duplicates", false).value_or(false);
    const auto commit = in.boolean("commit", false).value_or(false);
    in.finish();
    const auto table = tabular::read_upload(*file, import_limits());
    file.reset();
    const auto& fields = person_import_fields();
    const auto mapping = tabular::chosen_mapping(mapping_json, tabular::suggest_mapping(fields, table.header));
    const auto mapping_errors = tabular::mapping_problems(fields, mapping, table.header, commit);
    std::vector<FieldError> errors;
    std::vector<PersonImportRow> rows;
    if (mapping_errors.empty()) rows = parse_person_rows(table, mapping);
    for (const auto& r : rows) errors.insert(errors.end(), r.errors.begin(), r.errors.end());
    if (commit && rows.empty() && errors.empty()) throw Problem::invalid_field("file_base64", "aucune ligne à importer");
    std::vector<Outcome> outcomes;
    if (mapping_errors.empty() && errors.empty()) {
      // The preview runs the import for real and rolls it back: it shows exactly what a commit does.
      auto lease = db->acquire();
      store::LargerPageCache cache(*lease);  // tens of thousands of records through the name indexes
      store::Transaction tx(*lease);
      Importer importer(*lease, request, organisation, confirm);
      for (auto& r : rows) outcomes.push_back(importer.apply(r, errors));
      importer.flush();
      if (commit && errors.empty()) {
        auto e = audit::event_for(request, "import", "person", std::to_string(rows.size()) + " lignes");
        e.organisation_id = organisation;
        audit::append(*lease, e);
        tx.commit();
      }
    }
    if (commit && !errors.empty()) {
      const auto total = errors.size();
      if (errors.size() > listed) errors.resize(listed);
      throw Problem(422, "import-rejected", "Import refusé",
                    std::to_string(total) + " erreur(s) : rien n'a été enregistré.", errors);
    }
    std::int64_t persons_created = 0, persons_existing = 0, stays_created = 0, stays_unchanged = 0;
    boost::json::array rows_json;
    for (const auto& o : outcomes) {
      (o.person == "create" ? persons_created : persons_existing) += 1;
      if (o.stay == "create") ++stays_created;
      if (o.stay == "unchanged") ++stays_unchanged;
      if (rows_json.size() < listed)
        rows_json.push_back({{"line", o.line}, {"name", o.name}, {"person", o.person},
                             {"person_id", commit ? boost::json::value(o.person_id) : nullptr}, {"stay", o.stay}});
    }
    auto answer = tabular::import_answer(commit, table, fields, mapping, mapping_errors, errors, listed);
    answer["rows"] = std::move(rows_json);
    answer["summary"] = {{"lines", rows.size()},
                         {"persons_created", persons_created},
                         {"persons_existing", persons_existing},
                         {"stays_created", stays_created},
                         {"stays_unchanged", stays_unchanged}};
    return Response::json(answer);
  });
}

}  // namespace passerelle::modules::persons
