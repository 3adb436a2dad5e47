// How `berth deployment get` shows a deployment's waves (the API's "waves" field).
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/table.h"

namespace berth::cli {

// "Waves" (current of count, its label) and "Waiting" (for what, until when) when the
// deployment has waves.
void AddWaveFields(const nlohmann::json& deployment, KeyValueList& fields);
// The wave history, one line per recorded step; nothing without waves.
void PrintWaveHistory(const nlohmann::json& deployment, std::ostream& out);

}  // namespace berth::cli
