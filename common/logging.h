// Process-wide logging setup (spdlog). Libraries log through spdlog's default logger.
#pragma once

#include <string>

namespace berth {

// level: "debug" | "info" | "warn" | "error". Logs go to stderr with a timestamp and
// the component name.
void InitLogging(const std::string& component, const std::string& level = "info");

}  // namespace berth
