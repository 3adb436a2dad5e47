// Size-based rotation of a deployment's scripts.log, like the CodeDeploy agent's
// (64 MiB x 8 by default): scripts.log, then scripts.log.1 (newest) .. .N-1 (oldest).
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"

namespace berth::agent {

struct LogRotation {
  uint64_t max_bytes = uint64_t{64} << 20;  // --scripts-log-max-size
  int max_files = 8;                        // --scripts-log-max-files, the live one included
};

// Shifts `path`.1.. up by one (dropping what would become `path`.<max_files>) and moves
// `path` to `path`.1; with max_files 1, removes `path`. Missing files are skipped.
Status RotateLogFiles(const std::string& path, int max_files);

}  // namespace berth::agent
