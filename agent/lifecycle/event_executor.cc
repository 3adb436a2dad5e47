#include "agent/lifecycle/event_executor.h"

#include <spdlog/spdlog.h>

#include <utility>

#include "agent/install/installer.h"
#include "agent/lifecycle/event_result.h"
#include "agent/lifecycle/hook_env.h"
#include "common/appspec/parser.h"
#include "common/archive/archive.h"
#include "common/fs.h"
#include "common/logging.h"
#include "common/model/lifecycle.h"

namespace berth::agent {
namespace {

HookRunnerOptions MakeHookOptions(const ExecutorOptions& options) {
  HookRunnerOptions hook;
  hook.base_env = options.base_env ? *options.base_env : CurrentEnvironment();
  hook.instance_name = options.instance_name;
  hook.install_root = options.install_root;
  hook.kill_grace = options.kill_grace;
  hook.output_grace = options.output_grace;
  hook.clock = options.clock;
  hook.live_log = options.live_log;
  hook.log_rotation = options.script_log_rotation;
  return hook;
}

EventResult FromStatus(const std::string& event, const Status& status) {
  return Failed(kUnknownError, event + " failed: " + status.message());
}

}  // namespace

EventExecutor::EventExecutor(ExecutorOptions options, BundleFetcher* fetcher, ProcessRunner* runner)
    : options_(std::move(options)),
      fetcher_(fetcher),
      runner_(runner),
      clock_(options_.clock ? options_.clock : RealClock::Get()),
      root_(options_.root),
      hooks_(MakeHookOptions(options_), runner) {}

std::optional<OngoingEvent> EventExecutor::InterruptedEvent() {
  auto marker = root_.ReadOngoing();
  if (marker.ok()) return *marker;
  spdlog::warn("ignoring an unreadable ongoing-event marker: {}", marker.status().message());
  EventReported();
  return std::nullopt;
}

void EventExecutor::EventReported() {
  Status cleared = root_.ClearOngoing();
  if (!cleared.ok()) spdlog::warn("{}", cleared.message());
}

EventResult EventExecutor::Run(const EventRequest& request) {
  const DeploymentSpec& d = request.deployment;
  Status ids = DeploymentRoot::CheckId(d.group_id, "deployment group id");
  if (ids.ok()) ids = DeploymentRoot::CheckId(d.deployment_id, "deployment id");
  if (!ids.ok()) return FromStatus(request.event, ids);

  OngoingEvent marker{request.command_id, d.deployment_id, d.group_id, request.event,
                      clock_->NowMs()};
  Status written = root_.WriteOngoing(marker);
  if (!written.ok()) return FromStatus(request.event, written);
  if (options_.live_log != nullptr) options_.live_log->Begin(request.command_id);
  EventResult result = RunEvent(request);
  if (options_.live_log != nullptr) options_.live_log->End();
  marker.ended = true;
  marker.succeeded = result.succeeded;
  marker.diagnostics = result.diagnostics;
  Status recorded = root_.WriteOngoing(marker);
  // The running marker stays: after a crash the event is reported FailedAfterRestart,
  // which is wrong about the outcome but never runs it twice.
  if (!recorded.ok()) {
    LogWarn({.deployment_id = d.deployment_id,
             .lifecycle_event = request.event,
             .command_id = request.command_id},
            "cannot record the outcome of {}: {}", request.event, recorded.message());
  }
  return result;
}

EventResult EventExecutor::RunEvent(const EventRequest& request) {
  if (request.event == model::kDownloadBundle) return DownloadBundle(request.deployment);
  if (request.event == model::kInstall) return Install(request.deployment);
  if (model::IsHookEvent(request.event)) return RunHooks(request.event, request.deployment);
  if (request.event == model::kHealthCheck) return HealthCheck(request.deployment);
  return Failed(kUnknownError, "unknown lifecycle event \"" + request.event + "\"");
}

EventResult EventExecutor::DownloadBundle(const DeploymentSpec& d) {
  std::string bundle = root_.BundlePath(d.group_id, d.deployment_id);
  std::string archive_dir = root_.ArchiveDir(d.group_id, d.deployment_id);
  // A retried command starts from scratch.
  Status s = fs::RemoveAll(bundle);
  if (s.ok()) s = fs::RemoveAll(archive_dir);
  if (s.ok()) s = fs::MakeDirs(root_.DeploymentDir(d.group_id, d.deployment_id));
  if (s.ok()) s = fetcher_->Fetch(d.revision, bundle).WithContext("fetching the revision");
  if (s.ok()) {
    s = archive::Unpack(bundle, d.revision.bundle_type, archive_dir, options_.unpack_limits)
            .WithContext("unpacking " + bundle);
  }
  if (s.ok()) s = root_.SetMostRecent(d.group_id, d.deployment_id);
  if (!s.ok()) return FromStatus(model::kDownloadBundle, s);
  return Succeeded();
}

EventResult EventExecutor::Install(const DeploymentSpec& d) {
  std::string archive_dir = root_.ArchiveDir(d.group_id, d.deployment_id);
  auto spec = appspec::LoadFromBundle(archive_dir);
  if (!spec.ok()) return FromStatus(model::kInstall, spec.status());
  InstallOptions install;
  install.archive_dir = archive_dir;
  install.install_root = options_.install_root;
  install.cleanup_list_path = root_.CleanupListPath(d.group_id);
  install.deployment_file_exists_behavior = d.file_exists_behavior;
  install.runner = runner_;
  auto installed = InstallFiles(*spec, install);
  if (!installed.ok()) return FromStatus(model::kInstall, installed.status());
  Status s = root_.SetLastSuccessful(d.group_id, d.deployment_id);
  if (!s.ok()) return FromStatus(model::kInstall, s);
  Status pruned = root_.Prune(d.group_id, options_.max_revisions);
  if (!pruned.ok()) {
    LogWarn({.deployment_id = d.deployment_id}, "pruning old deployments: {}", pruned.message());
  }
  return Succeeded();
}

EventResult EventExecutor::RunHooks(const std::string& event, const DeploymentSpec& d) {
  bool from_last_successful = model::RunsFromLastSuccessfulRevision(event);
  std::string source_deployment = d.deployment_id;
  if (d.restart) {
    auto source = RestartSource(event, d);
    if (auto* failure = std::get_if<EventResult>(&source)) return *failure;
    source_deployment = std::get<std::string>(source);
  } else if (from_last_successful) {
    auto last = root_.LastSuccessful(d.group_id);
    if (!last.ok()) return FromStatus(event, last.status());
    if (!last->has_value()) {
      return Succeeded(
          "no revision has been installed on this host for this deployment group; "
          "nothing to run");
    }
    source_deployment = **last;
  }
  std::string archive_dir = root_.ArchiveDir(d.group_id, source_deployment);
  if (from_last_successful && !fs::Exists(archive_dir)) {
    return Succeeded("the last successful revision's archive " + archive_dir +
                     " is gone; nothing to run");
  }
  EventResult result;
  auto spec = appspec::LoadFromBundle(archive_dir);
  if (!spec.ok()) {
    result = FromStatus(event, spec.status());
  } else {
    auto scripts = spec->hooks.find(event);
    if (scripts == spec->hooks.end() || scripts->second.empty()) return Succeeded();
    for (const model::Variable& v : d.variables) {
      if (!v.missing) continue;
      return Failed(kUnknownError,
                    "secret \"" + v.name +
                        "\" is no longer in the controller's store of secrets "
                        "(deleted after this deployment was made); set it again with: berth secret "
                        "set " +
                        v.name);
    }
    HookInvocation invocation{event, d, archive_dir,
                              root_.ScriptLogPath(d.group_id, d.deployment_id), scripts->second};
    result = hooks_.Run(invocation);
  }
  if (!result.succeeded && from_last_successful && d.ignore_application_stop_failures) {
    result.succeeded = true;
    result.diagnostics.message =
        "failure ignored (ignoreApplicationStopFailures): " + result.diagnostics.error_code + ": " +
        result.diagnostics.message;
    result.diagnostics.error_code = kSuccess;
  }
  return result;
}

}  // namespace berth::agent
