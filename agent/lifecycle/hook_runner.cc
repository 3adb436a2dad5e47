#include "agent/lifecycle/hook_runner.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <utility>

#include "agent/lifecycle/event_result.h"
#include "agent/lifecycle/hook_env.h"
#include "agent/lifecycle/log_sanitizer.h"
#include "agent/lifecycle/script_log.h"
#include "agent/lifecycle/secret_masker.h"

namespace berth::agent {
namespace {

// "Script at specified location: <location>[ run as user U]".
std::string ScriptLabel(const appspec::HookScript& script) {
  std::string label = "Script at specified location: " + script.location;
  if (!script.runas.empty()) label += " run as user " + script.runas;
  return label;
}

// Resolves the script's path inside the archive; fails (ScriptMissing,
// ScriptNotExecutable) like the CodeDeploy agent, making the script executable first.
std::optional<EventResult> PrepareScript(const std::string& archive_dir,
                                         const appspec::HookScript& script, std::string* abs_path) {
  namespace stdfs = std::filesystem;
  std::error_code ec;
  stdfs::path archive = stdfs::absolute(archive_dir, ec).lexically_normal();
  stdfs::path relative = stdfs::path(script.location).relative_path();
  stdfs::path path = (archive / relative).lexically_normal();
  *abs_path = path.string();
  auto rel = path.lexically_relative(archive);
  if (rel.empty() || *rel.begin() == "..") {
    return Failed(kScriptMissing,
                  "Script location " + script.location + " is outside the deployment archive " +
                      archive.string(),
                  script.location);
  }
  struct stat st {};
  if (::stat(abs_path->c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return Failed(kScriptMissing, "Script does not exist at specified location: " + *abs_path,
                  script.location);
  }
  if ((st.st_mode & 0111) != 0111 && ::chmod(abs_path->c_str(), (st.st_mode | 0111) & 07777) != 0) {
    return Failed(
        kScriptNotExecutable,
        "Script at specified location: " + script.location +
            " is not executable and could not be made executable: " + std::strerror(errno),
        script.location);
  }
  return std::nullopt;
}

EventResult RunOutcomeToResult(const appspec::HookScript& script,
                               const Result<ProcessOutcome>& outcome) {
  if (!outcome.ok()) {
    const Status& s = outcome.status();
    std::string code = s.code() == Code::kPermissionDenied && script.runas.empty()
                           ? kScriptNotExecutable
                           : kUnknownError;
    return Failed(code, ScriptLabel(script) + " could not be started: " + s.message(),
                  script.location);
  }
  if (outcome->timed_out) {
    return Failed(kScriptTimedOut,
                  "Script at specified location: " + script.location + " failed to complete in " +
                      std::to_string(script.timeout_seconds) + " seconds",
                  script.location);
  }
  if (!outcome->exited) {
    return Failed(kScriptFailed,
                  ScriptLabel(script) + " was killed by signal " +
                      std::to_string(outcome->term_signal) + " (" +
                      strsignal(outcome->term_signal) + ")",
                  script.location);
  }
  if (outcome->exit_code != 0) {
    return Failed(
        kScriptFailed,
        ScriptLabel(script) + " failed with exit code " + std::to_string(outcome->exit_code),
        script.location);
  }
  EventResult ok = Succeeded();
  ok.diagnostics.script_name = script.location;
  if (outcome->outputs_left_open) {
    ok.diagnostics.message = ScriptLabel(script) +
                             " exited, but a process it started kept stdout/stderr open; "
                             "its later output was not collected";
  }
  return ok;
}

}  // namespace

HookRunner::HookRunner(HookRunnerOptions options, ProcessRunner* runner)
    : options_(std::move(options)), runner_(runner) {}

EventResult HookRunner::Run(const HookInvocation& invocation) {
  if (invocation.scripts.empty()) return Succeeded();
  const Clock* clock = options_.clock ? options_.clock : RealClock::Get();
  auto log = ScriptLog::Open(invocation.log_path, invocation.event, clock, options_.log_rotation);
  if (!log.ok()) return Failed(kUnknownError, log.status().message());
  ScriptLog& script_log = **log;

  HookEnvContext env_context{invocation.event, options_.instance_name, options_.install_root};
  std::vector<std::string> env =
      HookEnvironment(options_.base_env, env_context, invocation.deployment);
  const SecretMasker masker(invocation.deployment.variables);
  EventResult result = Succeeded();
  for (const appspec::HookScript& script : invocation.scripts) {
    std::string abs_path;
    if (auto failure = PrepareScript(invocation.archive_dir, script, &abs_path)) {
      result = std::move(*failure);
      break;
    }
    ProcessSpec spec;
    spec.argv = {abs_path};
    spec.env = env;
    spec.cwd = invocation.archive_dir;
    spec.runas = script.runas;
    spec.timeout = std::chrono::seconds(script.timeout_seconds);
    spec.kill_grace = options_.kill_grace;
    spec.output_grace = options_.output_grace;
    spec.on_output = [&script_log, &masker, clock, live = options_.live_log](
                         OutputStream stream, std::string_view line) {
      const std::string masked = masker.Mask(StripControlSequences(line));
      script_log.Write(stream, masked);
      if (live != nullptr) live->Line(stream, clock->NowMs(), masked);
    };
    result = RunOutcomeToResult(script, runner_->Run(spec));
    if (!result.succeeded) break;
  }
  result.diagnostics.log_tail = script_log.Tail();
  return result;
}

}  // namespace berth::agent
