#include <gtest/gtest.h>

#include <regex>

#include "auth/qr_svg.hpp"

using namespace passerelle::auth;

namespace {
constexpr const char* uri =
    "otpauth://totp/Passerelle:alice%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    "&issuer=Passerelle&algorithm=SHA1&digits=6&period=30";
}

TEST(QrCodeSvg, is_a_standalone_svg_with_a_viewbox_and_one_path_of_dark_modules) {
  const auto svg = qr_code_svg(uri);
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u) << svg;
  EXPECT_NE(svg.find("shape-rendering=\"crispEdges\""), std::string::npos);
  EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(svg, m, std::regex("viewBox=\"0 0 (\\d+) (\\d+)\"")));
  EXPECT_EQ(m[1], m[2]);
  // Version 1 is 21 modules wide, each version adds 4, and 8 more are the quiet zone.
  EXPECT_EQ((std::stoi(m[1]) - 8 - 21) % 4, 0);
  std::size_t paths = 0;
  for (auto p = svg.find("<path"); p != std::string::npos; p = svg.find("<path", p + 1)) ++paths;
  EXPECT_EQ(paths, 1u);
}

TEST(QrCodeSvg, starts_with_the_top_left_finder_pattern_inside_the_quiet_zone) {
  // The first row of every QR code begins with the 7 dark modules of a finder pattern.
  EXPECT_NE(qr_code_svg(uri).find("d=\"M4 4h7v1h-7z"), std::string::npos);
}

TEST(QrCodeSvg, uses_no_style_attribute_so_a_strict_csp_allows_it) {
  const auto svg = qr_code_svg(uri);
  EXPECT_EQ(svg.find("style"), std::string::npos);
  EXPECT_NE(svg.find("fill=\"#000\""), std::string::npos);
}

TEST(QrCodeSvg, gives_the_same_output_for_the_same_input) {
  EXPECT_EQ(qr_code_svg(uri), qr_code_svg(uri));
  EXPECT_NE(qr_code_svg(uri), qr_code_svg("otpauth://totp/autre"));
}

TEST(QrCodeSvg, throws_when_the_text_does_not_fit_in_a_qr_code) {
  EXPECT_THROW(qr_code_svg(std::string(3000, 'a')), std::runtime_error);
  EXPECT_NO_THROW(qr_code_svg(std::string(2000, 'a')));
}
