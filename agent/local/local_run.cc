#include "agent/local/local_run.h"

#include <unistd.h>

#include <algorithm>
#include <set>

#include "agent/lifecycle/event_executor.h"
#include "agent/local/local_fetcher.h"
#include "agent/state/deployment_root.h"
#include "common/fs.h"
#include "common/model/lifecycle.h"
#include "common/random.h"

namespace berth::agent {
namespace {

bool IsKnownEvent(const std::string& event) {
  return event == model::kDownloadBundle || event == model::kInstall || model::IsHookEvent(event);
}

std::string HostName() {
  char host[256] = {};
  ::gethostname(host, sizeof(host) - 1);
  return host;
}

}  // namespace

Result<std::vector<std::string>> LocalEventPlan(const std::vector<std::string>& requested) {
  if (requested.empty()) return model::InPlaceEvents();
  std::set<std::string> seen;
  for (const std::string& event : requested) {
    if (!IsKnownEvent(event)) {
      return InvalidArgument("unknown lifecycle event \"" + event +
                             "\"; use DownloadBundle, Install or a hook event name");
    }
    if (!seen.insert(event).second) {
      return InvalidArgument("lifecycle event \"" + event + "\" is listed twice");
    }
  }
  std::vector<std::string> plan = requested;
  if (!seen.count(model::kDownloadBundle)) {
    auto first_new = std::find_if(plan.begin(), plan.end(), [](const std::string& e) {
      return !model::RunsFromLastSuccessfulRevision(e);
    });
    plan.insert(first_new, model::kDownloadBundle);
  }
  return plan;
}

Result<LocalRunReport> RunLocal(const LocalRunOptions& options, ProcessRunner* runner,
                                const std::function<void(const std::string& event,
                                                         const EventResult& result)>& on_event) {
  ASSIGN_OR_RETURN(std::vector<std::string> plan, LocalEventPlan(options.events));
  ASSIGN_OR_RETURN(model::BundleType bundle_type, LocalFetcher::TypeOf(options.bundle));
  RETURN_IF_ERROR(DeploymentRoot::CheckId(options.group_name, "deployment group name"));
  RETURN_IF_ERROR(fs::MakeDirs(options.root));

  LocalFetcher fetcher(options.bundle);
  ExecutorOptions exec;
  exec.root = options.root;
  exec.install_root = options.install_root;
  exec.instance_name = options.instance_name.empty() ? HostName() : options.instance_name;
  exec.live_log = options.live_log;
  EventExecutor executor(exec, &fetcher, runner);

  LocalRunReport report;
  report.deployment_id = "d-" + RandomAlnumUpper(9);
  report.script_log =
      DeploymentRoot(options.root).ScriptLogPath(options.group_name, report.deployment_id);
  EventRequest request;
  request.deployment.deployment_id = report.deployment_id;
  request.deployment.application_name = options.application_name;
  request.deployment.group_name = options.group_name;
  request.deployment.group_id = options.group_name;
  request.deployment.revision.bundle_type = bundle_type;
  request.deployment.file_exists_behavior = options.file_exists_behavior;
  for (const std::string& event : plan) {
    request.event = event;
    request.command_id = report.deployment_id + "-" + event;
    EventResult result = executor.Run(request);
    report.events.emplace_back(event, result);
    if (on_event) on_event(event, result);
    if (!result.succeeded) {
      report.succeeded = false;
      break;
    }
  }
  return report;
}

}  // namespace berth::agent
