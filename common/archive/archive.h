// Bundle archives: tar, tgz and zip (libarchive).
#pragma once

#include <cstdint>
#include <string>

#include "common/model/revision.h"
#include "common/status.h"

namespace berth::archive {

// What one bundle may unpack to; a bundle past a limit is refused (RESOURCE_EXHAUSTED
// naming the limit and its agent flag) before anything is written, and again while
// writing if the headers lied. The defaults never stop a normal bundle.
struct UnpackLimits {
  int64_t max_bytes = int64_t{8} << 30;  // --max-bundle-bytes: sum of the entries' sizes
  int64_t max_entries = 1'000'000;       // --max-bundle-entries
  int64_t max_ratio = 1000;              // --max-bundle-ratio: unpacked bytes per bundle byte
  bool check_free_space = true;          // the unpacked size must fit the destination's disk
};

// Unpacks `archive_path` (tar, tgz or zip, whatever `type` says: the format is detected,
// `type` is only a hint) into `dest_dir`, which is created if missing and must be empty
// (FAILED_PRECONDITION otherwise, and nothing is touched).
//
// Every entry is checked before anything is written. Refused with INVALID_ARGUMENT naming
// the entry, e.g. `bundle entry "../../etc/evil" escapes the archive directory`: absolute
// names, ".." that climbs out, symlinks whose target (relative to the link's directory,
// or absolute) lands outside dest_dir, hard links to paths outside, entries that would be
// written through one of the bundle's own symlinks, devices, fifos and sockets.
// If the archive's only top-level entry is a directory holding appspec.yml/appspec.yaml,
// that directory is stripped. Modes and mtimes are kept, symlinks stay symlinks, owners
// are not restored. The data is streamed: memory does not grow with the bundle's size.
//
// Extraction goes to a staging directory beside dest_dir that is renamed into place, so
// on any error dest_dir is left empty and no staging directory remains.
//
// Only tar (ustar, pax, GNU), gzip-compressed tar and zip are read: any other format is
// INVALID_ARGUMENT. Setuid, setgid and the others-write bit are cleared on every entry.
Status Unpack(const std::string& archive_path, model::BundleType type, const std::string& dest_dir,
              const UnpackLimits& limits = {});

// Packs the contents of `dir` into `out_path` as `type` (tar: POSIX pax; tgz: the same,
// gzipped; zip: deflated): paths relative to dir, regular files, directories and symlinks
// (kept as symlinks), with their modes and mtimes, in name order. `out_path` is written to
// a temp file beside it and renamed, so readers never see a partial bundle; when it lies
// inside `dir` it is left out of the bundle; it gets permission bits `mode`. NOT_FOUND if
// `dir` is not a directory; INVALID_ARGUMENT names a device, fifo or socket found inside it.
Status PackDirectory(const std::string& dir, model::BundleType type, const std::string& out_path,
                     unsigned mode = 0644);

}  // namespace berth::archive
