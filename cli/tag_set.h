// A deployment group's target selection from `--tag` and `--tag-set` flags.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/status.h"

namespace berth::cli {

// The API fields for a group's targets. Only `--tag`s: {"onPremisesInstanceTagFilters":
// [...]} (one OR-list). With `--tag-set`s ("K=V,K2,=V3": one comma-separated OR-list
// each): {"onPremisesTagSet": {"onPremisesTagSetList": [...]}}, the `--tag`s (if any)
// forming the first list; at most 3 lists in all (AND). INVALID_ARGUMENT for a bad
// filter, an empty list, more than 3 lists, or no flag at all.
Result<nlohmann::json> ParseGroupTargets(const std::vector<std::string>& tags,
                                         const std::vector<std::string>& tag_sets);

}  // namespace berth::cli
