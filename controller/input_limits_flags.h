// The controller's flags for InputLimits, so main.cc stays a list of calls.
#pragma once

#include <CLI/CLI.hpp>

#include "controller/input_limits.h"

namespace berth {

void AddInputLimitFlags(CLI::App& app, InputLimits* limits);

}  // namespace berth
