// `--tag` flags: "K=V" (KEY_AND_VALUE), "K" (KEY_ONLY), "=V" (VALUE_ONLY).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/model/tags.h"
#include "common/status.h"

namespace berth::cli {

// Splits at the first '=' (a value may hold '='). INVALID_ARGUMENT for "", "=", "K=" and
// for keys or values with leading or trailing whitespace, naming the flag's text.
Result<model::TagFilter> ParseTagFilter(std::string_view text);

// {"Key": ..., "Value": ..., "Type": "KEY_AND_VALUE"}; the unused side of KEY_ONLY and
// VALUE_ONLY is "".
nlohmann::json TagFilterToJson(const model::TagFilter& filter);

// Every flag parsed, as one OR-list in API form; the first bad flag's error otherwise.
Result<nlohmann::json> ParseTagFilterList(const std::vector<std::string>& flags);

// "env=prod", "env" (KEY_ONLY), "=prod" (VALUE_ONLY): the flag syntax back, for display.
std::string DescribeTagFilter(const nlohmann::json& filter);

// A deployment group's target selection: "env=prod OR role=web" for
// onPremisesInstanceTagFilters, "(env=prod OR env=stage) AND (role=web)" for a tag set.
std::string DescribeGroupTargets(const nlohmann::json& group);

}  // namespace berth::cli
