#include "agent/install/copy_plan.h"

#include "agent/install/no_follow.h"

#include <algorithm>
#include <filesystem>
#include <map>

namespace berth::agent {
namespace {

namespace stdfs = std::filesystem;

bool IsWithin(const stdfs::path& path, const stdfs::path& base) {
  auto rel = path.lexically_relative(base);
  return !rel.empty() && *rel.begin() != "..";
}

EntryKind KindOf(const stdfs::file_status& st) {
  if (stdfs::is_symlink(st)) return EntryKind::kSymlink;
  if (stdfs::is_directory(st)) return EntryKind::kDirectory;
  return EntryKind::kFile;
}

// Appends `op`, or refuses it when another source already lands on its destination.
Status AddOp(CopyOp op, const std::string& mapping_source, std::vector<CopyOp>* ops,
             std::map<std::string, std::pair<size_t, std::string>>* by_destination) {
  auto [it, inserted] = by_destination->try_emplace(op.destination, ops->size(), mapping_source);
  if (!inserted) {
    const CopyOp& earlier = (*ops)[it->second.first];
    if (earlier.kind == EntryKind::kDirectory && op.kind == EntryKind::kDirectory) {
      return Status::Ok();  // two directory trees merge
    }
    return InvalidArgument("files: sources \"" + it->second.second + "\" and \"" + mapping_source +
                           "\" are both copied to " + op.destination + "; nothing was installed");
  }
  ops->push_back(std::move(op));
  return Status::Ok();
}

}  // namespace

Result<std::string> JoinInstallRoot(const std::string& install_root,
                                    const std::string& destination) {
  if (destination.find('\n') != std::string::npos) {
    return InvalidArgument("destination \"" + destination + "\" holds a newline");
  }
  stdfs::path root = stdfs::path(install_root.empty() ? "/" : install_root).lexically_normal();
  stdfs::path joined = (root / stdfs::path(destination).relative_path()).lexically_normal();
  if (joined != root && !IsWithin(joined, root)) {
    return InvalidArgument("destination \"" + destination + "\" leaves the install root " +
                           root.string());
  }
  std::string out = joined.string();
  if (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

Result<std::vector<CopyOp>> PlanCopies(const std::vector<appspec::FileMapping>& files,
                                       const std::string& archive_dir,
                                       const std::string& install_root) {
  std::vector<CopyOp> ops;
  std::map<std::string, std::pair<size_t, std::string>> by_destination;
  std::error_code ec;
  stdfs::path archive = stdfs::absolute(archive_dir, ec).lexically_normal();
  for (size_t i = 0; i < files.size(); ++i) {
    const appspec::FileMapping& mapping = files[i];
    std::string where = "files[" + std::to_string(i) + "]";
    stdfs::path source = (archive / stdfs::path(mapping.source).relative_path()).lexically_normal();
    if (source != archive && !IsWithin(source, archive)) {
      return InvalidArgument(where + ": source \"" + mapping.source + "\" leaves the bundle");
    }
    stdfs::file_status st = stdfs::symlink_status(source, ec);
    if (ec || !stdfs::exists(st)) {
      return InvalidArgument(where + ": source \"" + mapping.source +
                             "\" does not exist in the bundle (" + source.string() + ")");
    }
    ASSIGN_OR_RETURN(std::string joined, JoinInstallRoot(install_root, mapping.destination));
    ASSIGN_OR_RETURN(std::string destination, ResolveTrustedSymlinks(joined));
    if (KindOf(st) != EntryKind::kDirectory) {
      RETURN_IF_ERROR(
          AddOp({"", destination, EntryKind::kDirectory}, mapping.source, &ops, &by_destination));
      std::string target = (stdfs::path(destination) / source.filename()).string();
      RETURN_IF_ERROR(
          AddOp({source.string(), target, KindOf(st)}, mapping.source, &ops, &by_destination));
      continue;
    }
    RETURN_IF_ERROR(AddOp({source.string(), destination, EntryKind::kDirectory}, mapping.source,
                          &ops, &by_destination));
    std::vector<CopyOp> below;
    stdfs::recursive_directory_iterator it(source, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      stdfs::path rel = it->path().lexically_relative(source);
      below.push_back({it->path().string(), (stdfs::path(destination) / rel).string(),
                       KindOf(it->symlink_status(ec))});
    }
    if (ec) return Internal(where + ": cannot list " + source.string() + ": " + ec.message());
    // Sorted, a directory precedes everything below it.
    std::sort(below.begin(), below.end(),
              [](const CopyOp& a, const CopyOp& b) { return a.destination < b.destination; });
    for (auto& op : below) {
      RETURN_IF_ERROR(AddOp(std::move(op), mapping.source, &ops, &by_destination));
    }
  }
  return ops;
}

}  // namespace berth::agent
