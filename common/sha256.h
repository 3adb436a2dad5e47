// SHA-256 (OpenSSL) for content addresses and download checks; MD5 for S3 ETags.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

namespace berth {

// Incremental hasher (OpenSSL EVP). Not thread-safe.
class Digest {
 public:
  ~Digest();
  Digest(const Digest&) = delete;
  Digest& operator=(const Digest&) = delete;

  void Update(std::string_view data);
  // Lower-case hex digest. The hasher must not be used afterwards.
  std::string HexDigest();
  // The digest's raw bytes (instead of HexDigest).
  std::string RawDigest();

 protected:
  explicit Digest(const void* evp_md);  // an EVP_MD*

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class Sha256 : public Digest {
 public:
  Sha256();
};

// MD5: only for S3's ETags and Content-MD5 (not for anything security depends on).
class Md5 : public Digest {
 public:
  Md5();
};

std::string Sha256Hex(std::string_view data);
// Streams the file; memory does not grow with its size.
Result<std::string> Sha256File(const std::string& path);
bool IsSha256Hex(std::string_view s);
// Lower-case hex of `bytes`.
std::string HexOf(std::string_view bytes);
// The bytes a hex digest spells (two hex digits a byte; a trailing odd digit is ignored).
std::string BytesOfHex(std::string_view hex);

}  // namespace berth
