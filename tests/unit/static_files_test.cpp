#include <gtest/gtest.h>

#include "http/static_files.hpp"

using namespace passerelle::http;

TEST(StaticFiles, refuses_paths_that_leave_the_root) {
  for (const char* p : {"/../etc/passwd", "/assets/../../etc/passwd", "/..", "/a/./b", "/%2e%2e/x", "/a\\b",
                        "/.env", "/x\x01y", ""})
    EXPECT_FALSE(safe_static_path(p)) << p;
  for (const char* p : {"/", "/index.html", "/assets/index-abc123.js", "/etablissements"})
    EXPECT_TRUE(safe_static_path(p)) << p;
}

TEST(StaticFiles, gives_content_types_by_extension) {
  EXPECT_EQ(content_type_for("a.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for("x.unknown"), "application/octet-stream");
}
