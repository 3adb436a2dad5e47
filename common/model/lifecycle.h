// Lifecycle event names and the order an in-place deployment runs them in (APPSPEC.md).
#pragma once

#include <string>
#include <vector>

namespace berth::model {

inline constexpr char kApplicationStop[] = "ApplicationStop";
inline constexpr char kDownloadBundle[] = "DownloadBundle";
inline constexpr char kBeforeInstall[] = "BeforeInstall";
inline constexpr char kInstall[] = "Install";
inline constexpr char kAfterInstall[] = "AfterInstall";
inline constexpr char kApplicationStart[] = "ApplicationStart";
inline constexpr char kValidateService[] = "ValidateService";
inline constexpr char kBeforeBlockTraffic[] = "BeforeBlockTraffic";
inline constexpr char kAfterBlockTraffic[] = "AfterBlockTraffic";
inline constexpr char kBeforeAllowTraffic[] = "BeforeAllowTraffic";
inline constexpr char kAfterAllowTraffic[] = "AfterAllowTraffic";

// The events of an in-place deployment without traffic control, in order.
const std::vector<std::string>& InPlaceEvents();
// Every event name an appspec may list hooks for.
const std::vector<std::string>& HookEventNames();
bool IsHookEvent(const std::string& name);
// Events whose scripts come from the host's last successful revision.
bool RunsFromLastSuccessfulRevision(const std::string& name);

}  // namespace berth::model
