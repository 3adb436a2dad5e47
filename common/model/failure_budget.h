// A rollout's failure budget (`--max-failed-hosts N|P%`): how many of a deployment's hosts
// may fail before it fails with MAX_FAILED_HOSTS, as a host count or a percentage of its
// hosts. 0 requires every host to succeed.
#pragma once

#include <string>

#include "common/status.h"

namespace berth::model {

struct FailureBudget {
  bool percent = false;  // value is a percentage of the deployment's hosts (0 to 100)
  int value = 0;

  bool operator==(const FailureBudget&) const = default;
};

// "3" -> 3 hosts, "10%" -> 10 percent. INVALID_ARGUMENT, naming the text, for anything
// else (empty, negative, trailing characters, more than 100%).
Result<FailureBudget> ParseFailureBudget(const std::string& text);
// "3" or "10%": what ParseFailureBudget reads back.
std::string FailureBudgetText(const FailureBudget& budget);
// INVALID_ARGUMENT unless value >= 0 (and <= 100 for a percentage).
Status ValidateFailureBudget(const FailureBudget& budget);

}  // namespace berth::model
