// Rules of the person's circle and daily follow-up: contacts, protection, waiting list, attendance
// batches, opening days, search tokens.
#include <gtest/gtest.h>

#include "core/problem.hpp"
#include "modules/establishments/domain.hpp"
#include "modules/persons/domain.hpp"
#include "modules/persons/record.hpp"

using namespace passerelle;
using namespace passerelle::modules::persons;

namespace {

template <typename F>
std::vector<std::string> fields_refused(F&& f) {
  try {
    f();
  } catch (const Problem& p) {
    std::vector<std::string> fields;
    for (const auto& e : p.errors()) fields.push_back(e.field);
    return fields;
  }
  return {};
}

using Fields = std::vector<std::string>;
const std::vector<std::string_view> modes = {"11", "13"};
Date day(const char* text) { return *Date::parse(text); }

}  // namespace

TEST(Contacts, a_contact_needs_a_kind_and_a_name_and_valid_coordinates) {
  EXPECT_EQ(fields_refused([] { read_contact(boost::json::parse(R"({"kind":"family","last_name":"Dupont"})"), nullptr); }),
            Fields{});
  EXPECT_EQ(fields_refused([] { read_contact(boost::json::parse(R"({"kind":"cousin","last_name":" "})"), nullptr); }),
            (Fields{"kind", "last_name"}));
  EXPECT_EQ(fields_refused([] {
              read_contact(boost::json::parse(R"({"kind":"doctor","last_name":"X","email":"a@b","phone":"12","postal_code":"6910"})"),
                           nullptr);
            }),
            (Fields{"phone", "email", "postal_code"}));
  EXPECT_EQ(fields_refused([] {
              read_contact(boost::json::parse(R"({"kind":"family","last_name":"X","phone":"+33 6 12 34 56 78","email":"a.b@c.fr"})"),
                           nullptr);
            }),
            Fields{});
}

TEST(Contacts, receiving_letters_needs_an_address_or_an_email) {
  EXPECT_EQ(fields_refused([] {
              read_contact(boost::json::parse(R"({"kind":"family","last_name":"X","receives_letters":true,"city":"Lyon"})"), nullptr);
            }),
            Fields{"receives_letters"});
  EXPECT_EQ(fields_refused([] {
              read_contact(boost::json::parse(R"({"kind":"family","last_name":"X","receives_letters":true,
                 "address_line":"1 rue de la Paix","postal_code":"69001","city":"Lyon"})"),
                           nullptr);
            }),
            Fields{});
}

TEST(Contacts, one_trusted_person_at_a_time) {
  Contact current;
  current.id = 1;
  current.kind = "trusted_person";
  current.last_name = "A";
  Contact other = current;
  other.id = 0;
  EXPECT_THROW(check_one_trusted_person({current}, other), Problem);
  current.archived_at = "2026-01-01T00:00:00Z";
  EXPECT_NO_THROW(check_one_trusted_person({current}, other));
  other.kind = "family";
  current.archived_at.reset();
  EXPECT_NO_THROW(check_one_trusted_person({current}, other));
}

TEST(Protection, end_before_start_and_unknown_kinds_are_refused) {
  EXPECT_EQ(fields_refused([] {
              read_protection(boost::json::parse(R"({"kind":"tutelle","start_date":"2024-05-01","end_date":"2024-04-30",
                 "protector_kind":"association","protector_name":"UDAF"})"),
                              nullptr);
            }),
            Fields{"end_date"});
  EXPECT_EQ(fields_refused([] {
              read_protection(boost::json::parse(R"({"kind":"garde","start_date":"2024-13-01","protector_kind":"x","protector_name":""})"),
                              nullptr);
            }),
            (Fields{"kind", "start_date", "protector_kind", "protector_name"}));
}

TEST(WaitingList, statuses_and_dates) {
  const auto today = day("2026-06-01");
  auto r = read_admission_request(boost::json::parse(R"({"establishment_id":3,"care_mode":"11","received_date":"2026-01-10"})"),
                                  nullptr, modes, today);
  EXPECT_EQ(r.status, "42");
  EXPECT_TRUE(find_request_status(r.status)->waiting);
  EXPECT_FALSE(find_request_status(status_entered)->waiting);
  EXPECT_EQ(fields_refused([&] {
              read_admission_request(boost::json::parse(R"({"establishment_id":3,"care_mode":"11","received_date":"2026-07-01",
                 "status":"99"})"),
                                     nullptr, modes, today);
            }),
            (Fields{"status", "received_date"}));
  EXPECT_EQ(fields_refused([&] { read_admission_request(boost::json::parse(R"({"status_date":"2025-12-31"})"), &r, modes, today); }),
            Fields{"status_date"});
}

TEST(Attendance, a_batch_names_every_bad_entry) {
  auto refused = [](const char* json) { return fields_refused([&] { read_attendance_batch(boost::json::parse(json), modes); }); };
  EXPECT_EQ(refused(R"({"establishment_id":1,"care_mode":"11","month":"2026-02","entries":[
      {"stay_id":1,"date":"2026-02-03","status":"present"},
      {"stay_id":1,"date":"2026-02-04","status":"absent","reason":"illness"},
      {"stay_id":1,"date":"2026-02-05","status":null}]})"),
            Fields{});
  EXPECT_EQ(refused(R"({"establishment_id":1,"care_mode":"11","month":"2026-02","entries":[
      {"stay_id":1,"date":"2026-03-01","status":"present"},
      {"stay_id":1,"date":"2026-02-04","status":"absent","reason":null},
      {"stay_id":1,"date":"2026-02-05","status":"present","reason":"illness"},
      {"stay_id":1,"date":"2026-02-06","status":"here"},
      {"stay_id":1,"date":"2026-02-07","status":"present","note":"x"},
      3]})"),
            (Fields{"entries/0/date", "entries/1/reason", "entries/2/reason", "entries/3/status", "entries/4/note", "entries/5"}));
  EXPECT_EQ(refused(R"({"establishment_id":1,"care_mode":"99","month":"2026-2","entries":[]})"), (Fields{"care_mode", "month"}));
}

TEST(Attendance, months_and_opening_days) {
  EXPECT_EQ(parse_month("2024-02")->to_string(), "2024-02-01");
  EXPECT_EQ(last_day_of_month(*parse_month("2024-02")).to_string(), "2024-02-29");
  EXPECT_FALSE(parse_month("2024-13"));
  EXPECT_FALSE(parse_month("2024-1"));
  namespace est = modules::establishments;
  std::vector<est::Calendar> calendars = {{"13", 2026, std::nullopt, "1111100"}};
  std::vector<est::Closure> closures = {{1, std::nullopt, day("2026-08-03"), day("2026-08-21"), "été"}};
  EXPECT_TRUE(est::is_open(calendars, closures, "13", day("2026-11-23")));   // Monday
  EXPECT_FALSE(est::is_open(calendars, closures, "13", day("2026-11-22")));  // Sunday
  EXPECT_FALSE(est::is_open(calendars, closures, "13", day("2026-08-04")));  // summer closure
  EXPECT_TRUE(est::is_open(calendars, {}, "11", day("2026-11-22")));         // no calendar: every day
  EXPECT_TRUE(est::is_open(calendars, {}, "13", day("2025-11-22")));         // no calendar that year
}

TEST(Search, name_tokens_are_the_folded_words_of_every_name) {
  Identity i;
  i.birth_name = "Dupont-Martin";
  i.used_name = "Le Gall";
  i.first_names = {"Élodie", "Marie"};
  i.used_first_name = "Lodie";
  EXPECT_EQ(name_tokens(i), (std::vector<std::string>{"dupont", "elodie", "gall", "le", "lodie", "marie", "martin"}));
}
