// Local wall-clock time in a named time zone of the system's tz database, behind an
// interface (like Clock) so freeze windows can be tested with zones of fixed offsets.
// Implementations are thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"

namespace berth::freeze {

struct LocalTime {
  int year = 1970;
  int month = 1;  // 1 to 12
  int day = 1;    // 1 to 31
  int hour = 0;
  int minute = 0;
  int second = 0;
  int weekday = 3;  // 0 Monday ... 6 Sunday
};

class TimeZones {
 public:
  virtual ~TimeZones() = default;
  // The wall-clock time in `zone` (an IANA name such as "Europe/Berlin" or "UTC") at
  // `unix_ms`. INVALID_ARGUMENT naming the zone when there is no such zone.
  virtual Result<LocalTime> Local(int64_t unix_ms, const std::string& zone) const = 0;
};

// The system's tz database (/usr/share/zoneinfo, Debian's tzdata), read through absl's
// time zone library, with daylight saving time.
class RealTimeZones : public TimeZones {
 public:
  Result<LocalTime> Local(int64_t unix_ms, const std::string& zone) const override;
  static RealTimeZones* Get();
};

// A zone name as the tz database spells them (letters, digits, '_', '-', '+', '/'),
// without "..": INVALID_ARGUMENT otherwise, before any file is looked at.
Status CheckZoneName(const std::string& zone);

}  // namespace berth::freeze
