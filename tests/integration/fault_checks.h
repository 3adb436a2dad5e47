// What every fault test asserts once its deployment has ended: the deployment
// ended as DESIGN.md 4.1 says, and on every host each hook ran exactly once, or the host
// failed with a clear code at the event the fault hit. Hook runs are read from the
// timeline a recording app writes (bundles.h WriteRecordingApp, $BERTH_IT_TIMELINE).
#pragma once

#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>

#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"

namespace berth::itest {

// How many times each (instance, event) hook started and ended.
struct HookRuns {
  std::map<std::pair<std::string, std::string>, int> starts;
  std::map<std::pair<std::string, std::string>, int> ends;
  int Starts(const std::string& instance, const std::string& event) const;
  int Ends(const std::string& instance, const std::string& event) const;
};
HookRuns ReadTimeline(const std::string& path);

// A generator seeded from $BERTH_FAULT_SEED, or at random; the seed is printed (and kept
// in the test's output) so a failing run can be repeated.
std::mt19937 SeededRandom(const std::string& test_name);

struct HostExpectation {
  // The host's first deployment of the group: ApplicationStop has nothing to run.
  bool first_deployment = true;
  // Error codes with which the host may fail instead (e.g. FailedAfterRestart); empty:
  // the host must succeed.
  std::set<std::string> allowed_failure_codes;
};

// Checks `instance`'s target among `targets` (deployment `d`'s, from Cluster::Targets)
// against `runs`: Succeeded with every hook
// event Succeeded and run exactly once (started and ended); or Failed at one event with an
// allowed code, the hooks before it run exactly once, that one at most once and none
// after it (Skipped); or Skipped with no hook run. Returns the target's status.
std::string CheckHost(const Json& d, const Json& targets, const HookRuns& runs, const std::string& instance,
                      const HostExpectation& expect = {});

// A fault test's fleet on a started controller: agents "<prefix>-1" .. "<prefix>-<hosts>"
// tagged env=it whose hooks append to c.Sub("timeline"); application <prefix> with group
// "prod" under `config`; and a recording app (`app`, its gate file c.Sub("gate") when
// app.gate_host is set) pushed. Returns the revision id.
std::string StartFaultFleet(Cluster& c, const std::string& prefix, int hosts,
                            const std::string& config, RecordingAppOptions app);

// CheckHost for every host of the fleet in deployment `d` (its targets fetched page by
// page), against c.Sub("timeline"), and the version each succeeded host installed;
// returns how many succeeded.
int CheckFleet(Cluster& c, const Json& d, const std::string& prefix, int hosts,
               const HostExpectation& expect = {});

// The status a deployment of `hosts` hosts under HalfAtATime must end with when
// `succeeded` of them succeeded (DESIGN.md 4.1: M = ceil(N/2)).
std::string HalfAtATimeVerdict(int hosts, int succeeded);

}  // namespace berth::itest
