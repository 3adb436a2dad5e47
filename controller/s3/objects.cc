// PutObject, GetObject (with Range) and HeadObject, DeleteObject. Bytes are served
// straight from the object's blob file.
#include <fcntl.h>
#include <unistd.h>

#include <memory>

#include "common/time_format.h"
#include "controller/s3/handlers.h"
#include "controller/s3/upload_body.h"

namespace berth::s3 {
namespace {

constexpr char kDefaultContentType[] = "binary/octet-stream";

void SetVersionHeaders(Call& call, const model::ObjectVersion& v) {
  call.res.set_header("x-amz-version-id", v.version_id);
  if (v.delete_marker) call.res.set_header("x-amz-delete-marker", "true");
}

// Owns an open file descriptor for as long as httplib streams from it.
struct OpenFile {
  explicit OpenFile(int f) : fd(f) {}
  ~OpenFile() { ::close(fd); }
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  int fd;
};

}  // namespace

Status PutObject(Call& call) {
  RETURN_IF_ERROR(RequireRole(call, model::Role::kDeployer));
  RETURN_IF_ERROR(call.service->GetBucket(call.path.bucket).status());
  RETURN_IF_ERROR(api::CheckObjectKey(call.path.key));
  ASSIGN_OR_RETURN(ReceivedUpload upload, ReceiveUpload(call));
  std::string content_type = call.req.get_header_value("Content-Type");
  if (content_type.empty()) content_type = kDefaultContentType;
  ASSIGN_OR_RETURN(
      model::ObjectVersion version,
      call.service->PutObject({call.path.bucket, call.path.key, content_type, upload.bytes}));
  call.res.status = 200;
  call.res.set_header("ETag", QuotedEtag(version.etag));
  SetVersionHeaders(call, version);
  if (!upload.checksum_name.empty()) {
    call.res.set_header(upload.checksum_name.c_str(), upload.checksum_value);
  }
  return Status::Ok();
}

Status GetObject(Call& call) {
  RETURN_IF_ERROR(RequireRole(call, model::Role::kViewer));
  RETURN_IF_ERROR(VerifyNoBody(call));
  const std::string version_id = call.req.get_param_value("versionId");
  ASSIGN_OR_RETURN(model::ObjectVersion v,
                   call.service->GetObject(call.path.bucket, call.path.key, version_id));
  call.res.set_header("ETag", QuotedEtag(v.etag));
  call.res.set_header("Last-Modified", FormatHttpDate(v.last_modified));
  call.res.set_header("Accept-Ranges", "bytes");
  SetVersionHeaders(call, v);
  if (v.size == 0) {
    call.res.status = 200;
    call.res.set_content("", v.content_type);
    return Status::Ok();
  }
  const std::string path = call.service->blobs()->PathOf(v.sha256);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Internal("the bytes of " + call.path.key + " are missing from the blob store");
  auto file = std::make_shared<OpenFile>(fd);
  // The status is left to httplib: 200, or 206 with Content-Range for a Range request
  // (416 for a range outside the object).
  call.res.set_content_provider(static_cast<size_t>(v.size), v.content_type,
                                [file](size_t offset, size_t length, httplib::DataSink& sink) {
                                  char buf[1 << 16];
                                  const size_t want = std::min(length, sizeof buf);
                                  const ssize_t n =
                                      ::pread(file->fd, buf, want, static_cast<off_t>(offset));
                                  if (n <= 0) return false;
                                  return sink.write(buf, static_cast<size_t>(n));
                                });
  return Status::Ok();
}

Status DeleteObject(Call& call) {
  RETURN_IF_ERROR(RequireRole(call, model::Role::kDeployer));
  RETURN_IF_ERROR(VerifyNoBody(call));
  ASSIGN_OR_RETURN(model::ObjectVersion v,
                   call.service->DeleteObject(call.path.bucket, call.path.key,
                                              call.req.get_param_value("versionId")));
  call.res.status = 204;
  SetVersionHeaders(call, v);
  return Status::Ok();
}

}  // namespace berth::s3
