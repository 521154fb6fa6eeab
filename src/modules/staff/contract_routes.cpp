// A member's contracts and absences. Reads: the member's own record too; writes: hr writers.
#include <algorithm>

#include "core/json_reader.hpp"
#include "modules/staff/json.hpp"
#include "modules/staff/routes_support.hpp"

namespace passerelle::modules::staff {
namespace {

void throw_if(const std::vector<FieldError>& errors) {
  if (!errors.empty()) throw Problem::invalid(errors);
}

// Absences already recorded must stay within the contracts once they change.
void check_absences_covered(const StaffMember& m, const std::vector<Contract>& contracts) {
  for (const auto& a : m.absences)
    if (!absence_errors(a, contracts).empty())
      throw Problem::invalid_field("end_date", "l'absence du " + a.start_date.to_string() + " au " +
                                                   a.end_date.to_string() + " ne serait plus comprise dans un contrat");
}

}  // namespace

void register_contract_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;

  routes.add("GET", "/api/v1/staff/{id}/contracts", {"Contrats d'un professionnel", "Personnel", {}, "", true},
             [db](Request& request) {
               auto lease = db->acquire();
               auto m = load_member(*lease, request, read_hr, true);
               audit::append_alone(*db, staff_event(request, "read", m, {"contracts"}));
               boost::json::array items;
               for (const auto& c : m.contracts) items.push_back(to_json(c));
               return Response::json({{"items", std::move(items)}});
             });

  routes.add("POST", "/api/v1/staff/{id}/contracts",
             {"Ajouter un contrat",
              "Personnel",
              {},
              "establishment_id, kind, fixed_term_reason? (CDD), start_date, end_date? (obligatoire pour un CDD), "
              "working_time (0 < x ≤ 1), job? (métier de la fiche par défaut), end_reason?",
              true,
              write_hr},
             [db](Request& request) {
               const auto body = json_body(request);
               auto created = db->in_transaction([&](store::Connection& c) {
                 auto m = load_for_change(c, request);
                 auto contract = read_contract(body, nullptr, m.job_code);
                 auto data = member_scope(c, m);
                 check_contract_establishment(data, request, m.organisation_id, contract.establishment_id,
                                              "establishment_id");
                 throw_if(contract_conflicts(contract, m.contracts));
                 contract.staff_id = m.id;
                 contract.created_by = request.caller.label;
                 contract.id = insert_contract(data, contract);
                 auto e = staff_event(request, "create", m, {"contract"});
                 e.establishment_id = contract.establishment_id;
                 audit::append(c, e);
                 for (const auto& stored : contracts_of(data, m.id))
                   if (stored.id == contract.id) return stored;
                 return contract;
               });
               return Response::json(to_json(created), 201);
             });

  routes.add(
      "PATCH", "/api/v1/staff/{id}/contracts/{contract_id}",
      {"Modifier un contrat (sa fin, son motif de fin, son temps de travail…)",
       "Personnel",
       {},
       "les champs à modifier (end_date, end_reason, working_time…)",
       true,
       write_hr},
      [db](Request& request) {
        const auto body = json_body(request);
        const auto contract_id = request.id_param("contract_id");
        auto updated = db->in_transaction([&](store::Connection& c) {
          auto m = load_for_change(c, request);
          auto it = std::find_if(m.contracts.begin(), m.contracts.end(),
                                 [&](const Contract& k) { return k.id == contract_id; });
          if (it == m.contracts.end()) throw Problem::hidden();
          auto data = member_scope(c, m);
          check_contract_establishment(data, request, m.organisation_id, it->establishment_id, "establishment_id");
          auto next = read_contract(body, &*it, m.job_code);
          if (next.establishment_id != it->establishment_id)
            check_contract_establishment(data, request, m.organisation_id, next.establishment_id, "establishment_id");
          throw_if(contract_conflicts(next, m.contracts));
          auto contracts = m.contracts;
          for (auto& k : contracts)
            if (k.id == next.id) k = next;
          check_absences_covered(m, contracts);
          update_contract(data, next);
          auto e = staff_event(request, "update", m, {"contract"});
          e.establishment_id = next.establishment_id;
          audit::append(c, e);
          for (const auto& stored : contracts_of(data, m.id))
            if (stored.id == next.id) return stored;
          return next;
        });
        return Response::json(to_json(updated));
      });

  routes.add("GET", "/api/v1/staff/{id}/absences",
             {"Absences d'un professionnel (le type seulement, jamais le motif médical)", "Personnel", {}, "", true},
             [db](Request& request) {
               auto lease = db->acquire();
               auto m = load_member(*lease, request, read_hr, true);
               audit::append_alone(*db, staff_event(request, "read", m, {"absences"}));
               boost::json::array items;
               for (const auto& a : m.absences) items.push_back(to_json(a));
               return Response::json({{"items", std::move(items)}});
             });

  routes.add("POST", "/api/v1/staff/{id}/absences",
             {"Enregistrer une absence (comprise dans un contrat ; demi-journées possibles aux extrémités)",
              "Personnel",
              {},
              "kind, start_date, end_date, start_half_day?, end_half_day?",
              true,
              write_hr},
             [db](Request& request) {
               const auto body = json_body(request);
               auto created = db->in_transaction([&](store::Connection& c) {
                 auto m = load_for_change(c, request);
                 auto absence = read_absence(body);
                 throw_if(absence_errors(absence, m.contracts));
                 throw_if(absence_overlaps(absence, m.absences));
                 absence.staff_id = m.id;
                 absence.created_by = request.caller.label;
                 auto data = member_scope(c, m);
                 absence.id = insert_absence(data, absence);
                 audit::append(c, staff_event(request, "create", m, {"absence"}));
                 for (const auto& stored : absences_of(data, m.id))
                   if (stored.id == absence.id) return stored;
                 return absence;
               });
               return Response::json(to_json(created), 201);
             });

  routes.add(
      "DELETE", "/api/v1/staff/{id}/absences/{absence_id}",
      {"Supprimer une absence saisie par erreur", "Personnel", {}, "", true, write_hr}, [db](Request& request) {
        const auto absence_id = request.id_param("absence_id");
        db->in_transaction([&](store::Connection& c) {
          auto m = load_for_change(c, request);
          if (std::none_of(m.absences.begin(), m.absences.end(), [&](const Absence& a) { return a.id == absence_id; }))
            throw Problem::hidden();
          delete_absence(member_scope(c, m), m.id, absence_id);
          audit::append(c, staff_event(request, "delete", m, {"absence"}));
          return 0;
        });
        return Response::no_content();
      });
}

}  // namespace passerelle::modules::staff
