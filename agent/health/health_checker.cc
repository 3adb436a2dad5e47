#include "agent/health/health_checker.h"

#include <algorithm>

#include "agent/lifecycle/event_result.h"
#include "common/text/url_redact.h"

namespace berth::agent {

EventResult RunHealthCheck(const model::HealthCheck& check, const HealthCheckerOptions& options) {
  const std::string url = text::RedactUserinfo(check.url);
  const int64_t deadline = options.clock->NowMs() + check.timeout_ms;
  ProbeAnswer last;
  int tries = 0;
  while (true) {
    const int64_t left = deadline - options.clock->NowMs();
    if (left <= 0) break;
    last = options.probe->Get(check.url, left);
    ++tries;
    if (last.status >= 200 && last.status < 300) {
      return Succeeded(url + " answered " + std::to_string(last.status) + " after " +
                       std::to_string(tries) + (tries == 1 ? " try" : " tries"));
    }
    const int64_t now = options.clock->NowMs();
    if (now >= deadline) break;
    options.sleep(std::min(check.interval_ms, deadline - now));
  }
  std::string answer = last.status != 0     ? "HTTP " + std::to_string(last.status)
                       : last.error.empty() ? "no try was made"
                                            : last.error;
  const std::string timeout = check.timeout_ms % 1000 == 0
                                  ? std::to_string(check.timeout_ms / 1000) + "s"
                                  : std::to_string(check.timeout_ms) + "ms";
  return Failed(kHealthCheckFailed, "health check " + url + " did not answer 2xx within " +
                                        timeout + " (" + std::to_string(tries) +
                                        (tries == 1 ? " try" : " tries") +
                                        "); last answer: " + answer);
}

}  // namespace berth::agent
