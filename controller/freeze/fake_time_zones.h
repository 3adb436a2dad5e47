// Time zones of fixed offsets from UTC, for tests: no daylight saving, no tz database.
#pragma once

#include <chrono>
#include <map>
#include <string>

#include "controller/freeze/time_zones.h"

namespace berth::freeze {

class FakeTimeZones : public TimeZones {
 public:
  // UTC, and "Europe/Berlin" at +1 h (its winter time) unless told otherwise.
  FakeTimeZones() : offsets_min_({{"UTC", 0}, {"Europe/Berlin", 60}}) {}
  void SetOffset(const std::string& zone, int offset_minutes) {
    offsets_min_[zone] = offset_minutes;
  }

  Result<LocalTime> Local(int64_t unix_ms, const std::string& zone) const override {
    RETURN_IF_ERROR(CheckZoneName(zone));
    auto it = offsets_min_.find(zone);
    if (it == offsets_min_.end()) return InvalidArgument("unknown time zone \"" + zone + "\"");
    namespace chrono = std::chrono;
    const chrono::sys_seconds t{chrono::seconds(unix_ms / 1000 + it->second * 60)};
    const chrono::sys_days day = chrono::floor<chrono::days>(t);
    const chrono::year_month_day ymd{day};
    const chrono::hh_mm_ss<chrono::seconds> hms{t - day};
    LocalTime out;
    out.year = static_cast<int>(ymd.year());
    out.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    out.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    out.hour = static_cast<int>(hms.hours().count());
    out.minute = static_cast<int>(hms.minutes().count());
    out.second = static_cast<int>(hms.seconds().count());
    out.weekday = static_cast<int>(chrono::weekday{day}.iso_encoding()) - 1;  // Monday 0
    return out;
  }

 private:
  std::map<std::string, int> offsets_min_;
};

}  // namespace berth::freeze
