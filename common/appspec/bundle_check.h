// Checks an appspec against the bundle it came with: what `berth appspec validate` adds
// to parsing, so a broken bundle is caught before it is deployed.
#pragma once

#include <string>

#include "common/appspec/appspec.h"
#include "common/status.h"

namespace berth::appspec {

// OK when every hook script location and every `files` source of `spec` exists inside
// `bundle_dir` (a source of "/" is the whole bundle). Otherwise INVALID_ARGUMENT listing
// every missing or escaping path, one per line, as
// `<file_name>: hooks.AfterInstall[0].location: "scripts/start.sh" does not exist in the
// bundle (/abs/bundle/scripts/start.sh)`.
Status CheckBundleContents(const AppSpec& spec, const std::string& bundle_dir,
                           const std::string& file_name = "appspec.yml");

}  // namespace berth::appspec
