// The `mode` of an appspec permissions entry (APPSPEC.md "permissions").
#pragma once

#include <string>

#include "common/status.h"

namespace berth::appspec {

// Parses 1 to 4 octal digits as CodeDeploy does: left-padded with zeros to 3 digits, so
// "12" means 012 and "4755" keeps its setuid bit. The text is taken literally: "0644"
// and "644" are the same mode (no YAML octal or decimal reinterpretation).
// INVALID_ARGUMENT names the problem (empty, too many digits, a non-octal character);
// the message does not name the key, the caller adds where it was.
Result<int> ParsePermissionMode(const std::string& text);

}  // namespace berth::appspec
