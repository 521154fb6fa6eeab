// compute_from_facts(): the same sums as the aggregates, by plain SQL over the facts of the period
// (capacity, calendars and closures day by day, attendance, stays, requests, contracts, absences),
// without the aggregate tables. The reference of the equivalence test and of the benchmark; written
// apart from the C++ that builds the aggregates, so that a mistake in one shows as a difference.
#include "modules/staff/domain.hpp"
#include "modules/steering/calendar.hpp"
#include "modules/steering/engine_sums.hpp"

namespace passerelle::modules::steering {
namespace {

// The few places where SQLite and PostgreSQL write dates differently.
struct Dialect {
  bool postgres;
  // A bound date parameter used in date arithmetic.
  std::string date(const std::string& name) const { return postgres ? "CAST(:" + name + " AS date)" : ":" + name; }
  std::string days_from(const std::string& a, const std::string& b) const {  // b − a, in days
    return postgres ? "(" + b + " - " + a + ")" : "CAST(julianday(" + b + ") - julianday(" + a + ") AS INTEGER)";
  }
  std::string plus_days(const std::string& d, int n) const {
    return postgres ? "(" + d + " + " + std::to_string(n) + ")"
                    : "date(" + d + ", '" + (n < 0 ? "" : "+") + std::to_string(n) + " days')";
  }
  std::string weekday(const std::string& d) const {  // Monday = 0
    return postgres ? "(CAST(EXTRACT(ISODOW FROM " + d + ") AS INTEGER) - 1)"
                    : "((CAST(strftime('%w', " + d + ") AS INTEGER) + 6) % 7)";
  }
  std::string year(const std::string& d) const {
    return postgres ? "CAST(EXTRACT(YEAR FROM " + d + ") AS INTEGER)" : "CAST(strftime('%Y', " + d + ") AS INTEGER)";
  }
  std::string epoch_days(const std::string& d) const {
    return postgres ? "(" + d + " - DATE '1970-01-01')" : "CAST(julianday(" + d + ") - 2440587.5 AS INTEGER)";
  }
  // The days from :<from> to :<to>, as a common table expression named `name` with one column d.
  std::string days(const std::string& name, const std::string& from, const std::string& to) const {
    if (postgres)
      return name + "(d) AS (SELECT CAST(g AS date) FROM generate_series(CAST(:" + from + " AS date), CAST(:" + to +
             " AS date), interval '1 day') AS g)";
    return name + "(d) AS (SELECT :" + from + " UNION ALL SELECT date(d, '+1 day') FROM " + name + " WHERE d < :" + to + ")";
  }
};

std::string smaller(const std::string& a, const std::string& b) { return "CASE WHEN " + a + " < " + b + " THEN " + a + " ELSE " + b + " END"; }

std::string quoted_list(const std::vector<std::string_view>& values) {
  // Constants of the engine (kinds of care, reasons), never input.
  std::string out;
  for (auto v : values) out += std::string(out.empty() ? "'" : ", '") + std::string(v) + "'";
  return out;
}

std::int64_t value(const store::Row& r, const char* column) { return r.optional_integer(column).value_or(0); }

// Places, days open and place-days, day by day.
void capacity_and_opening(const ScopeSql& s, const Dialect& sql, Sums& sums) {
  using namespace activity;
  store::Params params{{"df", sums.from.to_string()}, {"dt", sums.to.to_string()},
                       {"yf", first_of_year(sums.from.year()).to_string()}, {"yt", last_of_year(sums.to.year()).to_string()},
                       {"y1", std::int64_t{sums.from.year()}}, {"y2", std::int64_t{sums.to.year()}}};
  const auto capacity_where = s.where("c.establishment_id", params);
  const auto calendar_where = s.where("oc.establishment_id", params);
  const std::string closed = "EXISTS (SELECT 1 FROM closure cl WHERE cl.establishment_id = {e} AND (cl.care_mode IS NULL OR "
                             "cl.care_mode = {m}) AND cl.date_from <= {d} AND cl.date_to >= {d})";
  auto closed_on = [&](const std::string& e, const std::string& m, const std::string& d) {
    std::string out = closed;
    const std::vector<std::pair<std::string, std::string>> names = {{"{e}", e}, {"{m}", m}, {"{d}", d}};
    for (const auto& [name, text] : names)
      for (auto pos = out.find(name); pos != std::string::npos; pos = out.find(name, pos + text.size()))
        out.replace(pos, name.size(), text);
    return out;
  };
  auto status_places = [](const char* status) {
    return std::string("SUM(CASE WHEN c.status = '") + status + "' THEN c.places ELSE 0 END)";
  };
  // A day open: not closed; then the year's weekly pattern, or its number of days spread over the
  // days of the year not closed, or (no calendar) open.
  const std::string spread = "CASE WHEN y.days_open <= 0 OR y.candidates <= 0 THEN 0 ELSE " +
                             smaller("(2 * CAST(y.days_open AS BIGINT) * 1000000 + y.candidates) / (2 * y.candidates)",
                                     "1000000") + " END";
  const std::string open = "CASE WHEN " + closed_on("p.establishment_id", "p.care_mode", "p.d") +
                           " THEN 0 WHEN oc.weekly_pattern IS NOT NULL THEN CASE WHEN SUBSTR(oc.weekly_pattern, " +
                           sql.weekday("p.d") + " + 1, 1) = '1' THEN 1000000 ELSE 0 END WHEN oc.days_open IS NOT NULL THEN " +
                           spread + " ELSE 1000000 END";
  const std::string text =
      "WITH RECURSIVE " + sql.days("days", "df", "dt") + ", " + sql.days("year_days", "yf", "yt") +
      ", year_open AS MATERIALIZED (SELECT oc.establishment_id, oc.care_mode, oc.year, oc.days_open, (SELECT COUNT(*) FROM "
      "year_days WHERE " + sql.year("year_days.d") + " = oc.year AND NOT " +
      closed_on("oc.establishment_id", "oc.care_mode", "year_days.d") + ") AS candidates FROM opening_calendar oc WHERE "
      "{{tenant:oc.organisation_id}} AND oc.days_open IS NOT NULL AND oc.year >= :y1 AND oc.year <= :y2" + calendar_where +
      "), placed AS MATERIALIZED (SELECT c.establishment_id, c.care_mode, days.d, " + status_places("authorised") +
      " AS authorised, " + status_places("installed") + " AS installed, " + status_places("funded") +
      " AS funded FROM capacity c JOIN days ON days.d >= c.effective_from AND (c.effective_to IS NULL OR days.d <= "
      "c.effective_to) WHERE {{tenant:c.organisation_id}}" + capacity_where +
      " GROUP BY c.establishment_id, c.care_mode, days.d), opened AS (SELECT p.establishment_id, p.care_mode, p.d, "
      "p.authorised, p.installed, p.funded, " + smaller("p.authorised", "p.funded") + " AS authorised_funded, " + open +
      " AS open FROM placed p LEFT JOIN opening_calendar oc ON oc.establishment_id = p.establishment_id AND oc.care_mode = "
      "p.care_mode AND oc.year = " + sql.year("p.d") + " LEFT JOIN year_open y ON y.establishment_id = p.establishment_id "
      "AND y.care_mode = p.care_mode AND y.year = " + sql.year("p.d") +
      " WHERE p.authorised > 0 OR p.installed > 0 OR p.funded > 0) "
      "SELECT establishment_id, " + sql.year("d") + " AS year, care_mode, CAST(SUM(authorised) AS BIGINT) AS authorised, "
      "CAST(SUM(installed) AS BIGINT) AS installed, CAST(SUM(funded) AS BIGINT) AS funded, "
      "CAST(SUM(authorised_funded) AS BIGINT) AS authorised_funded, CAST(SUM(open) AS BIGINT) AS open, "
      "CAST(SUM(CAST(authorised_funded AS BIGINT) * open) AS BIGINT) AS theoretical, "
      "CAST(SUM(CAST(funded AS BIGINT) * open) AS BIGINT) AS funded_theoretical FROM opened GROUP BY establishment_id, " +
      sql.year("d") + ", care_mode";
  for (const auto& r : s.db.query(text, params)) {
    auto& m = sums.activity[r.text("care_mode")];
    m[places_authorised] += value(r, "authorised");
    m[places_installed] += value(r, "installed");
    m[places_funded] += value(r, "funded");
    m[places_authorised_funded] += value(r, "authorised_funded");
    m[open_micro] += value(r, "open");
    m[theoretical_micro] += value(r, "theoretical");
    m[funded_theoretical_micro] += value(r, "funded_theoretical");
    if (value(r, "funded_theoretical") != 0)
      sums.funded_by_year[{r.integer("establishment_id"), static_cast<int>(r.integer("year"))}] +=
          value(r, "funded_theoretical");
  }
}

void attendance(const ScopeSql& s, const Dialect& sql, Sums& sums, bool absent_stays) {
  using namespace activity;
  store::Params params{{"f", sums.from.to_string()}, {"t", sums.to.to_string()}};
  const auto where = s.where("a.establishment_id", params);
  std::vector<std::string_view> named(absence_reasons.begin(), absence_reasons.end() - 1);  // all but "other"
  std::string text = "SELECT a.care_mode, SUM(CASE WHEN a.status = 'present' THEN 1 ELSE 0 END) AS present, "
                     "SUM(CASE WHEN a.status = 'absent' THEN 1 ELSE 0 END) AS absent";
  for (auto reason : named)
    text += ", SUM(CASE WHEN a.status = 'absent' AND a.absence_reason = '" + std::string(reason) + "' THEN 1 ELSE 0 END) AS " +
            std::string(reason);
  text += ", SUM(CASE WHEN a.status = 'absent' AND (a.absence_reason IS NULL OR a.absence_reason NOT IN (" +
          quoted_list(named) + ")) THEN 1 ELSE 0 END) AS other_reason";
  // Counted by occupancy: a counted reason, and not the fourth day (or later) of consecutive absence.
  text += ", SUM(CASE WHEN a.status = 'absent' AND COALESCE(a.absence_reason, 'other') IN (" +
          quoted_list(std::vector<std::string_view>(counted_reasons.begin(), counted_reasons.end())) +
          ") AND (SELECT COUNT(*) FROM attendance b WHERE b.stay_id = a.stay_id AND b.status = 'absent' AND b.day >= " +
          sql.plus_days("a.day", -counted_run_days) + " AND b.day < a.day) < " + std::to_string(counted_run_days) +
          " THEN 1 ELSE 0 END) AS counted";
  text += " FROM attendance a WHERE {{tenant:a.organisation_id}} AND a.day >= :f AND a.day <= :t" + where +
          " GROUP BY a.care_mode";
  for (const auto& r : s.db.query(text, params)) {
    auto& m = sums.activity[r.text("care_mode")];
    m[present] += value(r, "present");
    m[absent] += value(r, "absent");
    for (std::size_t i = 0; i < named.size(); ++i) m[absent_illness + i] += value(r, std::string(named[i]).c_str());
    m[absent_other] += value(r, "other_reason");
    m[absent_counted] += value(r, "counted");
  }
  if (!absent_stays) return;
  store::Params distinct_params{{"f", sums.from.to_string()}, {"t", sums.to.to_string()}};
  const auto distinct_where = s.where("a.establishment_id", distinct_params);
  auto row = s.db.query_one("SELECT COUNT(DISTINCT a.stay_id) AS n FROM attendance a WHERE {{tenant:a.organisation_id}} AND "
                            "a.status = 'absent' AND a.day >= :f AND a.day <= :t" + distinct_where,
                            distinct_params);
  sums.absent_stays = row ? row->integer("n") : 0;
}

void stays(const ScopeSql& s, const Dialect& sql, Sums& sums, const Needs& needs) {
  using namespace activity;
  if (needs.activity) {
    store::Params params{{"f", sums.from.to_string()}, {"t", sums.to.to_string()}};
    const auto where = s.where("s.establishment_id", params);
    for (const auto& r : s.db.query("SELECT s.care_mode, s.origin, COUNT(*) AS n FROM stay s WHERE {{tenant:s.organisation_id}} "
                                    "AND s.admission_date >= :f AND s.admission_date <= :t" + where +
                                    " GROUP BY s.care_mode, s.origin",
                                    params)) {
      auto& m = sums.activity[r.text("care_mode")];
      m[admissions] += r.integer("n");
      m[origin_column(r.text("origin"))] += r.integer("n");
    }
    store::Params out_params{{"f", sums.from.to_string()}, {"t", sums.to.to_string()}};
    const auto out_where = s.where("s.establishment_id", out_params);
    for (const auto& r : s.db.query(
             "SELECT s.care_mode, s.destination, CASE WHEN EXISTS (SELECT 1 FROM stay n WHERE n.transfer_from_stay_id = s.id) "
             "THEN 1 ELSE 0 END AS transferred, COUNT(*) AS n, CAST(SUM(" + sql.days_from("s.admission_date", "s.discharge_date") +
             ") AS BIGINT) AS length FROM stay s WHERE {{tenant:s.organisation_id}} AND s.discharge_date >= :f AND "
             "s.discharge_date <= :t" + out_where + " GROUP BY s.care_mode, s.destination, 3",
             out_params)) {
      auto& m = sums.activity[r.text("care_mode")];
      const auto n = r.integer("n");
      m[discharges] += n;
      m[destination_column(r.optional_text("destination").value_or(""))] += n;
      if (r.integer("transferred") == 0) {
        m[discharges_definitive] += n;
        m[completed_stay_days] += value(r, "length");
      }
    }
    store::Params request_params{{"f", sums.from.to_string()}, {"t", sums.to.to_string()},
                                 {"entered", std::string(request_entered)}};
    const auto request_where = s.where("r.establishment_id", request_params);
    for (const auto& r : s.db.query("SELECT r.care_mode, COUNT(*) AS n, CAST(SUM(" +
                                        sql.days_from("r.received_date", "r.status_date") +
                                        ") AS BIGINT) AS waited FROM admission_request r WHERE {{tenant:r.organisation_id}} "
                                        "AND r.status = :entered AND r.status_date >= :f AND r.status_date <= :t" +
                                        request_where + " GROUP BY r.care_mode",
                                    request_params)) {
      auto& m = sums.activity[r.text("care_mode")];
      m[requests_admitted] += r.integer("n");
      m[requests_waiting_days] += value(r, "waited");
    }
  }
  if (needs.continuing) {
    store::Params params{{"t1", sums.to.to_string()}, {"t2", sums.to.to_string()}, {"t3", sums.to.to_string()}};
    const auto where = s.where("s.establishment_id", params);
    for (const auto& r : s.db.query("SELECT s.care_mode, COUNT(*) AS n, CAST(SUM(" + sql.epoch_days("s.admission_date") +
                                        ") AS BIGINT) AS admitted FROM stay s WHERE {{tenant:s.organisation_id}} AND "
                                        "s.admission_date <= :t1 AND " + stay_running_after_sql(":t2", ":t3") +
                                        where + " GROUP BY s.care_mode",
                                    params))
      sums.continuing[r.text("care_mode")] = {r.integer("n"), value(r, "admitted")};
  }
}

std::string permanent_kinds() {
  std::vector<std::string_view> kinds;
  for (const auto& k : staff::contract_kinds())
    if (staff::is_permanent(k.code)) kinds.push_back(k.code);
  return quoted_list(kinds);
}

// The period's first or last day as a date, bound once per use (a statement names each parameter once).
std::string bound_date(const Dialect& sql, store::Params& params, Date d) {
  const auto name = "d" + std::to_string(params.size());
  params.push_back({name, d.to_string()});
  return sql.date(name);
}

void human_resources(const ScopeSql& s, const Dialect& sql, Sums& sums, const Needs& needs) {
  using namespace hr;
  if (needs.human_resources) {
    // Working time × days each contract runs within the period.
    store::Params params{{"f2", sums.from.to_string()}, {"t2", sums.to.to_string()}};
    const auto f = [&] { return bound_date(sql, params, sums.from); };
    const auto t = [&] { return bound_date(sql, params, sums.to); };
    const std::string start = "CASE WHEN c.start_date > " + f() + " THEN c.start_date ELSE " + f() + " END";
    const std::string end = "CASE WHEN c.end_date IS NOT NULL AND c.end_date < " + t() + " THEN c.end_date ELSE " + t() + " END";
    const auto where = s.where("c.establishment_id", params);
    for (const auto& r : s.db.query("SELECT c.job_code, c.kind, CAST(SUM(CAST(c.working_time AS BIGINT) * (" +
                                        sql.days_from(start, end) + " + 1)) AS BIGINT) AS fte FROM staff_contract c WHERE "
                                        "{{tenant:c.organisation_id}} AND c.start_date <= :t2 AND (c.end_date IS NULL OR "
                                        "c.end_date >= :f2)" + where + " GROUP BY c.job_code, c.kind",
                                    params)) {
      auto& m = sums.human_resources[category_of(r.text("job_code"))];
      m[fte] += value(r, "fte");
      if (const auto column = kind_column(r.text("kind")); column != fte) m[column] += value(r, "fte");
    }
    store::Params replacement_params{{"f", sums.from.to_string()}, {"t", sums.to.to_string()}};
    const auto replacement_where = s.where("c.establishment_id", replacement_params);
    for (const auto& r : s.db.query("SELECT c.job_code, COUNT(*) AS n FROM staff_contract c WHERE {{tenant:c.organisation_id}} "
                                    "AND c.kind = 'fixed_term' AND c.fixed_term_reason = 'replacement' AND c.start_date >= :f "
                                    "AND c.start_date <= :t" + replacement_where + " GROUP BY c.job_code",
                                    replacement_params))
      sums.human_resources[category_of(r.text("job_code"))][replacement_contracts] += r.integer("n");
    // Absences × the member's contracts in the scope, over the days both run within the period, in
    // half days (a half day at either end of the absence) × working time.
    store::Params absence_params{{"f2", sums.from.to_string()}, {"t2", sums.to.to_string()}};
    const auto af = [&] { return bound_date(sql, absence_params, sums.from); };
    const auto at = [&] { return bound_date(sql, absence_params, sums.to); };
    const std::string p = "CASE WHEN a.start_date >= c.start_date AND a.start_date >= " + af() + " THEN a.start_date WHEN "
                          "c.start_date >= " + af() + " THEN c.start_date ELSE " + af() + " END";
    const std::string q = "CASE WHEN a.end_date <= " + at() + " AND (c.end_date IS NULL OR a.end_date <= c.end_date) THEN "
                          "a.end_date WHEN c.end_date IS NOT NULL AND c.end_date <= " + at() + " THEN c.end_date ELSE " + at() + " END";
    const auto absence_where = s.where("c.establishment_id", absence_params);
    const std::string inner =
        "SELECT c.job_code, a.kind, c.working_time, a.start_date AS a_start, a.end_date AS a_end, a.start_half_day AS sh, "
        "a.end_half_day AS eh, " + p + " AS p, " + q + " AS q FROM staff_absence a JOIN staff_contract c ON c.staff_id = "
        "a.staff_id WHERE {{tenant:c.organisation_id}} AND a.start_date <= :t2 AND a.end_date >= :f2 AND c.start_date <= "
        "a.end_date AND (c.end_date IS NULL OR c.end_date >= a.start_date)" + absence_where;
    const std::string halves = "(2 * (" + sql.days_from("x.p", "x.q") + " + 1) - CASE WHEN x.sh = 1 AND x.a_start >= x.p AND "
                               "x.a_start <= x.q THEN 1 ELSE 0 END - CASE WHEN x.eh = 1 AND x.a_end >= x.p AND x.a_end <= "
                               "x.q THEN 1 ELSE 0 END)";
    const std::string length = "(2 * (" + sql.days_from("x.a_start", "x.a_end") + " + 1) - x.sh - x.eh)";
    for (const auto& r : s.db.query("SELECT x.job_code, x.kind, " + length + " AS length, CAST(SUM(CAST(x.working_time AS "
                                        "BIGINT) * " + halves + ") AS BIGINT) AS weighted FROM (" + inner + ") x WHERE x.q "
                                        ">= x.p GROUP BY x.job_code, x.kind, " + length,
                                    absence_params)) {
      const auto column = absence_column(r.text("kind"), r.integer("length"));
      if (column) sums.human_resources[category_of(r.text("job_code"))][*column] += value(r, "weighted");
    }
    for (auto it = sums.human_resources.begin(); it != sums.human_resources.end();) {
      bool zero = true;
      for (auto v : it->second) zero = zero && v == 0;
      it = zero ? sums.human_resources.erase(it) : std::next(it);
    }
  }
  if (needs.headcount_before) {
    // Members with a permanent contract on a day and none the day before (hires) or after (departures).
    const auto kinds = permanent_kinds();
    auto moves = [&](const char* day_column, int step) {
      store::Params params{{"f", sums.from.to_string()}, {"t", sums.to.to_string()}};
      const auto where = s.where("c.establishment_id", params);
      const std::string next = sql.plus_days(std::string("c.") + day_column, step);
      auto row = s.db.query_one(
          "SELECT COUNT(*) AS n FROM (SELECT DISTINCT c.establishment_id, c.staff_id, c." + std::string(day_column) +
              " FROM staff_contract c WHERE {{tenant:c.organisation_id}} AND c.kind IN (" + kinds + ") AND c." + day_column +
              " >= :f AND c." + day_column + " <= :t" + where + " AND NOT EXISTS (SELECT 1 FROM staff_contract o WHERE "
              "o.staff_id = c.staff_id AND o.establishment_id = c.establishment_id AND o.kind IN (" + kinds + ") AND "
              "o.start_date <= " + next + " AND (o.end_date IS NULL OR o.end_date >= " + next + "))) x",
          params);
      return row ? row->integer("n") : 0;
    };
    sums.hires = moves("start_date", -1);
    sums.departures = moves("end_date", 1);
    store::Params params{{"h1", sums.from.plus_days(-1).to_string()}, {"h2", sums.from.plus_days(-1).to_string()}};
    const auto where = s.where("c.establishment_id", params);
    auto row = s.db.query_one("SELECT COUNT(*) AS n FROM (SELECT DISTINCT c.establishment_id, c.staff_id FROM staff_contract c "
                              "WHERE {{tenant:c.organisation_id}} AND c.kind IN (" + kinds + ") AND c.start_date <= :h1 AND "
                              "(c.end_date IS NULL OR c.end_date >= :h2)" + where + ") x",
                              params);
    sums.headcount_before = row ? row->integer("n") : 0;
  }
}

}  // namespace

std::vector<Value> compute_from_facts(store::Connection& c, const Scope& scope, Date from, Date to,
                                      const std::vector<std::string>& ids) {
  const auto s = scope_sql(c, scope);
  const Dialect sql{c.backend() == store::Backend::postgresql};
  // PostgreSQL would compile these long statements to machine code (JIT) for seconds, longer than
  // they run: the reference is measured as the plain SQL it is.
  struct NoJit {
    store::Connection& c;
    explicit NoJit(store::Connection& connection) : c(connection) {
      if (c.backend() == store::Backend::postgresql) c.execute("SET jit = off");
    }
    ~NoJit() {
      if (c.backend() == store::Backend::postgresql) c.execute("RESET jit");
    }
  } no_jit(c);
  const auto needs = needs_of(ids);
  Sums sums;
  sums.from = from;
  sums.to = to;
  fill_scope(sums, read_scope(s, from, to, needs.funded_by_year));
  if (needs.activity || needs.funded_by_year) capacity_and_opening(s, sql, sums);
  if (needs.activity || needs.absent_stays) attendance(s, sql, sums, needs.absent_stays);
  stays(s, sql, sums, needs);
  human_resources(s, sql, sums, needs);
  read_facts_at_end(s, to, needs, [&sums](std::int64_t, std::int64_t) { return &sums; });
  sort_lists(sums);
  for (auto it = sums.activity.begin(); it != sums.activity.end();) {
    bool zero = true;
    for (auto v : it->second) zero = zero && v == 0;
    it = zero ? sums.activity.erase(it) : std::next(it);
  }
  return assemble(sums, ids);
}

}  // namespace passerelle::modules::steering
