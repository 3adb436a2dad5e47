// EventExecutor's host-side events (model/deployment_hooks.h): the HealthCheck event, and
// where a RESTART deployment's hooks come from.
#include <chrono>
#include <thread>

#include "agent/health/health_checker.h"
#include "agent/lifecycle/event_executor.h"
#include "agent/lifecycle/event_result.h"
#include "common/fs.h"
#include "common/model/lifecycle.h"

namespace berth::agent {

EventResult EventExecutor::HealthCheck(const DeploymentSpec& d) {
  if (!d.health_check.enabled()) return Succeeded("no health check is configured");
  HttpProbe* probe = options_.health_probe;
  if (probe == nullptr) {
    if (!own_probe_) own_probe_ = std::make_unique<CurlHttpProbe>();
    probe = own_probe_.get();
  }
  HealthCheckerOptions checker{probe, clock_, options_.health_sleep};
  if (!checker.sleep) {
    checker.sleep = [](int64_t ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); };
  }
  return RunHealthCheck(d.health_check, checker);
}

std::variant<std::string, EventResult> EventExecutor::RestartSource(const std::string& event,
                                                                    const DeploymentSpec& d) {
  // Downloaded by an earlier event of this restart: the host had lost its archive.
  if (fs::Exists(root_.ArchiveDir(d.group_id, d.deployment_id))) return d.deployment_id;
  auto last = root_.LastSuccessful(d.group_id);
  if (!last.ok()) return Failed(kUnknownError, event + " failed: " + last.status().message());
  if (!last->has_value()) {
    return Failed(kUnknownError,
                  "nothing to restart: no revision of deployment group \"" + d.group_name +
                      "\" was ever installed successfully on this host; deploy one first");
  }
  if (fs::Exists(root_.ArchiveDir(d.group_id, **last))) return **last;
  // The host no longer has that revision's archive: fetch the deployment's revision (the
  // group's last successful one) into this deployment's directory and run from it.
  EventResult downloaded = DownloadBundle(d);
  if (!downloaded.succeeded) return downloaded;
  return d.deployment_id;
}

}  // namespace berth::agent
