// `--min-healthy-hosts 75%|3` <-> the API's minimumHealthyHosts {type, value}.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "common/status.h"

namespace berth::cli {

// "75%" -> {"type":"FLEET_PERCENT","value":75}; "3" -> {"type":"HOST_COUNT","value":3}.
// INVALID_ARGUMENT for anything else (negative, empty, trailing text, > 99%).
Result<nlohmann::json> ParseMinHealthyHosts(const std::string& text);

// A config's policy for people: "75% of hosts", "3 hosts", "all but one host".
std::string DescribeMinHealthyHosts(const nlohmann::json& config);

}  // namespace berth::cli
