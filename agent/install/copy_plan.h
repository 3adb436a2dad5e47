// Turns an appspec's `files` section into the list of copies to make (APPSPEC.md
// "files"), finding every problem before anything is written.
#pragma once

#include <string>
#include <vector>

#include "common/appspec/appspec.h"
#include "common/status.h"

namespace berth::agent {

enum class EntryKind { kDirectory, kFile, kSymlink };

struct CopyOp {
  std::string source;       // absolute path in the archive; "" for a destination
                            // directory a file source is copied into
  std::string destination;  // absolute path on the host, install root applied
  EntryKind kind = EntryKind::kFile;
};

// `install_root` + `destination`, normalized. INVALID_ARGUMENT when the result would
// leave install_root ("..") or `destination` holds a newline.
Result<std::string> JoinInstallRoot(const std::string& install_root,
                                    const std::string& destination);

// Copies in an order where every directory comes before what it holds. A directory
// source yields its destination and everything below it (symlinks not followed); a
// file source yields <destination>/<basename>. Destinations have their trusted symlinks
// resolved (no_follow.h: an untrusted one is FAILED_PRECONDITION), so the installer can
// open every path with no symlink followed. INVALID_ARGUMENT when a source is
// missing or outside the archive, or when two sources land on one destination path
// (two directories may merge).
Result<std::vector<CopyOp>> PlanCopies(const std::vector<appspec::FileMapping>& files,
                                       const std::string& archive_dir,
                                       const std::string& install_root);

}  // namespace berth::agent
