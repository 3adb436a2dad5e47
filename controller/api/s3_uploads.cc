// The S3 face's multipart uploads (service.h): parts are blobs of their own until the
// completion joins them into the object's blob and forgets them.
#include <algorithm>
#include <map>

#include "common/random.h"
#include "common/sha256.h"
#include "controller/api/service.h"

namespace berth::api {
namespace {

constexpr int kMaxPartNumber = 10000;
constexpr int64_t kMinPartBytes = int64_t{5} << 20;  // every part but the last
constexpr int kCopyChunkBytes = 1 << 20;

Status NoSuchUpload(const std::string& upload_id) {
  return Status(Code::kNotFound, "multipart upload \"" + upload_id + "\" does not exist",
                Reason::kUpload);
}

std::string Unquoted(std::string etag) {
  etag.erase(std::remove(etag.begin(), etag.end(), '"'), etag.end());
  return etag;
}

// The uploaded parts `listed` names, in order; refusals as CompleteUpload states.
Result<std::vector<model::UploadPart>> ChooseParts(const std::vector<model::UploadPart>& uploaded,
                                                   const std::vector<CompletedPart>& listed) {
  if (listed.empty()) {
    return Status(Code::kInvalidArgument, "a multipart completion must list at least one part",
                  Reason::kInvalidPart);
  }
  std::map<int, const model::UploadPart*> by_number;
  for (const model::UploadPart& p : uploaded) by_number[p.part_number] = &p;
  std::vector<model::UploadPart> chosen;
  for (size_t i = 0; i < listed.size(); ++i) {
    const CompletedPart& want = listed[i];
    if (i > 0 && want.part_number <= listed[i - 1].part_number) {
      return Status(Code::kInvalidArgument,
                    "parts must be listed in ascending order: part " +
                        std::to_string(want.part_number) + " follows part " +
                        std::to_string(listed[i - 1].part_number),
                    Reason::kPartOrder);
    }
    auto found = by_number.find(want.part_number);
    if (found == by_number.end() || found->second->md5 != Unquoted(want.etag)) {
      return Status(
          Code::kInvalidArgument,
          "part " + std::to_string(want.part_number) +
              (found == by_number.end() ? " was not uploaded"
                                        : " was uploaded with ETag \"" + found->second->md5 +
                                              "\", not \"" + Unquoted(want.etag) + "\""),
          Reason::kInvalidPart);
    }
    chosen.push_back(*found->second);
  }
  for (size_t i = 0; i + 1 < chosen.size(); ++i) {
    if (chosen[i].size < kMinPartBytes) {
      return Status(Code::kInvalidArgument,
                    "part " + std::to_string(chosen[i].part_number) + " is " +
                        std::to_string(chosen[i].size) +
                        " bytes; every part but the last must be at least 5 MiB",
                    Reason::kPartTooSmall);
    }
  }
  return chosen;
}

}  // namespace

Result<model::MultipartUpload> Service::CreateUpload(const std::string& bucket,
                                                     const std::string& key,
                                                     const std::string& content_type) {
  RETURN_IF_ERROR(CheckObjectKey(key));
  model::MultipartUpload upload{RandomHex(16), bucket, key, content_type, clock_->NowMs()};
  RETURN_IF_ERROR(store_->Transact([&]() -> Status {
    RETURN_IF_ERROR(store_->GetBucket(bucket).status());
    return store_->CreateUpload(upload);
  }));
  return upload;
}

Result<model::MultipartUpload> Service::GetUploadOf(const std::string& bucket,
                                                    const std::string& key,
                                                    const std::string& upload_id) {
  ASSIGN_OR_RETURN(model::MultipartUpload upload, store_->GetUpload(upload_id));
  if (upload.bucket != bucket || upload.key != key) return NoSuchUpload(upload_id);
  return upload;
}

Result<model::UploadPart> Service::PutPart(const std::string& bucket, const std::string& key,
                                           const std::string& upload_id, int part_number,
                                           const StoredBytes& bytes) {
  if (part_number < 1 || part_number > kMaxPartNumber) {
    return InvalidArgument("partNumber must be 1 to 10000, not " + std::to_string(part_number));
  }
  model::UploadPart part{upload_id, part_number, bytes.blob.sha256, bytes.blob.size, bytes.md5_hex};
  Status put = store_->Transact([&]() -> Status {
    RETURN_IF_ERROR(GetUploadOf(bucket, key, upload_id).status());
    ASSIGN_OR_RETURN(std::vector<model::UploadPart> parts, store_->ListParts(upload_id));
    for (const model::UploadPart& old : parts) {
      if (old.part_number == part_number && old.sha256 != part.sha256) ForgetBlobs({old.sha256});
    }
    return store_->PutPart(part);
  });
  if (!put.ok()) {
    ForgetBlobs({part.sha256});  // the bytes are already in; unless something names them
    return put;
  }
  return part;
}

Result<model::ObjectVersion> Service::CompleteUpload(const std::string& bucket,
                                                     const std::string& key,
                                                     const std::string& upload_id,
                                                     const std::vector<CompletedPart>& parts) {
  ASSIGN_OR_RETURN(model::MultipartUpload upload, GetUploadOf(bucket, key, upload_id));
  ASSIGN_OR_RETURN(std::vector<model::UploadPart> uploaded, store_->ListParts(upload_id));
  ASSIGN_OR_RETURN(std::vector<model::UploadPart> chosen, ChooseParts(uploaded, parts));

  // The parts' bytes, joined into one blob outside any transaction (this is the slow part).
  ASSIGN_OR_RETURN(std::unique_ptr<blobs::BlobWriter> writer, blobs_->NewWriter());
  Md5 etag_hash;
  for (const model::UploadPart& part : chosen) {
    etag_hash.Update(BytesOfHex(part.md5));
    for (int64_t offset = 0; offset < part.size;) {
      int64_t total = 0;
      ASSIGN_OR_RETURN(std::string chunk,
                       blobs_->ReadChunk(part.sha256, offset, kCopyChunkBytes, &total));
      if (chunk.empty()) return Internal("part " + std::to_string(part.part_number) + " is short");
      RETURN_IF_ERROR(writer->Append(chunk));
      offset += static_cast<int64_t>(chunk.size());
    }
  }
  ASSIGN_OR_RETURN(blobs::BlobInfo joined, writer->Commit());
  model::ObjectVersion version{.bucket = bucket,
                               .key = key,
                               .version_id = RandomHex(16),
                               .sha256 = joined.sha256,
                               .size = joined.size,
                               .etag = etag_hash.HexDigest() + "-" + std::to_string(chosen.size()),
                               .content_type = upload.content_type,
                               .last_modified = clock_->NowMs(),
                               .is_latest = true};
  Status done = store_->Transact([&]() -> Status {
    // The upload may have been aborted, or a part replaced, meanwhile.
    RETURN_IF_ERROR(store_->GetUpload(upload_id).status());
    ASSIGN_OR_RETURN(std::vector<model::UploadPart> now, store_->ListParts(upload_id));
    ASSIGN_OR_RETURN(std::vector<model::UploadPart> again, ChooseParts(now, parts));
    for (size_t i = 0; i < again.size(); ++i) {
      if (again[i].sha256 != chosen[i].sha256) {
        return Status(Code::kInvalidArgument,
                      "part " + std::to_string(again[i].part_number) +
                          " was uploaded again while the upload completed",
                      Reason::kInvalidPart);
      }
    }
    RETURN_IF_ERROR(store_->AddObjectVersion(version));
    RETURN_IF_ERROR(store_->DeleteUpload(upload_id));
    std::vector<std::string> freed;
    for (const model::UploadPart& p : now) freed.push_back(p.sha256);
    ForgetBlobs(std::move(freed));
    return Status::Ok();
  });
  if (!done.ok()) {
    ForgetBlobs({joined.sha256});  // outside a transaction: at once, unless named
    return done;
  }
  return version;
}

Status Service::AbortUpload(const std::string& bucket, const std::string& key,
                            const std::string& upload_id) {
  return store_->Transact([&]() -> Status {
    RETURN_IF_ERROR(GetUploadOf(bucket, key, upload_id).status());
    ASSIGN_OR_RETURN(std::vector<model::UploadPart> parts, store_->ListParts(upload_id));
    RETURN_IF_ERROR(store_->DeleteUpload(upload_id));
    std::vector<std::string> freed;
    for (const model::UploadPart& p : parts) freed.push_back(p.sha256);
    ForgetBlobs(std::move(freed));
    return Status::Ok();
  });
}

}  // namespace berth::api
