#include "cli/time_format.h"

#include <cstdio>
#include <ctime>

namespace berth::cli {
namespace {

std::string FormatLocal(int64_t epoch_ms, const char* format) {
  std::time_t seconds = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  localtime_r(&seconds, &tm);
  char buffer[64];
  size_t n = std::strftime(buffer, sizeof(buffer), format, &tm);
  return std::string(buffer, n);
}

}  // namespace

std::optional<int64_t> ParseIsoTime(std::string_view text) {
  std::string s(text);
  std::tm tm{};
  int consumed = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 6) {
    return std::nullopt;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  int64_t millis = 0;
  size_t pos = static_cast<size_t>(consumed);
  if (pos < s.size() && s[pos] == '.') {
    int64_t scale = 100;
    for (++pos; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos) {
      millis += (s[pos] - '0') * scale;
      scale /= 10;
    }
  }
  if (pos >= s.size() || s[pos] != 'Z') return std::nullopt;
  return static_cast<int64_t>(timegm(&tm)) * 1000 + millis;
}

std::string FormatClock(int64_t epoch_ms) { return FormatLocal(epoch_ms, "%H:%M:%S"); }

std::string FormatDateTime(int64_t epoch_ms) { return FormatLocal(epoch_ms, "%Y-%m-%d %H:%M:%S"); }

std::string FormatIsoDateTime(const std::string& iso) {
  if (iso.empty()) return "";
  std::optional<int64_t> ms = ParseIsoTime(iso);
  return ms ? FormatDateTime(*ms) : iso;
}

std::string FormatDuration(int64_t ms) {
  if (ms < 0) ms = 0;
  char buffer[32];
  if (ms < 60'000) {
    std::snprintf(buffer, sizeof(buffer), "%.1fs", static_cast<double>(ms) / 1000.0);
  } else if (ms < 3'600'000) {
    std::snprintf(buffer, sizeof(buffer), "%dm%02ds", static_cast<int>(ms / 60'000),
                  static_cast<int>(ms / 1000 % 60));
  } else {
    std::snprintf(buffer, sizeof(buffer), "%dh%02dm", static_cast<int>(ms / 3'600'000),
                  static_cast<int>(ms / 60'000 % 60));
  }
  return buffer;
}

std::string FormatAge(int64_t ms) {
  int64_t s = ms < 0 ? 0 : ms / 1000;
  if (s < 60) return std::to_string(s) + "s ago";
  if (s < 3600) return std::to_string(s / 60) + "m ago";
  if (s < 86400) return std::to_string(s / 3600) + "h ago";
  return std::to_string(s / 86400) + "d ago";
}

std::optional<int64_t> IsoDurationMs(const std::string& start_iso, const std::string& end_iso) {
  std::optional<int64_t> start = ParseIsoTime(start_iso);
  std::optional<int64_t> end = ParseIsoTime(end_iso);
  if (!start || !end) return std::nullopt;
  return *end - *start;
}

}  // namespace berth::cli
