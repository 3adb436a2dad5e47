// Fetchers bring a revision's bundle to a local file (DESIGN.md 5).
#pragma once

#include <string>

#include "common/model/revision.h"
#include "common/status.h"

namespace berth::agent {

class BundleFetcher {
 public:
  virtual ~BundleFetcher() = default;
  // Writes the bundle `location` names to `dest_path` (streaming; memory does not grow
  // with the bundle) and checks its digest where the location has one. On error
  // dest_path does not exist.
  virtual Status Fetch(const model::RevisionLocation& location, const std::string& dest_path) = 0;
};

}  // namespace berth::agent
