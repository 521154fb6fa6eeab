#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "auth/totp.hpp"

using namespace passerelle::auth;

namespace {
// RFC 6238 Appendix B: the SHA-1 seed is the ASCII text "12345678901234567890".
constexpr const char* rfc_secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
constexpr std::int64_t t = 1111111111;
constexpr std::int64_t step = t / 30;
}  // namespace

TEST(Totp, matches_the_rfc_6238_sha1_test_vectors_on_their_last_six_digits) {
  EXPECT_EQ(totp_code(rfc_secret, 59), "287082");
  EXPECT_EQ(totp_code(rfc_secret, 1111111109), "081804");
  EXPECT_EQ(totp_code(rfc_secret, 1111111111), "050471");
  EXPECT_EQ(totp_code(rfc_secret, 1234567890), "005924");
  EXPECT_EQ(totp_code(rfc_secret, 2000000000), "279037");
}

TEST(Totp, reads_the_secret_in_lower_case_and_with_spaces_as_people_type_it) {
  EXPECT_EQ(totp_code("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", 59), "287082");
}

TEST(Totp, refuses_a_secret_that_is_not_base32) {
  EXPECT_THROW(totp_code("not base32!", 59), std::invalid_argument);
  EXPECT_THROW(totp_code("", 59), std::invalid_argument);
}

TEST(TotpVerify, accepts_the_current_code_and_returns_its_step) {
  EXPECT_EQ(verify_totp(rfc_secret, totp_code(rfc_secret, t), t, -1), step);
}

TEST(TotpVerify, accepts_one_step_of_clock_drift_either_way) {
  EXPECT_EQ(verify_totp(rfc_secret, totp_code(rfc_secret, t - 30), t, -1), step - 1);
  EXPECT_EQ(verify_totp(rfc_secret, totp_code(rfc_secret, t + 30), t, -1), step + 1);
}

TEST(TotpVerify, refuses_codes_two_steps_away) {
  const auto before = totp_code(rfc_secret, t - 60);
  const auto after = totp_code(rfc_secret, t + 60);
  // The test means something only if those codes differ from the three accepted ones.
  for (auto s : {t - 30, t, t + 30}) {
    ASSERT_NE(before, totp_code(rfc_secret, s));
    ASSERT_NE(after, totp_code(rfc_secret, s));
  }
  EXPECT_EQ(verify_totp(rfc_secret, before, t, -1), std::nullopt);
  EXPECT_EQ(verify_totp(rfc_secret, after, t, -1), std::nullopt);
}

TEST(TotpVerify, refuses_a_wrong_code) {
  auto wrong = totp_code(rfc_secret, t);
  wrong[0] = wrong[0] == '9' ? '0' : static_cast<char>(wrong[0] + 1);
  EXPECT_EQ(verify_totp(rfc_secret, wrong, t, -1), std::nullopt);
}

TEST(TotpVerify, refuses_a_code_replayed_in_the_same_step) {
  const auto code = totp_code(rfc_secret, t);
  const auto used = verify_totp(rfc_secret, code, t, -1);
  ASSERT_TRUE(used);
  EXPECT_EQ(verify_totp(rfc_secret, code, t + 5, *used), std::nullopt);
}

TEST(TotpVerify, refuses_a_code_from_a_step_older_than_the_last_used_one) {
  EXPECT_EQ(verify_totp(rfc_secret, totp_code(rfc_secret, t - 30), t, step), std::nullopt);
  EXPECT_EQ(verify_totp(rfc_secret, totp_code(rfc_secret, t + 30), t, step), step + 1);
}

TEST(TotpVerify, refuses_malformed_codes_without_looking_further) {
  for (const char* code : {"12345", "abcdef", "1234567", "", " 50471", "05047\n", "+50471", "０５０４７１"})
    EXPECT_EQ(verify_totp(rfc_secret, code, t, -1), std::nullopt) << code;
}

TEST(TotpEnrolment, generates_distinct_unpadded_base32_secrets_of_20_bytes) {
  const auto a = generate_totp_secret();
  const auto b = generate_totp_secret();
  EXPECT_NE(a, b);
  EXPECT_TRUE(std::regex_match(a, std::regex("[A-Z2-7]{32}"))) << a;
  EXPECT_EQ(verify_totp(a, totp_code(a, t), t, -1), step);
}

TEST(TotpEnrolment, builds_the_otpauth_uri_with_a_percent_encoded_label) {
  EXPECT_EQ(otpauth_uri("Passerelle", "alice@example.org", "JBSWY3DPEHPK3PXP"),
            "otpauth://totp/Passerelle:alice%40example.org?secret=JBSWY3DPEHPK3PXP&issuer=Passerelle"
            "&algorithm=SHA1&digits=6&period=30");
}

TEST(TotpEnrolment, percent_encodes_spaces_accents_and_separators_in_the_issuer) {
  EXPECT_EQ(otpauth_uri("Foyer Les Érables", "a:b&c", "JBSWY3DPEHPK3PXP"),
            "otpauth://totp/Foyer%20Les%20%C3%89rables:a%3Ab%26c?secret=JBSWY3DPEHPK3PXP"
            "&issuer=Foyer%20Les%20%C3%89rables&algorithm=SHA1&digits=6&period=30");
}

TEST(TotpRecoveryCodes, are_three_groups_of_four_unambiguous_characters) {
  const auto codes = generate_recovery_codes();
  ASSERT_EQ(codes.size(), 10u);
  const std::regex format("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}");
  for (const auto& code : codes) {
    EXPECT_TRUE(std::regex_match(code, format)) << code;
    EXPECT_EQ(code.find_first_of("01OIL"), std::string::npos) << code;
  }
}

TEST(TotpRecoveryCodes, are_all_different) {
  const auto codes = generate_recovery_codes(200);
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), 200u);
}

TEST(TotpRecoveryCodes, normalise_what_the_person_typed_to_the_generated_form) {
  EXPECT_EQ(normalise_recovery_code("7kq2 m9xd-4tpa"), "7KQ2M9XD4TPA");
  EXPECT_EQ(normalise_recovery_code(" 7KQ2-M9XD-4TPA "), "7KQ2M9XD4TPA");
  for (const auto& code : generate_recovery_codes(3)) {
    std::string lower;
    for (char c : code) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(normalise_recovery_code(lower), normalise_recovery_code(code));
  }
}
