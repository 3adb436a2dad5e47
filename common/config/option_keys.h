// The keys of a config file for a CLI11 app: every long flag of the app is a key, its name
// with "_" for "-" (--install-root is install_root). Generic over the app's options, so a
// flag added later has its key at once.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace berth::config {

// The option the key `key` names: one of the app's own long flags (or an alias of one)
// spelled with "_". Null for an unknown key, for a key spelled with "-", and for the
// flags that are not settings (--help, --config).
CLI::Option* FindOption(CLI::App& app, const std::string& key);

// The key of `option`: its first long name with "_" for "-".
std::string KeyOf(const CLI::Option& option);

// Every key of the app, in the order its flags were added.
std::vector<std::string> Keys(CLI::App& app);

// The known key closest to an unknown `key` (at most two edits away), or "".
std::string ClosestKey(CLI::App& app, const std::string& key);

// True for a flag that takes no value (--insecure): its key takes true or false.
bool IsFlag(const CLI::Option& option);
// True for an option that can be given more than once (--tag): its key takes a list.
bool IsRepeatable(const CLI::Option& option);

}  // namespace berth::config
