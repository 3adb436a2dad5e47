// The first, read-only pass over a bundle: every entry is checked before anything is
// written, and the layout (whether to strip a top-level directory) is decided.
//
// Internal to common/archive: the public contract is archive.h.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"

namespace berth::archive::internal {

struct ScannedEntry {
  std::string name;  // as stored in the archive, for messages
  // Where it goes, relative to the destination, after stripping; "" for the root itself
  // (or the stripped top-level directory), which is not extracted.
  std::string path;
  std::string hardlink;  // the hard link's target, relative like `path`; "" if none
};

struct BundleLayout {
  std::vector<ScannedEntry> entries;  // in archive order
  std::string stripped_directory;     // the top-level directory removed, or ""
};

// Reads the headers of `archive_path` (skipping the data) and refuses, with
// INVALID_ARGUMENT naming the entry, anything that would land outside a destination
// that will live at `dest_dir` (absolute, symlink-free): absolute names, escaping "..",
// symlinks or hard links pointing outside, entries under one of the bundle's own
// symlinks, devices, fifos and sockets. Memory grows with the number of entries, not
// with their size.
Result<BundleLayout> ScanBundle(const std::string& archive_path, const std::string& dest_dir);

}  // namespace berth::archive::internal
