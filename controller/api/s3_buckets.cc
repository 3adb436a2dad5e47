// The S3 face's buckets (service.h), and how a revision's S3 location in one of them is
// resolved to a blob agents fetch from the controller.
#include <algorithm>

#include "controller/api/bucket_names.h"
#include "controller/api/revision_checks.h"
#include "controller/api/service.h"

namespace berth::api {

const std::vector<const char*>& ReservedBucketNames() {
  static const std::vector<const char*> kReserved = {"api",        "ui",       "metrics",
                                                     "install.sh", "packages", "healthz"};
  return kReserved;
}

bool IsReservedBucketName(const std::string& name) {
  for (const char* reserved : ReservedBucketNames()) {
    if (name == reserved) return true;
  }
  return false;
}

Result<model::Bucket> Service::CreateBucket(const std::string& name) {
  if (!IsValidS3BucketName(name)) {
    return Status(Code::kInvalidArgument,
                  "bucket name \"" + name.substr(0, 80) +
                      "\" breaks S3's rules (3-63 characters of a-z, 0-9, '.' and '-', starting "
                      "and ending with a letter or digit)",
                  Reason::kBucket);
  }
  if (IsReservedBucketName(name)) {
    return Status(Code::kInvalidArgument,
                  "bucket name \"" + name + "\" is reserved: /" + name +
                      " is the controller's own (api, ui, metrics, install.sh, packages and "
                      "healthz are)",
                  Reason::kBucket);
  }
  model::Bucket bucket{name, clock_->NowMs()};
  RETURN_IF_ERROR(store_->CreateBucket(bucket));
  return bucket;
}

Result<model::Bucket> Service::GetBucket(const std::string& name) {
  return store_->GetBucket(name);
}

Result<std::vector<model::Bucket>> Service::ListBuckets() { return store_->ListBuckets(); }

Status Service::DeleteBucket(const std::string& name) {
  return store_->Transact([&]() -> Status {
    RETURN_IF_ERROR(store_->GetBucket(name).status());
    ASSIGN_OR_RETURN(std::vector<model::ObjectVersion> live,
                     store_->ListCurrentObjects(name, "", "", 1));
    if (!live.empty()) {
      return Status(Code::kFailedPrecondition,
                    "bucket \"" + name + "\" is not empty: it holds \"" + live[0].key +
                        "\"; delete its objects first",
                    Reason::kBucket);
    }
    return store_->DeleteBucket(name);
  });
}

Status Service::ResolveStoreObject(model::RevisionLocation& location) {
  if (location.type != model::RevisionType::kS3) return Status::Ok();
  location.sha256.clear();
  Result<model::Bucket> bucket = store_->GetBucket(location.bucket);
  if (!bucket.ok() && bucket.status().reason() == Reason::kBucket) return Status::Ok();
  RETURN_IF_ERROR(bucket.status());
  ASSIGN_OR_RETURN(model::ObjectVersion object,
                   GetObject(location.bucket, location.key, location.version));
  std::string etag = location.etag;
  etag.erase(std::remove(etag.begin(), etag.end(), '"'), etag.end());
  if (!etag.empty() && etag != object.etag) {
    return InvalidArgument("s3Location eTag \"" + etag + "\" is not that of s3://" +
                           location.bucket + "/" + location.key + " (\"" + object.etag + "\")");
  }
  location.sha256 = object.sha256;
  return Status::Ok();
}

}  // namespace berth::api
