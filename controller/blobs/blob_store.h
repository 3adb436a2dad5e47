// The built-in content-addressed revision store: bundles uploaded by `berth push` live
// under <data-dir>/blobs/<first two hex>/<sha256>, and agents download them by digest.
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "common/sha256.h"
#include "common/status.h"

namespace berth::blobs {

struct BlobInfo {
  std::string sha256;
  int64_t size = 0;
};

// Receives one upload. Nothing is visible in the store until Commit() succeeds; a writer
// destroyed without Commit() removes its temporary file.
class BlobWriter {
 public:
  // Append refuses data past `max_bytes` with RESOURCE_EXHAUSTED (--max-upload-bytes).
  BlobWriter(std::string tmp_path, std::string root, int fd, int64_t max_bytes);
  ~BlobWriter();
  BlobWriter(const BlobWriter&) = delete;
  BlobWriter& operator=(const BlobWriter&) = delete;

  Status Append(std::string_view data);
  Result<BlobInfo> Commit();

 private:
  std::string tmp_path_;
  std::string root_;
  int fd_;
  int64_t max_bytes_;
  int64_t size_ = 0;
  Sha256 hash_;
  bool committed_ = false;
};

class BlobStore {
 public:
  // Uploads larger than max_upload_bytes are refused while they stream.
  explicit BlobStore(std::string root, int64_t max_upload_bytes = int64_t{8} << 30);

  Status Init();
  Result<std::unique_ptr<BlobWriter>> NewWriter();
  bool Has(const std::string& sha256) const;
  std::string PathOf(const std::string& sha256) const;
  // Up to max_bytes from offset; *total_size receives the blob's size.
  Result<std::string> ReadChunk(const std::string& sha256, int64_t offset, int max_bytes,
                                int64_t* total_size) const;
  // Removes one blob; OK when it is not there.
  Status Remove(const std::string& sha256);
  // Retention: removes blobs not in `referenced` and abandoned partial uploads, both only
  // when last modified before `cutoff_ms` (an upload not yet registered is kept that
  // long). Returns how many files were removed.
  Result<int64_t> CollectUnreferenced(const std::set<std::string>& referenced, int64_t cutoff_ms);

 private:
  std::string root_;
  int64_t max_upload_bytes_;
};

}  // namespace berth::blobs
