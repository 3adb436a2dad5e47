// The built-in Install event's file work: the appspec `files` section copied under the
// install root, the cleanup list replayed and rewritten, then `permissions` applied
// (APPSPEC.md "files", "permissions").
#pragma once

#include <string>
#include <vector>

#include "agent/lifecycle/process_runner.h"
#include "common/appspec/appspec.h"
#include "common/status.h"

namespace berth::agent {

struct InstallOptions {
  std::string archive_dir;         // the unpacked bundle
  std::string install_root = "/";  // prefixed to every destination and permission object
  std::string cleanup_list_path;   // the group's cleanup list
  // The deployment's file_exists_behavior; the appspec's, when set, wins.
  std::string deployment_file_exists_behavior = "DISALLOW";
  ProcessRunner* runner = nullptr;  // runs setfacl/chcon; not owned
  // Where setfacl and chcon are looked for.
  std::vector<std::string> tool_dirs = {"/usr/sbin", "/usr/bin", "/sbin", "/bin"};
};

// "DISALLOW" | "OVERWRITE" | "RETAIN": the appspec's value when set, else the
// deployment's. INVALID_ARGUMENT names the three values otherwise.
Result<std::string> ResolveFileExistsBehavior(const std::string& appspec_value,
                                              const std::string& deployment_value);

// Installs `spec`'s files. Planning errors (missing source, two sources onto one
// destination) and DISALLOW conflicts are reported before anything is copied; the
// previous install's files are removed first (so they never count as conflicts).
// Returns the paths this install created or replaced, in creation order.
Result<std::vector<std::string>> InstallFiles(const appspec::AppSpec& spec,
                                              const InstallOptions& options);

}  // namespace berth::agent
