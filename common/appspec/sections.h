// The appspec sections that hold lists of entries, each parsed by its own file.
// Each adds every problem it finds to `problems` and appends what it could parse.
//
// Internal to common/appspec: the public contract is parser.h.
#pragma once

#include <yaml-cpp/yaml.h>

#include "common/appspec/appspec.h"
#include "common/appspec/yaml_reader.h"

namespace berth::appspec::internal {

// `files:` (files_section.cc). `node` is the value of the key, possibly absent or null.
void ParseFiles(const YAML::Node& node, Problems* problems, AppSpec* spec);
// `permissions:` (permissions_section.cc).
void ParsePermissions(const YAML::Node& node, Problems* problems, AppSpec* spec);
// `hooks:` (hooks_section.cc).
void ParseHooks(const YAML::Node& node, Problems* problems, AppSpec* spec);

}  // namespace berth::appspec::internal
