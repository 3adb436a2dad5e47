#include "common/duration.h"

#include <catch2/catch.hpp>

namespace berth {
namespace {

TEST_CASE("duration: units and refusals") {
  CHECK(ParseDurationMs("90").value() == 90000);
  CHECK(ParseDurationMs("500ms").value() == 500);
  CHECK(ParseDurationMs("10m").value() == 600000);
  CHECK(ParseDurationMs("12h").value() == 12 * 3600000LL);
  CHECK(ParseDurationMs("30d").value() == 30 * 86400000LL);
  CHECK(ParseDurationMs("1w").status().message() ==
        "\"1w\" has an unknown unit (use ms, s, m, h or d)");
  CHECK(ParseDurationMs("-5s").status().code() == Code::kInvalidArgument);
  CHECK(ParseDurationMs("soon").status().code() == Code::kInvalidArgument);
}

}  // namespace
}  // namespace berth
