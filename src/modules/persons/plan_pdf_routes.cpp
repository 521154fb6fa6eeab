// The support plan as a PDF for the person and their family (large type).
#include "auth/policy.hpp"
#include "core/pdf/renderer.hpp"
#include "modules/persons/plan_pdf.hpp"
#include "modules/persons/plan_store.hpp"
#include "modules/persons/routes_support.hpp"

namespace passerelle::modules::persons {
namespace {

const Permission read_plan{Brick::persons, DataCategory::educational, Action::read};

}  // namespace

std::string establishment_name(const store::Scoped& data, std::int64_t establishment_id) {
  auto row = data.query_one("SELECT name FROM establishment WHERE {{tenant}} AND id = :id", {{"id", establishment_id}});
  return row ? row->text("name") : std::string();
}

void register_plan_pdf_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;
  routes.add(
      "GET", "/api/v1/persons/{id}/plans/{plan_id}/pdf",
      {"Projet personnalisé en PDF, en gros caractères (un brouillon est marqué « en cours de rédaction »)",
       "Usagers",
       {},
       "",
       true,
       read_plan},
      [db](Request& request) {
        auto lease = db->acquire();
        auto person = load_person(*lease, request, read_plan);
        auto data = scoped(*lease, request);
        auto plan = find_plan(data, person.id, request.id_param("plan_id"));
        const auto allowed = visibility_for(request, read_plan).only;
        if (!plan || (allowed && std::find(allowed->begin(), allowed->end(), plan->establishment_id) == allowed->end()))
          throw Problem::hidden().mark_access_denied();
        const auto document =
            plan_document(*plan, person, {establishment_name(data, plan->establishment_id), Date::today()});
        auto rendered = pdf::render_pdf(document, pdf::Style::large_type());
        auto event = person_event(request, "export", person, {"support_plan:" + std::to_string(plan->id), "pdf"});
        event.establishment_id = plan->establishment_id;
        audit::append_alone(*db, event);
        auto response = Response::text(std::move(rendered.bytes), "application/pdf");
        response.set_header("Content-Disposition", "attachment; filename=\"" + plan_file_name(*plan) + "\"");
        response.set_header("Cache-Control", "no-store");
        return response;
      });
}

}  // namespace passerelle::modules::persons
