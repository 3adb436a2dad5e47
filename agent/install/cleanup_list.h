// The per-group cleanup list: every path an install created, one per line, so the next
// install to the group can remove them first (APPSPEC.md "files").
#pragma once

#include <string>
#include <vector>

#include "common/status.h"

namespace berth::agent {

// The paths `path` lists, in order; a missing file is an empty list. A last line
// without its newline was cut short by a crash and is ignored.
Result<std::vector<std::string>> ReadCleanupList(const std::string& path);

// Removes the listed paths in reverse order: files and symlinks always, directories
// only when empty; paths already gone are skipped. Stops at the first other error.
Status RemoveListedPaths(const std::vector<std::string>& paths);

// Writes a new list as the install goes, so a crash leaves a usable list.
class CleanupListWriter {
 public:
  // Truncates (or creates) `path` and its directory.
  static Result<CleanupListWriter> Create(const std::string& path);
  CleanupListWriter(CleanupListWriter&& other) noexcept;
  CleanupListWriter& operator=(CleanupListWriter&&) = delete;
  ~CleanupListWriter();

  // Appends `created` (absolute, without a newline in it) before it is created.
  Status Add(const std::string& created);
  // fsyncs the list.
  Status Finish();

 private:
  CleanupListWriter(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_;
  std::string path_;
};

}  // namespace berth::agent
