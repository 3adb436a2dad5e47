#include "common/model/failure_budget.h"

#include <algorithm>
#include <cctype>

namespace berth::model {

Result<FailureBudget> ParseFailureBudget(const std::string& text) {
  FailureBudget budget;
  std::string digits = text;
  if (!digits.empty() && digits.back() == '%') {
    budget.percent = true;
    digits.pop_back();
  }
  const bool all_digits = !digits.empty() && digits.size() <= 6 &&
                          std::all_of(digits.begin(), digits.end(),
                                      [](unsigned char c) { return std::isdigit(c) != 0; });
  if (!all_digits) {
    return InvalidArgument("max failed hosts \"" + text +
                           "\" is not a host count (3) or a percentage of the hosts (10%)");
  }
  budget.value = std::stoi(digits);
  RETURN_IF_ERROR(ValidateFailureBudget(budget));
  return budget;
}

std::string FailureBudgetText(const FailureBudget& budget) {
  return std::to_string(budget.value) + (budget.percent ? "%" : "");
}

Status ValidateFailureBudget(const FailureBudget& budget) {
  if (budget.value < 0) {
    return InvalidArgument("max failed hosts " + FailureBudgetText(budget) +
                           " is negative; 0 requires every host to succeed");
  }
  if (budget.percent && budget.value > 100) {
    return InvalidArgument("max failed hosts " + FailureBudgetText(budget) +
                           " is more than 100% of the hosts");
  }
  return Status::Ok();
}

}  // namespace berth::model
