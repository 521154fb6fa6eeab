#include "modules/persons/store.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "store/fact_changes.hpp"
#include "store/multi_row.hpp"

namespace passerelle::modules::persons {

const char* const person_columns =
    "SELECT p.id, p.organisation_id, p.registered_establishment_id, p.birth_name, p.used_name, p.first_names, "
    "p.used_first_name, p.sex, p.birth_date, p.birth_place, p.nir, p.identity_status, p.identity_document, "
    "p.identity_checked_by, p.identity_checked_at, p.merged_into, p.created_at, p.updated_at FROM person p ";

Person person_from(const store::Row& r) {
  Person p;
  p.id = r.integer("id");
  p.organisation_id = r.integer("organisation_id");
  p.registered_establishment_id = r.integer("registered_establishment_id");
  auto& i = p.identity;
  i.birth_name = r.text("birth_name");
  i.used_name = r.optional_text("used_name");
  i.first_names = split(r.text("first_names"), '\t');
  i.used_first_name = r.optional_text("used_first_name");
  i.sex = r.text("sex");
  i.birth_date = r.text("birth_date");
  i.birth_place = r.optional_text("birth_place");
  i.nir = r.optional_text("nir");
  i.identity_status = r.text("identity_status");
  i.identity_document = r.optional_text("identity_document");
  p.identity_checked_by = r.optional_text("identity_checked_by");
  p.identity_checked_at = r.optional_text("identity_checked_at");
  p.merged_into = r.optional_integer("merged_into");
  p.created_at = r.text("created_at");
  p.updated_at = r.text("updated_at");
  return p;
}

namespace {

std::string joined_first_names(const Identity& i) {
  std::string out;
  for (const auto& f : i.first_names) out += (out.empty() ? "" : "\t") + f;
  return out;
}

store::Params identity_params(const Identity& i) {
  return {{"birth_name", i.birth_name}, {"used_name", store::nullable(i.used_name)},
          {"first_names", joined_first_names(i)}, {"used_first_name", store::nullable(i.used_first_name)},
          {"sex", i.sex}, {"birth_date", i.birth_date}, {"birth_place", store::nullable(i.birth_place)},
          {"nir", store::nullable(i.nir)}, {"status", i.identity_status},
          {"document", store::nullable(i.identity_document)}, {"search", search_text_of(i)}, {"now", now_iso8601()}};
}

}  // namespace

std::string visible(const Visibility& v, store::Params& params) {
  if (!v.only) return "";
  if (v.only->empty()) return " AND 1=0";
  std::string list;
  for (std::size_t i = 0; i < v.only->size(); ++i) {
    const auto name = "v" + std::to_string(i);
    list += (i ? ", :" : ":") + name;
    params.push_back({name, (*v.only)[i]});
  }
  return " AND (p.registered_establishment_id IN (" + list +
         ") OR EXISTS (SELECT 1 FROM stay vs WHERE vs.person_id = p.id AND vs.establishment_id IN (" + list + ")))";
}

namespace {

}  // namespace

const char* const stay_columns =
    "SELECT s.id, s.person_id, s.establishment_id, s.care_mode, s.admission_date, s.origin, s.discharge_date, "
    "s.destination, s.discharge_reason, s.transfer_from_stay_id, "
    "(SELECT n.id FROM stay n WHERE n.transfer_from_stay_id = s.id) AS transferred_to_stay_id FROM stay s";

Stay stay_from(const store::Row& r) {
  Stay s;
  s.id = r.integer("id");
  s.person_id = r.integer("person_id");
  s.establishment_id = r.integer("establishment_id");
  s.care_mode = r.text("care_mode");
  s.admission_date = *Date::parse(r.text("admission_date"));
  s.origin = r.text("origin");
  if (auto d = r.optional_text("discharge_date")) s.discharge_date = Date::parse(*d);
  s.destination = r.optional_text("destination");
  s.discharge_reason = r.optional_text("discharge_reason");
  s.transfer_from_stay_id = r.optional_integer("transfer_from_stay_id");
  s.transferred_to_stay_id = r.optional_integer("transferred_to_stay_id");
  return s;
}

namespace {

Decision decision_from(const store::Row& r) {
  Decision d;
  d.id = r.integer("id");
  d.person_id = r.integer("person_id");
  d.mdph_number = r.optional_text("mdph_number");
  d.decision_reference = r.text("decision_reference");
  d.decision_date = *Date::parse(r.text("decision_date"));
  d.category_code = r.text("category_code");
  d.valid_from = *Date::parse(r.text("valid_from"));
  d.valid_to = *Date::parse(r.text("valid_to"));
  d.creton = r.integer("creton") != 0;
  return d;
}

constexpr const char* decision_columns =
    "d.id, d.person_id, d.mdph_number, d.decision_reference, d.decision_date, d.category_code, d.valid_from, "
    "d.valid_to, d.creton";

// Persons, stays: up to 400 to a statement (fewer on SQLite, see store::rows_per_statement).
constexpr std::size_t most_rows_per_statement = 400;

// The person's name tokens, in one statement (a record has a handful: one round trip, not one each).
void insert_name_tokens(const store::Scoped& db, std::int64_t person_id, const Identity& identity) {
  store::MultiRow rows("INSERT INTO person_name_token (organisation_id, token, person_id) VALUES ");
  for (const auto& token : name_tokens(identity)) rows.add("({{tenant_id}}, :t, :p)", {{"t", token}, {"p", person_id}});
  rows.flush(db);
}

}  // namespace

std::int64_t insert_person(const store::Scoped& db, std::int64_t establishment_id, const Identity& identity) {
  auto params = identity_params(identity);
  params.push_back({"est", establishment_id});
  params.push_back({"now2", now_iso8601()});
  const auto id = db.insert_returning_id(
      "INSERT INTO person (organisation_id, registered_establishment_id, birth_name, used_name, first_names, "
      "used_first_name, sex, birth_date, birth_place, nir, identity_status, identity_document, search_text, created_at, "
      "updated_at) VALUES ({{tenant_id}}, :est, :birth_name, :used_name, :first_names, :used_first_name, :sex, "
      ":birth_date, :birth_place, :nir, :status, :document, :search, :now, :now2) RETURNING id",
      params);
  // A new record: no tokens to delete; its names are searchable from its establishment of registration.
  insert_name_tokens(db, id, identity);
  db.execute("INSERT INTO person_name_token_visible (organisation_id, establishment_id, token, person_id) "
             "SELECT organisation_id, :e, token, person_id FROM person_name_token WHERE {{tenant}} AND person_id = :p",
             {{"e", establishment_id}, {"p", id}});
  return id;
}

void insert_persons(const store::Scoped& db, const std::vector<NewPerson>& persons) {
  // 16 parameters a person; its name tokens (a handful) take 3 and 4 each, in statements of their own.
  const auto per_statement = store::rows_per_statement(db.backend(), 16, most_rows_per_statement);
  for (std::size_t first = 0; first < persons.size(); first += per_statement) {
    const auto last = std::min(persons.size(), first + per_statement);
    store::MultiRow rows(
        "INSERT INTO person (id, organisation_id, registered_establishment_id, birth_name, used_name, first_names, "
        "used_first_name, sex, birth_date, birth_place, nir, identity_status, identity_document, search_text, "
        "created_at, updated_at) VALUES ");
    store::MultiRow tokens("INSERT INTO person_name_token (organisation_id, token, person_id) VALUES ");
    store::MultiRow visible(
        "INSERT INTO person_name_token_visible (organisation_id, establishment_id, token, person_id) VALUES ");
    for (std::size_t i = first; i < last; ++i) {
      const auto& p = persons[i];
      auto params = identity_params(p.identity);
      std::erase_if(params, [](const store::Param& x) { return x.name == "now"; });  // created_at is the caller's
      params.push_back({"id", p.id});
      params.push_back({"est", p.establishment_id});
      params.push_back({"created", p.created_at});
      params.push_back({"created2", p.created_at});
      rows.add("(:id, {{tenant_id}}, :est, :birth_name, :used_name, :first_names, :used_first_name, :sex, :birth_date, "
               ":birth_place, :nir, :status, :document, :search, :created, :created2)",
               params);
      for (const auto& token : name_tokens(p.identity)) {
        tokens.add("({{tenant_id}}, :t, :p)", {{"t", token}, {"p", p.id}});
        visible.add("({{tenant_id}}, :e, :t, :p)", {{"e", p.establishment_id}, {"t", token}, {"p", p.id}});
      }
    }
    rows.flush(db);
    tokens.flush(db);
    visible.flush(db);
  }
}

void replace_name_tokens(const store::Scoped& db, std::int64_t person_id, const Identity& identity) {
  db.execute("DELETE FROM person_name_token WHERE {{tenant}} AND person_id = :p", {{"p", person_id}});
  insert_name_tokens(db, person_id, identity);
  refresh_visible_tokens(db, person_id);
}

void refresh_visible_tokens(const store::Scoped& db, std::int64_t person_id) {
  db.execute("DELETE FROM person_name_token_visible WHERE {{tenant}} AND person_id = :p", {{"p", person_id}});
  db.execute("INSERT INTO person_name_token_visible (organisation_id, establishment_id, token, person_id) "
             "SELECT DISTINCT t.organisation_id, e.establishment_id, t.token, t.person_id FROM person_name_token t "
             "JOIN (SELECT id AS person_id, registered_establishment_id AS establishment_id FROM person WHERE id = :p1 "
             "UNION SELECT person_id, establishment_id FROM stay WHERE person_id = :p2) e ON e.person_id = t.person_id "
             "WHERE {{tenant:t.organisation_id}} AND t.person_id = :p3",
             {{"p1", person_id}, {"p2", person_id}, {"p3", person_id}});
}

void update_person(const store::Scoped& db, std::int64_t id, const Identity& identity) {
  auto params = identity_params(identity);
  params.push_back({"id", id});
  db.execute("UPDATE person SET birth_name = :birth_name, used_name = :used_name, first_names = :first_names, "
             "used_first_name = :used_first_name, sex = :sex, birth_date = :birth_date, birth_place = :birth_place, "
             "nir = :nir, identity_status = :status, identity_document = :document, search_text = :search, "
             "updated_at = :now WHERE {{tenant}} AND id = :id",
             params);
  replace_name_tokens(db, id, identity);
}

void mark_identity_checked(const store::Scoped& db, std::int64_t id, const std::string& by) {
  db.execute("UPDATE person SET identity_checked_by = :by, identity_checked_at = :now WHERE {{tenant}} AND id = :id",
             {{"by", by}, {"now", now_iso8601()}, {"id", id}});
}

std::optional<Person> find_person(const store::Scoped& db, std::int64_t id, const Visibility& visibility) {
  store::Params params{{"id", id}};
  const auto where = visible(visibility, params);
  auto row = db.query_one(std::string(person_columns) + "WHERE {{tenant:p.organisation_id}} AND p.id = :id" + where, params);
  if (!row) return std::nullopt;
  return person_from(*row);
}

namespace {

// The greatest code point: "mar" <= token <= "mar" + this is "token starts with mar" in byte order.
const std::string highest = "\xF4\x8F\xBF\xBF";

// "YYYY" or "YYYY-MM-DD" as a range of birth_date ("YYYY" alone is a partial date of that year).
std::pair<std::string, std::string> birth_range(const std::string& birth) {
  return birth.size() == 4 ? std::pair{birth, birth + "-99"} : std::pair{birth, birth};
}

// Filters shared by the search plans: birth date, NIR, visibility, not merged.
// `suffix` keeps parameter names apart when the filters appear in several branches of a query.
std::string search_filters(const SearchQuery& q, const Visibility& visibility, store::Params& params,
                           const std::string& suffix = "") {
  std::string where = " AND p.merged_into IS NULL" + visible(visibility, params);
  if (q.birth_date) {
    const auto [lo, hi] = birth_range(*q.birth_date);
    where += " AND p.birth_date >= :birth_lo" + suffix + " AND p.birth_date <= :birth_hi" + suffix;
    params.push_back({"birth_lo" + suffix, lo});
    params.push_back({"birth_hi" + suffix, hi});
  }
  if (q.nir) {
    where += " AND p.nir = :nir" + suffix;
    params.push_back({"nir" + suffix, *q.nir});
  }
  return where;
}

// Where a word's tokens are read: the whole organisation, or one establishment's visible names.
struct TokenSource {
  std::optional<std::int64_t> establishment;
  std::string table() const { return establishment ? "person_name_token_visible" : "person_name_token"; }
  std::string where(const std::string& alias, store::Params& params, const std::string& suffix) const {
    std::string out = "{{tenant:" + alias + ".organisation_id}}";
    if (establishment) {
      out += " AND " + alias + ".establishment_id = :est" + suffix;
      params.push_back({"est" + suffix, *establishment});
    }
    return out;
  }
};

// A word with fewer names than this is "rare" (counted exactly); tests lower it (store.hpp).
std::int64_t estimate_cap = 5000;
// PostgreSQL: a word too common to count whose planner estimate is under this many names is hashed
// (0.2 µs a name); a commoner one is probed per name read (about 5 µs: a word of 13,000 names of
// 400,000 persons matches one person in 30 or so, 600 probes for a page, as long as hashing it).
std::int64_t hash_below = 13000;

// PostgreSQL's estimate of the names starting with each word (one EXPLAIN, no row read): counting a
// common word exactly costs as much as hashing it, and the planner's estimate of a range holding
// thousands of names is close (within 20 % on the generated data; under a few hundred it is often
// ten times off, which the exact count covers). Nothing when the plan cannot be read.
std::optional<std::vector<std::int64_t>> planner_estimates(const store::Scoped& db, const TokenSource& source,
                                                           const std::vector<std::string>& words) {
  store::Params params;
  std::string sql = "EXPLAIN ";
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto n = std::to_string(i);
    sql += (i ? " UNION ALL " : "") + std::string("SELECT t") + n + ".person_id FROM " + source.table() + " t" + n +
           " WHERE " + source.where("t" + n, params, "_" + n) + " AND t" + n + ".token >= :lo" + n + " AND t" + n +
           ".token <= :hi" + n;
    params.push_back({"lo" + n, words[i]});
    params.push_back({"hi" + n, words[i] + highest});
  }
  // One scan line per word ("… Scan … on person_name_token… (cost=… rows=N width=…)"), in order;
  // a bitmap scan's index line repeats its heap line's estimate.
  std::vector<std::int64_t> out;
  for (const auto& r : db.query(sql, params)) {
    const auto line = r.text(r.name(0));
    if (line.find("Scan") == std::string::npos || line.find("Bitmap Index Scan") != std::string::npos) continue;
    const auto at = line.find(" rows=");
    if (at == std::string::npos) continue;
    try {
      out.push_back(std::stoll(line.substr(at + 6)));
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }
  if (out.size() != words.size()) return std::nullopt;
  return out;
}

// How many tokens start with each word (capped, summed over the sources): to drive with the
// rarest word. One statement for all of them (PostgreSQL pays a round trip per statement).
std::vector<std::int64_t> estimates(const store::Scoped& db, const std::vector<TokenSource>& sources,
                                    const std::vector<std::string>& words, std::int64_t cap = estimate_cap) {
  store::Params params;
  std::string sql;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string sum;
    for (std::size_t s = 0; s < sources.size(); ++s) {
      const auto n = std::to_string(i) + "_" + std::to_string(s);
      const auto where = sources[s].where("t" + n, params, "_" + n);
      sum += (s ? " + " : "") + std::string("(SELECT COUNT(*) FROM (SELECT 1 FROM ") + sources[s].table() + " t" + n +
             " WHERE " + where + " AND t" + n + ".token >= :lo_" + n + " AND t" + n + ".token <= :hi_" + n +
             " LIMIT :cap_" + n + ") x" + n + ")";
      params.push_back({"lo_" + n, words[i]});
      params.push_back({"hi_" + n, words[i] + highest});
      params.push_back({"cap_" + n, cap});
    }
    sql += (i ? ", " : "SELECT ") + sum + " AS n" + std::to_string(i);
  }
  std::vector<std::int64_t> out(words.size(), 0);
  if (auto row = db.query_one(sql, params))
    for (std::size_t i = 0; i < words.size(); ++i) out[i] = row->integer("n" + std::to_string(i));
  return out;
}

// "p.search_text LIKE '% word%'": a name of p starts with the word (search_text is " " and the
// names' tokens separated by spaces), checked on the person row already read, without a probe.
std::string name_like(const std::string& word, const std::string& param, store::Params& params) {
  std::string pattern = "% ";
  for (const char c : word) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  params.push_back({param, pattern + "%"});
  return " AND p.search_text LIKE :" + param + " ESCAPE '\\'";
}

// "<alias>.person_id IN (the persons born in that year)": read from the index on (organisation,
// birth date, id) alone.
std::string born_in_set(const std::string& alias, const std::string& birth, store::Params& params,
                        const std::string& suffix = "") {
  const auto [lo, hi] = birth_range(birth);
  params.push_back({"byear_lo" + suffix, lo});
  params.push_back({"byear_hi" + suffix, hi});
  return alias + ".person_id IN (SELECT b" + suffix + ".id FROM person b" + suffix + " WHERE {{tenant:b" + suffix +
         ".organisation_id}} AND b" + suffix + ".birth_date >= :byear_lo" + suffix + " AND b" + suffix +
         ".birth_date <= :byear_hi" + suffix + ")";
}

std::string born_in(const std::string& alias, const std::string& birth, store::Params& params,
                    const std::string& suffix = "") {
  return " AND " + born_in_set(alias, birth, params, suffix);
}

// " AND EXISTS (a token of p starting with each word)" for the words other than the driving one.
// " AND …" requiring a token of p starting with each word other than the driving one. Either a
// probe per candidate row (EXISTS: cheap on SQLite, and when the row count is small), or, on
// PostgreSQL, a semi-join against the word's whole range when that range is known to be small
// (`counts[i]` under the cap): a hash of a few thousand ids beats thousands of probes there.
std::string other_words(const store::Scoped& db, const std::vector<std::string>& words, std::size_t driving,
                        const std::vector<std::int64_t>& counts, store::Params& params, const std::string& suffix = "") {
  std::string where;
  const bool postgresql = db.backend() == store::Backend::postgresql;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i == driving) continue;
    const auto n = std::to_string(i) + suffix;
    if (postgresql && counts[i] < estimate_cap)
      where += " AND p.id IN (SELECT w" + n + ".person_id FROM person_name_token w" + n + " WHERE {{tenant:w" + n +
               ".organisation_id}} AND w" + n + ".token >= :lo" + n + " AND w" + n + ".token <= :hi" + n + ")";
    else if (postgresql) {
      // A common word on PostgreSQL: checked on the person row read anyway (a probe reads the
      // person's names from the table, tens of microseconds each).
      where += name_like(words[i], "like" + n, params);
      continue;
    } else
      // LIMIT 1 keeps PostgreSQL from turning the probe into a semi-join over the whole range.
      where += " AND EXISTS (SELECT 1 FROM person_name_token w" + n + " WHERE w" + n + ".person_id = p.id AND w" + n +
               ".token >= :lo" + n + " AND w" + n + ".token <= :hi" + n + " LIMIT 1)";
    params.push_back({"lo" + n, words[i]});
    params.push_back({"hi" + n, words[i] + highest});
  }
  return where;
}

std::string person_select(const std::string& token_expression) {
  const std::string columns = std::string(person_columns).substr(7);  // without "SELECT "
  return "SELECT " + token_expression + " AS matched_token, " + columns.substr(0, columns.find(" FROM person p "));
}

// One statement (both databases): the driving word's names read in the index's order from the cursor
// (no sort, no grouping: the statement stops as soon as the page is full), each kept when its person
// is born in the year and has a name starting with each other word, and when no earlier name of the
// person starts the driving word (the person is listed at its first such name); then the person's
// row read and checked (visibility, not merged). Every check is a filter on the name read, written
// so that PostgreSQL neither turns it into a join (a hash join would lose the order and read the
// whole range to sort it) nor chooses from its estimates of the ranges (often ten times off):
// - a birth year and the other words: their persons hashed once from the indexes alone (0.2–0.3 µs
//   a name), then one lookup per name read;
// - the words marked `probed` (too common to hash cheaply) checked by a probe of the person's names
//   instead (`person_name_token_by_person` holds the token: an index-only probe of about 5 µs, on
//   the names that passed the hashed filters only).
SearchPage streamed(const store::Scoped& db, const SearchQuery& q, const Visibility& visibility,
                    const TokenSource& source, const std::vector<std::string>& words, std::size_t driving,
                    const std::vector<bool>& probed, std::int64_t limit,
                    const std::optional<SearchPosition>& after) {
  store::Params params{{"lo", words[driving]}, {"hi", words[driving] + highest}, {"limit", limit + 1},
                       {"first", words[driving]}};
  const bool postgresql = db.backend() == store::Backend::postgresql;
  // OFFSET 0 (PostgreSQL): keeps a subquery as written (SQLite runs them as written anyway).
  const std::string fence = postgresql ? " OFFSET 0" : "";
  std::string names = source.where("x", params, "") + " AND x.token >= :lo AND x.token <= :hi";
  if (after) {
    names += " AND (x.token > :after_token OR (x.token = :after_token2 AND x.person_id > :after_id))";
    params.push_back({"after_token", after->token});
    params.push_back({"after_token2", after->token});
    params.push_back({"after_id", after->person_id});
  }
  std::string where;
  if (q.birth_date && q.birth_date->size() == 4) where += " AND (" + born_in_set("x", *q.birth_date, params) + ") IS TRUE";
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i == driving) continue;
    const auto n = std::to_string(i);
    params.push_back({"wlo" + n, words[i]});
    params.push_back({"whi" + n, words[i] + highest});
    // PostgreSQL evaluates the hashed filters before the probes (cheaper per row): a probe is only
    // run on the names that passed the birth year and the hashed words.
    if (probed[i])
      // OFFSET 0: PostgreSQL may not turn the probe into a hash of the word's persons.
      where += " AND (EXISTS (SELECT 1 FROM person_name_token w" + n + " WHERE w" + n + ".person_id = x.person_id AND {{tenant:w" +
               n + ".organisation_id}} AND w" + n + ".token >= :wlo" + n + " AND w" + n + ".token <= :whi" + n + fence +
               ")) IS TRUE";
    else
      where += " AND (x.person_id IN (SELECT w" + n + ".person_id FROM " + source.table() + " w" + n + " WHERE " +
               source.where("w" + n, params, "_w" + n) + " AND w" + n + ".token >= :wlo" + n + " AND w" + n +
               ".token <= :whi" + n + ")) IS TRUE";
  }
  where += " AND (NOT EXISTS (SELECT 1 FROM person_name_token f WHERE f.person_id = x.person_id AND "
           "{{tenant:f.organisation_id}} AND f.token >= :first AND f.token < x.token" + fence + ")) IS TRUE";
  // Names of an establishment's range are visible by construction.
  where += search_filters(q, source.establishment ? Visibility{} : visibility, params);
  // PostgreSQL: the names read in order by a subquery, the person rows a lookup per name (a plain
  // join lets the planner read the whole person table). SQLite: CROSS JOIN keeps that order of
  // the tables, and the index of the names gives the order of the page.
  const std::string from =
      postgresql ? " FROM (SELECT x.token, x.person_id FROM " + source.table() + " x WHERE " + names +
                       " ORDER BY x.token, x.person_id OFFSET 0) x CROSS JOIN LATERAL (SELECT * FROM person p0 WHERE p0.id = "
                       "x.person_id OFFSET 0) p WHERE {{tenant:p.organisation_id}}"
                 : " FROM " + source.table() + " x CROSS JOIN person p ON p.id = x.person_id WHERE " + names +
                       " AND {{tenant:p.organisation_id}}";
  SearchPage page;
  for (const auto& r : db.query(person_select("x.token") + from + where + " ORDER BY x.token, x.person_id LIMIT :limit",
                                params)) {
    auto person = person_from(r);
    page.positions.push_back({r.text("matched_token"), person.id});
    page.persons.push_back(std::move(person));
  }
  return page;
}

}  // namespace

void set_search_common_from(std::int64_t names) {
  estimate_cap = names;
  hash_below = names < 5000 ? 0 : 13000;  // tests: every word too common to count is probed
}

SearchPage search_persons(const store::Scoped& db, const SearchQuery& q, const Visibility& visibility,
                          std::int64_t limit, const std::optional<SearchPosition>& after) {
  SearchPage page;
  auto add = [&](const store::Row& r, std::string token) {
    auto person = person_from(r);
    // Several establishments' ranges can hold the same person: keep the first.
    if (!page.persons.empty() && page.persons.back().id == person.id && page.positions.back().token == token) return;
    page.positions.push_back({std::move(token), person.id});
    page.persons.push_back(std::move(person));
  };
  if (!q.text) {
    // No name: birth date and NIR are indexed; list by id.
    store::Params params{{"limit", limit + 1}, {"after", after ? after->person_id : 0}};
    const auto where = search_filters(q, visibility, params);
    for (const auto& r : db.query(std::string(person_columns) + "WHERE {{tenant:p.organisation_id}} AND p.id > :after" +
                                      where + " ORDER BY p.id LIMIT :limit",
                                  params))
      add(r, "");
    return page;
  }
  // Each word typed must start a name ("mar dup" finds Marie Dupont and Dupont Martine). One-letter
  // words ("d" of "d'Artagnan") only count when nothing longer was typed.
  auto words = split(*q.text, ' ');
  std::erase_if(words, [](const std::string& w) { return w.empty(); });
  if (std::any_of(words.begin(), words.end(), [](const auto& w) { return w.size() > 1; }))
    std::erase_if(words, [](const std::string& w) { return w.size() < 2; });
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  // A word that starts another one adds nothing ("mari marie": the name starting with "marie"
  // starts with "mari"); sorted, it comes just before.
  for (std::size_t i = 0; i + 1 < words.size();)
    if (words[i + 1].starts_with(words[i])) words.erase(words.begin() + static_cast<std::ptrdiff_t>(i));
    else ++i;

  // Where names are read: one establishment's names when the account sees a few establishments
  // (each range read in order), else the organisation's with the visibility check.
  std::vector<TokenSource> sources;
  if (visibility.only && !visibility.only->empty() && visibility.only->size() <= 12)
    for (auto e : *visibility.only) sources.push_back({e});
  else
    sources.push_back({});

  // The driving word: the one with the fewest names (a rare surname rather than a common first name).
  std::size_t driving = 0;
  std::int64_t fewest = INT64_MAX;
  if (visibility.only && visibility.only->empty()) return page;
  const bool postgresql = db.backend() == store::Backend::postgresql;
  const bool several_filters = words.size() + (q.birth_date ? 1 : 0) >= 2 && sources.size() == 1;
  // One word: nothing to choose, except with a birth year (the plan depends on the word's count).
  std::vector<std::int64_t> counts(words.size(), 0);
  if (words.size() > 1 || several_filters) counts = estimates(db, sources, words);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::int64_t n = counts[i];
    if (n < fewest || (n == fewest && words[i].size() > words[driving].size())) {
      fewest = n;
      driving = i;
    }
  }

  // A full birth date or a NIR: a handful of persons, from their index, each with the first of its
  // names the driving word starts, in the order of that name.
  if (q.nir || (q.birth_date && q.birth_date->size() == 10)) {
    store::Params params{{"limit", limit + 1}, {"dlo", words[driving]}, {"dhi", words[driving] + highest}};
    std::string where = search_filters(q, visibility, params) + other_words(db, words, driving, counts, params);
    std::string cursor;
    if (after) {
      cursor = " AND (x.matched_token > :after_token OR (x.matched_token = :after_token2 AND x.id > :after_id))";
      params.push_back({"after_token", after->token});
      params.push_back({"after_token2", after->token});
      params.push_back({"after_id", after->person_id});
    }
    for (const auto& r : db.query(
             "SELECT * FROM (" +
                 person_select("(SELECT MIN(d.token) FROM person_name_token d WHERE d.person_id = p.id AND d.token >= :dlo "
                               "AND d.token <= :dhi)") +
                 " FROM person p WHERE {{tenant:p.organisation_id}}" + where + ") x WHERE x.matched_token IS NOT NULL" +
                 cursor + " ORDER BY x.matched_token, x.id LIMIT :limit",
             params))
      add(r, r.text("matched_token"));
    return page;
  }

  // Several words, or a word and a birth year, from one source: one statement after the counts,
  // reading the driving word's names in order (`streamed`).
  if (several_filters) {
    // Words too common to count: an estimate of their names (PostgreSQL's planner; on SQLite a count
    // further on) decides which drives (the fewest) and whether each other one is hashed or probed.
    std::vector<std::size_t> uncounted;
    for (std::size_t i = 0; i < words.size(); ++i)
      if (counts[i] >= estimate_cap) uncounted.push_back(i);
    std::vector<bool> probed(words.size(), false);
    if (!uncounted.empty() && words.size() > 1) {
      std::vector<std::string> common;
      for (const auto i : uncounted) common.push_back(words[i]);
      // SQLite counts a range about twenty times faster than PostgreSQL (0.07 µs a name, no round
      // trip): it counts the common words on, up to the hashing limit.
      const auto estimated = postgresql ? planner_estimates(db, sources.front(), common)
                                        : std::optional(estimates(db, sources, common, hash_below));
      for (std::size_t k = 0; k < uncounted.size(); ++k) {
        const auto i = uncounted[k];
        // Unreadable plan: probed (bounded by the names read, where a hash is bounded by nothing known).
        probed[i] = !estimated || (*estimated)[k] >= hash_below;
        if (estimated) counts[i] = std::max(counts[i], (*estimated)[k]);
      }
      if (estimated && uncounted.size() == words.size())
        driving = static_cast<std::size_t>(std::min_element(counts.begin(), counts.end()) - counts.begin());
    }
    return streamed(db, q, visibility, sources.front(), words, driving, probed, limit, after);
  }

  // The driving word's range, read in order: a page costs about `limit` rows even when thousands
  // of persons match, and results come sorted by the name matched.
  store::Params params{{"limit", limit + 1}};
  std::string sql;
  for (std::size_t s = 0; s < sources.size(); ++s) {
    const auto& source = sources[s];
    const auto n = std::to_string(s);
    std::string where = source.where("t", params, n) + " AND t.token >= :lo_" + n + " AND t.token <= :hi_" + n;
    params.push_back({"lo_" + n, words[driving]});
    params.push_back({"hi_" + n, words[driving] + highest});
    if (after) {
      where += " AND (t.token > :after_token_" + n + " OR (t.token = :after_token2_" + n + " AND t.person_id > :after_id_" + n + "))";
      params.push_back({"after_token_" + n, after->token});
      params.push_back({"after_token2_" + n, after->token});
      params.push_back({"after_id_" + n, after->person_id});
    }
    // A person whose several names match is listed once, at the first of them.
    where += " AND NOT EXISTS (SELECT 1 FROM person_name_token f WHERE f.person_id = t.person_id AND f.token >= :first_" + n +
             " AND f.token < t.token)";
    params.push_back({"first_" + n, words[driving]});
    // Names of an establishment's range are visible by construction; the organisation's range is
    // filtered by visibility.
    where += search_filters(q, source.establishment ? Visibility{} : visibility, params, "_" + n);
    where += other_words(db, words, driving, counts, params, "_" + n);
    // PostgreSQL: the year's persons hashed from the index alone, so that the names walked in
    // order are checked without reading their rows.
    if (postgresql && q.birth_date && q.birth_date->size() == 4) where += born_in("t", *q.birth_date, params, "_" + n);
    sql += (s ? " UNION ALL " : "") + std::string("SELECT * FROM (") + person_select("t.token") + ", t.person_id AS sort_person FROM " +
           source.table() + " t JOIN person p ON p.id = t.person_id WHERE " + where +
           " ORDER BY t.token, t.person_id LIMIT :limit_" + n + ") s" + n;
    params.push_back({"limit_" + n, limit + 1});
  }
  for (const auto& r : db.query("SELECT * FROM (" + sql + ") u ORDER BY u.matched_token, u.sort_person LIMIT :limit", params)) {
    add(r, r.text("matched_token"));
    if (static_cast<std::int64_t>(page.persons.size()) > limit) break;
  }
  return page;
}

std::vector<Person> duplicate_candidates(const store::Scoped& db, const Identity& identity, std::int64_t except_id) {
  const auto name = normalise_name(identity.birth_name);
  const auto first = identity.first_names.empty() ? std::string() : normalise_name(identity.first_names.front());
  std::vector<Person> out;
  for (const auto& r : db.query(std::string(person_columns) +
                                    "WHERE {{tenant:p.organisation_id}} AND p.merged_into IS NULL AND p.id <> :except AND "
                                    "(p.birth_date LIKE :year OR p.nir = :nir OR p.search_text LIKE :name OR "
                                    "p.search_text LIKE :first) LIMIT 500",
                                {{"except", except_id},
                                 {"year", identity.birth_date.substr(0, 4) + "%"},
                                 {"nir", identity.nir.value_or("-")},
                                 {"name", "% " + utf8_prefix(name, 3) + "%"},
                                 {"first", first.empty() ? std::string("-") : "% " + utf8_prefix(first, 3) + "%"}}))
    out.push_back(person_from(r));
  return out;
}

std::vector<std::int64_t> establishments_of(const store::Scoped& db, const Person& person) {
  std::vector<std::int64_t> ids{person.registered_establishment_id};
  for (const auto& r : db.query("SELECT DISTINCT establishment_id FROM stay WHERE {{tenant}} AND person_id = :p",
                                {{"p", person.id}}))
    ids.push_back(r.integer("establishment_id"));
  return ids;
}

std::vector<Stay> stays_of(const store::Scoped& db, std::int64_t person_id) {
  std::vector<Stay> out;
  for (const auto& r : db.query(std::string(stay_columns) + " WHERE {{tenant:s.organisation_id}} AND s.person_id = :p "
                                "ORDER BY s.admission_date, s.id",
                                {{"p", person_id}}))
    out.push_back(stay_from(r));
  return out;
}

std::int64_t insert_stay(const store::Scoped& db, const Stay& s) {
  const auto now = now_iso8601();
  const auto id = db.insert_returning_id(
      "INSERT INTO stay (organisation_id, person_id, establishment_id, care_mode, admission_date, origin, discharge_date, "
      "destination, discharge_reason, transfer_from_stay_id, created_at, updated_at) VALUES ({{tenant_id}}, :p, :e, "
      ":mode, :adm, :origin, :dis, :dest, :reason, :from_stay, :now, :now2) RETURNING id",
      {{"p", s.person_id}, {"e", s.establishment_id}, {"mode", s.care_mode}, {"adm", s.admission_date.to_string()},
       {"origin", s.origin}, {"dis", s.discharge_date ? store::Value{s.discharge_date->to_string()} : store::Value{}},
       {"dest", store::nullable(s.destination)}, {"reason", store::nullable(s.discharge_reason)},
       {"from_stay", store::nullable(s.transfer_from_stay_id)}, {"now", now}, {"now2", now}});
  store::facts_changed(db.connection(), {store::FactKind::stay, s.establishment_id, std::nullopt, s.admission_date, s.discharge_date});
  // A transfer turns the discharge of the stay left into a transfer (no longer a definitive discharge).
  if (s.transfer_from_stay_id)
    if (auto left = db.query_one("SELECT establishment_id, discharge_date FROM stay WHERE {{tenant}} AND id = :id",
                                 {{"id", *s.transfer_from_stay_id}});
        left && !left->is_null("discharge_date")) {
      const auto day = *Date::parse(left->text("discharge_date").substr(0, 10));
      store::facts_changed(db.connection(), {store::FactKind::stay, left->integer("establishment_id"), std::nullopt, day, day});
    }
  // The person's names become searchable from this establishment.
  db.execute("INSERT INTO person_name_token_visible (organisation_id, establishment_id, token, person_id) "
             "SELECT organisation_id, :e, token, person_id FROM person_name_token WHERE {{tenant}} AND person_id = :p "
             "ON CONFLICT DO NOTHING",
             {{"e", s.establishment_id}, {"p", s.person_id}});
  return id;
}

void insert_stays(const store::Scoped& db, const std::vector<Stay>& stays) {
  const auto now = now_iso8601();
  const auto per_statement = store::rows_per_statement(db.backend(), 12, most_rows_per_statement);
  for (std::size_t first = 0; first < stays.size(); first += per_statement) {
    const auto last = std::min(stays.size(), first + per_statement);
    store::MultiRow rows(
        "INSERT INTO stay (id, organisation_id, person_id, establishment_id, care_mode, admission_date, origin, "
        "discharge_date, destination, discharge_reason, created_at, updated_at) VALUES ");
    std::string id_list;
    for (std::size_t i = first; i < last; ++i) {
      const auto& s = stays[i];
      if (s.transfer_from_stay_id) throw std::logic_error("insert_stays: a transfer goes through insert_stay");
      rows.add("(:id, {{tenant_id}}, :p, :e, :mode, :adm, :origin, :dis, :dest, :reason, :now, :now2)",
               {{"id", s.id}, {"p", s.person_id}, {"e", s.establishment_id}, {"mode", s.care_mode},
                {"adm", s.admission_date.to_string()}, {"origin", s.origin},
                {"dis", s.discharge_date ? store::Value{s.discharge_date->to_string()} : store::Value{}},
                {"dest", store::nullable(s.destination)}, {"reason", store::nullable(s.discharge_reason)}, {"now", now},
                {"now2", now}});
      id_list += (i > first ? ", " : "") + std::to_string(s.id);  // ids drawn by the store: numbers
      store::facts_changed(db.connection(),
                           {store::FactKind::stay, s.establishment_id, std::nullopt, s.admission_date, s.discharge_date});
    }
    rows.flush(db);
    // The persons' names become searchable from the stays' establishments. The stays are read by their
    // ids: the unary plus keeps SQLite from reading them through stay_by_organisation instead (without
    // statistics it prefers an equality on an index to a list of ids, and walked every stay of the
    // organisation for each batch: three fifths of a 150,000-person import's time).
    db.execute("INSERT INTO person_name_token_visible (organisation_id, establishment_id, token, person_id) "
               "SELECT t.organisation_id, s.establishment_id, t.token, t.person_id FROM stay s JOIN person_name_token t ON "
               "t.person_id = s.person_id AND t.organisation_id = s.organisation_id WHERE {{tenant:+s.organisation_id}} AND "
               "s.id IN (" + id_list + ") ON CONFLICT DO NOTHING");
  }
}

void update_stay_discharge(const store::Scoped& db, const Stay& s) {
  // The days between the discharge recorded before and the new one change (none: the stay ran on).
  if (auto old = db.query_one("SELECT establishment_id, admission_date, discharge_date FROM stay WHERE {{tenant}} AND id = :id",
                              {{"id", s.id}})) {
    const auto before = old->optional_text("discharge_date");
    const std::optional<Date> old_end = before ? Date::parse(before->substr(0, 10)) : std::nullopt;
    std::optional<Date> from = old_end;
    if (s.discharge_date && (!from || *s.discharge_date < *from)) from = s.discharge_date;
    std::optional<Date> to;
    if (old_end && s.discharge_date) to = std::max(*old_end, *s.discharge_date);
    if (from)
      store::facts_changed(db.connection(), {store::FactKind::stay, old->integer("establishment_id"), std::nullopt, *from, to});
  }
  db.execute("UPDATE stay SET discharge_date = :dis, destination = :dest, discharge_reason = :reason, updated_at = :now "
             "WHERE {{tenant}} AND id = :id",
             {{"dis", s.discharge_date ? store::Value{s.discharge_date->to_string()} : store::Value{}},
              {"dest", store::nullable(s.destination)}, {"reason", store::nullable(s.discharge_reason)},
              {"now", now_iso8601()}, {"id", s.id}});
}

std::vector<Decision> decisions_of(const store::Scoped& db, std::int64_t person_id) {
  std::vector<Decision> out;
  for (const auto& r : db.query(std::string("SELECT ") + decision_columns +
                                    " FROM orientation_decision d WHERE {{tenant:d.organisation_id}} AND d.person_id = :p "
                                    "ORDER BY d.valid_from, d.id",
                                {{"p", person_id}}))
    out.push_back(decision_from(r));
  return out;
}

std::int64_t insert_decision(const store::Scoped& db, const Decision& d) {
  return db.insert_returning_id(
      "INSERT INTO orientation_decision (organisation_id, person_id, mdph_number, decision_reference, decision_date, "
      "category_code, valid_from, valid_to, creton, created_at) VALUES ({{tenant_id}}, :p, :mdph, :ref, :date, :cat, "
      ":from, :to, :creton, :now) RETURNING id",
      {{"p", d.person_id}, {"mdph", store::nullable(d.mdph_number)}, {"ref", d.decision_reference},
       {"date", d.decision_date.to_string()}, {"cat", d.category_code}, {"from", d.valid_from.to_string()},
       {"to", d.valid_to.to_string()}, {"creton", std::int64_t{d.creton ? 1 : 0}}, {"now", now_iso8601()}});
}

std::vector<DecisionAlert> decision_alerts(const store::Scoped& db, const Visibility& visibility, Date today) {
  std::vector<DecisionAlert> out;
  const auto in_six_months = today.plus_months(6).to_string();
  store::Params params{{"today", today.to_string()}, {"limit6", in_six_months}};
  const auto where = visible(visibility, params);
  for (const auto& r : db.query(std::string(person_columns) + "WHERE {{tenant:p.organisation_id}} AND p.merged_into IS NULL" +
                                    where + " AND EXISTS (SELECT 1 FROM orientation_decision d WHERE d.person_id = p.id "
                                    "AND d.valid_to >= :today AND d.valid_to <= :limit6) ORDER BY p.id",
                                params)) {
    auto person = person_from(r);
    for (const auto& d : decisions_of(db, person.id))
      if (d.valid_to >= today && d.valid_to <= today.plus_months(6)) out.push_back({person, d});
  }
  store::Params params2{{"today", today.to_string()}, {"today2", today.to_string()}, {"today3", today.to_string()},
                        {"today4", today.to_string()}};
  const auto where2 = visible(visibility, params2);
  for (const auto& r : db.query(std::string(person_columns) + "WHERE {{tenant:p.organisation_id}} AND p.merged_into IS NULL" +
                                    where2 + " AND EXISTS (SELECT 1 FROM stay s WHERE s.person_id = p.id AND "
                                    "s.admission_date <= :today AND (s.discharge_date IS NULL OR s.discharge_date >= :today2)) "
                                    "AND NOT EXISTS (SELECT 1 FROM orientation_decision d WHERE d.person_id = p.id AND "
                                    "d.valid_from <= :today3 AND d.valid_to >= :today4) ORDER BY p.id",
                                params2))
    out.push_back({person_from(r), std::nullopt});
  return out;
}

}  // namespace passerelle::modules::persons
