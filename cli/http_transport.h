// The HTTP seam under the API client: one request in, one response out.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/status.h"

namespace berth::cli {

struct HttpRequest {
  std::string method = "GET";  // "GET" | "POST" | ...
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // When set, the body is this file's bytes, streamed from disk (`body` is ignored).
  std::string body_file;
};

struct HttpResponse {
  int status = 0;
  std::string body;
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // Any HTTP status is a successful exchange; a non-OK Status means no answer came
  // (connection refused, timeout, DNS, a file that cannot be read).
  virtual Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

struct CurlTransportOptions {
  // CA certificates (PEM) to trust for https://; empty: the system's.
  std::string ca_file;
  long connect_timeout_ms = 10'000;
  // Whole-transfer limit for requests without a file body; 0 means none.
  long request_timeout_ms = 60'000;
};

// libcurl, one easy handle per request. Thread-compatible.
class CurlTransport : public HttpTransport {
 public:
  explicit CurlTransport(CurlTransportOptions options = {});
  Result<HttpResponse> Send(const HttpRequest& request) override;

 private:
  CurlTransportOptions options_;
};

}  // namespace berth::cli
