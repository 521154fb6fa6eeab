#include "app/demo_letters.hpp"

#include <cstdio>
#include <iterator>

#include "modules/persons/letter_store.hpp"

namespace passerelle::app {
namespace {

namespace persons = modules::persons;

struct DemoTemplate {
  const char* name;
  const char* subject;
  const char* body;
};

// Written as a secretary would, with the fields of GET /api/v1/letter-templates/fields.
constexpr DemoTemplate demo_templates[] = {
    {"Invitation au bilan annuel du projet personnalisé",
     "Bilan annuel du projet personnalisé : {{ person.first_name }} {{ person.last_name | upper }}",
     R"({{ addressee.salutation }},

Le projet personnalisé de {{ person.first_name }} arrive au terme de son année. Comme chaque année, nous souhaitons faire le point avec vous : ce qui a été atteint, ce qui reste à faire, et les souhaits de {{ person.first_name }} pour l'année qui vient.

Nous vous invitons à une réunion de bilan à l'établissement {{ establishment.name }}{% if establishment.address_line %}, {{ establishment.address_line }}, {{ establishment.postal_code }} {{ establishment.city }}{% endif %}. Le secrétariat vous appellera pour convenir d'une date ; vous pouvez aussi nous joindre {% if establishment.phone %}au {{ establishment.phone }}{% else %}à l'accueil de l'établissement{% endif %}.

{{ person.first_name }} est bien sûr invité(e) à participer à cette réunion, accompagné(e) de la personne de son choix.

Nous vous prions d'agréer, {{ addressee.salutation }}, l'expression de nos salutations distinguées.)"},
    {"Attestation de présence", "Attestation de présence : {{ person.first_name }} {{ person.last_name | upper }}",
     R"(Je soussigné(e), {{ signatory.name }}, agissant pour {{ establishment.name }} ({{ organisation.name }}), atteste que {{ person.civility }} {{ person.first_name }} {{ person.last_name | upper }}, né(e) le {{ person.birth_date | date_long }}, est accueilli(e) dans notre établissement{% if stay.care_mode %} en {{ stay.care_mode }}{% endif %}{% if stay.admission_date %} depuis le {{ stay.admission_date | date_long }}{% endif %}.
{% if decision.end_date %}
Son orientation par la CDAPH est valable jusqu'au {{ decision.end_date | date_long }}.
{% endif %}

Cette attestation est délivrée à la demande de l'intéressé(e) ou de sa famille, pour servir et valoir ce que de droit.

Fait le {{ today | date_long }}.)"},
    {"Jours de fermeture de l'établissement", "Jours de fermeture : {{ establishment.name }}",
     R"({{ addressee.salutation }},

Nous vous informons des prochains jours de fermeture de {{ establishment.name }} : l'établissement sera fermé pendant les vacances scolaires de fin d'année, du 24 décembre au 1er janvier inclus, ainsi que le lundi de Pâques et le vendredi qui suit l'Ascension.

Pendant ces périodes, {{ person.first_name }} ne sera pas accueilli(e). Si cette fermeture vous pose une difficulté, n'hésitez pas à nous en parler : nous chercherons une solution avec vous{% if establishment.phone %} (téléphone : {{ establishment.phone }}){% endif %}.

Nous vous prions d'agréer, {{ addressee.salutation }}, nos salutations les meilleures.)"},
};

constexpr const char* streets[] = {"chemin des Tilleuls", "rue Francis-de-Pressensé", "route de Lozanne",
                                   "avenue Jean-Jaurès",  "montée de la Grande-Côte", "boulevard Pinel",
                                   "rue Jean-Moulin",     "rue Anatole-France",       "rue du Professeur-Rochaix",
                                   "chemin de la Garde",  "rue d'Austerlitz",         "rue de la Liberté"};

}  // namespace

void create_demo_letters(const store::Scoped& db) {
  int n = 0;
  for (const auto& r : db.query("SELECT id FROM establishment WHERE {{tenant}} ORDER BY id")) {
    const auto number = std::to_string(4 + 7 * n);
    char phone[64];
    std::snprintf(phone, sizeof phone, "04 72 %02d %02d %02d", 10 + n, 30 + 2 * n, 50 + n);
    db.execute(
        "UPDATE establishment SET address_line = :a, phone = :p WHERE {{tenant}} AND id = :id AND address_line IS NULL",
        {{"a", number + " " + streets[n % std::size(streets)]}, {"p", std::string(phone)}, {"id", r.integer("id")}});
    ++n;
  }
  for (const auto& t : demo_templates) {
    persons::LetterTemplate letter;
    letter.name = t.name;
    letter.subject = t.subject;
    letter.body = t.body;
    letter.created_by = "démo";
    (void)templates::parse(letter.subject, persons::letter_fields());  // a demo template must be a valid one
    (void)templates::parse(letter.body, persons::letter_fields());
    persons::insert_letter_template(db, letter);
  }
}

}  // namespace passerelle::app
