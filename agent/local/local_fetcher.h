// LocalFetcher: the bundle of a `berth local` run, from this host's file system: a plain
// directory (packed into a tar, so it is unpacked and checked exactly like a downloaded
// bundle) or a tar, tgz or zip file (copied).
#pragma once

#include <string>

#include "agent/revision/fetcher.h"

namespace berth::agent {

class LocalFetcher : public BundleFetcher {
 public:
  explicit LocalFetcher(std::string source) : source_(std::move(source)) {}

  // The bundle type to unpack `source` as: tar for a directory; otherwise from the file
  // name (.zip, .tar, .tgz/.tar.gz; anything else is tried as tgz, the format is detected
  // when unpacking). NOT_FOUND when `source` does not exist.
  static Result<model::BundleType> TypeOf(const std::string& source);

  // Ignores `location`: the bundle is always `source`.
  Status Fetch(const model::RevisionLocation& location, const std::string& dest_path) override;

 private:
  std::string source_;
};

}  // namespace berth::agent
