#include "controller/metrics/labels.h"

#include <algorithm>

#include "common/model/lifecycle.h"

namespace berth::metrics {
namespace {

int IndexIn(const std::vector<std::string_view>& names, std::string_view value) {
  auto it = std::find(names.begin(), names.end() - 1, value);
  return static_cast<int>(it - names.begin());  // end() - 1 is "Other"
}

}  // namespace

const std::vector<std::string_view>& EventNames() {
  static const std::vector<std::string_view> kNames = {
      model::kApplicationStop,   model::kDownloadBundle,
      model::kBeforeInstall,     model::kInstall,
      model::kAfterInstall,      model::kApplicationStart,
      model::kValidateService,   model::kBeforeBlockTraffic,
      model::kAfterBlockTraffic, model::kBeforeAllowTraffic,
      model::kAfterAllowTraffic, "Other"};
  return kNames;
}

const std::vector<std::string_view>& ErrorCodes() {
  static const std::vector<std::string_view> kCodes = {
      "Success",      "ScriptMissing",   "ScriptNotExecutable", "ScriptTimedOut", "ScriptFailed",
      "UnknownError", "OutputsLeftOpen", "FailedAfterRestart",  "AGENT_ISSUE",    "Other"};
  return kCodes;
}

int EventNameIndex(std::string_view name) { return IndexIn(EventNames(), name); }
int ErrorCodeIndex(std::string_view code) { return IndexIn(ErrorCodes(), code); }

}  // namespace berth::metrics
