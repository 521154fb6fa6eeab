// Import of a staff spreadsheet (preview, then all or nothing) and export (CSV or XLSX).
#include <algorithm>
#include <deque>

#include "auth/policy.hpp"
#include "core/json_reader.hpp"
#include "core/tabular/excel_values.hpp"
#include "core/tabular/tabular.hpp"
#include "core/tabular/upload.hpp"
#include "core/text.hpp"
#include "modules/establishments/store.hpp"
#include "modules/staff/import.hpp"
#include "modules/staff/routes_support.hpp"

namespace passerelle::modules::staff {
namespace {

struct Outcome {
  std::size_t line;
  std::string name;
  std::string member_action;    // create | existing
  std::string contract_action;  // create | unchanged
};

std::string identity_key(const StaffMember& m) {
  return fold_for_search(m.last_name) + "|" + fold_for_search(m.first_name) + "|" +
         (m.birth_date ? m.birth_date->to_string() : "");
}

class Importer {
 public:
  Importer(store::Connection& c, const Request& request, std::int64_t organisation)
      : c_(c), request_(request), organisation_(organisation), data_(c, store::Scope::platform().within(organisation)),
        establishments_(data_, establishments::EstablishmentsByName::Which::all) {
    only_ = auth::establishments_allowed(request.caller, write_hr, organisation);
  }

  Outcome apply(ImportRow& row, std::vector<FieldError>& errors) {
    const auto where = "ligne " + std::to_string(row.line) + "/";
    Outcome out{row.line, row.member.last_name + " " + row.member.first_name, "existing", "unchanged"};
    auto establishment = establishments_.find(row.establishment);
    if (!establishment) {
      errors.push_back(
          {where + "establishment", "établissement inconnu dans l'organisme : « " + row.establishment + " »"});
      return out;
    }
    if (only_ && std::find(only_->begin(), only_->end(), *establishment) == only_->end()) {
      errors.push_back({where + "establishment", "vous ne gérez pas le personnel de cet établissement"});
      return out;
    }
    auto member = find_member(row.member);
    if (!member) {
      row.member.created_by = request_.caller.label;
      row.member.organisation_id = organisation_;
      row.member.id = insert_staff(data_, row.member);
      audit::append(c_, staff_event(request_, "create", row.member, {"last_name", "first_name", "job", "import"}));
      members_.push_back(row.member);
      member = &members_.back();
      out.member_action = "create";
    }
    auto contract = *row.contract;
    contract.staff_id = member->id;
    contract.establishment_id = *establishment;
    auto existing = contracts_of(data_, member->id);
    if (std::any_of(existing.begin(), existing.end(), [&](const Contract& k) {
          return k.establishment_id == contract.establishment_id && k.start_date == contract.start_date;
        }))
      return out;
    for (const auto& e : contract_conflicts(contract, existing)) errors.push_back({where + e.field, e.message});
    if (!errors.empty()) return out;
    contract.created_by = request_.caller.label;
    insert_contract(data_, contract);
    auto e = staff_event(request_, "create", *member, {"contract", "import"});
    e.establishment_id = contract.establishment_id;
    audit::append(c_, e);
    out.contract_action = "create";
    return out;
  }

 private:

  const StaffMember* find_member(const StaffMember& m) {
    const auto key = identity_key(m);
    for (const auto& known : members_)
      if (identity_key(known) == key) return &known;
    for (const auto& r : data_.query("SELECT id FROM staff_member WHERE {{tenant}} AND search_name = :n",
                                     {{"n", fold_for_search(m.last_name + " " + m.first_name)}})) {
      auto found = staff::find_staff(data_, r.integer("id"));
      if (found && identity_key(*found) == key) {
        members_.push_back(*found);
        return &members_.back();
      }
    }
    return nullptr;
  }

  store::Connection& c_;
  const Request& request_;
  std::int64_t organisation_;
  store::Scoped data_;
  establishments::EstablishmentsByName establishments_;
  std::optional<std::vector<std::int64_t>> only_;
  std::deque<StaffMember> members_;
};

}  // namespace

void register_import_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;

  routes.add(
      "POST", "/api/v1/staff/import",
      {"Importer le personnel depuis un fichier CSV ou XLSX, une ligne par contrat (aperçu, puis validation tout "
       "ou rien)",
       "Personnel",
       {},
       "file_base64, mapping? {champ: colonne}, commit (false : aperçu)",
       true,
       write_hr},
      [db](Request& request) {
        const auto scope = scope_of(request.caller);
        if (scope.is_platform())
          throw Problem::forbidden("Le personnel se gère dans un organisme.").mark_access_denied();
        const auto organisation = *scope.organisation_id();
        auto body = json_body(request);
        JsonReader in(body);
        auto file = in.text("file_base64", true, 16 * 1024 * 1024);
        const auto* mapping_json = in.object("mapping", false);
        auto commit = in.boolean("commit", false).value_or(false);
        in.finish();
        const auto table = tabular::read_upload(*file);
        const auto mapping = tabular::chosen_mapping(mapping_json, tabular::suggest_mapping(import_fields(), table.header));
        auto rows = parse_rows(table, mapping);
        const auto mapping_errors = tabular::mapping_problems(import_fields(), mapping, table.header, commit);
        std::vector<FieldError> errors;
        for (const auto& r : rows) errors.insert(errors.end(), r.errors.begin(), r.errors.end());
        std::vector<Outcome> outcomes;
        if (mapping_errors.empty() && errors.empty()) {
          // The preview runs the import for real and rolls it back: it shows exactly what a commit does.
          auto lease = db->acquire();
          store::Transaction tx(*lease);
          Importer importer(*lease, request, organisation);
          for (auto& r : rows) outcomes.push_back(importer.apply(r, errors));
          if (commit && errors.empty()) {
            auto e = audit::event_for(request, "import", "staff_member", std::to_string(rows.size()) + " lignes");
            e.organisation_id = organisation;
            audit::append(*lease, e);
            tx.commit();
          }
        }
        if (commit && !errors.empty())
          throw Problem(422, "import-rejected", "Import refusé",
                        std::to_string(errors.size()) + " erreur(s) : rien n'a été enregistré.", errors);
        if (commit && rows.empty()) throw Problem::invalid_field("file_base64", "aucune ligne à importer");
        boost::json::object counts{{"members_created", 0}, {"contracts_created", 0}, {"unchanged", 0}};
        boost::json::array rows_json;
        for (const auto& o : outcomes) {
          if (o.member_action == "create") counts["members_created"] = counts["members_created"].as_int64() + 1;
          if (o.contract_action == "create")
            counts["contracts_created"] = counts["contracts_created"].as_int64() + 1;
          else
            counts["unchanged"] = counts["unchanged"].as_int64() + 1;
          rows_json.push_back(
              {{"line", o.line}, {"name", o.name}, {"member", o.member_action}, {"contract", o.contract_action}});
        }
        auto answer = tabular::import_answer(commit, table, import_fields(), mapping, mapping_errors, errors);
        answer["rows"] = std::move(rows_json);
        answer["summary"] = std::move(counts);
        return Response::json(answer);
      });

  routes.add(
      "GET", "/api/v1/staff/export",
      {"Exporter le personnel et ses contrats (XLSX ou CSV), une ligne par contrat",
       "Personnel",
       {{"format", "xlsx ou csv (point-virgule, UTF-8 avec BOM)", true},
        {"establishment", "avec un contrat dans cet établissement", false}},
       "",
       true,
       export_hr},
      [db](Request& request) {
        const auto format = request.query_param("format").value_or("");
        if (format != "csv" && format != "xlsx")
          throw Problem::bad_request("Format inconnu.", {{"format", "xlsx ou csv"}});
        const auto scope = scope_of(request.caller);
        if (scope.is_platform())
          throw Problem::forbidden("Le personnel se consulte dans un organisme.").mark_access_denied();
        StaffFilter filter;
        filter.only = auth::establishments_allowed(request.caller, export_hr, *scope.organisation_id());
        if (auto e = request.query_param("establishment")) {
          try {
            filter.establishment_id = std::stoll(*e);
          } catch (const std::exception&) {
            throw Problem::bad_request("Paramètre « establishment » invalide.",
                                       {{"establishment", "identifiant attendu"}});
          }
        }
        auto lease = db->acquire();
        store::Scoped data(*lease, scope);
        std::map<std::int64_t, std::string> finess;
        for (const auto& r : data.query("SELECT id, finess_et FROM establishment WHERE {{tenant}}"))
          finess[r.integer("id")] = r.text("finess_et");
        tabular::Table table;
        table.header = export_header();
        std::size_t members = 0;
        for (PageRequest page{200, 0};;) {
          auto batch = list_staff(data, page, filter);
          const bool more = static_cast<std::int64_t>(batch.size()) > page.limit;
          if (more) batch.pop_back();
          for (const auto& m : batch) {
            ++members;
            const auto* job = find_job(m.job_code);
            auto base = [&](const std::string& job_code) {
              const auto* j = find_job(job_code);
              return std::vector<std::string>{m.last_name, m.first_name, j ? std::string(j->label) : job_code};
            };
            for (const auto& c : m.contracts) {
              if (filter.only &&
                  std::find(filter.only->begin(), filter.only->end(), c.establishment_id) == filter.only->end())
                continue;
              auto row = base(c.job_code);
              const auto* j = find_job(c.job_code);
              row.insert(row.end(),
                         {finess[c.establishment_id], std::string(label_of(contract_kinds(), c.kind)),
                          c.fixed_term_reason ? std::string(label_of(fixed_term_reasons(), *c.fixed_term_reason)) : "",
                          c.start_date.to_string(), c.end_date ? c.end_date->to_string() : "",
                          tabular::detail::format_number(working_time_fraction(c.working_time)), m.sex.value_or(""),
                          m.birth_date ? m.birth_date->to_string() : "",
                          j ? std::string(label_of(job_categories(), j->category)) : "",
                          c.end_reason ? std::string(label_of(end_reasons(), *c.end_reason)) : ""});
              table.rows.push_back(std::move(row));
            }
            if (m.contracts.empty()) {
              auto row = base(m.job_code);
              row.resize(table.header.size());
              row[9] = m.sex.value_or("");
              row[10] = m.birth_date ? m.birth_date->to_string() : "";
              row[11] = job ? std::string(label_of(job_categories(), job->category)) : "";
              table.rows.push_back(std::move(row));
            }
          }
          if (!more || batch.empty()) break;
          page.after_id = batch.back().id;
        }
        {
          auto e = audit::event_for(request, "export", "staff_member", std::to_string(members) + " fiches " + format);
          e.organisation_id = scope.organisation_id();
          audit::append_alone(*db, e);
        }
        const bool csv = format == "csv";
        std::vector<tabular::ColumnKind> kinds(table.header.size(), tabular::ColumnKind::text);
        kinds[6] = kinds[7] = kinds[10] = tabular::ColumnKind::date;
        kinds[8] = tabular::ColumnKind::number;
        auto response =
            Response::text(csv ? tabular::write_csv(table) : tabular::write_xlsx(table, "Personnel", kinds),
                           std::string(tabular::media_type(csv ? tabular::Format::csv : tabular::Format::xlsx)));
        response.set_header("Content-Disposition", std::string("attachment; filename=\"personnel-") +
                                                       Date::today().to_string() + (csv ? ".csv" : ".xlsx") + "\"");
        return response;
      });
}

}  // namespace passerelle::modules::staff
