// The bounded label values of Berth's metrics: an agent may report any lifecycle event
// name or error code, but only these become label values; anything else is "Other", so
// a misbehaving agent cannot grow the series without bound.
#pragma once

#include <string_view>
#include <vector>

namespace berth::metrics {

// Every lifecycle event name (common/model/lifecycle.h), then "Other".
const std::vector<std::string_view>& EventNames();
// Success and every diagnostic error code agents and the controller report (APPSPEC.md,
// AGENT_ISSUE), then "Other".
const std::vector<std::string_view>& ErrorCodes();

// Positions in the lists above; the last one ("Other") for a value not in them.
int EventNameIndex(std::string_view name);
int ErrorCodeIndex(std::string_view code);

}  // namespace berth::metrics
