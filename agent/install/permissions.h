// The appspec `permissions` section, applied to what this deployment installed
// (APPSPEC.md "permissions (Linux)").
#pragma once

#include <string>
#include <vector>

#include "agent/lifecycle/process_runner.h"
#include "common/appspec/appspec.h"
#include "common/status.h"

namespace berth::agent {

struct PermissionOptions {
  std::string install_root = "/";
  ProcessRunner* runner = nullptr;  // runs setfacl/chcon; not owned
  std::vector<std::string> tool_dirs = {"/usr/sbin", "/usr/bin", "/sbin", "/bin"};
};

// The installed paths one permission entry applies to: `object` itself (when it was
// installed) and, with pattern "**", every installed path below it; with another pattern
// only installed direct children of `object` whose name matches. Names matching an
// `except` glob and paths of the wrong `type` are left out. Globs are fnmatch(3)'s.
std::vector<std::string> PermissionTargets(const appspec::Permission& permission,
                                           const std::string& object,
                                           const std::vector<std::string>& installed);

// For each entry in order: chmod, ACLs (setfacl -m), SELinux context (chcon), then
// chown. FAILED_PRECONDITION "... not supported on this host" when an entry has acls or
// a context and the tool is absent; the error names the object.
Status ApplyPermissions(const std::vector<appspec::Permission>& permissions,
                        const std::vector<std::string>& installed,
                        const PermissionOptions& options);

}  // namespace berth::agent
