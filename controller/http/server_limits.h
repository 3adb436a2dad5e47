// Limits on what the API listener accepts from a client, applied to the httplib::Server
// before routes run (docs/security.md "Limits"). Every refusal is a JSON error
// {"code","message"} naming the limit, sent before any byte of the body is read.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

namespace httplib {
class Server;
struct Request;
}  // namespace httplib

namespace berth::http {

struct ServerLimits {
  int64_t max_json_body_bytes = 1 << 20;                // --max-json-body-bytes
  int64_t max_upload_bytes = int64_t{8} << 30;          // --max-upload-bytes (blob uploads)
  // Routes whose body is streamed (uploads), besides the S3 face's; every other body is
  // JSON.
  std::vector<std::string> upload_paths = {"/api/v1/blobs"};
  std::chrono::seconds read_timeout{5};                 // --http-read-timeout: per read
  std::chrono::seconds keep_alive_timeout{5};
  int max_threads = 256;  // --http-max-connections: connections served at once
};

// A refusal decided from the request line and headers alone.
struct EarlyRefusal {
  int http_status = 0;
  Status status;
};

// The refusal for `request` before its body is read, or nullopt to go on: a
// Content-Encoding (413 would be a lie for a compressed body, so 415; the S3 face takes
// aws-chunked), a Content-Length
// past the route's limit (413), a chunked JSON body (411: it must carry its length).
std::optional<EarlyRefusal> CheckBeforeBody(const httplib::Request& request,
                                            const ServerLimits& limits);

// Sets timeouts, the payload maximum and a connection-per-thread task queue that grows to
// max_threads (so slow clients cannot take every thread of a small fixed pool). The
// Router applies CheckBeforeBody in its pre-routing check, after authentication.
void ApplyServerLimits(httplib::Server* server, const ServerLimits& limits);

}  // namespace berth::http
