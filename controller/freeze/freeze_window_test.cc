#include "controller/freeze/freeze_window.h"

#include <catch2/catch.hpp>
#include <chrono>

#include "controller/freeze/fake_time_zones.h"

namespace berth::freeze {
namespace {

// Unix ms of a UTC wall-clock time.
int64_t Utc(int year, unsigned month, unsigned day, int hour, int minute, int second = 0) {
  namespace chrono = std::chrono;
  const chrono::sys_days date{chrono::year{year} / chrono::month{month} / chrono::day{day}};
  const chrono::sys_seconds t =
      date + chrono::hours(hour) + chrono::minutes(minute) + chrono::seconds(second);
  return t.time_since_epoch().count() * 1000;
}

TEST_CASE("ParseFreezeWindow: weekly and one-off windows, canonical specs", "[freeze]") {
  FakeTimeZones zones;
  zones.SetOffset("America/New_York", -300);
  struct Row {
    const char* spec;
    const char* canonical;
    bool weekly;
  };
  for (const Row& row : std::vector<Row>{
           {"Fri 16:00-Mon 08:00 Europe/Berlin", "Fri 16:00-Mon 08:00 Europe/Berlin", true},
           {"  fri 16:00 - MON 08:00   Europe/Berlin ", "Fri 16:00-Mon 08:00 Europe/Berlin", true},
           {"Mon 00:00-Mon 06:30:15 UTC", "Mon 00:00-Mon 06:30:15 UTC", true},
           {"2026-12-24 00:00-2026-12-27 00:00 UTC", "2026-12-24 00:00-2026-12-27 00:00 UTC",
            false},
           {"2028-02-29 09:00-2028-03-01 09:00:30 America/New_York",
            "2028-02-29 09:00-2028-03-01 09:00:30 America/New_York", false},
       }) {
    INFO(row.spec);
    Result<FreezeWindow> w = ParseFreezeWindow(row.spec, zones);
    REQUIRE(w.ok());
    CHECK(w->spec == row.canonical);
    CHECK(w->weekly == row.weekly);
  }
}

TEST_CASE("ParseFreezeWindow: bad specs are refused, naming the problem", "[freeze]") {
  FakeTimeZones zones;
  const std::string shape =
      "not \"DAY HH:MM-DAY HH:MM ZONE\" (Fri 16:00-Mon 08:00 Europe/Berlin) or "
      "\"YYYY-MM-DD HH:MM-YYYY-MM-DD HH:MM ZONE\" (2026-12-24 00:00-2026-12-27 00:00 UTC)";
  struct Row {
    const char* spec;
    std::string why;
  };
  for (const Row& row : std::vector<Row>{
           {"", shape},
           {"Fri", shape},
           {"Fri 16:00 Mon 08:00 UTC", shape},
           {"Fri 16:00-Mon UTC", shape},
           {"Fri 16:00-Mon 08:00", shape},  // no zone: "08:00" is taken as it, and Mon lacks a time
           {"Fry 16:00-Mon 08:00 UTC",
            "\"Fry\" is neither a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun) nor a date (YYYY-MM-DD)"},
           {"Fri 24:00-Mon 08:00 UTC", "\"24:00\" is not a time of day (HH:MM, 00:00 to 23:59)"},
           {"Fri 16:60-Mon 08:00 UTC", "\"16:60\" is not a time of day (HH:MM, 00:00 to 23:59)"},
           {"Fri 4pm-Mon 08:00 UTC", shape},
           {"Fri 16:00-Mon 8:00 UTC", "\"8:00\" is not a time of day (HH:MM, 00:00 to 23:59)"},
           {"2026-02-29 00:00-2026-03-01 00:00 UTC",
            "\"2026-02-29\" is not a date of the calendar"},
           {"2026-13-01 00:00-2027-01-01 00:00 UTC",
            "\"2026-13-01\" is not a date of the calendar"},
           {"Fri 16:00-2026-12-27 00:00 UTC",
            "one end is a day of the week and the other a date; use two days or two dates"},
           {"Fri 16:00-Mon 08:00 Mars/Olympus", "unknown time zone \"Mars/Olympus\""},
           {"Fri 16:00-Mon 08:00 ../../etc/passwd",
            "\"../../etc/passwd\" is not a time zone name (such as UTC or Europe/Berlin)"},
           {"Fri 16:00-Fri 16:00 UTC", "it starts and ends at the same time of the week"},
           {"2026-12-27 00:00-2026-12-24 00:00 UTC", "it does not end after it starts"},
           {"2026-12-24 00:00-2026-12-24 00:00 UTC", "it does not end after it starts"},
       }) {
    INFO(row.spec);
    Result<FreezeWindow> w = ParseFreezeWindow(row.spec, zones);
    REQUIRE_FALSE(w.ok());
    CHECK(w.status().code() == Code::kInvalidArgument);
    CHECK(w.status().message() == "freeze window \"" + std::string(row.spec) + "\": " + row.why);
  }
}

TEST_CASE("InWindow: weekly windows wrap over the week's end, in the zone's time", "[freeze]") {
  FakeTimeZones zones;  // Europe/Berlin is UTC+1 here
  Result<FreezeWindow> weekend = ParseFreezeWindow("Fri 16:00-Mon 08:00 Europe/Berlin", zones);
  Result<FreezeWindow> night = ParseFreezeWindow("Tue 01:00-Tue 03:00 UTC", zones);
  REQUIRE(weekend.ok());
  REQUIRE(night.ok());
  struct Row {
    const char* what;
    const FreezeWindow& window;
    int64_t at;
    bool inside;
  };
  // 2026-12-04 is a Friday.
  for (const Row& row : std::vector<Row>{
           {"Fri 14:59 UTC = 15:59 Berlin", *weekend, Utc(2026, 12, 4, 14, 59), false},
           {"Fri 15:00 UTC = 16:00 Berlin: the start is inside", *weekend, Utc(2026, 12, 4, 15, 0),
            true},
           {"Sat noon", *weekend, Utc(2026, 12, 5, 12, 0), true},
           {"Sun 23:30 UTC = Mon 00:30 Berlin", *weekend, Utc(2026, 12, 6, 23, 30), true},
           {"Mon 06:59:59 UTC = 07:59:59 Berlin", *weekend, Utc(2026, 12, 7, 6, 59, 59), true},
           {"Mon 07:00 UTC = 08:00 Berlin: the end is outside", *weekend, Utc(2026, 12, 7, 7, 0),
            false},
           {"Wed", *weekend, Utc(2026, 12, 2, 12, 0), false},
           {"the next weekend too", *weekend, Utc(2026, 12, 12, 9, 0), true},
           {"Tue 00:59", *night, Utc(2026, 12, 8, 0, 59), false},
           {"Tue 01:00", *night, Utc(2026, 12, 8, 1, 0), true},
           {"Tue 02:59", *night, Utc(2026, 12, 8, 2, 59), true},
           {"Tue 03:00", *night, Utc(2026, 12, 8, 3, 0), false},
           {"Wed 02:00", *night, Utc(2026, 12, 9, 2, 0), false},
       }) {
    INFO(row.what);
    Result<bool> inside = InWindow(row.window, row.at, zones);
    REQUIRE(inside.ok());
    CHECK(*inside == row.inside);
  }
}

TEST_CASE("InWindow: one-off windows hold their start, not their end", "[freeze]") {
  FakeTimeZones zones;
  Result<FreezeWindow> xmas =
      ParseFreezeWindow("2026-12-24 00:00-2026-12-27 00:00 Europe/Berlin", zones);
  REQUIRE(xmas.ok());
  CHECK_FALSE(*InWindow(*xmas, Utc(2026, 12, 23, 22, 59), zones));
  CHECK(*InWindow(*xmas, Utc(2026, 12, 23, 23, 0), zones));
  CHECK(*InWindow(*xmas, Utc(2026, 12, 26, 22, 59, 59), zones));
  CHECK_FALSE(*InWindow(*xmas, Utc(2026, 12, 26, 23, 0), zones));
  CHECK_FALSE(*InWindow(*xmas, Utc(2027, 12, 25, 12, 0), zones));  // not every year
}

TEST_CASE("ActiveWindow: the first window that holds the time, by its canonical spec", "[freeze]") {
  FakeTimeZones zones;
  const std::vector<std::string> specs = {"2026-12-24 00:00-2026-12-27 00:00 UTC",
                                          "fri 16:00-mon 08:00 UTC"};
  auto at = [&](int64_t ms) { return ActiveWindow(specs, ms, zones).value(); };
  CHECK(at(Utc(2026, 12, 2, 12, 0)) == std::nullopt);
  CHECK(at(Utc(2026, 12, 5, 12, 0)) == "Fri 16:00-Mon 08:00 UTC");
  CHECK(at(Utc(2026, 12, 25, 12, 0)) == "2026-12-24 00:00-2026-12-27 00:00 UTC");
  CHECK(ActiveWindow({}, Utc(2026, 12, 5, 12, 0), zones).value() == std::nullopt);
}

TEST_CASE("RealTimeZones: the tz database's daylight saving time", "[freeze]") {
  RealTimeZones* zones = RealTimeZones::Get();
  // Berlin is UTC+1 in winter and UTC+2 in summer.
  Result<LocalTime> winter = zones->Local(Utc(2026, 12, 4, 15, 0), "Europe/Berlin");
  Result<LocalTime> summer = zones->Local(Utc(2026, 7, 3, 14, 0), "Europe/Berlin");
  REQUIRE(winter.ok());
  REQUIRE(summer.ok());
  CHECK(winter->hour == 16);
  CHECK(winter->weekday == 4);  // Friday
  CHECK(summer->hour == 16);
  CHECK(summer->weekday == 4);
  Result<FreezeWindow> w = ParseFreezeWindow("Fri 16:00-Mon 08:00 Europe/Berlin", *zones);
  REQUIRE(w.ok());
  CHECK(*InWindow(*w, Utc(2026, 7, 3, 14, 0), *zones));
  CHECK_FALSE(*InWindow(*w, Utc(2026, 7, 3, 13, 59), *zones));
  Result<LocalTime> unknown = zones->Local(0, "Mars/Olympus");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.status().message() ==
        "unknown time zone \"Mars/Olympus\" (a name from the tz database, such as UTC or "
        "Europe/Berlin)");
}

}  // namespace
}  // namespace berth::freeze
