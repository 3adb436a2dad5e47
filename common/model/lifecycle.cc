#include "common/model/lifecycle.h"

#include <algorithm>

namespace berth::model {

const std::vector<std::string>& InPlaceEvents() {
  static const std::vector<std::string> events = {
      kApplicationStop, kDownloadBundle,    kBeforeInstall,  kInstall,
      kAfterInstall,    kApplicationStart, kValidateService,
  };
  return events;
}

const std::vector<std::string>& HookEventNames() {
  static const std::vector<std::string> names = {
      kBeforeBlockTraffic, kAfterBlockTraffic, kApplicationStop,   kBeforeInstall,
      kAfterInstall,       kApplicationStart,  kValidateService,   kBeforeAllowTraffic,
      kAfterAllowTraffic,
  };
  return names;
}

bool IsHookEvent(const std::string& name) {
  const auto& names = HookEventNames();
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool RunsFromLastSuccessfulRevision(const std::string& name) {
  return name == kApplicationStop || name == kBeforeBlockTraffic || name == kAfterBlockTraffic;
}

}  // namespace berth::model
