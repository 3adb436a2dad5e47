// fleet_sim: N virtual agents against a real berth-controller (docs/benchmarks.md).
#include <CLI/CLI.hpp>
#include <filesystem>

#include "bench/fleet_sim/fleet_run.h"

int main(int argc, char** argv) {
  berth::bench::RunOptions o;
  const std::string here = std::filesystem::canonical("/proc/self/exe").parent_path();
  o.controller.binary = here + "/../controller/berth-controller";
  o.controller.fsync_counter_lib = here + "/libfsync_counter.so";
  o.controller.data_dir = "/tmp/fleet_sim." + std::to_string(getpid());
  std::vector<std::string> extra_flags;
  CLI::App app{"fleet_sim: a simulated fleet against a real controller"};
  app.add_option("--hosts", o.fleet.agents, "Virtual agents")->capture_default_str();
  app.add_option("--channels", o.fleet.channels, "gRPC channels they share")
      ->capture_default_str();
  app.add_option("--config", o.config, "Deployment config")->capture_default_str();
  app.add_option("--event-delay-ms", o.fleet.event_delay_ms, "Time each event takes")
      ->capture_default_str();
  app.add_option("--failure-rate", o.fleet.failure_rate,
                 "Share of hosts that fail one random event")
      ->capture_default_str();
  app.add_option("--seed", o.fleet.seed, "Which hosts fail")->capture_default_str();
  app.add_option("--idle-seconds", o.idle_seconds, "Idle time before sampling idle RSS")
      ->capture_default_str();
  app.add_option("--dispatch-probes", o.dispatch_probes,
                 "One-host deployments timed to a parked agent")
      ->capture_default_str();
  app.add_flag("--verify", o.verify, "Check the outcome against the planner's rules");
  app.add_flag("--tls", o.controller.tls,
               "The controller's defaults (TLS, client certificates): each agent enrolls with "
               "its own key and CSR and talks over its own TLS connection (--channels is "
               "then only for enrollment)");
  app.add_option("--timeout", o.timeout_seconds, "Seconds for the deployment to end")
      ->capture_default_str();
  app.add_option("--controller", o.controller.binary, "berth-controller binary")
      ->capture_default_str();
  app.add_option("--data-dir", o.controller.data_dir, "Controller data dir (made afresh)")
      ->capture_default_str();
  app.add_option("--controller-flag", extra_flags,
                 "Extra flag for the controller (repeat), after the defaults");
  app.add_option("--fsync-counter", o.controller.fsync_counter_lib,
                 "LD_PRELOAD library counting fsyncs; empty: none")
      ->capture_default_str();
  app.add_option("--announce", o.announce_file,
                 "Once the deployment is created, write its controller URL, admin token, CA "
                 "and id to this JSON file (bench/dashboard_load.py reads it)");
  app.add_option("--hold-seconds", o.hold_seconds,
                 "Keep the controller and the fleet up this long after the report")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  o.controller.extra_flags = extra_flags;
  o.fleet.tls = o.controller.tls;
  return berth::bench::Run(o);
}
