// The one HTTP call a trigger delivery makes, behind an interface so the deliverer's
// retry bookkeeping is tested with a fake (controller/triggers/deliverer_test.cc).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "common/status.h"
#include "controller/triggers/destination_policy.h"

namespace berth::triggers {

struct WebhookRequest {
  std::string url;
  std::string body;        // JSON, sent as is with Content-Type: application/json
  std::string message_id;  // sent as X-Berth-Message-Id
  int64_t timeout_ms = 10000;
  // When set and it becomes true, the call gives up early (controller shutdown).
  const std::atomic<bool>* cancelled = nullptr;
};

class WebhookSender {
 public:
  virtual ~WebhookSender() = default;
  // POSTs the body. OK on a 2xx answer; otherwise a status whose message says what went
  // wrong ("HTTP 503: <start of the answer>", "Couldn't connect to server", a timeout).
  // Thread-safe: the deliverer calls it for different URLs at once.
  virtual Status Post(const WebhookRequest& request) = 0;
};

// The real sender, on libcurl. Each POST checks its URL against `destinations` and
// connects to the address that check judged (CURLOPT_RESOLVE), so a DNS answer that
// changes between the check and the connect cannot reach an internal address; a refused
// URL fails with PERMISSION_DENIED naming the address. Redirects are not followed.
std::unique_ptr<WebhookSender> NewCurlWebhookSender(DestinationPolicy destinations);

}  // namespace berth::triggers
