// One GET of a health check URL (the HealthCheck event): the seam between the health
// checker and the network, so tests fake the answers.
#pragma once

#include <cstdint>
#include <string>

namespace berth::agent {

struct ProbeAnswer {
  long status = 0;    // the HTTP status; 0 when there was no answer
  std::string error;  // why there was no answer (connection refused, timeout, ...)
};

class HttpProbe {
 public:
  virtual ~HttpProbe() = default;
  // GETs `url`, giving up after `timeout_ms`; never throws. Thread-compatible.
  virtual ProbeAnswer Get(const std::string& url, int64_t timeout_ms) = 0;
};

// libcurl: http and https, no redirects followed (a 3xx is an answer that is not 2xx),
// the system's CAs, no proxy (the URL is on this host or next to it).
class CurlHttpProbe : public HttpProbe {
 public:
  ProbeAnswer Get(const std::string& url, int64_t timeout_ms) override;
};

}  // namespace berth::agent
