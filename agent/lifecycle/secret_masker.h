// Replaces the values of an event's secret variables with "***" in text the agent
// writes (scripts.log) or sends (log lines, log tails), docs/security.md "Secrets".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/model/deployment_hooks.h"

namespace berth::agent {

class SecretMasker {
 public:
  // The values of the secret variables among `variables`; each line of a multi-line
  // value is masked on its own (output is masked a line at a time).
  explicit SecretMasker(const std::vector<model::Variable>& variables);

  // `text` with every occurrence of a secret value replaced, longest values first.
  std::string Mask(std::string_view text) const;

 private:
  std::vector<std::string> values_;
};

}  // namespace berth::agent
