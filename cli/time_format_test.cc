#include "cli/time_format.h"

#include <catch2/catch.hpp>

#include "cli/deployment_fixtures_for_test.h"

namespace berth::cli {
namespace {

TEST_CASE("API times parse with and without milliseconds", "[time]") {
  CHECK(ParseIsoTime("1970-01-01T00:00:01.250Z") == 1250);
  CHECK(ParseIsoTime("2026-11-25T20:33:00Z") == int64_t{1795638780} * 1000);
  CHECK_FALSE(ParseIsoTime("").has_value());
  CHECK_FALSE(ParseIsoTime("2026-11-25 20:33:00").has_value());
  CHECK_FALSE(ParseIsoTime("2026-11-25T20:33:00.123").has_value());
}

TEST_CASE("durations and ages read naturally", "[time]") {
  CHECK(FormatDuration(100) == "0.1s");
  CHECK(FormatDuration(12'345) == "12.3s");
  CHECK(FormatDuration(125'000) == "2m05s");
  CHECK(FormatDuration(3'720'000) == "1h02m");
  CHECK(FormatAge(4'000) == "4s ago");
  CHECK(FormatAge(180'000) == "3m ago");
  CHECK(FormatAge(-5) == "0s ago");
}

TEST_CASE("times show in local time", "[time]") {
  testing::UseUtc();
  CHECK(FormatIsoDateTime("2026-11-25T20:33:00.123Z") == "2026-11-25 20:33:00");
  CHECK(FormatIsoDateTime("") == "");
  CHECK(FormatIsoDateTime("yesterday") == "yesterday");
  CHECK(FormatClock(1250) == "00:00:01");
}

}  // namespace
}  // namespace berth::cli
