// One signed HTTP exchange with an S3 endpoint on libcurl (internal to common/s3).
#pragma once

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "common/s3/credentials.h"
#include "common/s3/s3_client.h"
#include "common/sigv4/canonical.h"

namespace berth::s3 {

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;                  // sent (and signed) for POST
  // PUT from a file: `length` bytes from `offset`; the payload is sent unsigned.
  std::string upload_path;
  int64_t upload_offset = 0;
  int64_t upload_length = 0;
  FILE* download = nullptr;  // 2xx bodies go here when set, else into HttpResponse::body
};

struct HttpResponse {
  long status = 0;
  std::map<std::string, std::string> headers;  // names lower-case
  std::string body;
  bool transport_error = false;  // no HTTP answer (connect failure, timeout, reset)
  bool timed_out = false;
  std::string error;  // libcurl's message when transport_error
};

// Performs one attempt; never throws.
HttpResponse Perform(const HttpRequest& request, const ClientOptions& options,
                     const Credentials& credentials);

// The SigV4 encoding (one implementation, shared with the controller's verifier).
using sigv4::UriEncode;

}  // namespace berth::s3
