#include "modules/steering/cpom_json.hpp"

#include <algorithm>

#include "core/json_reader.hpp"
#include "modules/establishments/reference.hpp"

namespace passerelle::modules::steering::cpom {
namespace {

namespace est = modules::establishments;

boost::json::value opt(const std::optional<std::string>& s) { return s ? boost::json::value(*s) : nullptr; }
boost::json::value opt(const std::optional<Date>& d) { return d ? boost::json::value(d->to_string()) : nullptr; }
boost::json::value opt(const std::optional<double>& v) { return v ? boost::json::value(*v) : nullptr; }
boost::json::value opt(const std::optional<bool>& v) { return v ? boost::json::value(*v) : nullptr; }

// Refuses unknown fields of a nested object and adds its errors to `errors`.
void collect(JsonReader& in, std::vector<FieldError>& errors) {
  try {
    in.finish();
  } catch (const Problem& p) {
    errors.insert(errors.end(), p.errors().begin(), p.errors().end());
  }
}

void add(std::vector<FieldError>& errors, const std::vector<FieldError>& more) {
  errors.insert(errors.end(), more.begin(), more.end());
}

std::optional<Date> read_date(JsonReader& in, std::string_view name, bool required) {
  auto text = in.text(name, required, 10);
  if (!text) return std::nullopt;
  auto date = Date::parse(*text);
  if (!date) in.fail(name, "date invalide (AAAA-MM-JJ attendu)");
  return date;
}

// A list of positive ids without duplicates.
std::optional<std::vector<std::int64_t>> read_ids(JsonReader& in, std::string_view name, bool required) {
  const auto* list = in.array(name, required);
  if (!list) return std::nullopt;
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& v = (*list)[i];
    const std::string field = std::string(name) + "/" + std::to_string(i);
    if (!v.is_int64() || v.get_int64() <= 0) {
      in.fail(field, "identifiant attendu");
      continue;
    }
    if (std::find(out.begin(), out.end(), v.get_int64()) != out.end()) {
      in.fail(field, "en double");
      continue;
    }
    out.push_back(v.get_int64());
  }
  return out;
}

std::optional<std::vector<std::string>> read_funders(JsonReader& in, bool required) {
  const auto* list = in.array("funders", required);
  if (!list) return std::nullopt;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& v = (*list)[i];
    if (!v.is_string() || !est::has_code(est::funders(), std::string(v.as_string()))) {
      std::string allowed;
      for (const auto& c : est::funders()) allowed += (allowed.empty() ? "" : ", ") + std::string(c.code);
      in.fail("funders/" + std::to_string(i), "valeur inconnue ; valeurs possibles : " + allowed);
      continue;
    }
    std::string code(v.as_string());
    if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
  }
  return out;
}

// The items of a list with an optional "id": the current item of that id, or null for a new one.
template <class Item>
const Item* previous_of(JsonReader& in, const std::vector<Item>& current, std::vector<std::int64_t>& seen,
                        const char* unknown) {
  auto id = in.integer("id", false, 1);
  if (!id) return nullptr;
  if (std::find(seen.begin(), seen.end(), *id) != seen.end()) {
    in.fail("id", "élément en double dans la liste");
    return nullptr;
  }
  seen.push_back(*id);
  for (const auto& item : current)
    if (item.id == *id) return &item;
  in.fail("id", unknown);
  return nullptr;
}

Action read_action(const boost::json::value& value, const std::vector<Action>& current, std::vector<std::int64_t>& seen,
                   const Cpom& cpom, const std::string& prefix, std::vector<FieldError>& errors) {
  JsonReader in(value, prefix);
  const auto* previous = previous_of(in, current, seen, "action inconnue dans cette fiche");
  Action a = previous ? *previous : Action{};
  const bool fresh = !previous && !in.has("id");
  if (fresh || in.has("label"))
    if (auto v = in.text("label", true, 300)) a.label = *v;
  if (in.has("owner")) a.owner = in.text("owner", false, 200);
  if (in.has("means")) a.means = in.paragraphs("means", false, 2000);
  if (in.has("establishment_ids")) {
    if (auto v = read_ids(in, "establishment_ids", false))
      a.establishment_ids = *v;
    else
      a.establishment_ids.clear();
  }
  if (in.has("start_date")) a.start_date = read_date(in, "start_date", false);
  if (fresh || in.has("deadline"))
    if (auto v = read_date(in, "deadline", true)) a.deadline = *v;
  if (auto v = in.choice("status", false, codes_of(action_statuses()))) a.status = *v;
  if (auto v = in.integer("progress", false, 0, 100))
    a.progress = *v;
  else if (!in.has("progress"))
    a.progress = implied_progress(a.status, previous ? previous->progress : 0);
  const bool parsed = in.ok();
  collect(in, errors);
  if (parsed) add(errors, action_errors(a, cpom, prefix));
  return a;
}

Indicator read_indicator(const boost::json::value& value, const std::vector<Indicator>& current,
                         std::vector<std::int64_t>& seen, const Cpom& cpom, const std::string& prefix,
                         std::vector<FieldError>& errors) {
  JsonReader in(value, prefix);
  const auto* previous = previous_of(in, current, seen, "indicateur inconnu dans cette fiche");
  Indicator i = previous ? *previous : Indicator{};
  const bool fresh = !previous && !in.has("id");
  if (fresh || in.has("label"))
    if (auto v = in.text("label", true, 300)) i.label = *v;
  if (in.has("computed_id")) i.computed_id = in.text("computed_id", false, 32);
  if (in.has("computed_scope")) i.computed_scope = in.text("computed_scope", false, 64);
  // A linked indicator takes the computed indicator's unit and direction unless told otherwise (then checked).
  const auto linked = i.computed_id ? linkable(*i.computed_id) : std::nullopt;
  if (auto v = in.choice("unit", false, codes_of(units())))
    i.unit = *v;
  else if (linked && !in.has("unit"))
    i.unit = linked->unit;
  if (auto v = in.boolean("higher_is_better", false)) {
    i.higher_is_better = *v;
    if (linked && *v != linked->higher_is_better)
      in.fail("higher_is_better", "le sens d'un indicateur lié est celui de l'indicateur calculé");
  } else if (linked) {
    i.higher_is_better = linked->higher_is_better;
  }
  if (in.has("initial_value")) i.initial_value = in.number("initial_value", false);
  if (fresh || in.has("target_value"))
    if (auto v = in.number("target_value", true)) i.target_value = *v;
  if (fresh || in.has("target_year"))
    if (auto v = in.integer("target_year", true, 1900, 2200)) i.target_year = static_cast<int>(*v);
  if (const auto* list = in.array("values", false)) {
    i.values.clear();
    for (std::size_t k = 0; k < list->size(); ++k) {
      JsonReader item((*list)[k], prefix + "values/" + std::to_string(k) + "/");
      YearValue yv;
      if (auto v = item.integer("year", true, 1900, 2200)) yv.year = static_cast<int>(*v);
      if (auto v = item.number("value", true)) yv.value = *v;
      collect(item, errors);
      i.values.push_back(yv);
    }
  } else if (in.has("values")) {
    i.values.clear();  // null: no value recorded
  }
  const bool parsed = in.ok();
  collect(in, errors);
  if (parsed) add(errors, indicator_errors(i, cpom, prefix));
  return i;
}

}  // namespace

Cpom read_cpom(const boost::json::value& body, const Cpom* current) {
  JsonReader in(body);
  Cpom c = current ? *current : Cpom{};
  const bool fresh = !current;
  if (auto v = in.text("name", fresh, 200))
    c.name = *v;
  else if (!fresh && in.has("name"))
    in.fail("name", "ce champ est obligatoire");
  if (auto v = read_funders(in, fresh)) c.funders = *v;
  if (auto v = read_ids(in, "establishment_ids", fresh)) c.establishment_ids = *v;
  if (auto v = read_ids(in, "reader_ids", false))
    c.reader_ids = *v;
  else if (in.has("reader_ids"))
    c.reader_ids.clear();
  if (auto v = read_date(in, "start_date", fresh)) c.start_date = *v;
  if (auto v = read_date(in, "end_date", fresh)) c.end_date = *v;
  if (auto v = in.choice("status", false, codes_of(cpom_statuses()))) c.status = *v;
  if (in.ok())
    for (const auto& e : cpom_errors(c)) in.fail(e.field, e.message);
  in.finish();
  return c;
}

Objective read_objective(const boost::json::value& body, const Objective* current) {
  JsonReader in(body);
  Objective o = current ? *current : Objective{};
  if (auto v = in.text("title", !current, 300))
    o.title = *v;
  else if (current && in.has("title"))
    in.fail("title", "ce champ est obligatoire");
  if (in.has("parent_id")) o.parent_id = in.integer("parent_id", false, 1);
  in.finish();
  return o;
}

Sheet read_sheet(const boost::json::value& body, const Sheet* current, const Cpom& cpom) {
  JsonReader in(body);
  Sheet s = current ? *current : Sheet{};
  const bool fresh = !current;
  if (auto v = in.integer("objective_id", fresh, 1)) s.objective_id = *v;
  if (auto v = in.text("title", fresh, 300))
    s.title = *v;
  else if (!fresh && in.has("title"))
    in.fail("title", "ce champ est obligatoire");
  if (in.has("description")) s.description = in.paragraphs("description", false, 4000);
  if (in.has("owner")) s.owner = in.text("owner", false, 200);
  std::vector<FieldError> errors;
  const std::vector<Action> no_actions;
  const std::vector<Indicator> no_indicators;
  if (const auto* list = in.array("actions", false)) {
    std::vector<Action> next;
    std::vector<std::int64_t> seen;
    for (std::size_t k = 0; k < list->size(); ++k)
      next.push_back(read_action((*list)[k], current ? current->actions : no_actions, seen, cpom,
                                 "actions/" + std::to_string(k) + "/", errors));
    s.actions = std::move(next);
  }
  if (const auto* list = in.array("indicators", false)) {
    std::vector<Indicator> next;
    std::vector<std::int64_t> seen;
    for (std::size_t k = 0; k < list->size(); ++k)
      next.push_back(read_indicator((*list)[k], current ? current->indicators : no_indicators, seen, cpom,
                                    "indicators/" + std::to_string(k) + "/", errors));
    s.indicators = std::move(next);
  }
  collect(in, errors);
  if (!errors.empty()) throw Problem::invalid(errors);
  return s;
}

Comment read_comment(const boost::json::value& body) {
  JsonReader in(body);
  Comment c;
  if (auto v = in.paragraphs("text", true, 4000)) c.text = *v;
  in.finish();
  return c;
}

boost::json::object to_json(const Cpom& c, const Names& names, bool writer, std::optional<double> progress) {
  boost::json::array funders, establishments, readers;
  for (const auto& f : c.funders) funders.push_back({{"code", f}, {"label", est::label_of(est::funders(), f)}});
  for (auto id : c.establishment_ids) {
    auto it = names.establishments.find(id);
    establishments.push_back({{"id", id}, {"name", it == names.establishments.end() ? "" : it->second}});
  }
  for (auto id : c.reader_ids) {
    auto it = names.accounts.find(id);
    boost::json::object r{{"account_id", id},
                          {"display_name", it == names.accounts.end() ? "" : it->second.display_name}};
    if (writer && it != names.accounts.end()) r["email"] = it->second.email;
    readers.push_back(std::move(r));
  }
  return {{"id", c.id},
          {"organisation_id", c.organisation_id},
          {"name", c.name},
          {"funders", std::move(funders)},
          {"establishments", std::move(establishments)},
          {"readers", std::move(readers)},
          {"start_date", c.start_date.to_string()},
          {"end_date", c.end_date.to_string()},
          {"status", c.status},
          {"status_label", label_of(cpom_statuses(), c.status)},
          {"progress", opt(progress)},
          {"can_write", writer},
          {"created_by", c.created_by},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at}};
}

boost::json::object to_json(const Objective& o) {
  return {{"id", o.id},
          {"cpom_id", o.cpom_id},
          {"parent_id", o.parent_id ? boost::json::value(*o.parent_id) : nullptr},
          {"level", o.strategic() ? "strategic" : "operational"},
          {"title", o.title}};
}

boost::json::object to_json(const Sheet& s, const std::map<std::int64_t, Current>& current, Date today) {
  boost::json::array actions, indicators, comments;
  int late = 0;
  for (const auto& a : s.actions) {
    boost::json::array establishments;
    for (auto e : a.establishment_ids) establishments.push_back(e);
    const bool behind = is_late(a, today);
    late += behind ? 1 : 0;
    actions.push_back({{"id", a.id},
                       {"label", a.label},
                       {"owner", opt(a.owner)},
                       {"means", opt(a.means)},
                       {"establishment_ids", std::move(establishments)},
                       {"start_date", opt(a.start_date)},
                       {"deadline", a.deadline.to_string()},
                       {"status", a.status},
                       {"status_label", label_of(action_statuses(), a.status)},
                       {"progress", a.progress},
                       {"late", behind}});
  }
  for (const auto& i : s.indicators) {
    boost::json::array values;
    for (const auto& v : i.values) values.push_back({{"year", v.year}, {"value", v.value}});
    auto found = current.find(i.id);
    const std::optional<double> computed = found == current.end() ? std::nullopt : found->second.value;
    const auto latest = latest_value(i, computed);
    boost::json::value now = nullptr;
    if (found != current.end())
      now = boost::json::object{{"value", opt(found->second.value)},
                                {"from", found->second.from.to_string()},
                                {"to", found->second.to.to_string()}};
    const auto linked = i.computed_id ? linkable(*i.computed_id) : std::nullopt;
    indicators.push_back({{"id", i.id},
                          {"label", i.label},
                          {"unit", i.unit},
                          {"unit_label", label_of(units(), i.unit)},
                          {"higher_is_better", i.higher_is_better},
                          {"initial_value", opt(i.initial_value)},
                          {"target_value", i.target_value},
                          {"target_year", i.target_year},
                          {"values", std::move(values)},
                          {"computed_id", opt(i.computed_id)},
                          {"computed_label", linked ? boost::json::value(linked->label) : nullptr},
                          {"computed_scope", opt(i.computed_scope)},
                          {"current", std::move(now)},
                          {"latest_value", opt(latest)},
                          {"target_reached", opt(target_reached(i, latest))}});
  }
  for (const auto& c : s.comments)
    comments.push_back({{"id", c.id}, {"author", c.author}, {"at", c.at}, {"text", c.text}});
  return {{"id", s.id},
          {"cpom_id", s.cpom_id},
          {"objective_id", s.objective_id},
          {"title", s.title},
          {"description", opt(s.description)},
          {"owner", opt(s.owner)},
          {"progress", opt(sheet_progress(s.actions))},
          {"late_actions", late},
          {"actions", std::move(actions)},
          {"indicators", std::move(indicators)},
          {"comments", std::move(comments)},
          {"created_by", s.created_by},
          {"created_at", s.created_at},
          {"updated_at", s.updated_at}};
}

boost::json::object reference_json() {
  auto codes = [](const std::vector<Code>& list) {
    boost::json::array out;
    for (const auto& c : list) out.push_back({{"code", c.code}, {"label", c.label}});
    return out;
  };
  boost::json::array funders, indicators;
  for (const auto& f : est::funders()) funders.push_back({{"code", f.code}, {"label", f.label}});
  for (const auto& l : linkables())
    indicators.push_back(
        {{"id", l.id}, {"label", l.label}, {"unit", l.unit}, {"higher_is_better", l.higher_is_better}});
  return {{"statuses", codes(cpom_statuses())},
          {"action_statuses", codes(action_statuses())},
          {"units", codes(units())},
          {"funders", std::move(funders)},
          {"computed_indicators", std::move(indicators)},
          {"longest_years", longest_years}};
}

}  // namespace passerelle::modules::steering::cpom
