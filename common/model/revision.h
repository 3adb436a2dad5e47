// Where a revision's bundle lives (DESIGN.md 2 and 5).
#pragma once

#include <string>

#include "common/model/application.h"

namespace berth::model {

enum class RevisionType { kStore, kS3, kGit, kHttps };
enum class BundleType { kTar, kTgz, kZip };

const char* RevisionTypeName(RevisionType type);  // "Store" | "S3" | "GitHub" | "Https"
bool ParseRevisionType(const std::string& name, RevisionType* out);
const char* BundleTypeName(BundleType type);  // "tar" | "tgz" | "zip"
bool ParseBundleType(const std::string& name, BundleType* out);

struct RevisionLocation {
  RevisionType type = RevisionType::kStore;
  BundleType bundle_type = BundleType::kTgz;
  std::string sha256;      // store (content address) and https (expected digest)
  std::string bucket;      // s3
  std::string key;         // s3
  std::string version;     // s3 versionId
  std::string etag;        // s3
  std::string repository;  // git
  std::string commit_id;   // git
  std::string url;         // https
};

struct Revision {
  std::string id;
  std::string application_id;
  std::string application_name;
  RevisionLocation location;
  std::string description;
  TimeMs register_time = 0;
};

}  // namespace berth::model
