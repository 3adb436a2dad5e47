// A HostCommand from the controller as the agent's model: the one place the agent reads
// that message, so every field is taken (and fuzzed, tests/fuzz) the same way.
#pragma once

#include "agent/lifecycle/event.h"
#include "berth/v1/agent.pb.h"

namespace berth::agent {

// Copies every field; unknown revision and bundle types stay at their defaults, and the
// executor refuses ids that are not usable as directory names.
EventRequest EventRequestFromProto(const v1::HostCommand& command);

}  // namespace berth::agent
