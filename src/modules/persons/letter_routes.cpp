// Letter templates: the organisation's models of letters, checked against the field catalogue when saved.
#include <algorithm>

#include "audit/trail.hpp"
#include "auth/policy.hpp"
#include "core/json_reader.hpp"
#include "modules/persons/letter_store.hpp"
#include "modules/persons/routes_support.hpp"

namespace passerelle::modules::persons {
namespace {

boost::json::value text_or_null(const std::optional<std::string>& t) { return t ? boost::json::value(*t) : nullptr; }

boost::json::object to_json(const LetterTemplate& t) {
  return {{"id", t.id},
          {"establishment_id", t.establishment_id ? boost::json::value(*t.establishment_id) : nullptr},
          {"name", t.name},
          {"subject", t.subject},
          {"body", t.body},
          {"archived", t.archived_at.has_value()},
          {"archived_at", text_or_null(t.archived_at)},
          {"created_by", t.created_by},
          {"created_at", t.created_at},
          {"updated_by", t.updated_by},
          {"updated_at", t.updated_at}};
}

bool reachable(const std::optional<std::vector<std::int64_t>>& only, const std::optional<std::int64_t>& establishment) {
  return !only || !establishment || std::find(only->begin(), only->end(), *establishment) != only->end();
}

// The template named by the path, if the caller may reach its establishment with `permission`; else 404.
LetterTemplate load_template(store::Connection& c, const Request& request, const Permission& permission) {
  auto found = find_letter_template(scoped(c, request), request.id_param("id"));
  if (!found || !reachable(visibility_for(request, permission).only, found->establishment_id))
    throw Problem::hidden().mark_access_denied();
  return *found;
}

// A template restricted to an establishment: one of the organisation that the caller may write for.
void check_template_establishment(store::Connection& c, const Request& request, const LetterTemplate& t) {
  if (!t.establishment_id) return;
  check_establishment(c, organisation_of_caller(request), *t.establishment_id);
  if (!reachable(visibility_for(request, write_admin).only, t.establishment_id))
    throw Problem::invalid_field("establishment_id", "vous ne rédigez pas de modèles pour cet établissement");
}

audit::Event template_event(const Request& request, const std::string& action, const LetterTemplate& t) {
  auto e = audit::event_for(request, action, "letter_template", std::to_string(t.id));
  e.organisation_id = organisation_of_caller(request);
  e.establishment_id = t.establishment_id;
  e.fields = {"name", "subject", "body"};
  return e;
}

}  // namespace

void register_letter_template_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;

  routes.add(
      "GET", "/api/v1/letter-templates/fields",
      {"Champs utilisables dans les modèles de courrier (nom, libellé, exemple) et filtres",
       "Usagers",
       {},
       "",
       true,
       read_admin},
      [](Request& request) {
        (void)organisation_of_caller(request);
        boost::json::array items;
        for (const auto& f : letter_fields())
          items.push_back({{"name", f.name}, {"label", f.label}, {"example", f.example}});
        boost::json::array filters{
            boost::json::object{{"name", "date_long"}, {"label", "date en toutes lettres"}, {"example", "3 mars 2026"}},
            boost::json::object{{"name", "date_short"}, {"label", "date en chiffres"}, {"example", "03/03/2026"}},
            boost::json::object{{"name", "upper"}, {"label", "en majuscules"}, {"example", "DURAND"}},
            boost::json::object{{"name", "lower"}, {"label", "en minuscules"}, {"example", "durand"}},
            boost::json::object{{"name", "default(\"…\")"},
                                {"label", "texte si le champ est vide"},
                                {"example", "default(\"Madame, Monsieur\")"}}};
        return Response::json({{"items", std::move(items)}, {"filters", std::move(filters)}});
      });

  routes.add("GET", "/api/v1/letter-templates",
             {"Modèles de courrier de l'organisme (archived=true : les modèles archivés)",
              "Usagers",
              {},
              "",
              true,
              read_admin},
             [db](Request& request) {
               const bool archived = request.query_param("archived") == std::optional<std::string>("true");
               auto lease = db->acquire();
               boost::json::array items;
               for (const auto& t :
                    letter_templates(scoped(*lease, request), archived, visibility_for(request, read_admin).only))
                 items.push_back(to_json(t));
               return Response::json({{"items", std::move(items)}});
             });

  routes.add(
      "POST", "/api/v1/letter-templates",
      {"Créer un modèle de courrier (objet et corps vérifiés : champ inconnu ou syntaxe → 422 avec ligne et colonne)",
       "Usagers",
       {},
       "name, subject, body, establishment_id?",
       true,
       write_admin},
      [db](Request& request) {
        const auto body = json_body(request);
        auto t = read_letter_template(body);
        auto created = db->in_transaction([&](store::Connection& c) {
          auth::require(request.caller, write_admin, organisation_of_caller(request));
          check_template_establishment(c, request, t);  // 422 naming establishment_id rather than a 404
          t.created_by = request.caller.label;
          t.id = insert_letter_template(scoped(c, request), t);
          audit::append(c, template_event(request, "create", t));
          return *find_letter_template(scoped(c, request), t.id);
        });
        return Response::json(to_json(created), 201);
      });

  routes.add("GET", "/api/v1/letter-templates/{id}", {"Un modèle de courrier", "Usagers", {}, "", true, read_admin},
             [db](Request& request) {
               auto lease = db->acquire();
               return Response::json(to_json(load_template(*lease, request, read_admin)));
             });

  routes.add("PUT", "/api/v1/letter-templates/{id}",
             {"Modifier un modèle de courrier (mêmes vérifications qu'à la création)",
              "Usagers",
              {},
              "name, subject, body, establishment_id?",
              true,
              write_admin},
             [db](Request& request) {
               const auto body = json_body(request);
               auto t = read_letter_template(body);
               auto updated = db->in_transaction([&](store::Connection& c) {
                 auto current = load_template(c, request, write_admin);
                 if (current.archived_at) throw Problem::conflict("Ce modèle est archivé : il ne se modifie plus.");
                 check_template_establishment(c, request, t);
                 t.id = current.id;
                 t.updated_by = request.caller.label;
                 update_letter_template(scoped(c, request), t);
                 audit::append(c, template_event(request, "update", t));
                 return *find_letter_template(scoped(c, request), t.id);
               });
               return Response::json(to_json(updated));
             });

  routes.add("POST", "/api/v1/letter-templates/{id}/archive",
             {"Archiver un modèle de courrier (il ne sert plus ; la trace des courriers envoyés reste)",
              "Usagers",
              {},
              "",
              true,
              write_admin},
             [db](Request& request) {
               auto archived = db->in_transaction([&](store::Connection& c) {
                 auto current = load_template(c, request, write_admin);
                 if (current.archived_at) throw Problem::conflict("Ce modèle est déjà archivé.");
                 archive_letter_template(scoped(c, request), current.id, request.caller.label);
                 audit::append(c, template_event(request, "archive", current));
                 return *find_letter_template(scoped(c, request), current.id);
               });
               return Response::json(to_json(archived));
             });
}

}  // namespace passerelle::modules::persons
