// s3://bucket/key[#version] as the CLI takes it.
#pragma once

#include <string>

#include "common/status.h"

namespace berth::s3 {

struct ObjectRef {
  std::string bucket;
  std::string key;
  std::string version;  // versionId; empty = the latest
};

// INVALID_ARGUMENT, quoting `uri`, unless it is s3://BUCKET/KEY with optional #VERSION.
Result<ObjectRef> ParseS3Uri(const std::string& uri);
std::string ToS3Uri(const ObjectRef& ref);

}  // namespace berth::s3
