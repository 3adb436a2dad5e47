#include "controller/s3/checksum.h"

#include <zlib.h>

#include "common/secrets.h"

namespace berth::s3 {
Result<std::unique_ptr<ChecksumCheck>> ChecksumCheck::For(const std::string& name) {
  std::unique_ptr<ChecksumCheck> check(new ChecksumCheck(name));
  if (name == "x-amz-checksum-crc32") {
    check->crc32_ = static_cast<uint32_t>(::crc32(0L, Z_NULL, 0));
  } else if (name == "x-amz-checksum-sha256") {
    check->sha256_ = std::make_unique<Sha256>();
  } else {
    return Status(Code::kUnimplemented,
                  name.substr(0, 60) +
                      " is not supported; send x-amz-checksum-crc32 or x-amz-checksum-sha256 "
                      "(the aws CLI's default is CRC32)");
  }
  return check;
}

void ChecksumCheck::Update(std::string_view data) {
  if (sha256_) {
    sha256_->Update(data);
    return;
  }
  crc32_ = static_cast<uint32_t>(
      ::crc32(crc32_, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
}

Status ChecksumCheck::Verify(const std::string& claimed_base64) {
  std::string raw;
  if (sha256_) {
    raw = sha256_->RawDigest();
  } else {
    for (int shift = 24; shift >= 0; shift -= 8) raw.push_back(static_cast<char>(crc32_ >> shift));
  }
  const std::string actual = Base64(raw);
  if (actual != claimed_base64) {
    return InvalidArgument(name_ + " " + claimed_base64.substr(0, 60) +
                           " is not the checksum of the bytes received (" + actual + ")");
  }
  return Status::Ok();
}

std::string ChecksumName(const std::string& declared_trailer) {
  std::string name;
  for (char c : declared_trailer) name.push_back(static_cast<char>(std::tolower(c)));
  return name.rfind("x-amz-checksum-", 0) == 0 ? name : "";
}

}  // namespace berth::s3
