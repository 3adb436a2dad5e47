// SHA-256 (OpenSSL) for content addresses and download checks.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

namespace berth {

// Incremental hasher. Not thread-safe.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(std::string_view data);
  // Lower-case hex digest. The hasher must not be used afterwards.
  std::string HexDigest();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

std::string Sha256Hex(std::string_view data);
// Streams the file; memory does not grow with its size.
Result<std::string> Sha256File(const std::string& path);
bool IsSha256Hex(std::string_view s);

}  // namespace berth
