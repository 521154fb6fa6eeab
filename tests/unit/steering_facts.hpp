#pragma once
// Writing the facts the steering indicators read, through the bricks' own store functions (so the
// fact-change hooks run as in production), and comparing indicator values.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "modules/establishments/store.hpp"
#include "modules/persons/record_store.hpp"
#include "modules/persons/store.hpp"
#include "modules/staff/store.hpp"
#include "modules/steering/aggregates.hpp"
#include "modules/steering/indicators.hpp"
#include "store/tenant.hpp"
#include "test_database.hpp"

namespace passerelle::test_support {

namespace est = modules::establishments;
namespace persons = modules::persons;
namespace staff = modules::staff;
namespace steering = modules::steering;

inline Date day(const char* text) {
  auto d = Date::parse(text);
  EXPECT_TRUE(d.has_value()) << text;
  return d.value_or(Date{});
}

// The facts of one organisation, written in the caller's transaction.
class Facts {
 public:
  Facts(store::Connection& c, std::int64_t organisation) : db_(c, store::Scope::organisation(organisation)) {}
  const store::Scoped& db() const { return db_; }

  std::int64_t establishment(const std::string& finess, const std::string& name, const std::string& category) {
    return est::create_establishment(db_, establishment_profile(finess, name, category));
  }
  std::int64_t capacity(std::int64_t establishment, const std::string& mode, const std::string& status, std::int64_t places,
                        Date from, std::optional<Date> to = std::nullopt) {
    return est::create_capacity_period(db_, establishment, {0, mode, status, places, {from, to}});
  }
  void end_capacity(std::int64_t capacity_id, std::optional<Date> end) { est::update_capacity_end(db_, capacity_id, end); }
  void calendar(std::int64_t establishment, const std::string& mode, int year, std::optional<std::int64_t> days_open,
                std::optional<std::string> pattern) {
    est::upsert_calendar(db_, establishment, {mode, year, days_open, pattern});
  }
  void closure(std::int64_t establishment, std::optional<std::string> mode, Date from, Date to) {
    est::insert_closure(db_, establishment, {0, std::move(mode), from, to, "Fermeture"});
  }

  persons::Person person(std::int64_t establishment, const std::string& name, const std::string& sex, const std::string& birth) {
    persons::Identity identity;
    identity.birth_name = name;
    identity.first_names = {"Prénom"};
    identity.sex = sex;
    identity.birth_date = birth;
    persons::Person p;
    p.id = persons::insert_person(db_, establishment, identity);
    p.registered_establishment_id = establishment;
    p.identity = identity;
    return p;
  }
  persons::Stay admit(const persons::Person& p, std::int64_t establishment, const std::string& mode, Date admission,
                      const std::string& origin = "home", std::optional<std::int64_t> transfer_from = std::nullopt) {
    persons::Stay s;
    s.person_id = p.id;
    s.establishment_id = establishment;
    s.care_mode = mode;
    s.admission_date = admission;
    s.origin = origin;
    s.transfer_from_stay_id = transfer_from;
    s.id = persons::insert_stay(db_, s);
    return s;
  }
  void discharge(persons::Stay& s, std::optional<Date> date, const std::string& destination = "home") {
    s.discharge_date = date;
    s.destination = date ? std::optional(destination) : std::nullopt;
    persons::update_stay_discharge(db_, s);
  }
  void mark(const persons::Stay& s, const persons::Person& p, Date d, const std::string& status,
            std::optional<std::string> reason = std::nullopt) {
    persons::write_attendance(db_, s, p, d, status, reason);
  }
  void marks(const persons::Stay& s, const persons::Person& p, Date from, Date to, const std::string& status,
             std::optional<std::string> reason = std::nullopt) {
    for (Date d = from; d <= to; d = d.plus_days(1)) mark(s, p, d, status, reason);
  }
  void clear(const persons::Stay& s, Date d) { persons::clear_attendance(db_, s.id, d); }
  void decision(const persons::Person& p, Date from, Date to, const std::string& category = "183") {
    persons::Decision d;
    d.person_id = p.id;
    d.decision_reference = "CDAPH-" + std::to_string(p.id) + "-" + from.to_string();
    d.decision_date = from;
    d.category_code = category;
    d.valid_from = from;
    d.valid_to = to;
    persons::insert_decision(db_, d);
  }
  persons::AdmissionRequest request(const persons::Person& p, std::int64_t establishment, const std::string& mode,
                                    Date received, const std::string& status, Date status_date) {
    persons::AdmissionRequest r;
    r.person_id = p.id;
    r.establishment_id = establishment;
    r.care_mode = mode;
    r.received_date = received;
    r.status = status;
    r.status_date = status_date;
    r.id = persons::insert_request(db_, r);
    return r;
  }

  std::int64_t staff_member(const std::string& name, std::optional<std::string> sex, std::optional<Date> birth,
                            const std::string& job) {
    staff::StaffMember m;
    m.last_name = name;
    m.first_name = "Prénom";
    m.sex = std::move(sex);
    m.birth_date = birth;
    m.job_code = job;
    m.created_by = "test";
    return staff::insert_staff(db_, m);
  }
  staff::Contract contract(std::int64_t member, std::int64_t establishment, const std::string& job, const std::string& kind,
                           std::int64_t working_time, Date start, std::optional<Date> end = std::nullopt,
                           std::optional<std::string> reason = std::nullopt) {
    staff::Contract c;
    c.staff_id = member;
    c.establishment_id = establishment;
    c.job_code = job;
    c.kind = kind;
    c.fixed_term_reason = std::move(reason);
    c.start_date = start;
    c.end_date = end;
    if (end) c.end_reason = kind == "fixed_term" ? "end_of_contract" : "resignation";
    c.working_time = working_time;
    c.created_by = "test";
    c.id = staff::insert_contract(db_, c);
    return c;
  }
  void change_contract(const staff::Contract& c) { staff::update_contract(db_, c); }
  std::int64_t absence(std::int64_t member, const std::string& kind, Date start, Date end, bool start_half = false,
                       bool end_half = false) {
    staff::Absence a;
    a.staff_id = member;
    a.kind = kind;
    a.start_date = start;
    a.end_date = end;
    a.start_half_day = start_half;
    a.end_half_day = end_half;
    a.created_by = "test";
    return staff::insert_absence(db_, a);
  }
  void remove_absence(std::int64_t member, std::int64_t absence) { staff::delete_absence(db_, member, absence); }

 private:
  store::Scoped db_;
};

inline std::map<std::string, steering::Value> by_id(const std::vector<steering::Value>& values) {
  std::map<std::string, steering::Value> out;
  for (const auto& v : values) out[v.id] = v;
  return out;
}

inline std::string describe(const std::optional<double>& v) { return v ? std::to_string(*v) : std::string("null"); }

// Two computations of the same indicators must agree exactly: same values, numerators,
// denominators and breakdown rows.
inline void expect_same(const std::vector<steering::Value>& expected, const std::vector<steering::Value>& actual,
                        const std::string& what) {
  ASSERT_EQ(expected.size(), actual.size()) << what;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& a = expected[i];
    const auto& b = actual[i];
    SCOPED_TRACE(what + " " + a.id);
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.value, b.value) << describe(a.value) << " vs " << describe(b.value);
    EXPECT_EQ(a.numerator, b.numerator);
    EXPECT_EQ(a.denominator, b.denominator);
    ASSERT_EQ(a.breakdown.size(), b.breakdown.size());
    for (std::size_t j = 0; j < a.breakdown.size(); ++j) {
      SCOPED_TRACE(a.breakdown[j].key);
      EXPECT_EQ(a.breakdown[j].key, b.breakdown[j].key);
      EXPECT_EQ(a.breakdown[j].value, b.breakdown[j].value);
      EXPECT_EQ(a.breakdown[j].numerator, b.breakdown[j].numerator);
      EXPECT_EQ(a.breakdown[j].denominator, b.breakdown[j].denominator);
      EXPECT_EQ(a.breakdown[j].by_sex, b.breakdown[j].by_sex);
    }
  }
}

}  // namespace passerelle::test_support
