#include <gtest/gtest.h>

#include "core/problem.hpp"
#include "modules/persons/domain.hpp"

using namespace passerelle;
using namespace passerelle::modules::persons;

namespace {

Identity identity(std::string birth_name, std::vector<std::string> first_names, std::string birth_date,
                  std::string sex = "F") {
  Identity i;
  i.birth_name = std::move(birth_name);
  i.first_names = std::move(first_names);
  i.birth_date = std::move(birth_date);
  i.sex = std::move(sex);
  return i;
}

std::vector<std::string> errors_of(const std::string& json) {
  try {
    std::optional<std::int64_t> establishment;
    read_identity(boost::json::parse(json), nullptr, &establishment);
  } catch (const Problem& p) {
    std::vector<std::string> fields;
    for (const auto& e : p.errors()) fields.push_back(e.field);
    return fields;
  }
  return {};
}

}  // namespace

TEST(PersonIdentity, names_are_normalised_for_comparison) {
  EXPECT_EQ(normalise_name("  Dupont-Martin "), "dupont martin");
  EXPECT_EQ(normalise_name("ÉLODIE"), "elodie");
  EXPECT_EQ(normalise_name("N'Diaye"), "n diaye");
  EXPECT_EQ(search_text_of(identity("Dupont", {"Marie", "Claire"}, "1985-07-12")), " dupont marie claire ");
}

TEST(PersonIdentity, the_nir_must_agree_with_sex_year_and_month) {
  auto woman = identity("Costa", {"Maria"}, "1953-07-04");
  woman.nir = "253072B07300470";
  EXPECT_FALSE(nir_inconsistency(woman));
  auto man = woman;
  man.sex = "M";
  EXPECT_TRUE(nir_inconsistency(man));
  auto other_year = woman;
  other_year.birth_date = "1954-07-04";
  EXPECT_TRUE(nir_inconsistency(other_year));
  auto other_month = woman;
  other_month.birth_date = "1953-08-04";
  EXPECT_TRUE(nir_inconsistency(other_month));
  auto year_only = woman;
  year_only.birth_date = "1953";
  EXPECT_FALSE(nir_inconsistency(year_only));
}

TEST(PersonIdentity, bad_identities_name_their_fields) {
  EXPECT_TRUE(errors_of(R"({"establishment_id":1,"birth_name":"Dupont","first_names":["Marie"],"sex":"F","birth_date":"1985-07-12"})").empty());
  EXPECT_EQ(errors_of(R"({"establishment_id":1,"birth_name":"Dup0nt","first_names":["Marie"],"sex":"F","birth_date":"1985-07-12"})"),
            std::vector<std::string>{"birth_name"});
  EXPECT_EQ(errors_of(R"({"establishment_id":1,"birth_name":"Dupont","first_names":[],"sex":"F","birth_date":"1985-07-12"})"),
            std::vector<std::string>{"first_names"});
  EXPECT_EQ(errors_of(R"({"establishment_id":1,"birth_name":"Dupont","first_names":["Marie"],"sex":"X","birth_date":"1985-07-12"})"),
            std::vector<std::string>{"sex"});
  EXPECT_EQ(errors_of(R"({"establishment_id":1,"birth_name":"Dupont","first_names":["Marie"],"sex":"F","birth_date":"2999-01-01"})"),
            std::vector<std::string>{"birth_date"});
  EXPECT_EQ(errors_of(R"({"establishment_id":1,"birth_name":"Dupont","first_names":["Marie"],"sex":"F","birth_date":"2023-02-30"})"),
            std::vector<std::string>{"birth_date"});
  EXPECT_EQ(errors_of(R"({"establishment_id":1,"birth_name":"Dupont","first_names":["Marie"],"sex":"F","birth_date":"1985-07-12","nir":"185057800608436"})"),
            std::vector<std::string>{"nir"});
  EXPECT_EQ(errors_of(R"({"establishment_id":1,"birth_name":"Dupont","first_names":["Marie"],"sex":"F","birth_date":"1985-07-12","identity_status":"VALI"})"),
            std::vector<std::string>{"identity_document"});
  EXPECT_EQ(errors_of(R"({"establishment_id":1,"birth_name":"Dupont","first_names":["Marie"],"sex":"F","birth_date":"1985-07-12","birth_place":"6912"})"),
            std::vector<std::string>{"birth_place"});
}

TEST(PersonDuplicates, likely_duplicates_score_high_and_others_low) {
  const auto marie = identity("Dupont-Martin", {"Marie", "Claire"}, "1985-07-12");
  EXPECT_GE(duplicate_score(marie, identity("dupont martin", {"marie"}, "1985-07-12")).score, likely_duplicate);
  EXPECT_GE(duplicate_score(marie, identity("Marie", {"Dupont-Martin"}, "1985-07-12")).score, likely_duplicate);  // inverted
  EXPECT_LT(duplicate_score(marie, identity("Dupont-Martin", {"Marie"}, "1990-01-01")).score, likely_duplicate);
  EXPECT_LT(duplicate_score(marie, identity("Durand", {"Paul"}, "1985-07-12")).score, likely_duplicate);
  auto with_nir = marie, other_name = identity("X", {"Y"}, "2000-01-01");
  with_nir.nir = other_name.nir = "269054958815780";
  EXPECT_EQ(duplicate_score(with_nir, other_name).score, 100);
}

TEST(Stays, overlapping_stays_of_one_kind_in_one_establishment_are_refused) {
  auto stay = [](std::int64_t id, const char* admission) {
    Stay s;
    s.id = id;
    s.person_id = 7;
    s.establishment_id = 10;
    s.care_mode = "13";
    s.admission_date = *Date::parse(admission);
    s.origin = "home";
    return s;
  };
  std::vector<Stay> stays = {stay(1, "2024-09-01")};
  Stay same = stay(0, "2025-01-01");
  EXPECT_THROW(check_no_overlapping_stay(stays, same), Problem);
  auto other_mode = same;
  other_mode.care_mode = "11";
  EXPECT_NO_THROW(check_no_overlapping_stay(stays, other_mode));
  auto other_establishment = same;
  other_establishment.establishment_id = 11;
  EXPECT_NO_THROW(check_no_overlapping_stay(stays, other_establishment));
  auto before = same;
  before.admission_date = *Date::parse("2023-01-01");
  before.discharge_date = Date::parse("2024-08-31");
  EXPECT_NO_THROW(check_no_overlapping_stay(stays, before));
}

TEST(PersonIdentity, names_refuse_controls_digits_and_symbols_of_every_script) {
  auto with_name = [](const std::string& name) {
    return R"({"establishment_id":1,"birth_name":")" + name + R"(","first_names":["Marie"],"sex":"F","birth_date":"1985-07-12"})";
  };
  EXPECT_TRUE(errors_of(with_name("Kołodziej")).empty());
  EXPECT_TRUE(errors_of(with_name("N’Diaye")).empty());
  EXPECT_TRUE(errors_of(with_name("Παπαδόπουλος")).empty());
  EXPECT_EQ(errors_of(with_name("Dup\\u0085ont")), std::vector<std::string>{"birth_name"});  // C1 control
  EXPECT_EQ(errors_of(with_name("Dupont\\u0663")), std::vector<std::string>{"birth_name"});  // Arabic-Indic digit
  EXPECT_EQ(errors_of(with_name("Dupont€")), std::vector<std::string>{"birth_name"});
}

TEST(OrientationDecision, validity_follows_the_dates) {
  Decision d;
  d.valid_from = *Date::parse("2024-01-01");
  d.valid_to = *Date::parse("2026-12-31");
  EXPECT_EQ(validity_of(d, *Date::parse("2023-12-31")), "future");
  EXPECT_EQ(validity_of(d, *Date::parse("2025-06-01")), "valid");
  EXPECT_EQ(validity_of(d, *Date::parse("2026-07-01")), "expiring");  // six months left
  EXPECT_EQ(validity_of(d, *Date::parse("2026-12-31")), "expiring");
  EXPECT_EQ(validity_of(d, *Date::parse("2027-01-01")), "expired");
}
