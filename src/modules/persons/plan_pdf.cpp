// The support plan printed for the person: the same words as on screen, but addressed to them.
#include "modules/persons/plan_pdf.hpp"

#include <map>

#include "core/templates/filters.hpp"
#include "core/templates/template.hpp"
#include "modules/persons/letters.hpp"

namespace passerelle::modules::persons {
namespace {

std::string label_in(const std::map<std::string, std::string>& labels, const std::string& code) {
  const auto found = labels.find(code);
  return found == labels.end() ? code : found->second;
}

std::string signatory_caption(const std::string& signatory) {
  static const std::map<std::string, std::string> captions{{"person", "La personne accompagnée"},
                                                           {"legal_representative", "Le représentant légal"},
                                                           {"referent", "Le professionnel référent"},
                                                           {"director", "La direction"}};
  return label_in(captions, signatory);
}

std::string state_line(const SupportPlan& plan) {
  if (plan.status == "draft") return "Projet en cours de rédaction : il n'est pas encore validé.";
  if (plan.status == "archived") return "Version archivée : une version plus récente l'a remplacée.";
  return plan.validated_at ? "Validé le " + french_date(plan.validated_at->substr(0, 10)) : "Validé";
}

// The last review that said something about this goal, and what it said.
std::optional<std::pair<const PlanReview*, const ReviewOutcome*>> last_outcome(const SupportPlan& plan,
                                                                               std::int64_t goal) {
  std::optional<std::pair<const PlanReview*, const ReviewOutcome*>> found;
  for (const auto& review : plan.reviews)
    for (const auto& outcome : review.outcomes)
      if (outcome.goal_id == goal && (!found || found->first->review_date <= review.review_date))
        found = std::pair{&review, &outcome};
  return found;
}

void add_goal(pdf::Document& document, const SupportPlan& plan, const PlanGoal& goal, std::size_t number) {
  using namespace pdf;
  document.blocks.push_back(Heading{3, "Objectif " + std::to_string(number) + " : " + goal_domain_label(goal.domain)});
  KeyValueTable table{{{"Ce que nous voulons", goal.description}, {"Résultat attendu", goal.expected_outcome}}};
  if (goal.target_date) table.rows.push_back({"Pour quand", french_date(goal.target_date->to_string())});
  document.blocks.push_back(std::move(table));
  if (!goal.actions.empty()) {
    document.blocks.push_back(Paragraph{}.bold("Ce que nous faisons :"));
    BulletList actions;
    for (const auto& action : goal.actions)
      actions.items.push_back(
          Paragraph::plain(action.description + "\nQui : " + action.who + "\nQuand : " + action.frequency));
    document.blocks.push_back(std::move(actions));
  }
  if (const auto outcome = last_outcome(plan, goal.id)) {
    auto line = Paragraph{}
                    .bold("Dernier bilan, le " + french_date(outcome->first->review_date.to_string()) + " : ")
                    .text(review_outcome_label(outcome->second->outcome));
    if (outcome->second->comment && !outcome->second->comment->empty()) line.text(". " + *outcome->second->comment);
    document.blocks.push_back(std::move(line));
  }
}

// French typography on every text of the document (what was typed in the plan included).
void typeset(pdf::Document& document) {
  using namespace pdf;
  const auto runs = [](std::vector<Run>& all) {
    for (auto& run : all) run.text = french_typography(run.text);
  };
  for (auto& block : document.blocks) {
    if (auto* heading = std::get_if<Heading>(&block)) heading->text = french_typography(heading->text);
    if (auto* paragraph = std::get_if<Paragraph>(&block)) runs(paragraph->runs);
    if (auto* list = std::get_if<BulletList>(&block))
      for (auto& item : list->items) runs(item.runs);
    if (auto* table = std::get_if<KeyValueTable>(&block))
      for (auto& row : table->rows) row.label = french_typography(row.label), row.value = french_typography(row.value);
    if (auto* signatures = std::get_if<SignatureBlock>(&block))
      for (auto& box : signatures->boxes)
        if (box.signature) box.signature->by = french_typography(box.signature->by);
  }
}

}  // namespace

std::string upper_case(std::string text) {
  return templates::detail::apply({templates::detail::FilterKind::upper, {}}, std::move(text));
}

std::string display_name(const Identity& identity) {
  const auto first = identity.used_first_name
                         ? *identity.used_first_name
                         : (identity.first_names.empty() ? std::string() : identity.first_names.front());
  const auto last = upper_case(identity.used_name ? *identity.used_name : identity.birth_name);
  return first.empty() ? last : first + " " + last;
}

std::string french_date(const std::string& iso) {
  if (auto date = Date::parse(iso)) return templates::french_long_date(*date);
  return iso;
}

std::string goal_domain_label(const std::string& domain) {
  static const std::map<std::string, std::string> labels{
      {"autonomy", "autonomie"},      {"health", "santé"},        {"communication", "communication"},
      {"social_life", "vie sociale"}, {"education", "scolarité"}, {"work", "travail"},
      {"housing", "logement"},        {"leisure", "loisirs"},     {"family", "famille"},
      {"rights", "droits"},           {"other", "autre"}};
  return label_in(labels, domain);
}

std::string review_outcome_label(const std::string& outcome) {
  static const std::map<std::string, std::string> labels{{"achieved", "objectif atteint"},
                                                         {"partly_achieved", "objectif en partie atteint"},
                                                         {"not_achieved", "objectif non atteint"},
                                                         {"abandoned", "objectif abandonné"},
                                                         {"continued", "objectif poursuivi"}};
  return label_in(labels, outcome);
}

pdf::Document plan_document(const SupportPlan& plan, const Person& person, const PlanPrintContext& context) {
  using namespace pdf;
  const auto name = display_name(person.identity);
  Document document;
  document.metadata = {"Projet personnalisé de " + name, context.establishment_name, "Projet personnalisé",
                       std::nullopt};
  // The header is cut when too long: the draft's mark comes first so that it always shows.
  document.header =
      (plan.status == "draft" ? "PROJET EN COURS DE RÉDACTION — " : "") + name + " — " + context.establishment_name;
  document.footer = "Document confidentiel, imprimé le " + templates::french_long_date(context.printed_on);

  document.blocks.push_back(Heading{1, "Projet personnalisé"});
  if (plan.status != "validated") document.blocks.push_back(Paragraph{}.bold(state_line(plan)));
  KeyValueTable identity{{{"Personne", name},
                          {person.identity.sex == "F"   ? "Née le"
                           : person.identity.sex == "M" ? "Né le"
                                                        : "Date de naissance",
                           french_date(person.identity.birth_date)},
                          {"Établissement", context.establishment_name},
                          {"Version", std::to_string(plan.version)}}};
  if (plan.status == "validated") identity.rows.push_back({"État", state_line(plan)});
  if (plan.review_due) identity.rows.push_back({"Prochain bilan", french_date(plan.review_due->to_string())});
  document.blocks.push_back(std::move(identity));

  document.blocks.push_back(Heading{2, "Vos besoins"});
  for (auto& block : paragraphs_from_text(plan.needs_assessment)) document.blocks.push_back(std::move(block));
  if (plan.person_wishes && !plan.person_wishes->empty()) {
    document.blocks.push_back(Heading{2, "Vos souhaits"});
    for (auto& block : paragraphs_from_text(*plan.person_wishes)) document.blocks.push_back(std::move(block));
  }

  document.blocks.push_back(Heading{2, "Vos objectifs"});
  if (plan.goals.empty()) document.blocks.push_back(Paragraph::plain("Aucun objectif n'est encore écrit."));
  for (std::size_t i = 0; i < plan.goals.size(); ++i) add_goal(document, plan, plan.goals[i], i + 1);

  document.blocks.push_back(Heading{2, "Signatures"});
  SignatureBlock signatures;
  for (const auto& signatory : signatories) {
    SignatureBox box{signatory_caption(std::string(signatory)), std::nullopt};
    for (const auto& s : plan.signatures)
      if (s.signatory == signatory) box.signature = Signature{french_date(s.signed_on.to_string()), s.name};
    signatures.boxes.push_back(std::move(box));
  }
  document.blocks.push_back(std::move(signatures));
  typeset(document);
  return document;
}

std::string plan_file_name(const SupportPlan& plan) {
  return "projet-personnalise-" + std::to_string(plan.person_id) + "-v" + std::to_string(plan.version) + ".pdf";
}

}  // namespace passerelle::modules::persons
