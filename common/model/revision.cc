#include "common/model/revision.h"

namespace berth::model {

const char* RevisionTypeName(RevisionType type) {
  switch (type) {
    case RevisionType::kStore: return "Store";
    case RevisionType::kS3: return "S3";
    case RevisionType::kGit: return "GitHub";
    case RevisionType::kHttps: return "Https";
  }
  return "Store";
}

bool ParseRevisionType(const std::string& name, RevisionType* out) {
  for (RevisionType t :
       {RevisionType::kStore, RevisionType::kS3, RevisionType::kGit, RevisionType::kHttps}) {
    if (name == RevisionTypeName(t)) {
      *out = t;
      return true;
    }
  }
  return false;
}

const char* BundleTypeName(BundleType type) {
  switch (type) {
    case BundleType::kTar: return "tar";
    case BundleType::kTgz: return "tgz";
    case BundleType::kZip: return "zip";
  }
  return "tgz";
}

bool ParseBundleType(const std::string& name, BundleType* out) {
  for (BundleType t : {BundleType::kTar, BundleType::kTgz, BundleType::kZip}) {
    if (name == BundleTypeName(t)) {
      *out = t;
      return true;
    }
  }
  return false;
}

}  // namespace berth::model
