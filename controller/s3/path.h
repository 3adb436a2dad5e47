// Which requests of the API listener are the S3 face's (docs/codedeploy-compat.md "The S3 face"):
// path-style, any path whose first segment is not one the listener keeps for itself
// (api::IsReservedBucketName), and GET / (ListBuckets) when it is SigV4-signed.
#pragma once

#include <optional>
#include <string>

namespace berth::s3 {

struct S3Path {
  std::string bucket;  // empty: the service (GET /)
  std::string key;     // empty: the bucket itself
};

// The bucket and key of a decoded request path; nullopt when its first segment is
// reserved (or it is "/" unsigned: `signed_request` says whether an AWS4 Authorization
// header came with it).
std::optional<S3Path> ParseS3Path(const std::string& path, bool signed_request,
                                  bool allow_reserved = false);

// A regular expression matching every path whose first segment is not reserved ("/"
// included): what the face registers for (http::Router::Fallback).
std::string S3PathPattern();
// A regular expression matching "/<reserved name>" alone: a signed CreateBucket of a
// reserved name reaches the face, which refuses it as S3 does (InvalidBucketName).
std::string ReservedBucketPattern();

// True when `authorization` is a SigV4 header (how GET / tells ListBuckets apart).
bool IsSigV4(const std::string& authorization);

}  // namespace berth::s3
