// The S3 face's buckets and objects (docs/codedeploy-compat.md "The S3 face"). Object bytes live in
// the controller's content-addressed blob store; these rows only name them, so two objects (or an
// object and a pushed revision) with the same bytes share one blob.
#pragma once

#include <cstdint>
#include <string>

#include "common/model/application.h"

namespace berth::model {

struct Bucket {
  std::string name;
  TimeMs create_time = 0;
};

// One version of an object. Every PUT adds a version (versioning is always on); a DELETE
// without a version id adds a delete marker, which has no bytes.
struct ObjectVersion {
  std::string bucket;
  std::string key;
  std::string version_id;
  bool delete_marker = false;
  std::string sha256;  // the blob; empty for a delete marker
  int64_t size = 0;
  std::string etag;  // as S3 computes it, without quotes: MD5 hex, or "<md5>-<parts>"
  std::string content_type;
  TimeMs last_modified = 0;
  bool is_latest = false;  // filled in by reads
};

struct MultipartUpload {
  std::string upload_id;
  std::string bucket;
  std::string key;
  std::string content_type;
  TimeMs create_time = 0;
};

struct UploadPart {
  std::string upload_id;
  int part_number = 0;
  std::string sha256;
  int64_t size = 0;
  std::string md5;  // hex: the part's ETag
};

}  // namespace berth::model
