// Backups of a controller's data dir, taken while the controller runs
// (docs/operations.md "Backups").
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"

namespace berth::backup {

struct BackupSummary {
  int64_t blobs = 0;  // blob files copied
  int64_t files = 0;  // every file in the backup, the database included
};

// Writes a consistent copy of `data_dir` to `out_path`, a tgz, while a controller may be
// serving from it: the database through SQLite's online backup API (one read snapshot,
// so a deployment caught half-way is in it exactly as it was committed), then the blobs,
// the TLS directory (CA key included: keep the backup as secret as the data dir) and the
// token and key files. Blob uploads in progress are left out. `out_path` appears only
// when complete (written beside it and renamed); nothing is left behind on failure.
// NOT_FOUND when `data_dir` holds no database.
Result<BackupSummary> Backup(const std::string& data_dir, const std::string& out_path);

// Unpacks a backup made by Backup into `data_dir`, which must be missing or empty
// (FAILED_PRECONDITION otherwise, and nothing is touched). A controller started on it
// carries on from the moment of the backup.
Status Restore(const std::string& backup_path, const std::string& data_dir);

}  // namespace berth::backup
