// --log-level and --log-format, the same for both daemons (docs/operations.md "Logs").
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "common/logging.h"

namespace berth::config {

struct LogFlags {
  std::string level = "info";   // debug, info, warn or error
  std::string format = "text";  // text or json
};

// Adds both flags, each checked when it (or its config key) is read.
void AddLogFlags(CLI::App& app, LogFlags* flags);

// What InitLogging takes, from flags that AddLogFlags checked.
LoggingOptions ToLoggingOptions(const LogFlags& flags, std::string component,
                                LogFields fields = {});

}  // namespace berth::config
