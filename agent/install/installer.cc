#include "agent/install/installer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>

#include "agent/install/cleanup_list.h"
#include "agent/install/copy_plan.h"
#include "agent/install/no_follow.h"
#include "agent/install/permissions.h"

namespace berth::agent {
namespace {

namespace stdfs = std::filesystem;

Status Errno(const std::string& what, const std::string& path) {
  return Internal("cannot " + what + " " + path + ": " + std::strerror(errno));
}

// Bits a bundle cannot grant (APPSPEC.md "permissions" may still set them).
constexpr mode_t kStrippedModeBits = S_ISUID | S_ISGID | S_IWOTH;

mode_t BundleMode(const struct stat& src) { return src.st_mode & 07777 & ~kStrippedModeBits; }

Status CopyTimes(const struct stat& src, const std::string& dst) {
  ASSIGN_OR_RETURN(ParentDir parent, OpenParentNoFollow(dst));
  timespec times[2] = {src.st_atim, src.st_mtim};
  if (::utimensat(parent.dir.get(), parent.name.c_str(), times, AT_SYMLINK_NOFOLLOW) != 0) {
    return Errno("set the times of", dst);
  }
  return Status::Ok();
}

// Copies `src` (in the bundle, ours) to a new file `dst` created under `parent`.
Status CopyFileContents(const std::string& src, const ParentDir& parent, const std::string& dst,
                        mode_t mode) {
  Fd in(::open(src.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) return Errno("read", src);
  ASSIGN_OR_RETURN(Fd out, OpenNoFollow(parent, O_WRONLY | O_CREAT | O_EXCL, dst));
  char buf[64 * 1024];
  while (true) {
    ssize_t n = ::read(in.get(), buf, sizeof(buf));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Errno("read", src);
    if (n == 0) break;
    for (ssize_t off = 0; off < n;) {
      ssize_t w = ::write(out.get(), buf + off, static_cast<size_t>(n - off));
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) return Errno("write", dst);
      off += w;
    }
  }
  if (::fchmod(out.get(), mode) != 0) return Errno("chmod", dst);
  return Status::Ok();
}

class Installer {
 public:
  Installer(std::string behavior, CleanupListWriter* list)
      : behavior_(std::move(behavior)), list_(list) {}

  // DISALLOW: every conflict is found before anything is copied.
  Status CheckConflicts(const std::vector<CopyOp>& ops) {
    if (behavior_ != "DISALLOW") return Status::Ok();
    for (const CopyOp& op : ops) {
      struct stat st {};
      if (::lstat(op.destination.c_str(), &st) != 0) continue;
      if (op.kind == EntryKind::kDirectory && S_ISDIR(st.st_mode)) continue;
      return FailedPrecondition("a specified file already exists at this location: " +
                                op.destination);
    }
    return Status::Ok();
  }

  Status Apply(const CopyOp& op) {
    struct stat existing {};
    bool exists = ::lstat(op.destination.c_str(), &existing) == 0;
    bool existing_dir = exists && S_ISDIR(existing.st_mode);
    if (op.kind == EntryKind::kDirectory && existing_dir) return Status::Ok();
    if (exists) {
      if (behavior_ == "RETAIN") {
        if (op.kind == EntryKind::kDirectory) {
          return FailedPrecondition("cannot create directory " + op.destination +
                                    ": a file exists there and file_exists_behavior is RETAIN");
        }
        return Status::Ok();  // keep the old file; it is not ours to record
      }
      if (behavior_ == "DISALLOW") {
        return FailedPrecondition("a specified file already exists at this location: " +
                                  op.destination);
      }
      if (existing_dir) {
        return FailedPrecondition("cannot overwrite directory " + op.destination + " with a file");
      }
    }
    RETURN_IF_ERROR(MakeParents(stdfs::path(op.destination).parent_path()));
    RETURN_IF_ERROR(Record(op.destination));
    ASSIGN_OR_RETURN(ParentDir parent, OpenParentNoFollow(op.destination));
    if (exists && ::unlinkat(parent.dir.get(), parent.name.c_str(), 0) != 0) {
      return Errno("replace", op.destination);
    }
    return Copy(op, parent);
  }

  // Directory times last: copying into a directory changes its mtime.
  Status FinishDirectories() {
    for (auto it = dir_times_.rbegin(); it != dir_times_.rend(); ++it) {
      RETURN_IF_ERROR(CopyTimes(it->second, it->first));
    }
    return Status::Ok();
  }

  const std::vector<std::string>& installed() const { return installed_; }

 private:
  Status Record(const std::string& path) {
    RETURN_IF_ERROR(list_->Add(path));
    installed_.push_back(path);
    return Status::Ok();
  }

  // Creates the missing ancestors of `dir`, outermost first, recording each.
  Status MakeParents(const stdfs::path& dir) {
    std::vector<stdfs::path> missing;
    std::error_code ec;
    for (stdfs::path p = dir; !p.empty() && !stdfs::exists(stdfs::symlink_status(p, ec));
         p = p.parent_path()) {
      missing.push_back(p);
      if (p == p.parent_path()) break;
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
      RETURN_IF_ERROR(Record(it->string()));
      ASSIGN_OR_RETURN(ParentDir parent, OpenParentNoFollow(it->string()));
      if (::mkdirat(parent.dir.get(), parent.name.c_str(), 0755) != 0 && errno != EEXIST) {
        return Errno("create", *it);
      }
    }
    return Status::Ok();
  }

  // Creates op.destination, `parent.name` in `parent.dir`; a symlink put in the way is
  // refused, never followed.
  Status Copy(const CopyOp& op, const ParentDir& parent) {
    const std::string& dst = op.destination;
    struct stat src {};
    if (!op.source.empty() && ::lstat(op.source.c_str(), &src) != 0) {
      return Errno("read", op.source);
    }
    switch (op.kind) {
      case EntryKind::kDirectory: {
        if (::mkdirat(parent.dir.get(), parent.name.c_str(), 0755) != 0) {
          return Errno("create directory", dst);
        }
        if (op.source.empty()) return Status::Ok();
        ASSIGN_OR_RETURN(Fd dir, OpenNoFollow(parent, O_RDONLY | O_DIRECTORY, dst));
        if (::fchmod(dir.get(), BundleMode(src)) != 0) return Errno("chmod", dst);
        dir_times_.emplace_back(dst, src);
        return Status::Ok();
      }
      case EntryKind::kSymlink: {
        std::error_code ec;
        stdfs::path target = stdfs::read_symlink(op.source, ec);
        if (ec) return Internal("cannot read symlink " + op.source + ": " + ec.message());
        if (::symlinkat(target.c_str(), parent.dir.get(), parent.name.c_str()) != 0) {
          return Errno("create symlink", dst);
        }
        return CopyTimes(src, dst);
      }
      case EntryKind::kFile: {
        if (!S_ISREG(src.st_mode)) {
          return InvalidArgument("cannot install " + op.source + ": not a regular file");
        }
        RETURN_IF_ERROR(CopyFileContents(op.source, parent, dst, BundleMode(src)));
        return CopyTimes(src, dst);
      }
    }
    return Status::Ok();
  }

  std::string behavior_;
  CleanupListWriter* list_;
  std::vector<std::string> installed_;
  std::vector<std::pair<std::string, struct stat>> dir_times_;
};

}  // namespace

Result<std::string> ResolveFileExistsBehavior(const std::string& appspec_value,
                                              const std::string& deployment_value) {
  std::string value = appspec_value.empty() ? deployment_value : appspec_value;
  if (value.empty()) value = "DISALLOW";
  if (value != "DISALLOW" && value != "OVERWRITE" && value != "RETAIN") {
    return InvalidArgument("file_exists_behavior \"" + value +
                           "\" is not one of DISALLOW, OVERWRITE, RETAIN");
  }
  return value;
}

Result<std::vector<std::string>> InstallFiles(const appspec::AppSpec& spec,
                                              const InstallOptions& options) {
  ASSIGN_OR_RETURN(std::string behavior,
                   ResolveFileExistsBehavior(spec.file_exists_behavior,
                                             options.deployment_file_exists_behavior));
  ASSIGN_OR_RETURN(std::vector<CopyOp> ops,
                   PlanCopies(spec.files, options.archive_dir, options.install_root));
  ASSIGN_OR_RETURN(std::vector<std::string> previous, ReadCleanupList(options.cleanup_list_path));
  RETURN_IF_ERROR(RemoveListedPaths(previous));
  ASSIGN_OR_RETURN(CleanupListWriter list, CleanupListWriter::Create(options.cleanup_list_path));
  Installer installer(behavior, &list);
  RETURN_IF_ERROR(installer.CheckConflicts(ops));
  for (const CopyOp& op : ops) RETURN_IF_ERROR(installer.Apply(op));
  RETURN_IF_ERROR(installer.FinishDirectories());
  RETURN_IF_ERROR(list.Finish());
  PermissionOptions permission_options{options.install_root, options.runner, options.tool_dirs};
  RETURN_IF_ERROR(ApplyPermissions(spec.permissions, installer.installed(), permission_options));
  return installer.installed();
}

}  // namespace berth::agent
