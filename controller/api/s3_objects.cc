// The S3 face's objects (service.h): versions, delete markers, listings.
#include "common/random.h"
#include "common/text/utf8.h"
#include "controller/api/service.h"

namespace berth::api {
Status CheckObjectKey(const std::string& key) {
  if (key.empty()) return InvalidArgument("an object key must not be empty");
  if (!text::IsValidUtf8(key)) return InvalidArgument("an object key must be UTF-8");
  if (key.size() > 1024) {
    return InvalidArgument("object key of " + std::to_string(key.size()) +
                           " bytes is over S3's 1024-byte limit");
  }
  return Status::Ok();
}

namespace {

// S3's version ids are opaque URL-safe strings; 32 hex characters.
std::string NewVersionId() { return RandomHex(16); }

}  // namespace

Result<model::ObjectVersion> Service::PutObject(const PutObjectRequest& request) {
  RETURN_IF_ERROR(CheckObjectKey(request.key));
  model::ObjectVersion version{.bucket = request.bucket,
                               .key = request.key,
                               .version_id = NewVersionId(),
                               .sha256 = request.bytes.blob.sha256,
                               .size = request.bytes.blob.size,
                               .etag = request.bytes.md5_hex,
                               .content_type = request.content_type,
                               .last_modified = clock_->NowMs(),
                               .is_latest = true};
  Status added = store_->Transact([&]() -> Status {
    RETURN_IF_ERROR(store_->GetBucket(request.bucket).status());
    return store_->AddObjectVersion(version);
  });
  if (!added.ok()) {
    ForgetBlobs({version.sha256});  // the bytes are already in; unless something names them
    return added;
  }
  return version;
}

Result<model::ObjectVersion> Service::GetObject(const std::string& bucket, const std::string& key,
                                                const std::string& version_id) {
  RETURN_IF_ERROR(store_->GetBucket(bucket).status());
  ASSIGN_OR_RETURN(model::ObjectVersion version, store_->GetObjectVersion(bucket, key, version_id));
  if (version.delete_marker) {
    return Status(Code::kNotFound,
                  version_id.empty()
                      ? "object \"" + key + "\" was deleted from bucket \"" + bucket + "\""
                      : "version \"" + version_id + "\" of \"" + key + "\" is a delete marker",
                  Reason::kObject);
  }
  return version;
}

Result<model::ObjectVersion> Service::DeleteObject(const std::string& bucket,
                                                   const std::string& key,
                                                   const std::string& version_id) {
  RETURN_IF_ERROR(CheckObjectKey(key));
  model::ObjectVersion result;
  RETURN_IF_ERROR(store_->Transact([&]() -> Status {
    RETURN_IF_ERROR(store_->GetBucket(bucket).status());
    if (!version_id.empty()) {
      ASSIGN_OR_RETURN(result, store_->GetObjectVersion(bucket, key, version_id));
      RETURN_IF_ERROR(store_->RemoveObjectVersion(bucket, key, version_id));
      if (!result.delete_marker) ForgetBlobs({result.sha256});
      return Status::Ok();
    }
    result = {.bucket = bucket,
              .key = key,
              .version_id = NewVersionId(),
              .delete_marker = true,
              .last_modified = clock_->NowMs(),
              .is_latest = true};
    return store_->AddObjectVersion(result);
  }));
  return result;
}

Result<ObjectList> Service::ListObjects(const ObjectListRequest& request) {
  if (request.max_keys < 0 || request.max_keys > 1000) {
    return InvalidArgument("max-keys must be 0 to 1000");
  }
  RETURN_IF_ERROR(store_->GetBucket(request.bucket).status());
  ObjectList list;
  std::string after = request.start_after;
  // A listing resumed after a common prefix (its continuation token or NextMarker) goes
  // on past every key under it, not into them.
  const std::string& d = request.delimiter;
  if (!d.empty() && after.size() >= request.prefix.size() + d.size() &&
      after.compare(0, request.prefix.size(), request.prefix) == 0 &&
      after.find(d, request.prefix.size()) == after.size() - d.size()) {
    after += '\xff';
  }
  int room = request.max_keys;
  while (room > 0) {
    // One more than fits, to tell a full listing from a truncated one.
    ASSIGN_OR_RETURN(std::vector<model::ObjectVersion> page,
                     store_->ListCurrentObjects(request.bucket, request.prefix, after, room + 1));
    bool folded = false;
    for (model::ObjectVersion& object : page) {
      if (room == 0) {
        list.truncated = true;
        return list;
      }
      --room;
      const size_t cut = request.delimiter.empty()
                             ? std::string::npos
                             : object.key.find(request.delimiter, request.prefix.size());
      if (cut != std::string::npos) {
        // Keys under one common prefix are listed once, as it; the next read starts past
        // all of them ('\xff' is never part of a UTF-8 key).
        list.next_after = object.key.substr(0, cut + request.delimiter.size());
        list.common_prefixes.push_back(list.next_after);
        after = list.next_after + '\xff';
        folded = true;
        break;
      }
      after = list.next_after = object.key;
      list.objects.push_back(std::move(object));
    }
    if (!folded) return list;  // the page held fewer keys than asked for: the end
  }
  ASSIGN_OR_RETURN(std::vector<model::ObjectVersion> more,
                   store_->ListCurrentObjects(request.bucket, request.prefix, after, 1));
  list.truncated = !more.empty();
  return list;
}

}  // namespace berth::api
