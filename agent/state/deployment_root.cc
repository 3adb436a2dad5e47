#include "agent/state/deployment_root.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <utility>
#include <vector>

#include "common/fs.h"

namespace berth::agent {

namespace stdfs = std::filesystem;

DeploymentRoot::DeploymentRoot(std::string root) : base_(std::move(root) + "/deployment-root") {}

Status DeploymentRoot::CheckId(const std::string& id, const std::string& what) {
  bool safe = !id.empty() && id.size() <= 128 && id != "." && id != "..";
  for (char c : id) {
    safe =
        safe && (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-');
  }
  if (!safe) {
    return InvalidArgument(what + " \"" + id +
                           "\" is not usable as a directory name (expected 1-128 of "
                           "A-Z a-z 0-9 . _ -)");
  }
  return Status::Ok();
}

std::string DeploymentRoot::DeploymentDir(const std::string& group_id,
                                          const std::string& deployment_id) const {
  return base_ + "/" + group_id + "/" + deployment_id;
}
std::string DeploymentRoot::BundlePath(const std::string& group_id,
                                       const std::string& deployment_id) const {
  return DeploymentDir(group_id, deployment_id) + "/bundle";
}
std::string DeploymentRoot::ArchiveDir(const std::string& group_id,
                                       const std::string& deployment_id) const {
  return DeploymentDir(group_id, deployment_id) + "/deployment-archive";
}
std::string DeploymentRoot::ScriptLogPath(const std::string& group_id,
                                          const std::string& deployment_id) const {
  return DeploymentDir(group_id, deployment_id) + "/logs/scripts.log";
}
std::string DeploymentRoot::CleanupListPath(const std::string& group_id) const {
  return InstructionPath(group_id, "-cleanup");
}
std::string DeploymentRoot::InstructionPath(const std::string& group_id,
                                            const std::string& suffix) const {
  return base_ + "/deployment-instructions/" + group_id + suffix;
}

Result<std::optional<std::string>> DeploymentRoot::ReadPointer(const std::string& group_id,
                                                               const std::string& suffix) const {
  RETURN_IF_ERROR(CheckId(group_id, "deployment group id"));
  std::string path = InstructionPath(group_id, suffix);
  if (!fs::Exists(path)) return std::optional<std::string>();
  ASSIGN_OR_RETURN(std::string text, fs::ReadFile(path));
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  if (text.empty()) return std::optional<std::string>();
  RETURN_IF_ERROR(CheckId(text, "deployment id in " + path));
  return std::optional<std::string>(text);
}

Status DeploymentRoot::WritePointer(const std::string& group_id, const std::string& suffix,
                                    const std::string& deployment_id) {
  RETURN_IF_ERROR(CheckId(group_id, "deployment group id"));
  RETURN_IF_ERROR(CheckId(deployment_id, "deployment id"));
  RETURN_IF_ERROR(fs::MakeDirs(base_ + "/deployment-instructions"));
  return fs::WriteFileAtomic(InstructionPath(group_id, suffix), deployment_id + "\n");
}

Result<std::optional<std::string>> DeploymentRoot::LastSuccessful(
    const std::string& group_id) const {
  return ReadPointer(group_id, "-last-successful");
}
Result<std::optional<std::string>> DeploymentRoot::MostRecent(const std::string& group_id) const {
  return ReadPointer(group_id, "-most-recent");
}
Status DeploymentRoot::SetLastSuccessful(const std::string& group_id,
                                         const std::string& deployment_id) {
  return WritePointer(group_id, "-last-successful", deployment_id);
}
Status DeploymentRoot::SetMostRecent(const std::string& group_id,
                                     const std::string& deployment_id) {
  return WritePointer(group_id, "-most-recent", deployment_id);
}

Status DeploymentRoot::Prune(const std::string& group_id, int max_revisions) {
  RETURN_IF_ERROR(CheckId(group_id, "deployment group id"));
  ASSIGN_OR_RETURN(std::optional<std::string> last_successful, LastSuccessful(group_id));
  ASSIGN_OR_RETURN(std::optional<std::string> most_recent, MostRecent(group_id));
  std::string group_dir = base_ + "/" + group_id;
  std::vector<std::pair<stdfs::file_time_type, std::string>> dirs;
  std::error_code ec;
  for (stdfs::directory_iterator it(group_dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_directory(ec)) continue;
    dirs.emplace_back(it->last_write_time(ec), it->path().filename().string());
  }
  if (ec && ec != std::errc::no_such_file_or_directory) {
    return Internal("cannot list " + group_dir + ": " + ec.message());
  }
  // Newest first; the name breaks ties so the order is stable.
  std::sort(dirs.begin(), dirs.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second > b.second;
  });
  auto pinned = [&](const std::string& name) {
    return name == last_successful || name == most_recent;
  };
  // Pinned directories take their slots first; the newest others fill the rest.
  int kept = static_cast<int>(
      std::count_if(dirs.begin(), dirs.end(), [&](const auto& d) { return pinned(d.second); }));
  for (const auto& [mtime, name] : dirs) {
    if (pinned(name)) continue;
    if (kept < max_revisions) {
      ++kept;
      continue;
    }
    RETURN_IF_ERROR(fs::RemoveAll(group_dir + "/" + name));
  }
  return Status::Ok();
}

Status DeploymentRoot::WriteOngoing(const OngoingEvent& event) {
  RETURN_IF_ERROR(fs::MakeDirs(base_));
  return fs::WriteFileAtomic(OngoingPath(), OngoingEventToJson(event));
}

Result<std::optional<OngoingEvent>> DeploymentRoot::ReadOngoing() const {
  if (!fs::Exists(OngoingPath())) return std::optional<OngoingEvent>();
  ASSIGN_OR_RETURN(std::string text, fs::ReadFile(OngoingPath()));
  ASSIGN_OR_RETURN(OngoingEvent event, OngoingEventFromJson(text, OngoingPath()));
  return std::optional<OngoingEvent>(std::move(event));
}

Status DeploymentRoot::ClearOngoing() {
  std::error_code ec;
  stdfs::remove(OngoingPath(), ec);
  if (ec) return Internal("cannot remove " + OngoingPath() + ": " + ec.message());
  return Status::Ok();
}

}  // namespace berth::agent
