// Parses and validates appspec.yml text (APPSPEC.md).
#pragma once

#include <string>

#include "common/appspec/appspec.h"
#include "common/status.h"

namespace berth::appspec {

// Parses `text`; `file_name` is used in error messages. On failure the Status
// (INVALID_ARGUMENT) lists every problem found, one per line, each as
// "<file_name>:<line>:<column>: <key path>: <problem>", e.g.
// `appspec.yml:7:18: hooks.AfterInstall[0].timeout: "foo" is not a positive integer`.
Result<AppSpec> Parse(const std::string& text, const std::string& file_name = "appspec.yml");

// Finds appspec.yml, then appspec.yaml, in `bundle_dir`, reads and parses it.
// NOT_FOUND names the paths searched.
Result<AppSpec> LoadFromBundle(const std::string& bundle_dir);

}  // namespace berth::appspec
