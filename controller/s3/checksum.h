// The additional checksums S3 clients send with an upload (x-amz-checksum-<algorithm>, as a
// header or an aws-chunked trailer): computed over the bytes as they stream and compared
// at the end. CRC32 (what the aws CLI sends by default) and SHA256 are supported.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/sha256.h"
#include "common/status.h"

namespace berth::s3 {

class ChecksumCheck {
 public:
  // For the header name `name` ("x-amz-checksum-crc32"); UNIMPLEMENTED naming it for
  // another algorithm.
  static Result<std::unique_ptr<ChecksumCheck>> For(const std::string& name);

  const std::string& name() const { return name_; }
  void Update(std::string_view data);
  // INVALID_ARGUMENT (S3's BadDigest) when `claimed_base64` is not the bytes' checksum.
  // Call once.
  Status Verify(const std::string& claimed_base64);

 private:
  explicit ChecksumCheck(std::string name) : name_(std::move(name)) {}

  std::string name_;
  uint32_t crc32_ = 0;
  std::unique_ptr<Sha256> sha256_;
};

// The name of the x-amz-checksum-* header or trailer an upload carries; "" for none.
// `declared` is X-Amz-Trailer (for a trailer) or empty.
std::string ChecksumName(const std::string& declared_trailer);

}  // namespace berth::s3
