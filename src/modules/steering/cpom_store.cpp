#include "modules/steering/cpom_store.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "core/text.hpp"

namespace passerelle::modules::steering::cpom {
namespace {

constexpr const char* cpom_columns =
    "SELECT id, organisation_id, name, funders, start_date, end_date, status, created_by, created_at, updated_at "
    "FROM cpom ";
constexpr const char* action_columns =
    "SELECT a.id, a.sheet_id, a.label, a.owner, a.means, a.start_date, a.deadline, a.status, a.progress "
    "FROM cpom_action a ";
constexpr const char* indicator_columns =
    "SELECT i.id, i.sheet_id, i.label, i.unit, i.higher_is_better, i.initial_value, i.target_value, i.target_year, "
    "i.computed_id, i.computed_scope FROM cpom_indicator i ";

store::Value opt_date(const std::optional<Date>& d) { return d ? store::Value{d->to_string()} : store::Value{}; }
store::Value opt_number(const std::optional<double>& v) { return v ? store::Value{*v} : store::Value{}; }

std::string joined(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

std::string in_list(const std::vector<std::int64_t>& ids, const char* prefix, store::Params& params) {
  std::string list;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const auto name = prefix + std::to_string(i);
    list += (i ? ", :" : ":") + name;
    params.push_back({name, ids[i]});
  }
  return list;
}

Cpom cpom_from(const store::Row& r) {
  Cpom c;
  c.id = r.integer("id");
  c.organisation_id = r.integer("organisation_id");
  c.name = r.text("name");
  c.funders = split(r.text("funders"), ',');
  c.start_date = *Date::parse(r.text("start_date"));
  c.end_date = *Date::parse(r.text("end_date"));
  c.status = r.text("status");
  c.created_by = r.text("created_by");
  c.created_at = r.text("created_at");
  c.updated_at = r.text("updated_at");
  return c;
}

void load_members(const store::Scoped& db, Cpom& c) {
  c.establishment_ids = db.query_integers(
      "SELECT establishment_id FROM cpom_establishment WHERE {{tenant}} AND cpom_id = :c ORDER BY establishment_id",
      {{"c", c.id}});
  c.reader_ids = db.query_integers(
      "SELECT account_id FROM cpom_reader WHERE {{tenant}} AND cpom_id = :c ORDER BY account_id", {{"c", c.id}});
}

void write_members(const store::Scoped& db, const Cpom& c) {
  db.execute("DELETE FROM cpom_establishment WHERE {{tenant}} AND cpom_id = :c", {{"c", c.id}});
  db.execute("DELETE FROM cpom_reader WHERE {{tenant}} AND cpom_id = :c", {{"c", c.id}});
  for (auto e : c.establishment_ids)
    db.execute(
        "INSERT INTO cpom_establishment (cpom_id, organisation_id, establishment_id) VALUES (:c, {{tenant_id}}, :e)",
        {{"c", c.id}, {"e", e}});
  for (auto a : c.reader_ids)
    db.execute("INSERT INTO cpom_reader (cpom_id, organisation_id, account_id) VALUES (:c, {{tenant_id}}, :a)",
               {{"c", c.id}, {"a", a}});
}

Action action_from(const store::Row& r) {
  Action a;
  a.id = r.integer("id");
  a.sheet_id = r.integer("sheet_id");
  a.label = r.text("label");
  a.owner = r.optional_text("owner");
  a.means = r.optional_text("means");
  if (auto s = r.optional_text("start_date")) a.start_date = Date::parse(*s);
  a.deadline = *Date::parse(r.text("deadline"));
  a.status = r.text("status");
  a.progress = r.integer("progress");
  return a;
}

Indicator indicator_from(const store::Row& r) {
  Indicator i;
  i.id = r.integer("id");
  i.sheet_id = r.integer("sheet_id");
  i.label = r.text("label");
  i.unit = r.text("unit");
  i.higher_is_better = r.integer("higher_is_better") != 0;
  if (!r.is_null("initial_value")) i.initial_value = r.real("initial_value");
  i.target_value = r.real("target_value");
  i.target_year = static_cast<int>(r.integer("target_year"));
  i.computed_id = r.optional_text("computed_id");
  i.computed_scope = r.optional_text("computed_scope");
  return i;
}

Sheet sheet_from(const store::Row& r) {
  Sheet s;
  s.id = r.integer("id");
  s.cpom_id = r.integer("cpom_id");
  s.organisation_id = r.integer("organisation_id");
  s.objective_id = r.integer("objective_id");
  s.title = r.text("title");
  s.description = r.optional_text("description");
  s.owner = r.optional_text("owner");
  s.created_by = r.text("created_by");
  s.created_at = r.text("created_at");
  s.updated_at = r.text("updated_at");
  return s;
}

// The actions and indicators of the sheets (by id), each query once for all of them.
void load_contents(const store::Scoped& db, std::vector<Sheet>& sheets, std::int64_t cpom_id,
                   std::optional<std::int64_t> sheet_id) {
  if (sheets.empty()) return;
  std::map<std::int64_t, Sheet*> by_id;
  for (auto& s : sheets) by_id[s.id] = &s;
  store::Params params{{"c", cpom_id}};
  std::string which = " AND s.cpom_id = :c";
  if (sheet_id) {
    which += " AND s.id = :s";
    params.push_back({"s", *sheet_id});
  }
  const std::string sheet_join = " JOIN cpom_sheet s ON s.id = ";
  std::map<std::int64_t, Action*> actions;
  for (const auto& r :
       db.query(std::string(action_columns) + sheet_join + "a.sheet_id WHERE {{tenant:a.organisation_id}}" + which +
                    " ORDER BY a.sheet_id, a.position, a.id",
                params))
    by_id.at(r.integer("sheet_id"))->actions.push_back(action_from(r));
  for (auto& s : sheets)
    for (auto& a : s.actions) actions[a.id] = &a;
  for (const auto& r : db.query("SELECT ae.action_id, ae.establishment_id FROM cpom_action_establishment ae "
                                "JOIN cpom_action a ON a.id = ae.action_id" +
                                    sheet_join + "a.sheet_id WHERE {{tenant:ae.organisation_id}}" + which +
                                    " ORDER BY ae.action_id, ae.establishment_id",
                                params))
    actions.at(r.integer("action_id"))->establishment_ids.push_back(r.integer("establishment_id"));
  std::map<std::int64_t, Indicator*> indicators;
  for (const auto& r :
       db.query(std::string(indicator_columns) + sheet_join + "i.sheet_id WHERE {{tenant:i.organisation_id}}" + which +
                    " ORDER BY i.sheet_id, i.position, i.id",
                params))
    by_id.at(r.integer("sheet_id"))->indicators.push_back(indicator_from(r));
  for (auto& s : sheets)
    for (auto& i : s.indicators) indicators[i.id] = &i;
  for (const auto& r : db.query("SELECT v.indicator_id, v.year, v.value FROM cpom_indicator_value v "
                                "JOIN cpom_indicator i ON i.id = v.indicator_id" +
                                    sheet_join + "i.sheet_id WHERE {{tenant:v.organisation_id}}" + which +
                                    " ORDER BY v.indicator_id, v.year",
                                params))
    indicators.at(r.integer("indicator_id"))->values.push_back({static_cast<int>(r.integer("year")), r.real("value")});
}

std::vector<Comment> comments_of(const store::Scoped& db, std::int64_t sheet_id) {
  std::vector<Comment> out;
  for (const auto& r : db.query("SELECT id, sheet_id, account_id, author, at, body FROM cpom_comment "
                                "WHERE {{tenant}} AND sheet_id = :s ORDER BY id",
                                {{"s", sheet_id}})) {
    Comment c;
    c.id = r.integer("id");
    c.sheet_id = r.integer("sheet_id");
    c.account_id = r.optional_integer("account_id");
    c.author = r.text("author");
    c.at = r.text("at");
    c.text = r.text("body");
    out.push_back(std::move(c));
  }
  return out;
}

store::Params action_params(const Action& a, std::int64_t position) {
  return {{"label", a.label},
          {"owner", store::nullable(a.owner)},
          {"means", store::nullable(a.means)},
          {"start", opt_date(a.start_date)},
          {"deadline", a.deadline.to_string()},
          {"status", a.status},
          {"progress", a.progress},
          {"position", position}};
}

void write_action_establishments(const store::Scoped& db, const Action& a) {
  db.execute("DELETE FROM cpom_action_establishment WHERE {{tenant}} AND action_id = :a", {{"a", a.id}});
  for (auto e : a.establishment_ids)
    db.execute(
        "INSERT INTO cpom_action_establishment (action_id, organisation_id, establishment_id) VALUES (:a, "
        "{{tenant_id}}, :e)",
        {{"a", a.id}, {"e", e}});
}

store::Params indicator_params(const Indicator& i, std::int64_t position) {
  return {{"label", i.label},
          {"unit", i.unit},
          {"higher", std::int64_t{i.higher_is_better}},
          {"initial", opt_number(i.initial_value)},
          {"target", i.target_value},
          {"target_year", std::int64_t{i.target_year}},
          {"computed_id", store::nullable(i.computed_id)},
          {"computed_scope", store::nullable(i.computed_scope)},
          {"position", position}};
}

void write_indicator_values(const store::Scoped& db, const Indicator& i) {
  db.execute("DELETE FROM cpom_indicator_value WHERE {{tenant}} AND indicator_id = :i", {{"i", i.id}});
  for (const auto& v : i.values)
    db.execute(
        "INSERT INTO cpom_indicator_value (indicator_id, organisation_id, year, value) "
        "VALUES (:i, {{tenant_id}}, :y, :v)",
        {{"i", i.id}, {"y", std::int64_t{v.year}}, {"v", v.value}});
}

}  // namespace

std::vector<Cpom> list_cpoms(const store::Scoped& db, std::int64_t after_id) {
  std::vector<Cpom> out;
  for (const auto& r :
       db.query(std::string(cpom_columns) + "WHERE {{tenant}} AND id > :after ORDER BY id", {{"after", after_id}}))
    out.push_back(cpom_from(r));
  for (auto& c : out) load_members(db, c);
  return out;
}

std::optional<Cpom> find_cpom(const store::Scoped& db, std::int64_t id) {
  auto r = db.query_one(std::string(cpom_columns) + "WHERE {{tenant}} AND id = :id", {{"id", id}});
  if (!r) return std::nullopt;
  auto c = cpom_from(*r);
  load_members(db, c);
  return c;
}

std::int64_t insert_cpom(const store::Scoped& db, const Cpom& c) {
  const auto now = now_iso8601();
  Cpom stored = c;
  stored.id = db.insert_returning_id(
      "INSERT INTO cpom (organisation_id, name, funders, start_date, end_date, status, created_by, created_at, "
      "updated_at) VALUES ({{tenant_id}}, :name, :funders, :start, :end, :status, :by, :now, :now2) RETURNING id",
      {{"name", c.name},
       {"funders", joined(c.funders)},
       {"start", c.start_date.to_string()},
       {"end", c.end_date.to_string()},
       {"status", c.status},
       {"by", c.created_by},
       {"now", now},
       {"now2", now}});
  write_members(db, stored);
  return stored.id;
}

void update_cpom(const store::Scoped& db, const Cpom& c) {
  db.execute(
      "UPDATE cpom SET name = :name, funders = :funders, start_date = :start, end_date = :end, status = :status, "
      "updated_at = :now WHERE {{tenant}} AND id = :id",
      {{"name", c.name},
       {"funders", joined(c.funders)},
       {"start", c.start_date.to_string()},
       {"end", c.end_date.to_string()},
       {"status", c.status},
       {"now", now_iso8601()},
       {"id", c.id}});
  write_members(db, c);
}

void lock_cpom(const store::Scoped& db, std::int64_t id) {
  db.execute("UPDATE cpom SET updated_at = updated_at WHERE {{tenant}} AND id = :id", {{"id", id}});
}

std::vector<ReaderAccount> reader_accounts(const store::Scoped& db) {
  std::vector<ReaderAccount> out;
  for (const auto& r : db.query("SELECT DISTINCT a.id, a.display_name, a.email FROM account a "
                                "JOIN account_grant g ON g.account_id = a.id "
                                "WHERE {{tenant:a.organisation_id}} AND g.organisation_id = a.organisation_id "
                                "AND g.role = 'external_reader' AND a.disabled_at IS NULL ORDER BY a.id"))
    out.push_back({r.integer("id"), r.text("display_name"), r.text("email")});
  return out;
}

std::map<std::int64_t, ReaderAccount> accounts_named(const store::Scoped& db, const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, ReaderAccount> out;
  if (ids.empty()) return out;
  store::Params params;
  const auto list = in_list(ids, "a", params);
  for (const auto& r :
       db.query("SELECT id, display_name, email FROM account WHERE {{tenant}} AND id IN (" + list + ")", params))
    out[r.integer("id")] = {r.integer("id"), r.text("display_name"), r.text("email")};
  return out;
}

std::map<std::int64_t, std::string> establishment_names(const store::Scoped& db, const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, std::string> out;
  if (ids.empty()) return out;
  store::Params params;
  const auto list = in_list(ids, "e", params);
  for (const auto& r : db.query("SELECT id, name FROM establishment WHERE {{tenant}} AND id IN (" + list + ")", params))
    out[r.integer("id")] = r.text("name");
  return out;
}

bool category_in_organisation(const store::Scoped& db, const std::string& category) {
  return db.query_one("SELECT id FROM establishment WHERE {{tenant}} AND category_code = :c", {{"c", category}})
      .has_value();
}

std::vector<Objective> objectives_of(const store::Scoped& db, std::int64_t cpom_id) {
  std::vector<Objective> out;
  for (const auto& r : db.query("SELECT id, cpom_id, parent_id, title FROM cpom_objective "
                                "WHERE {{tenant}} AND cpom_id = :c ORDER BY id",
                                {{"c", cpom_id}}))
    out.push_back({r.integer("id"), r.integer("cpom_id"), r.optional_integer("parent_id"), r.text("title")});
  return out;
}

std::int64_t insert_objective(const store::Scoped& db, const Objective& o) {
  const auto now = now_iso8601();
  return db.insert_returning_id(
      "INSERT INTO cpom_objective (organisation_id, cpom_id, parent_id, title, created_at, updated_at) "
      "VALUES ({{tenant_id}}, :c, :parent, :title, :now, :now2) RETURNING id",
      {{"c", o.cpom_id}, {"parent", store::nullable(o.parent_id)}, {"title", o.title}, {"now", now}, {"now2", now}});
}

void update_objective(const store::Scoped& db, const Objective& o) {
  db.execute(
      "UPDATE cpom_objective SET title = :title, parent_id = :parent, updated_at = :now "
      "WHERE {{tenant}} AND id = :id AND cpom_id = :c",
      {{"title", o.title},
       {"parent", store::nullable(o.parent_id)},
       {"now", now_iso8601()},
       {"id", o.id},
       {"c", o.cpom_id}});
}

std::vector<Sheet> sheets_of(const store::Scoped& db, std::int64_t cpom_id) {
  std::vector<Sheet> out;
  for (const auto& r : db.query("SELECT id, cpom_id, organisation_id, objective_id, title, description, owner, "
                                "created_by, created_at, updated_at FROM cpom_sheet WHERE {{tenant}} AND cpom_id = :c "
                                "ORDER BY id",
                                {{"c", cpom_id}}))
    out.push_back(sheet_from(r));
  load_contents(db, out, cpom_id, std::nullopt);
  return out;
}

std::optional<Sheet> find_sheet(const store::Scoped& db, std::int64_t cpom_id, std::int64_t sheet_id) {
  auto r = db.query_one(
      "SELECT id, cpom_id, organisation_id, objective_id, title, description, owner, created_by, "
      "created_at, updated_at FROM cpom_sheet WHERE {{tenant}} AND cpom_id = :c AND id = :s",
      {{"c", cpom_id}, {"s", sheet_id}});
  if (!r) return std::nullopt;
  std::vector<Sheet> one{sheet_from(*r)};
  load_contents(db, one, cpom_id, sheet_id);
  one.front().comments = comments_of(db, sheet_id);
  return one.front();
}

std::int64_t insert_sheet(const store::Scoped& db, const Sheet& s) {
  const auto now = now_iso8601();
  return db.insert_returning_id(
      "INSERT INTO cpom_sheet (organisation_id, cpom_id, objective_id, title, description, owner, created_by, "
      "created_at, updated_at) VALUES ({{tenant_id}}, :c, :o, :title, :description, :owner, :by, :now, :now2) "
      "RETURNING id",
      {{"c", s.cpom_id},
       {"o", s.objective_id},
       {"title", s.title},
       {"description", store::nullable(s.description)},
       {"owner", store::nullable(s.owner)},
       {"by", s.created_by},
       {"now", now},
       {"now2", now}});
}

void update_sheet(const store::Scoped& db, const Sheet& s) {
  db.execute(
      "UPDATE cpom_sheet SET objective_id = :o, title = :title, description = :description, owner = :owner, "
      "updated_at = :now WHERE {{tenant}} AND id = :id AND cpom_id = :c",
      {{"o", s.objective_id},
       {"title", s.title},
       {"description", store::nullable(s.description)},
       {"owner", store::nullable(s.owner)},
       {"now", now_iso8601()},
       {"id", s.id},
       {"c", s.cpom_id}});
}

void save_actions(const store::Scoped& db, std::int64_t sheet_id, const std::vector<Action>& current,
                  std::vector<Action>& next) {
  for (const auto& old : current) {
    const bool kept = std::any_of(next.begin(), next.end(), [&](const Action& a) { return a.id == old.id; });
    if (kept) continue;
    db.execute("DELETE FROM cpom_action_establishment WHERE {{tenant}} AND action_id = :a", {{"a", old.id}});
    db.execute("DELETE FROM cpom_action WHERE {{tenant}} AND id = :a AND sheet_id = :s",
               {{"a", old.id}, {"s", sheet_id}});
  }
  for (std::size_t k = 0; k < next.size(); ++k) {
    auto& a = next[k];
    auto params = action_params(a, static_cast<std::int64_t>(k));
    params.push_back({"s", sheet_id});
    if (a.id == 0) {
      a.id = db.insert_returning_id(
          "INSERT INTO cpom_action (organisation_id, sheet_id, position, label, owner, means, start_date, deadline, "
          "status, progress) VALUES ({{tenant_id}}, :s, :position, :label, :owner, :means, :start, :deadline, :status, "
          ":progress) RETURNING id",
          params);
    } else {
      params.push_back({"id", a.id});
      db.execute(
          "UPDATE cpom_action SET position = :position, label = :label, owner = :owner, means = :means, "
          "start_date = :start, deadline = :deadline, status = :status, progress = :progress "
          "WHERE {{tenant}} AND id = :id AND sheet_id = :s",
          params);
    }
    a.sheet_id = sheet_id;
    write_action_establishments(db, a);
  }
}

void save_indicators(const store::Scoped& db, std::int64_t sheet_id, const std::vector<Indicator>& current,
                     std::vector<Indicator>& next) {
  for (const auto& old : current) {
    const bool kept = std::any_of(next.begin(), next.end(), [&](const Indicator& i) { return i.id == old.id; });
    if (kept) continue;
    db.execute("DELETE FROM cpom_indicator_value WHERE {{tenant}} AND indicator_id = :i", {{"i", old.id}});
    db.execute("DELETE FROM cpom_indicator WHERE {{tenant}} AND id = :i AND sheet_id = :s",
               {{"i", old.id}, {"s", sheet_id}});
  }
  for (std::size_t k = 0; k < next.size(); ++k) {
    auto& i = next[k];
    auto params = indicator_params(i, static_cast<std::int64_t>(k));
    params.push_back({"s", sheet_id});
    if (i.id == 0) {
      i.id = db.insert_returning_id(
          "INSERT INTO cpom_indicator (organisation_id, sheet_id, position, label, unit, higher_is_better, "
          "initial_value, target_value, target_year, computed_id, computed_scope) VALUES ({{tenant_id}}, :s, "
          ":position, "
          ":label, :unit, :higher, :initial, :target, :target_year, :computed_id, :computed_scope) RETURNING id",
          params);
    } else {
      params.push_back({"id", i.id});
      db.execute(
          "UPDATE cpom_indicator SET position = :position, label = :label, unit = :unit, "
          "higher_is_better = :higher, initial_value = :initial, target_value = :target, "
          "target_year = :target_year, computed_id = :computed_id, computed_scope = :computed_scope "
          "WHERE {{tenant}} AND id = :id AND sheet_id = :s",
          params);
    }
    i.sheet_id = sheet_id;
    write_indicator_values(db, i);
  }
}

std::int64_t insert_comment(const store::Scoped& db, const Comment& c) {
  return db.insert_returning_id(
      "INSERT INTO cpom_comment (organisation_id, sheet_id, account_id, author, at, body) "
      "VALUES ({{tenant_id}}, :s, :account, :author, :at, :body) RETURNING id",
      {{"s", c.sheet_id},
       {"account", store::nullable(c.account_id)},
       {"author", c.author},
       {"at", c.at},
       {"body", c.text}});
}

}  // namespace passerelle::modules::steering::cpom
