#include <absl/time/time.h>

#include "controller/freeze/time_zones.h"

namespace berth::freeze {

Status CheckZoneName(const std::string& zone) {
  const bool allowed = !zone.empty() && zone.size() <= 64 && zone.front() != '/' &&
                       zone.find("..") == std::string::npos &&
                       zone.find_first_not_of(
                           "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/") ==
                           std::string::npos;
  if (allowed) return Status::Ok();
  return InvalidArgument("\"" + zone + "\" is not a time zone name (such as UTC or Europe/Berlin)");
}

Result<LocalTime> RealTimeZones::Local(int64_t unix_ms, const std::string& zone) const {
  RETURN_IF_ERROR(CheckZoneName(zone));
  absl::TimeZone tz;
  if (!absl::LoadTimeZone(zone, &tz)) {
    return InvalidArgument("unknown time zone \"" + zone +
                           "\" (a name from the tz database, such as UTC or Europe/Berlin)");
  }
  const absl::CivilSecond local = tz.At(absl::FromUnixMillis(unix_ms)).cs;
  LocalTime out;
  out.year = static_cast<int>(local.year());
  out.month = local.month();
  out.day = local.day();
  out.hour = local.hour();
  out.minute = local.minute();
  out.second = local.second();
  out.weekday = static_cast<int>(absl::GetWeekday(local));  // absl: Monday is 0
  return out;
}

RealTimeZones* RealTimeZones::Get() {
  static RealTimeZones zones;
  return &zones;
}

}  // namespace berth::freeze
