#include "agent/install/permissions.h"

#include <fcntl.h>
#include <fnmatch.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "agent/install/copy_plan.h"
#include "agent/install/no_follow.h"

namespace berth::agent {
namespace {

namespace stdfs = std::filesystem;

bool TypeAllowed(const appspec::Permission& permission, const struct stat& st) {
  if (permission.types.empty()) return S_ISREG(st.st_mode) || S_ISDIR(st.st_mode);
  for (appspec::ObjectType type : permission.types) {
    if (type == appspec::ObjectType::kFile && S_ISREG(st.st_mode)) return true;
    if (type == appspec::ObjectType::kDirectory && S_ISDIR(st.st_mode)) return true;
  }
  return false;
}

bool Excluded(const appspec::Permission& permission, const std::string& name) {
  for (const std::string& glob : permission.except) {
    if (::fnmatch(glob.c_str(), name.c_str(), 0) == 0) return true;
  }
  return false;
}

std::string FindTool(const std::vector<std::string>& dirs, const std::string& name) {
  for (const std::string& dir : dirs) {
    std::string path = dir + "/" + name;
    if (::access(path.c_str(), X_OK) == 0) return path;
  }
  return "";
}

Status RunTool(ProcessRunner* runner, std::vector<std::string> argv, const std::string& object) {
  if (runner == nullptr) return Internal("no process runner to run " + argv[0]);
  std::string output;
  ProcessSpec spec;
  spec.argv = argv;
  spec.env = {"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C"};
  spec.timeout = std::chrono::seconds(60);
  spec.on_output = [&output](OutputStream, std::string_view line) {
    if (output.size() < 2048) output.append(line).append(" ");
  };
  ASSIGN_OR_RETURN(ProcessOutcome outcome, runner->Run(spec));
  if (!outcome.Succeeded()) {
    return Internal("permissions for " + object + ": " + argv[0] + " failed on " + argv.back() +
                    " (exit code " + std::to_string(outcome.exit_code) + "): " + output);
  }
  return Status::Ok();
}

Result<uid_t> UserId(const std::string& name, const std::string& object) {
  std::vector<char> buf(16384);
  passwd pw{};
  passwd* found = nullptr;
  if (::getpwnam_r(name.c_str(), &pw, buf.data(), buf.size(), &found) != 0 || !found) {
    return InvalidArgument("permissions for " + object + ": owner " + name +
                           " does not exist on this host");
  }
  return pw.pw_uid;
}

Result<gid_t> GroupId(const std::string& name, const std::string& object) {
  std::vector<char> buf(16384);
  group gr{};
  group* found = nullptr;
  if (::getgrnam_r(name.c_str(), &gr, buf.data(), buf.size(), &found) != 0 || !found) {
    return InvalidArgument("permissions for " + object + ": group " + name +
                           " does not exist on this host");
  }
  return gr.gr_gid;
}

Status ApplyOne(const appspec::Permission& permission, const std::string& object,
                const std::vector<std::string>& targets, const PermissionOptions& options) {
  std::string setfacl, chcon;
  if (!permission.acls.empty() && (setfacl = FindTool(options.tool_dirs, "setfacl")).empty()) {
    return FailedPrecondition("permissions for " + permission.object +
                              ": acls are not supported on this host (setfacl not found)");
  }
  if (!permission.context.empty() && (chcon = FindTool(options.tool_dirs, "chcon")).empty()) {
    return FailedPrecondition("permissions for " + permission.object +
                              ": context is not supported on this host (chcon not found)");
  }
  uid_t uid = static_cast<uid_t>(-1);
  gid_t gid = static_cast<gid_t>(-1);
  if (!permission.owner.empty()) {
    ASSIGN_OR_RETURN(uid, UserId(permission.owner, object));
  }
  if (!permission.group.empty()) {
    ASSIGN_OR_RETURN(gid, GroupId(permission.group, object));
  }
  for (const std::string& path : targets) {
    // Opened once without following symlinks; chmod and chown go through the descriptor.
    ASSIGN_OR_RETURN(ParentDir parent, OpenParentNoFollow(path));
    ASSIGN_OR_RETURN(Fd fd, OpenNoFollow(parent, O_RDONLY | O_NONBLOCK, path));
    if (permission.mode && ::fchmod(fd.get(), static_cast<mode_t>(*permission.mode)) != 0) {
      return Internal("permissions for " + object + ": cannot chmod " + path + ": " +
                      std::strerror(errno));
    }
    for (const std::string& acl : permission.acls) {
      RETURN_IF_ERROR(RunTool(options.runner, {setfacl, "-m", acl, path}, object));
    }
    if (!permission.context.empty()) {
      RETURN_IF_ERROR(RunTool(options.runner, {chcon, permission.context, path}, object));
    }
    if ((!permission.owner.empty() || !permission.group.empty()) &&
        ::fchown(fd.get(), uid, gid) != 0) {
      return Internal("permissions for " + object + ": cannot chown " + path + ": " +
                      std::strerror(errno));
    }
  }
  return Status::Ok();
}

}  // namespace

std::vector<std::string> PermissionTargets(const appspec::Permission& permission,
                                           const std::string& object,
                                           const std::vector<std::string>& installed) {
  bool everything = permission.pattern.empty() || permission.pattern == "**";
  std::vector<std::string> targets;
  for (const std::string& path : installed) {
    stdfs::path p(path);
    std::string name = p.filename().string();
    bool match = false;
    if (path == object) {
      match = true;
    } else if (everything) {
      auto rel = p.lexically_relative(object);
      match = !rel.empty() && *rel.begin() != "..";
    } else {
      match = p.parent_path() == stdfs::path(object) &&
              ::fnmatch(permission.pattern.c_str(), name.c_str(), 0) == 0;
    }
    if (!match || Excluded(permission, name)) continue;
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !TypeAllowed(permission, st)) continue;
    targets.push_back(path);
  }
  return targets;
}

Status ApplyPermissions(const std::vector<appspec::Permission>& permissions,
                        const std::vector<std::string>& installed,
                        const PermissionOptions& options) {
  for (const appspec::Permission& permission : permissions) {
    ASSIGN_OR_RETURN(std::string joined, JoinInstallRoot(options.install_root, permission.object));
    ASSIGN_OR_RETURN(std::string object, ResolveTrustedSymlinks(joined));
    RETURN_IF_ERROR(
        ApplyOne(permission, object, PermissionTargets(permission, object, installed), options));
  }
  return Status::Ok();
}

}  // namespace berth::agent
