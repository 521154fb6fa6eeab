#include <gtest/gtest.h>

#include "auth/password_policy.hpp"

using namespace passerelle::auth;

TEST(PasswordPolicy, accepts_a_long_passphrase) {
  EXPECT_EQ(password_problem("cheval agrafe correct pile"), std::nullopt);
  EXPECT_EQ(password_problem("Le petit chat dort sur le canapé", "alice.martin@example.org", "Alice Martin"),
            std::nullopt);
}

TEST(PasswordPolicy, refuses_fewer_than_twelve_characters) {
  const auto problem = password_problem("k7#Vq9!xZ2a");
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("au moins 12 caractères"), std::string::npos) << *problem;
}

TEST(PasswordPolicy, counts_characters_not_bytes) {
  // 12 characters but 24 bytes: accepted. 11 characters but 22 bytes: refused.
  EXPECT_EQ(password_problem("éèàùçêâîôûëï"), std::nullopt);
  EXPECT_TRUE(password_problem("éèàùçêâîôûë"));
}

TEST(PasswordPolicy, refuses_more_than_128_characters) {
  EXPECT_EQ(password_problem(std::string(128, 'x')), std::nullopt);
  const auto problem = password_problem(std::string(129, 'x'));
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("128"), std::string::npos) << *problem;
}

TEST(PasswordPolicy, refuses_a_common_password) {
  for (const char* p : {"motdepasse123", "azertyuiop123", "qwerty123456", "1q2w3e4r5t6y", "iloveyou1234"}) {
    const auto problem = password_problem(p);
    ASSERT_TRUE(problem) << p;
    EXPECT_NE(problem->find("courants"), std::string::npos) << p << ": " << *problem;
  }
}

TEST(PasswordPolicy, refuses_a_common_password_dressed_with_capitals_digits_and_punctuation) {
  EXPECT_TRUE(password_problem("Azerty123!"));  // already too short
  for (const char* p : {"Azerty123456!", "Password2024!", "MARSEILLE2024!!", "2024-Soleil-2024", "Liberté2024!!"}) {
    const auto problem = password_problem(p);
    ASSERT_TRUE(problem) << p;
    EXPECT_NE(problem->find("courants"), std::string::npos) << p << ": " << *problem;
  }
}

TEST(PasswordPolicy, refuses_a_password_containing_the_email_local_part) {
  EXPECT_TRUE(password_problem("xx-jmartin-de-lyon", "jmartin@example.org"));
  EXPECT_TRUE(password_problem("MartinVoyageEte", "alice.martin@example.org"));
  EXPECT_EQ(password_problem("MartinVoyageEte", "alice.dupont@example.org"), std::nullopt);
}

TEST(PasswordPolicy, refuses_a_password_containing_the_name_whatever_the_case_or_accents) {
  EXPECT_TRUE(password_problem("vacances-helene-nice", "", "Hélène Durand"));
  EXPECT_TRUE(password_problem("VACANCES DURAND NICE", "", "Hélène Durand"));
  EXPECT_TRUE(password_problem("ÉloDie au bord du lac", "", "Élodie"));
}

TEST(PasswordPolicy, ignores_name_and_email_parts_shorter_than_four_characters) {
  EXPECT_EQ(password_problem("une bou lée de lac", "bo@example.org", "Léa Bou"), std::nullopt);
}
