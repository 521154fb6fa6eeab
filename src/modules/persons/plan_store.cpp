#include "modules/persons/plan_store.hpp"

#include "core/clock.hpp"

namespace passerelle::modules::persons {
namespace {

constexpr const char* plan_columns =
    "SELECT id, person_id, establishment_id, version, status, needs_assessment, person_wishes, review_due, validated_at, "
    "validated_by, created_by, created_at, updated_at FROM support_plan ";

store::Value opt_date(const std::optional<Date>& d) { return d ? store::Value{d->to_string()} : store::Value{}; }

SupportPlan plan_from(const store::Row& r) {
  SupportPlan p;
  p.id = r.integer("id");
  p.person_id = r.integer("person_id");
  p.establishment_id = r.integer("establishment_id");
  p.version = static_cast<int>(r.integer("version"));
  p.status = r.text("status");
  p.needs_assessment = r.text("needs_assessment");
  p.person_wishes = r.optional_text("person_wishes");
  if (auto d = r.optional_text("review_due")) p.review_due = Date::parse(*d);
  p.validated_at = r.optional_text("validated_at");
  p.validated_by = r.optional_text("validated_by");
  p.created_by = r.text("created_by");
  p.created_at = r.text("created_at");
  p.updated_at = r.text("updated_at");
  return p;
}

void load_parts(const store::Scoped& db, SupportPlan& p) {
  for (const auto& r : db.query("SELECT id, position, domain, description, expected_outcome, target_date FROM plan_goal "
                                "WHERE {{tenant}} AND plan_id = :p ORDER BY position",
                                {{"p", p.id}})) {
    PlanGoal g;
    g.id = r.integer("id");
    g.position = static_cast<int>(r.integer("position"));
    g.domain = r.text("domain");
    g.description = r.text("description");
    g.expected_outcome = r.text("expected_outcome");
    if (auto d = r.optional_text("target_date")) g.target_date = Date::parse(*d);
    p.goals.push_back(std::move(g));
  }
  for (const auto& r : db.query("SELECT id, goal_id, description, who, frequency FROM plan_action WHERE {{tenant}} AND "
                                "plan_id = :p ORDER BY id",
                                {{"p", p.id}}))
    for (auto& g : p.goals)
      if (g.id == r.integer("goal_id"))
        g.actions.push_back({r.integer("id"), g.id, r.text("description"), r.text("who"), r.text("frequency")});
  for (const auto& r : db.query("SELECT id, signatory, name, signed_on, recorded_by FROM plan_signature WHERE {{tenant}} AND "
                                "plan_id = :p ORDER BY id",
                                {{"p", p.id}}))
    p.signatures.push_back({r.integer("id"), r.text("signatory"), r.text("name"), *Date::parse(r.text("signed_on")),
                            r.text("recorded_by")});
  for (const auto& r : db.query("SELECT id, review_date, summary, recorded_by FROM plan_review WHERE {{tenant}} AND "
                                "plan_id = :p ORDER BY review_date, id",
                                {{"p", p.id}})) {
    PlanReview review{r.integer("id"), *Date::parse(r.text("review_date")), r.text("summary"), r.text("recorded_by"), {}};
    for (const auto& o : db.query("SELECT goal_id, outcome, comment FROM plan_review_outcome WHERE {{tenant}} AND "
                                  "review_id = :r ORDER BY goal_id",
                                  {{"r", review.id}}))
      review.outcomes.push_back({o.integer("goal_id"), o.text("outcome"), o.optional_text("comment")});
    p.reviews.push_back(std::move(review));
  }
}

void insert_goals(const store::Scoped& db, const SupportPlan& plan) {
  for (const auto& g : plan.goals) {
    const auto goal_id = db.insert_returning_id(
        "INSERT INTO plan_goal (organisation_id, plan_id, position, domain, description, expected_outcome, target_date) "
        "VALUES ({{tenant_id}}, :p, :pos, :domain, :description, :outcome, :target) RETURNING id",
        {{"p", plan.id}, {"pos", std::int64_t{g.position}}, {"domain", g.domain}, {"description", g.description},
         {"outcome", g.expected_outcome}, {"target", opt_date(g.target_date)}});
    for (const auto& a : g.actions)
      db.execute("INSERT INTO plan_action (organisation_id, plan_id, goal_id, description, who, frequency) VALUES "
                 "({{tenant_id}}, :p, :g, :description, :who, :frequency)",
                 {{"p", plan.id}, {"g", goal_id}, {"description", a.description}, {"who", a.who}, {"frequency", a.frequency}});
  }
}

}  // namespace

std::vector<SupportPlan> plans_of(const store::Scoped& db, std::int64_t person_id) {
  std::vector<SupportPlan> out;
  for (const auto& r : db.query(std::string(plan_columns) + "WHERE {{tenant}} AND person_id = :p ORDER BY id DESC",
                                {{"p", person_id}})) {
    out.push_back(plan_from(r));
    load_parts(db, out.back());
  }
  return out;
}

std::optional<SupportPlan> find_plan(const store::Scoped& db, std::int64_t person_id, std::int64_t plan_id) {
  auto r = db.query_one(std::string(plan_columns) + "WHERE {{tenant}} AND person_id = :p AND id = :id",
                        {{"p", person_id}, {"id", plan_id}});
  if (!r) return std::nullopt;
  auto plan = plan_from(*r);
  load_parts(db, plan);
  return plan;
}

std::int64_t insert_plan(const store::Scoped& db, const SupportPlan& plan) {
  const auto now = now_iso8601();
  auto copy = plan;
  copy.id = db.insert_returning_id(
      "INSERT INTO support_plan (organisation_id, person_id, establishment_id, version, status, needs_assessment, "
      "person_wishes, review_due, created_by, created_at, updated_at) VALUES ({{tenant_id}}, :p, :e, :v, 'draft', :needs, "
      ":wishes, NULL, :by, :now, :now2) RETURNING id",
      {{"p", plan.person_id}, {"e", plan.establishment_id}, {"v", std::int64_t{plan.version}},
       {"needs", plan.needs_assessment}, {"wishes", store::nullable(plan.person_wishes)}, {"by", plan.created_by},
       {"now", now}, {"now2", now}});
  insert_goals(db, copy);
  return copy.id;
}

void replace_plan_content(const store::Scoped& db, const SupportPlan& plan) {
  db.execute("DELETE FROM plan_action WHERE {{tenant}} AND plan_id = :p", {{"p", plan.id}});
  db.execute("DELETE FROM plan_goal WHERE {{tenant}} AND plan_id = :p", {{"p", plan.id}});
  db.execute("UPDATE support_plan SET needs_assessment = :needs, person_wishes = :wishes, updated_at = :now "
             "WHERE {{tenant}} AND id = :id",
             {{"needs", plan.needs_assessment}, {"wishes", store::nullable(plan.person_wishes)}, {"now", now_iso8601()},
              {"id", plan.id}});
  insert_goals(db, plan);
}

void insert_signature(const store::Scoped& db, std::int64_t plan_id, const PlanSignature& s) {
  db.execute("INSERT INTO plan_signature (organisation_id, plan_id, signatory, name, signed_on, recorded_by, created_at) "
             "VALUES ({{tenant_id}}, :p, :who, :name, :on, :by, :now)",
             {{"p", plan_id}, {"who", s.signatory}, {"name", s.name}, {"on", s.signed_on.to_string()},
              {"by", s.recorded_by}, {"now", now_iso8601()}});
}

void set_plan_status(const store::Scoped& db, const SupportPlan& plan) {
  db.execute("UPDATE support_plan SET status = :status, review_due = :due, validated_at = :at, validated_by = :by, "
             "updated_at = :now WHERE {{tenant}} AND id = :id",
             {{"status", plan.status}, {"due", opt_date(plan.review_due)}, {"at", store::nullable(plan.validated_at)},
              {"by", store::nullable(plan.validated_by)}, {"now", now_iso8601()}, {"id", plan.id}});
}

void insert_review(const store::Scoped& db, std::int64_t plan_id, const PlanReview& r) {
  const auto id = db.insert_returning_id(
      "INSERT INTO plan_review (organisation_id, plan_id, review_date, summary, recorded_by, created_at) VALUES "
      "({{tenant_id}}, :p, :d, :summary, :by, :now) RETURNING id",
      {{"p", plan_id}, {"d", r.review_date.to_string()}, {"summary", r.summary}, {"by", r.recorded_by}, {"now", now_iso8601()}});
  for (const auto& o : r.outcomes)
    db.execute("INSERT INTO plan_review_outcome (review_id, goal_id, organisation_id, outcome, comment) VALUES "
               "(:r, :g, {{tenant_id}}, :outcome, :comment)",
               {{"r", id}, {"g", o.goal_id}, {"outcome", o.outcome}, {"comment", store::nullable(o.comment)}});
}

std::vector<SupportPlan> plans_due(const store::Scoped& db, Date until, const std::optional<std::vector<std::int64_t>>& only) {
  if (only && only->empty()) return {};
  store::Params params{{"until", until.to_string()}};
  std::string where;
  if (only) {
    std::string list;
    for (std::size_t i = 0; i < only->size(); ++i) {
      list += (i ? ", :e" : ":e") + std::to_string(i);
      params.push_back({"e" + std::to_string(i), (*only)[i]});
    }
    where = " AND establishment_id IN (" + list + ")";
  }
  std::vector<SupportPlan> out;
  for (const auto& r : db.query(std::string(plan_columns) + "WHERE {{tenant}} AND status = 'validated' AND review_due <= :until" +
                                    where + " ORDER BY review_due, id LIMIT 2000",
                                params))
    out.push_back(plan_from(r));
  return out;
}

}  // namespace passerelle::modules::persons
