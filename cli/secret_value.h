// Where `berth secret set` reads a secret's value: never from its arguments (a process
// listing would show it).
#pragma once

#include <istream>
#include <ostream>
#include <string>

#include "common/status.h"

namespace berth::cli {

// From a terminal on stdin: prompts on `prompt_out` and reads one line without echo.
// Otherwise: all of `in`, one trailing newline removed. INVALID_ARGUMENT when empty.
Result<std::string> ReadSecretValue(std::istream& in, std::ostream& prompt_out,
                                    const std::string& name);

}  // namespace berth::cli
