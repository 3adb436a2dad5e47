// Bundle archives: tar, tgz and zip (libarchive).
#pragma once

#include <string>

#include "common/model/revision.h"
#include "common/status.h"

namespace berth::archive {

// Unpacks `archive_path` into `dest_dir` (created if missing). Refuses, before writing
// anything, entries that would land outside dest_dir: ".." components, absolute paths,
// symlinks or hard links whose target resolves outside. The error (INVALID_ARGUMENT)
// names the entry. If the archive's only top-level entry is a directory holding
// appspec.yml/appspec.yaml, that directory is stripped. On error dest_dir is left empty.
Status Unpack(const std::string& archive_path, model::BundleType type,
              const std::string& dest_dir);

// Packs the contents of `dir` (paths relative to dir, symlinks kept as symlinks, modes
// kept) into `out_path` as `type`.
Status PackDirectory(const std::string& dir, model::BundleType type,
                     const std::string& out_path);

}  // namespace berth::archive
