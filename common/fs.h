// Small file helpers that return Status instead of throwing.
#pragma once

#include <string>

#include "common/status.h"

namespace berth::fs {

Result<std::string> ReadFile(const std::string& path);
enum class Sync { kFsync, kNoFsync };
// Writes to "<path>.tmp", fsyncs (unless kNoFsync: for files that may be lost in a crash
// but never half-written, written often), renames over `path`: readers see the old or the
// new content, never a mix. `mode` applies to the new file.
Status WriteFileAtomic(const std::string& path, const std::string& content, int mode = 0644,
                       Sync sync = Sync::kFsync);
Status MakeDirs(const std::string& path);
bool Exists(const std::string& path);
Status RemoveAll(const std::string& path);

}  // namespace berth::fs
