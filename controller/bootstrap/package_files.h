// The files GET /packages/<name> serves: plain file names in the --packages-dir
// directory, nothing else (docs/security.md "Public routes").
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace berth::bootstrap {

// The path of package `name` in `packages_dir`. NOT_FOUND when no directory is set, when
// `name` is not a plain file name (empty, starting with '.', holding '/', '\' or a
// character outside [A-Za-z0-9._+~-]), or when it names no regular file there (a
// symlink is followed only when its target is a regular file inside the directory).
Result<std::string> PackagePath(const std::string& packages_dir, std::string_view name);

}  // namespace berth::bootstrap
