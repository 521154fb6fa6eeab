#include <gtest/gtest.h>

#include <algorithm>

#include "core/problem.hpp"
#include "modules/persons/appointments.hpp"

using namespace passerelle;
using namespace passerelle::modules::persons;

namespace {

LocalTime at(const char* text) {
  auto t = LocalTime::parse(text);
  EXPECT_TRUE(t.has_value()) << text;
  return t.value_or(LocalTime{});
}

std::int64_t unix_seconds(const char* utc_text) { return at(utc_text).minutes_since_epoch() * 60; }

const LocalTime now = LocalTime::parse("2026-11-23T20:00").value();

std::vector<std::string> errors_of(const std::string& json, const Appointment* current = nullptr) {
  try {
    read_appointment(boost::json::parse(json), current, now);
  } catch (const Problem& p) {
    std::vector<std::string> fields;
    for (const auto& e : p.errors()) fields.push_back(e.field);
    return fields;
  }
  return {};
}

Appointment appointment(std::int64_t id, const char* from, const char* to, std::optional<std::int64_t> person,
                        std::vector<std::int64_t> professionals, std::string status = "planned") {
  Appointment a;
  a.id = id;
  a.starts_at = at(from);
  a.ends_at = at(to);
  a.person_id = person;
  for (auto p : professionals) a.professionals.push_back({p, "Pro " + std::to_string(p)});
  a.status = std::move(status);
  return a;
}

std::vector<BusySlot> slots_of(const std::vector<Appointment>& list) {
  std::vector<BusySlot> out;
  for (const auto& a : list)
    for (const auto& party : busy_parties(a)) out.push_back({a.id, party, a.starts_at, a.ends_at});
  return out;
}

const std::string valid = R"({"establishment_id":1,"starts_at":"2026-12-01T09:00","ends_at":"2026-12-01T10:00",)"
                          R"("kind":"family","title":"Rencontre avec la famille","person_id":4,"professional_ids":[7,9]})";

}  // namespace

TEST(AppointmentTimes, local_times_are_read_strictly) {
  EXPECT_EQ(at("2026-12-01T09:30").to_string(), "2026-12-01T09:30");
  EXPECT_EQ(at("2026-12-01T00:00").date().to_string(), "2026-12-01");
  EXPECT_EQ(at("2026-12-31T23:59").plus_minutes(1).to_string(), "2027-01-01T00:00");
  for (const char* bad : {"2026-12-01 09:30", "2026-12-01T24:00", "2026-12-01T09:60", "2026-02-30T10:00", "1999-12-31T10:00",
                          "2026-12-01T9:30", "2026-12-01T09:30:00", "2026-12-01T09:3a", "", "2026-12-01T09:30Z"})
    EXPECT_FALSE(LocalTime::parse(bad).has_value()) << bad;
}

TEST(AppointmentTimes, the_hour_skipped_in_march_does_not_exist_in_paris) {
  EXPECT_FALSE(exists_in_paris(at("2026-03-29T02:00")));
  EXPECT_FALSE(exists_in_paris(at("2026-03-29T02:59")));
  EXPECT_TRUE(exists_in_paris(at("2026-03-29T01:59")));
  EXPECT_TRUE(exists_in_paris(at("2026-03-29T03:00")));
  EXPECT_FALSE(exists_in_paris(at("2027-03-28T02:30")));
  EXPECT_TRUE(exists_in_paris(at("2026-03-22T02:30")));  // not the last Sunday
  EXPECT_TRUE(exists_in_paris(at("2026-10-25T02:30")));  // the hour repeated in October exists (twice)
}

TEST(AppointmentTimes, paris_clock_follows_summer_time) {
  EXPECT_EQ(paris_time_at(unix_seconds("2026-01-15T12:00")).to_string(), "2026-01-15T13:00");
  EXPECT_EQ(paris_time_at(unix_seconds("2026-07-15T12:00")).to_string(), "2026-07-15T14:00");
  EXPECT_EQ(paris_time_at(unix_seconds("2026-03-29T00:59")).to_string(), "2026-03-29T01:59");
  EXPECT_EQ(paris_time_at(unix_seconds("2026-03-29T01:00")).to_string(), "2026-03-29T03:00");
  EXPECT_EQ(paris_time_at(unix_seconds("2026-10-25T00:59")).to_string(), "2026-10-25T02:59");
  EXPECT_EQ(paris_time_at(unix_seconds("2026-10-25T01:00")).to_string(), "2026-10-25T02:00");
  EXPECT_EQ(paris_time_at(unix_seconds("2026-12-31T23:30")).to_string(), "2027-01-01T00:30");
}

TEST(AppointmentConflicts, intervals_are_half_open) {
  EXPECT_FALSE(overlaps(at("2026-12-01T09:00"), at("2026-12-01T10:00"), at("2026-12-01T10:00"), at("2026-12-01T11:00")));
  EXPECT_FALSE(overlaps(at("2026-12-01T10:00"), at("2026-12-01T11:00"), at("2026-12-01T09:00"), at("2026-12-01T10:00")));
  EXPECT_TRUE(overlaps(at("2026-12-01T09:00"), at("2026-12-01T10:01"), at("2026-12-01T10:00"), at("2026-12-01T11:00")));
  EXPECT_TRUE(overlaps(at("2026-12-01T09:00"), at("2026-12-01T12:00"), at("2026-12-01T10:00"), at("2026-12-01T11:00")));
}

TEST(AppointmentConflicts, a_shared_professional_or_person_over_the_same_time_conflicts) {
  const auto synthesis = appointment(1, "2026-12-01T09:00", "2026-12-01T11:00", 4, {7, 9});
  const std::vector<Appointment> others = {
      appointment(2, "2026-12-01T10:00", "2026-12-01T10:30", 5, {9}),           // professional 9
      appointment(3, "2026-12-01T10:30", "2026-12-01T12:00", 4, {}),            // the same person
      appointment(4, "2026-12-01T11:00", "2026-12-01T12:00", 4, {7}),           // starts when it ends
      appointment(5, "2026-12-01T09:00", "2026-12-01T11:00", 6, {8}),           // nobody in common
      appointment(6, "2026-12-01T09:00", "2026-12-01T11:00", 4, {7}, "cancelled"),  // frees the slot
      appointment(7, "2026-12-01T09:00", "2026-12-01T11:00", 4, {7}, "missed"),
  };
  const auto found = conflicts_with(synthesis, slots_of(others));
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found.at(2), std::vector<std::string>{"account:9"});
  EXPECT_EQ(found.at(3), std::vector<std::string>{"person:4"});
}

TEST(AppointmentConflicts, an_appointment_not_planned_conflicts_with_nothing) {
  const auto done = appointment(1, "2026-12-01T09:00", "2026-12-01T11:00", 4, {7}, "done");
  EXPECT_TRUE(busy_parties(done).empty());
  EXPECT_TRUE(conflicts_with(done, slots_of({appointment(2, "2026-12-01T09:00", "2026-12-01T11:00", 4, {7})})).empty());
}

TEST(AppointmentConflicts, an_appointment_never_conflicts_with_itself) {
  const auto a = appointment(1, "2026-12-01T09:00", "2026-12-01T11:00", 4, {7});
  EXPECT_TRUE(conflicts_with(a, slots_of({a})).empty());
  EXPECT_TRUE(conflicts_among(slots_of({a})).empty());
}

TEST(AppointmentConflicts, every_conflict_among_a_week_is_found_both_ways) {
  const std::vector<Appointment> week = {
      appointment(1, "2026-12-01T09:00", "2026-12-01T10:00", std::nullopt, {7}),
      appointment(2, "2026-12-01T09:30", "2026-12-01T10:30", 4, {7, 9}),  // professional 7 twice
      appointment(3, "2026-12-01T10:00", "2026-12-01T11:00", 5, {9}),     // professional 9 with 2
      appointment(4, "2026-12-01T10:30", "2026-12-01T11:30", 5, {}),      // person 5 with 3
      appointment(5, "2026-12-01T11:30", "2026-12-01T12:00", 5, {9}),     // right after both
      appointment(6, "2026-12-01T08:00", "2026-12-04T08:00", 4, {}),      // a long one over 2
  };
  const auto found = conflicts_among(slots_of(week));
  EXPECT_EQ(found.at(1), (std::vector<std::int64_t>{2}));
  EXPECT_EQ(found.at(2), (std::vector<std::int64_t>{1, 3, 6}));
  EXPECT_EQ(found.at(3), (std::vector<std::int64_t>{2, 4}));
  EXPECT_EQ(found.at(4), (std::vector<std::int64_t>{3}));
  EXPECT_EQ(found.count(5), 0u);
  EXPECT_EQ(found.at(6), (std::vector<std::int64_t>{2}));
}

TEST(AppointmentInputs, a_valid_appointment_is_read) {
  auto input = read_appointment(boost::json::parse(valid), nullptr, now);
  const auto& a = input.appointment;
  EXPECT_EQ(a.establishment_id, 1);
  EXPECT_EQ(a.person_id, 4);
  EXPECT_EQ(a.professional_ids(), (std::vector<std::int64_t>{7, 9}));
  EXPECT_EQ(a.status, "planned");
  EXPECT_EQ(a.starts_at.to_string(), "2026-12-01T09:00");
  EXPECT_FALSE(input.confirm_conflict);
  EXPECT_FALSE(a.place.has_value());
}

TEST(AppointmentInputs, bad_inputs_name_their_field) {
  auto with = [](const std::string& patch) {
    auto body = boost::json::parse(valid).as_object();
    const auto changes = boost::json::parse(patch);
    for (const auto& [k, v] : changes.as_object()) body[k] = v;
    return errors_of(boost::json::serialize(body));
  };
  using F = std::vector<std::string>;
  EXPECT_EQ(with(R"({"ends_at":"2026-12-01T08:00"})"), F{"ends_at"});
  EXPECT_EQ(with(R"({"ends_at":"2026-12-01T09:00"})"), F{"ends_at"});  // empty
  EXPECT_EQ(with(R"({"ends_at":"2026-12-05T09:01"})"), F{"ends_at"});  // more than 3 days
  EXPECT_TRUE(with(R"({"ends_at":"2026-12-04T09:00"})").empty());
  EXPECT_EQ(with(R"({"starts_at":"01/12/2026 09:00"})"), F{"starts_at"});
  EXPECT_EQ(with(R"({"starts_at":"2027-03-28T02:15","ends_at":"2027-03-28T04:00"})"), F{"starts_at"});
  EXPECT_EQ(with(R"({"kind":"dentist"})"), F{"kind"});
  EXPECT_EQ(with(R"({"title":"   "})"), F{"title"});
  EXPECT_EQ(with(R"({"person_id":"1 OR 1=1"})"), F{"person_id"});
  EXPECT_EQ(with(R"({"person_id":null,"professional_ids":[]})"), F{"person_id"});
  EXPECT_TRUE(with(R"({"person_id":null})").empty());  // professionals only: a team meeting
  EXPECT_TRUE(with(R"({"professional_ids":[]})").empty());
  EXPECT_EQ(with(R"({"professional_ids":[7,7]})"), F{"professional_ids/1"});
  EXPECT_EQ(with(R"({"professional_ids":[7,"x"]})"), F{"professional_ids/1"});
  EXPECT_EQ(with(R"({"status":"cancelled"})"), F{"status"});
  EXPECT_EQ(with(R"({"status":"done"})"), F{"status"});  // not started yet (now is 2026-11-23)
  EXPECT_TRUE(with(R"({"status":"done","starts_at":"2026-11-20T09:00","ends_at":"2026-11-20T10:00"})").empty());
  EXPECT_EQ(with(R"({"confirm_conflict":"yes"})"), F{"confirm_conflict"});
  EXPECT_EQ(with(R"({"colour":"red"})"), F{"colour"});
  EXPECT_EQ(with(R"({"title":"a\u0000b"})"), F{"title"});
}

TEST(AppointmentInputs, a_change_keeps_what_it_does_not_name) {
  const auto current = read_appointment(boost::json::parse(valid), nullptr, now).appointment;
  auto input = read_appointment(boost::json::parse(R"({"title":"Synthèse","place":"Salle 2"})"), &current, now);
  EXPECT_EQ(input.appointment.title, "Synthèse");
  EXPECT_EQ(input.appointment.place, "Salle 2");
  EXPECT_EQ(input.appointment.starts_at, current.starts_at);
  EXPECT_EQ(input.appointment.professional_ids(), current.professional_ids());
  EXPECT_EQ(input.changed, (std::vector<std::string>{"title", "place"}));
  auto cleared = read_appointment(boost::json::parse(R"({"place":null})"), &input.appointment, now);
  EXPECT_FALSE(cleared.appointment.place.has_value());
  // Moving the start past the end names the start, the field changed.
  EXPECT_EQ(errors_of(R"({"starts_at":"2026-12-01T10:30"})", &current), std::vector<std::string>{"starts_at"});
  EXPECT_EQ(errors_of(R"({"title":null})", &current), std::vector<std::string>{"title"});
  EXPECT_EQ(errors_of(R"({"person_id":null,"professional_ids":[]})", &current), std::vector<std::string>{"person_id"});
}
