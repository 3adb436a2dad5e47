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
#include "agent/install/permissions.h"

namespace berth::agent {
namespace {

namespace stdfs = std::filesystem;

Status Errno(const std::string& what, const std::string& path) {
  return Internal("cannot " + what + " " + path + ": " + std::strerror(errno));
}

Status CopyTimes(const struct stat& src, const std::string& dst) {
  timespec times[2] = {src.st_atim, src.st_mtim};
  if (::utimensat(AT_FDCWD, dst.c_str(), times, AT_SYMLINK_NOFOLLOW) != 0) {
    return Errno("set the times of", dst);
  }
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
    if (exists && ::unlink(op.destination.c_str()) != 0) return Errno("replace", op.destination);
    return Copy(op);
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
      if (::mkdir(it->c_str(), 0755) != 0 && errno != EEXIST) return Errno("create", *it);
    }
    return Status::Ok();
  }

  Status Copy(const CopyOp& op) {
    const std::string& dst = op.destination;
    struct stat src {};
    if (!op.source.empty() && ::lstat(op.source.c_str(), &src) != 0) {
      return Errno("read", op.source);
    }
    switch (op.kind) {
      case EntryKind::kDirectory:
        if (::mkdir(dst.c_str(), 0755) != 0) return Errno("create directory", dst);
        if (op.source.empty()) return Status::Ok();
        if (::chmod(dst.c_str(), src.st_mode & 07777) != 0) return Errno("chmod", dst);
        dir_times_.emplace_back(dst, src);
        return Status::Ok();
      case EntryKind::kSymlink: {
        std::error_code ec;
        stdfs::path target = stdfs::read_symlink(op.source, ec);
        if (!ec) stdfs::create_symlink(target, dst, ec);
        if (ec) return Internal("cannot create symlink " + dst + ": " + ec.message());
        return CopyTimes(src, dst);
      }
      case EntryKind::kFile: {
        if (!S_ISREG(src.st_mode)) {
          return InvalidArgument("cannot install " + op.source + ": not a regular file");
        }
        std::error_code ec;
        stdfs::copy_file(op.source, dst, stdfs::copy_options::overwrite_existing, ec);
        if (ec) return Internal("cannot copy " + op.source + " to " + dst + ": " + ec.message());
        if (::chmod(dst.c_str(), src.st_mode & 07777) != 0) return Errno("chmod", dst);
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
