// Builders for EventResult, so every path reports diagnostics the same way.
#pragma once

#include <string>

#include "agent/lifecycle/event.h"

namespace berth::agent {

inline constexpr char kSuccess[] = "Success";
inline constexpr char kScriptMissing[] = "ScriptMissing";
inline constexpr char kScriptNotExecutable[] = "ScriptNotExecutable";
inline constexpr char kScriptTimedOut[] = "ScriptTimedOut";
inline constexpr char kScriptFailed[] = "ScriptFailed";
inline constexpr char kUnknownError[] = "UnknownError";
inline constexpr char kOutputsLeftOpen[] = "OutputsLeftOpen";
inline constexpr char kFailedAfterRestart[] = "FailedAfterRestart";

inline EventResult Succeeded(std::string message = "") {
  EventResult r;
  r.succeeded = true;
  r.diagnostics.error_code = kSuccess;
  r.diagnostics.message = std::move(message);
  return r;
}

inline EventResult Failed(std::string error_code, std::string message,
                          std::string script_name = "") {
  EventResult r;
  r.succeeded = false;
  r.diagnostics.error_code = std::move(error_code);
  r.diagnostics.message = std::move(message);
  r.diagnostics.script_name = std::move(script_name);
  return r;
}

}  // namespace berth::agent
