#include "controller/s3/face.h"

#include <spdlog/spdlog.h>

#include <memory>

#include "common/random.h"
#include "common/text/log_quote.h"
#include "controller/s3/errors.h"
#include "controller/s3/handlers.h"
#include "controller/sigv4/http_request.h"

namespace berth::s3 {
namespace {

using Op = Status (*)(Call&);

Status NotSupported(const std::string& what) {
  return Status(Code::kUnimplemented, what + " is not supported by Berth's S3 face");
}

// The subresources (query parameters naming an operation) Berth does not serve.
constexpr const char* kUnsupported[] = {"acl",
                                        "tagging",
                                        "policy",
                                        "cors",
                                        "lifecycle",
                                        "website",
                                        "replication",
                                        "encryption",
                                        "versions",
                                        "delete",
                                        "uploads",
                                        "object-lock",
                                        "retention",
                                        "legal-hold",
                                        "torrent",
                                        "notification",
                                        "logging",
                                        "requestPayment",
                                        "accelerate",
                                        "analytics",
                                        "inventory",
                                        "metrics",
                                        "ownershipControls",
                                        "publicAccessBlock",
                                        "intelligent-tiering",
                                        "attributes",
                                        "restore",
                                        "select"};

// The operation for this request; nullptr with *refusal set when there is none.
Op Choose(const httplib::Request& req, const S3Path& path, Status* refusal) {
  const std::string& m = req.method;
  if (path.bucket.empty()) {
    if (m == "GET" || m == "HEAD") return ListBuckets;
    *refusal = NotSupported(m + " /");
    return nullptr;
  }
  if (path.key.empty()) {
    if (req.has_param("versioning")) {
      if (m == "GET") return GetBucketVersioning;
      if (m == "PUT") return PutBucketVersioning;
    } else if (req.has_param("location")) {
      if (m == "GET") return GetBucketLocation;
    } else {
      bool other = false;
      for (const char* sub : kUnsupported) other = other || req.has_param(sub);
      if (!other) {
        if (m == "PUT") return CreateBucket;
        if (m == "HEAD") return HeadBucket;
        if (m == "GET") return ListObjects;
        if (m == "DELETE") return DeleteBucket;
      }
    }
  } else {
    if (m == "POST" && req.has_param("uploads")) return CreateMultipartUpload;
    if (req.has_param("uploadId")) {
      if (m == "PUT" && req.has_param("partNumber")) {
        if (req.has_header("x-amz-copy-source")) {
          *refusal = NotSupported("UploadPartCopy");
          return nullptr;
        }
        return UploadPart;
      }
      if (m == "POST") return CompleteMultipartUpload;
      if (m == "DELETE") return AbortMultipartUpload;
    } else {
      bool other = false;
      for (const char* sub : kUnsupported) other = other || req.has_param(sub);
      if (!other) {
        if (m == "PUT" && req.has_header("x-amz-copy-source")) {
          *refusal = NotSupported("CopyObject");
          return nullptr;
        }
        if (m == "PUT") return PutObject;
        if (m == "GET" || m == "HEAD") return GetObject;
        if (m == "DELETE") return DeleteObject;
      }
    }
  }
  std::string query;
  for (const auto& [k, v] : req.params) query += (query.empty() ? "?" : "&") + k;
  *refusal = NotSupported(m + " " + (path.key.empty() ? "bucket" : "object") +
                          (query.empty() ? "" : " " + query));
  return nullptr;
}

void WriteError(const httplib::Request& req, httplib::Response& res, const Status& status,
                const std::string& request_id, bool body_read) {
  const S3Error error = ErrorFor(status);
  if (error.http_status >= 500 || status.code() == Code::kUnauthenticated ||
      status.code() == Code::kPermissionDenied) {
    spdlog::warn("S3 {} {} from {}: {} {}", text::QuoteForLog(req.method),
                 text::QuoteForLog(req.path), req.remote_addr, error.code, error.message);
  }
  res.status = error.http_status;
  res.headers.erase("ETag");
  res.headers.erase("x-amz-version-id");
  res.set_header("x-amz-request-id", request_id);
  res.set_content(ErrorBody(error, req.path, request_id), kContentType);
  // The rest of an unread body would be taken for the next request.
  if (!body_read) res.set_header("Connection", "close");
}

}  // namespace

void RegisterS3Face(http::Router& router, api::Service* service, Clock* clock) {
  auto verifier = std::make_shared<sigv4::Verifier>(
      [service](const std::string& id) { return service->LookupAccessKey(id); }, clock,
      sigv4::VerifierOptions{.services = {"s3"}});
  auto serve = [verifier, service](const httplib::Request& req, httplib::Response& res,
                                   const httplib::ContentReader* reader, bool reserved) {
    const bool sigv4 = IsSigV4(req.get_header_value("Authorization"));
    std::optional<S3Path> path = ParseS3Path(req.path, sigv4, reserved);
    if (!path || (reserved && !sigv4)) {
      res.status = 404;  // the router's error handler names the missing endpoint
      return;
    }
    const std::string request_id = RandomHex(8);
    Status refusal;
    const Op op = Choose(req, *path, &refusal);
    Result<sigv4::PendingRequest> pending = verifier->Begin(sigv4::SignedRequestOf(req));
    if (!pending.ok()) {
      WriteError(req, res, pending.status(), request_id, reader == nullptr);
      return;
    }
    if (op == nullptr) {
      WriteError(req, res, refusal, request_id, reader == nullptr);
      return;
    }
    Call call{req, res, reader, service, *path, std::move(*pending), request_id};
    call.body_read = reader == nullptr;
    res.set_header("x-amz-request-id", request_id);
    Status s = op(call);
    if (!s.ok()) WriteError(req, res, s, request_id, call.body_read);
  };
  router.Fallback(S3PathPattern(), [serve](const httplib::Request& req, httplib::Response& res,
                                           const httplib::ContentReader* reader) {
    serve(req, res, reader, false);
  });
  // "/api" and the like alone, signed: a CreateBucket of a reserved name, refused as S3
  // refuses it (no route of the listener's own is a bare reserved segment).
  router.Fallback(ReservedBucketPattern(),
                  [serve](const httplib::Request& req, httplib::Response& res,
                          const httplib::ContentReader* reader) { serve(req, res, reader, true); });
}

}  // namespace berth::s3
