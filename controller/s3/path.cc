#include "controller/s3/path.h"

#include "controller/api/bucket_names.h"
#include "controller/api/service.h"

namespace berth::s3 {

namespace {

std::string ReservedAlternatives() {
  std::string reserved;
  for (const char* name : api::ReservedBucketNames()) {
    std::string escaped;
    for (const char* c = name; *c != '\0'; ++c) {
      if (*c == '.') escaped += '\\';
      escaped += *c;
    }
    reserved += (reserved.empty() ? "" : "|") + escaped;
  }
  return reserved;
}

}  // namespace

std::string S3PathPattern() { return "/(?!(?:" + ReservedAlternatives() + ")(?:/|$)).*"; }

std::string ReservedBucketPattern() { return "/(?:" + ReservedAlternatives() + ")/?"; }

bool IsSigV4(const std::string& authorization) {
  return authorization.rfind("AWS4-HMAC-SHA256 ", 0) == 0;
}

std::optional<S3Path> ParseS3Path(const std::string& path, bool signed_request,
                                  bool allow_reserved) {
  if (path.empty() || path[0] != '/') return std::nullopt;
  if (path == "/") return signed_request ? std::optional<S3Path>(S3Path{}) : std::nullopt;
  const size_t slash = path.find('/', 1);
  S3Path out;
  out.bucket = path.substr(1, slash == std::string::npos ? std::string::npos : slash - 1);
  if (out.bucket.empty() || (!allow_reserved && api::IsReservedBucketName(out.bucket))) {
    return std::nullopt;
  }
  if (slash != std::string::npos) out.key = path.substr(slash + 1);
  return out;
}

}  // namespace berth::s3
