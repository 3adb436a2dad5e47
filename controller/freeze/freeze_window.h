// Freeze windows of a deployment group (`berth group update --freeze SPEC`): times during
// which no deployment of the group starts. Pure functions over a TimeZones seam.
//
// A spec is one of
//   weekly:  "DAY HH:MM-DAY HH:MM ZONE"              e.g. "Fri 16:00-Mon 08:00 Europe/Berlin"
//   one-off: "YYYY-MM-DD HH:MM-YYYY-MM-DD HH:MM ZONE" e.g. "2026-12-24 00:00-2026-12-27 00:00 UTC"
// with times of day optionally to the second (HH:MM:SS). DAY is Mon, Tue, Wed, Thu, Fri,
// Sat or Sun (any case); ZONE a tz database name. A window holds its start and not its
// end, both in the zone's wall-clock time (so across a daylight saving change it stays
// "16:00 local"). A weekly window whose end comes before its start in the week wraps
// over Sunday night.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "controller/freeze/time_zones.h"

namespace berth::freeze {

struct FreezeWindow {
  bool weekly = true;
  // Weekly: seconds since Monday 00:00. One-off: YYYYMMDDhhmmss as a number, which
  // orders like the wall-clock times it stands for.
  int64_t start = 0;
  int64_t end = 0;
  std::string zone;
  std::string spec;  // canonical: "Fri 16:00-Mon 08:00 Europe/Berlin"
};

// INVALID_ARGUMENT naming the spec and what is wrong with it (its shape, a day, a date, a
// time of day, the zone, an end that is not after the start).
Result<FreezeWindow> ParseFreezeWindow(const std::string& spec, const TimeZones& zones);

// Whether `unix_ms` falls inside the window.
Result<bool> InWindow(const FreezeWindow& window, int64_t unix_ms, const TimeZones& zones);

// The canonical spec of the first of `specs` that holds `unix_ms`; nullopt when none does.
Result<std::optional<std::string>> ActiveWindow(const std::vector<std::string>& specs,
                                                int64_t unix_ms, const TimeZones& zones);

}  // namespace berth::freeze
