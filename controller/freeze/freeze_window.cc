#include "controller/freeze/freeze_window.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <sstream>

namespace berth::freeze {
namespace {

constexpr std::array<const char*, 7> kDays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr int64_t kSecondsPerDay = 24 * 3600;

// One end of a window: a day of the week or a date, and a time of day.
struct Point {
  bool weekly = true;
  int weekday = 0;
  int year = 0, month = 0, day = 0;
  int seconds_of_day = 0;
};

std::string Trim(const std::string& text) {
  const size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

std::vector<std::string> Words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

bool AllDigits(const std::string& text, size_t size) {
  if (text.size() != size) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDaysIn = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDaysIn[month - 1];
}

Status ParseTimeOfDay(const std::string& text, int* seconds_of_day) {
  const bool with_seconds = text.size() == 8;
  const bool shape = (text.size() == 5 || with_seconds) && AllDigits(text.substr(0, 2), 2) &&
                     text[2] == ':' && AllDigits(text.substr(3, 2), 2) &&
                     (!with_seconds || (text[5] == ':' && AllDigits(text.substr(6, 2), 2)));
  const int hour = shape ? std::stoi(text.substr(0, 2)) : 0;
  const int minute = shape ? std::stoi(text.substr(3, 2)) : 0;
  const int second = shape && with_seconds ? std::stoi(text.substr(6, 2)) : 0;
  if (!shape || hour > 23 || minute > 59 || second > 59) {
    return InvalidArgument("\"" + text + "\" is not a time of day (HH:MM, 00:00 to 23:59)");
  }
  *seconds_of_day = hour * 3600 + minute * 60 + second;
  return Status::Ok();
}

Status ParseDayOrDate(const std::string& text, Point* point) {
  for (size_t i = 0; i < kDays.size(); ++i) {
    std::string lower = text, day = kDays[i];
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (char& c : day) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == day) {
      point->weekly = true;
      point->weekday = static_cast<int>(i);
      return Status::Ok();
    }
  }
  const bool date_shape = text.size() == 10 && AllDigits(text.substr(0, 4), 4) && text[4] == '-' &&
                          AllDigits(text.substr(5, 2), 2) && text[7] == '-' &&
                          AllDigits(text.substr(8, 2), 2);
  if (!date_shape) {
    return InvalidArgument("\"" + text +
                           "\" is neither a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun) nor a "
                           "date (YYYY-MM-DD)");
  }
  point->weekly = false;
  point->year = std::stoi(text.substr(0, 4));
  point->month = std::stoi(text.substr(5, 2));
  point->day = std::stoi(text.substr(8, 2));
  if (point->month < 1 || point->month > 12 || point->day < 1 ||
      point->day > DaysInMonth(point->year, point->month)) {
    return InvalidArgument("\"" + text + "\" is not a date of the calendar");
  }
  return Status::Ok();
}

Result<Point> ParsePoint(const std::string& text) {
  std::vector<std::string> words = Words(text);
  if (words.size() != 2) return InvalidArgument("");  // the caller names the shape
  Point point;
  RETURN_IF_ERROR(ParseDayOrDate(words[0], &point));
  RETURN_IF_ERROR(ParseTimeOfDay(words[1], &point.seconds_of_day));
  return point;
}

int64_t Key(const Point& p) {
  if (p.weekly) return p.weekday * kSecondsPerDay + p.seconds_of_day;
  const int64_t hms = (p.seconds_of_day / 3600) * 10000 + (p.seconds_of_day / 60 % 60) * 100 +
                      p.seconds_of_day % 60;
  return ((static_cast<int64_t>(p.year) * 100 + p.month) * 100 + p.day) * 1000000 + hms;
}

std::string Format(const Point& p) {
  char date[16];
  if (p.weekly) {
    std::snprintf(date, sizeof(date), "%s", kDays[p.weekday]);
  } else {
    std::snprintf(date, sizeof(date), "%04d-%02d-%02d", p.year, p.month, p.day);
  }
  char time[16];
  const int h = p.seconds_of_day / 3600, m = p.seconds_of_day / 60 % 60, s = p.seconds_of_day % 60;
  if (s == 0) {
    std::snprintf(time, sizeof(time), "%02d:%02d", h, m);
  } else {
    std::snprintf(time, sizeof(time), "%02d:%02d:%02d", h, m, s);
  }
  return std::string(date) + " " + time;
}

}  // namespace

Result<FreezeWindow> ParseFreezeWindow(const std::string& spec, const TimeZones& zones) {
  const std::string text = Trim(spec);
  auto refuse = [&](const std::string& why) {
    return InvalidArgument("freeze window \"" + spec + "\": " + why);
  };
  const Status shape = refuse(
      "not \"DAY HH:MM-DAY HH:MM ZONE\" (Fri 16:00-Mon 08:00 Europe/Berlin) or "
      "\"YYYY-MM-DD HH:MM-YYYY-MM-DD HH:MM ZONE\" (2026-12-24 00:00-2026-12-27 00:00 UTC)");
  const size_t last_space = text.find_last_of(" \t");
  if (last_space == std::string::npos) return shape;
  const std::string zone = text.substr(last_space + 1);
  const std::string range = text.substr(0, last_space);
  const size_t colon = range.find(':');
  const size_t dash = colon == std::string::npos ? std::string::npos : range.find('-', colon);
  if (dash == std::string::npos) return shape;
  Result<Point> start = ParsePoint(range.substr(0, dash));
  Result<Point> end = ParsePoint(range.substr(dash + 1));
  for (const Result<Point>* point : {&start, &end}) {
    if (point->ok()) continue;
    if (point->status().message().empty()) return shape;
    return refuse(point->status().message());
  }
  if (start->weekly != end->weekly) {
    return refuse("one end is a day of the week and the other a date; use two days or two dates");
  }
  Result<LocalTime> zone_known = zones.Local(0, zone);
  if (!zone_known.ok()) return refuse(zone_known.status().message());

  FreezeWindow window;
  window.weekly = start->weekly;
  window.start = Key(*start);
  window.end = Key(*end);
  window.zone = zone;
  window.spec = Format(*start) + "-" + Format(*end) + " " + zone;
  if (window.weekly && window.start == window.end) {
    return refuse("it starts and ends at the same time of the week");
  }
  if (!window.weekly && window.end <= window.start)
    return refuse("it does not end after it starts");
  return window;
}

Result<bool> InWindow(const FreezeWindow& window, int64_t unix_ms, const TimeZones& zones) {
  ASSIGN_OR_RETURN(LocalTime local, zones.Local(unix_ms, window.zone));
  Point now;
  now.weekly = window.weekly;
  now.weekday = local.weekday;
  now.year = local.year;
  now.month = local.month;
  now.day = local.day;
  now.seconds_of_day = local.hour * 3600 + local.minute * 60 + local.second;
  const int64_t key = Key(now);
  if (window.start < window.end) return window.start <= key && key < window.end;
  return key >= window.start || key < window.end;  // a weekly window over Sunday night
}

Result<std::optional<std::string>> ActiveWindow(const std::vector<std::string>& specs,
                                                int64_t unix_ms, const TimeZones& zones) {
  for (const std::string& spec : specs) {
    ASSIGN_OR_RETURN(FreezeWindow window, ParseFreezeWindow(spec, zones));
    ASSIGN_OR_RETURN(bool inside, InWindow(window, unix_ms, zones));
    if (inside) return std::optional<std::string>(window.spec);
  }
  return std::optional<std::string>();
}

}  // namespace berth::freeze
