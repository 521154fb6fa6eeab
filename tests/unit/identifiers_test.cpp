#include <gtest/gtest.h>

#include "core/identifiers.hpp"

using namespace passerelle;

TEST(Finess, accepts_the_published_valid_examples) {
  for (const char* f : {"010001261", "010003598", "010786259", "750712184", "130786049", "690781810"})
    EXPECT_TRUE(check_finess(f).valid) << f;
}

TEST(Finess, refuses_a_wrong_key_a_wrong_length_and_letters) {
  EXPECT_FALSE(check_finess("010001262").valid);
  EXPECT_FALSE(check_finess("01000126").valid);
  EXPECT_FALSE(check_finess("01000126A").valid);
  EXPECT_FALSE(check_finess("").valid);
  EXPECT_FALSE(check_finess("0100012610").valid);
}

TEST(Finess, accepts_corsican_numbers_on_format_with_a_warning) {
  auto check = check_finess("2A0001234");
  EXPECT_TRUE(check.valid);
  EXPECT_FALSE(check.message.empty());
  EXPECT_FALSE(check_finess("2C0001234").valid);
}

TEST(Nir, accepts_the_published_valid_examples_including_corsica) {
  for (const char* n : {"253072B07300470", "253072A07300443", "269054958815780"}) EXPECT_TRUE(check_nir(n).valid) << n;
}

TEST(Nir, refuses_a_wrong_key_length_or_characters) {
  EXPECT_FALSE(check_nir("185057800608436").valid);
  EXPECT_FALSE(check_nir("18505780060843").valid);
  EXPECT_FALSE(check_nir("1850578006084X6").valid);
  EXPECT_FALSE(check_nir("385057800608436").valid);
}
