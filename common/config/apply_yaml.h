// Sets a CLI11 app's options from the keys of a YAML config file (option_keys.h). Runs
// after the command line was parsed, so that what was given there can win.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "common/yaml/problems.h"

namespace berth::config {

// True when the file's value for the option must not be used: the flag was given, or
// the environment sets it. The value is still checked for its form.
using YieldsFn = std::function<bool(const CLI::Option&)>;

// Parses `text` and sets every option its keys name (unless `yields`, which may be
// null, says otherwise), each as if its flag had been given with the value. Records
// every problem, at its line and column: YAML syntax, a document that is not a map,
// unknown and repeated keys, a value of the wrong form (a list or map for a single
// value, anything but true/false for a flag) and a value the option refuses (its type,
// its checks). A value of the wrong form is not used; after a refused one the option's
// variable is unspecified (callers stop on any problem). A key with no
// value (`key:`, `key: []`, `key: {}`) leaves the option as it was.
//
// Values: a scalar for a single value; for a repeatable flag (--tag) a scalar, a list of
// scalars, or a map of scalars, each entry becoming KEY=VALUE.
void ApplyYaml(CLI::App& app, const std::string& text, const YieldsFn& yields,
               yaml::Problems* problems);

}  // namespace berth::config
