#pragma once
// What the fuzz targets check beyond "no crash": properties the code promises (a Problem and never another
// exception, results within their limits). A broken property aborts, which libFuzzer reports as a crash
// with its input, in the fuzz build as in the replay build (unlike assert, it is never compiled out).
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition, what)                                                               \
  do {                                                                                            \
    if (!(condition)) {                                                                           \
      std::fprintf(stderr, "%s:%d: property broken: %s (%s)\n", __FILE__, __LINE__, what, #condition); \
      std::abort();                                                                               \
    }                                                                                             \
  } while (false)
