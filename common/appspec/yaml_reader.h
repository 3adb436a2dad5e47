// Reading yaml-cpp nodes for the appspec parser without letting yaml-cpp throw, and
// collecting every problem with its position so one run reports them all.
//
// Internal to common/appspec: the public contract is parser.h.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/yaml/problems.h"

namespace berth::appspec::internal {

using yaml::Describe;
using yaml::IsAbsent;
using yaml::Problems;

// "hooks" + "AfterInstall" -> "hooks.AfterInstall"; "" + "os" -> "os".
std::string ChildPath(const std::string& parent, const std::string& key);
// "files" + 2 -> "files[2]".
std::string IndexPath(const std::string& parent, std::size_t index);

// The value of `key` in `map` (which must be a map); when absent, a node that is not
// IsDefined() but, unlike yaml-cpp's own lookup result, safe to query.
YAML::Node Lookup(const YAML::Node& map, const std::string& key);

// `map[key]` as a trimmed string. Absent or null leaves `*out` unchanged and returns true;
// a list or map is recorded as a problem and returns false.
bool ReadOptionalString(const YAML::Node& map, const std::string& key, const std::string& path,
                        Problems* problems, std::string* out);

// As ReadOptionalString, but absence or an empty value is the problem
// "missing; <why>", recorded at the map's position.
bool ReadRequiredString(const YAML::Node& map, const std::string& key, const std::string& path,
                        const std::string& why, Problems* problems, std::string* out);

// `map[key]` as a list of strings. Absent or null leaves `*out` empty.
bool ReadStringList(const YAML::Node& map, const std::string& key, const std::string& path,
                    Problems* problems, std::vector<std::string>* out);

// True when `node` is a list; records "must be a list of <what>" otherwise. Callers
// check IsAbsent first.
bool ExpectList(const YAML::Node& node, const std::string& path, const std::string& what,
                Problems* problems);
// Likewise for a map of <what>.
bool ExpectMap(const YAML::Node& node, const std::string& path, const std::string& what,
               Problems* problems);

// For a list of maps such as `files:`: calls `parse(entry, "<path>[i]")` for every item
// that is a map. A `node` that is not a list, and items that are not maps, are recorded
// as "must be a list of maps with <fields>" / "must be a map with <fields>".
void ForEachMapInList(const YAML::Node& node, const std::string& path, const std::string& fields,
                      Problems* problems,
                      const std::function<void(const YAML::Node&, const std::string&)>& parse);

}  // namespace berth::appspec::internal
