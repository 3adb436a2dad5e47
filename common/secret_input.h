// Where daemons and the CLI take secrets from, so that none shows in a process listing
// or reaches a child process (docs/security.md "Secrets").
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/status.h"

namespace berth {

// The first line of `path` (a token file), trailing newline and spaces removed.
// INVALID_ARGUMENT when it is empty; NOT_FOUND naming the file when it cannot be read.
Result<std::string> ReadSecretFile(const std::string& path);

// Fills `*value` when it is empty: from `file` (when given), else from the environment
// variable `env_name`. The variable is removed from this process's environment either
// way, so children never inherit it.
Status ResolveSecret(std::string* value, const std::string& file, const char* env_name);

// Takes the variables `names` out of this process's environment and returns the ones
// that were set (for code that needs them later, like the S3 credentials).
std::map<std::string, std::string> TakeFromEnvironment(const std::vector<std::string>& names);

// Overwrites the value of each `--flag VALUE` / `--flag=VALUE` in argv whose flag is in
// `flags` with 'x's, so that `ps` does not show it. Call after the flags were parsed.
void HideSecretArguments(int argc, char** argv, const std::vector<std::string>& flags);

}  // namespace berth
