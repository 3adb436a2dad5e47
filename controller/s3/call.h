// One S3 request as the face's handlers see it (controller/s3/face.h): the HTTP exchange,
// the bucket and key, and the SigV4 check begun on its headers. A handler returns a Status;
// the face writes a refusal as S3's XML error.
#pragma once

#include <httplib.h>

#include <string>

#include "common/model/access.h"
#include "controller/api/service.h"
#include "controller/s3/path.h"
#include "controller/s3/xml.h"
#include "controller/sigv4/verifier.h"

namespace berth::s3 {

struct Call {
  const httplib::Request& req;
  httplib::Response& res;
  const httplib::ContentReader* reader;  // null: the request has no body (GET, HEAD)
  api::Service* service;
  S3Path path;
  sigv4::PendingRequest pending;
  std::string request_id;
  bool body_read = false;  // once false after a refusal, the connection is closed
};

// PERMISSION_DENIED (AccessDenied) unless the signing token's role allows `needed`.
Status RequireRole(const Call& call, model::Role needed);
// Reads the whole body (at most `max_bytes`) and verifies the signature over it.
Result<std::string> ReadSmallBody(Call& call, size_t max_bytes = 1 << 20);
// Checks the signature of a request without a body.
Status VerifyNoBody(Call& call);
void WriteXml(Call& call, XmlDocument& doc, int status = 200);
// The object's S3 ETag header value: the ETag in quotes.
std::string QuotedEtag(const std::string& etag);

}  // namespace berth::s3
