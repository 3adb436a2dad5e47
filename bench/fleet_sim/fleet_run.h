// One fleet_sim run: a real controller, a virtual fleet, one deployment to all of it,
// measured and checked. fleet_sim_main.cc only parses flags into RunOptions.
#pragma once

#include <string>

#include "bench/fleet_sim/controller_process.h"
#include "bench/fleet_sim/virtual_fleet.h"

namespace berth::bench {

struct RunOptions {
  ControllerLaunch controller;
  FleetOptions fleet;
  std::string config = "CodeDeployDefault.AllAtOnce";
  int idle_seconds = 2;       // parked and idle before measuring idle RSS and threads
  int dispatch_probes = 0;    // one-host deployments to time command dispatch to parked agents
  bool verify = false;        // check the outcome against the planner's rules
  int timeout_seconds = 600;  // for the deployment to end
  // When set: once the deployment is created, this file gets {"url", "adminToken",
  // "caCert", "deploymentId"} (written whole, then renamed), so a browser can watch it
  // (bench/dashboard_load.py).
  std::string announce_file;
  int hold_seconds = 0;  // the controller and the fleet stay up this long after the report
};

// Prints the report to stdout; non-zero when the run failed or (with verify) the outcome
// broke a rule.
int Run(const RunOptions& options);

}  // namespace berth::bench
