#pragma once
// Every refusal must reach the client as a problem+json it can read: a 4xx status, and a body that is
// valid JSON (so valid UTF-8, even when the message quotes what the client sent).
#include <boost/json.hpp>

#include "check.hpp"
#include "core/problem.hpp"
#include "core/response.hpp"

namespace passerelle::fuzz {

inline void check_problem_response(const Problem& problem) {
  FUZZ_CHECK(problem.status() >= 400 && problem.status() < 500, "a refusal of input is a 4xx");
  const Response response = Response::problem(problem);
  boost::system::error_code ec;
  const auto body = boost::json::parse(response.body, ec);
  FUZZ_CHECK(!ec, "the problem+json body parses as JSON");
  FUZZ_CHECK(body.at("status").as_int64() == problem.status(), "the body carries the status");
}

}  // namespace passerelle::fuzz
