// The first, read-only pass over a bundle: every entry is checked before anything is
// written, and the layout (whether to strip a top-level directory) is decided.
//
// Internal to common/archive: the public contract is archive.h.
#pragma once

#include <string>
#include <vector>

#include "common/archive/archive.h"
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
  int64_t total_bytes = 0;            // the sizes the headers declare, summed
};

// RESOURCE_EXHAUSTED when `bytes` unpacked from an `archive_bytes` bundle, or `entries`
// entries, pass `limits`; the message names the limit and the flag that sets it.
Status CheckUnpackLimits(int64_t bytes, int64_t entries, int64_t archive_bytes,
                         const UnpackLimits& limits);

// Reads the headers of `archive_path` (skipping the data) and refuses, with
// INVALID_ARGUMENT naming the entry, anything that would land outside a destination
// that will live at `dest_dir` (absolute, symlink-free): absolute names, escaping "..",
// symlinks or hard links pointing outside, entries under one of the bundle's own
// symlinks, devices, fifos and sockets. Memory grows with the number of entries, not
// with their size.
// Refuses a bundle past `limits` as soon as a header shows it.
Result<BundleLayout> ScanBundle(const std::string& archive_path, const std::string& dest_dir,
                                const UnpackLimits& limits);

}  // namespace berth::archive::internal
