// An HttpProbe that gives scripted answers, in order (the last one again when they run
// out), and records the URLs asked.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "agent/health/http_probe.h"

namespace berth::agent {

class FakeHttpProbe : public HttpProbe {
 public:
  explicit FakeHttpProbe(std::vector<ProbeAnswer> answers) : answers_(std::move(answers)) {}

  ProbeAnswer Get(const std::string& url, int64_t timeout_ms) override {
    urls.push_back(url);
    timeouts_ms.push_back(timeout_ms);
    if (answers_.empty()) return {0, "no answer scripted"};
    size_t i = std::min(next_++, answers_.size() - 1);
    return answers_[i];
  }

  std::vector<std::string> urls;
  std::vector<int64_t> timeouts_ms;

 private:
  std::vector<ProbeAnswer> answers_;
  size_t next_ = 0;
};

}  // namespace berth::agent
