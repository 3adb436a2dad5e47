// Times as the API sends them (ISO-8601 UTC) and as the CLI shows them (local time).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace berth::cli {

// "2026-11-25T20:33:00.123Z" (milliseconds optional) -> Unix epoch milliseconds.
std::optional<int64_t> ParseIsoTime(std::string_view text);

// Local time "20:33:00".
std::string FormatClock(int64_t epoch_ms);
// Local time "2026-11-25 20:33:00".
std::string FormatDateTime(int64_t epoch_ms);
// An API time field shown with FormatDateTime; "" stays "", unparsable text is kept.
std::string FormatIsoDateTime(const std::string& iso);

// "0.1s", "12.3s", "2m05s", "1h02m".
std::string FormatDuration(int64_t ms);
// "5s ago", "3m ago", "2h ago", "4d ago".
std::string FormatAge(int64_t ms);

// end - start of two API time fields, if both are present.
std::optional<int64_t> IsoDurationMs(const std::string& start_iso, const std::string& end_iso);

}  // namespace berth::cli
