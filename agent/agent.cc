#include "agent/agent.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "agent/credential_file.h"
#include "agent/lifecycle/event_result.h"
#include "common/logging.h"

namespace berth::agent {
namespace {

// Codes with which the controller refuses a report's content rather than the moment:
// a retry of the same report cannot succeed.
bool IsRefusedAsMalformed(Code code) {
  return code == Code::kInvalidArgument || code == Code::kInternal ||
         code == Code::kResourceExhausted || code == Code::kOutOfRange;
}

// The outcome and the refusal, without the hook's output (what made it malformed).
EventResult MinimalReport(const EventResult& result, const Status& refusal) {
  EventResult minimal;
  minimal.succeeded = result.succeeded;
  minimal.diagnostics.error_code = result.succeeded ? kSuccess : kUnknownError;
  minimal.diagnostics.message = "the controller refused the full report (" +
                                std::string(CodeName(refusal.code())) +
                                "); its diagnostics were dropped";
  return minimal;
}

PollState InitialPollState(const AgentOptions& options) {
  const Clock* clock = options.clock != nullptr ? options.clock : RealClock::Get();
  return {.name = options.name,
          .controller = options.controller,
          .pid = static_cast<int64_t>(::getpid()),
          .started_ms = clock->NowMs()};
}

// The fields of a line about a command's event (the agent's own instance is on every line).
LogFields EventFields(const std::string& deployment_id, const std::string& event,
                      const std::string& command_id) {
  return {.deployment_id = deployment_id, .lifecycle_event = event, .command_id = command_id};
}

}  // namespace

Agent::Agent(AgentOptions options, ControllerClient* client, EventExecutor* executor,
             Identity* identity)
    : options_(std::move(options)),
      client_(client),
      executor_(executor),
      identity_(identity),
      heartbeat_(client, options_.heartbeat_interval),
      poll_recorder_(options_.root, InitialPollState(options_),
                     options_.clock != nullptr ? options_.clock : RealClock::Get()) {}

void Agent::Backoff(int* delay_ms) {
  for (int waited = 0; waited < *delay_ms && !stop_->load(); waited += 50) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  *delay_ms = std::min(*delay_ms * 2, options_.max_backoff_ms);
}

Status Agent::EnsureEnrolled(bool force) {
  if (auto note = DeregisteredNote(options_.root)) return PermissionDenied(*note);
  if (!force) {
    auto stored = LoadCredential(options_.root);
    if (stored && stored->name == options_.name) {
      // Presented on the enrollment below too, as proof, when no certificate is stored.
      client_->SetCredential(stored->credential.secret);
      if (identity_ == nullptr || identity_->Resume()) return Status::Ok();
    }
  }
  EnrollParams params{options_.enroll_token, options_.name, options_.tags, BERTH_VERSION, ""};
  int delay = 200;
  while (!stop_->load()) {
    Status ready = Status::Ok();
    if (identity_ != nullptr) {
      ready = identity_->EstablishTrust();
      if (ready.ok()) {
        auto csr = identity_->MakeCsr(options_.name);
        ready = csr.status();
        if (csr.ok()) params.csr_pem = *csr;
      }
    }
    Result<Credential> credential = ready;
    if (ready.ok()) credential = client_->Enroll(params);
    if (credential.ok()) {
      if (identity_ != nullptr) RETURN_IF_ERROR(identity_->Adopt(credential->certificate_pem));
      RETURN_IF_ERROR(SaveCredential(options_.root, {options_.name, *credential}));
      client_->SetCredential(credential->secret);
      LogInfo({.instance_id = credential->instance_id}, "enrolled as \"{}\"", options_.name);
      return Status::Ok();
    }
    const Code code = credential.status().code();
    if (code != Code::kUnavailable && code != Code::kDeadlineExceeded && code != Code::kInternal &&
        code != Code::kUnknown) {
      return credential.status().WithContext("cannot enroll \"" + options_.name + "\"");
    }
    LogWarn({}, "cannot enroll yet: {}", credential.status().ToString());
    Backoff(&delay);
  }
  return Status(Code::kCancelled, "stopped before enrolling");
}

Status Agent::Deregistered(const Status& refusal) {
  const std::string note =
      "instance \"" + options_.name + "\" was deregistered on the controller (" +
      refusal.message() +
      "), so this agent stops and will not enroll by itself. To enroll "
      "this host again, remove " +
      options_.root + "/deregistered and " + options_.root +
      "/agent-credential.json, then start berth-agent with a new --join-token.\n";
  Status s = MarkDeregistered(options_.root, note);
  if (!s.ok()) LogError({}, "cannot record the deregistration: {}", s.ToString());
  return PermissionDenied(note);
}

int Agent::RenewAndPollWait() {
  if (identity_ == nullptr) return options_.poll_seconds;
  std::optional<int64_t> ms = identity_->MsUntilRenewal();
  if (ms && *ms <= 0) {
    Status s = identity_->Renew(options_.name);
    if (!s.ok()) LogWarn({}, "cannot renew the client certificate yet: {}", s.ToString());
    ms = identity_->MsUntilRenewal();
  }
  if (!ms) return options_.poll_seconds;
  return static_cast<int>(std::clamp<int64_t>(*ms / 1000, 1, options_.poll_seconds));
}

bool Agent::Report(const std::string& command_id, const EventResult& result,
                   std::optional<EventRequest>* next) {
  int delay = 200;
  bool minimal = false;
  EventResult report = result;
  while (!stop_->load()) {
    auto answered = client_->Complete(command_id, report);
    if (answered.ok()) {
      if (next != nullptr) *next = *std::move(answered);
      return true;
    }
    const Status& s = answered.status();
    if (s.code() == Code::kNotFound) {
      LogWarn({.command_id = command_id}, "controller no longer knows the command: {}",
              s.message());
      return true;
    }
    if (IsRefusedAsMalformed(s.code()) && !minimal) {
      // The same bytes would be refused forever: say so in a report that cannot be. (The
      // minimal report is short ASCII; if it is refused too, the controller's state is
      // the cause, and it is retried like any other failure.)
      LogWarn({.command_id = command_id},
              "controller refused the report of the command: {}; sending a minimal one",
              s.ToString());
      report = MinimalReport(result, s);
      minimal = true;
      continue;
    }
    if (s.code() == Code::kUnauthenticated) {
      if (!EnsureEnrolled(true).ok()) return false;
      continue;
    }
    // Deregistered: nothing to report to any more; the next poll stops the agent.
    if (s.code() == Code::kPermissionDenied) return true;
    LogWarn({.command_id = command_id}, "cannot report the command yet: {}", s.ToString());
    Backoff(&delay);
  }
  return false;
}

void Agent::RunCommand(const EventRequest& request, std::optional<EventRequest>* next) {
  busy_ = true;
  Status ack = client_->Ack(request.command_id);
  const LogFields fields =
      EventFields(request.deployment.deployment_id, request.event, request.command_id);
  if (!ack.ok()) LogWarn(fields, "ack failed: {}", ack.ToString());
  LogInfo(fields, "running {}", request.event);
  heartbeat_.Begin(request.command_id);
  EventResult result = executor_->Run(request);
  heartbeat_.End();
  if (result.succeeded) {
    LogInfo(fields, "{} succeeded", request.event);
  } else {
    LogWarn(fields, "{} failed: {}: {}", request.event, result.diagnostics.error_code,
            result.diagnostics.message);
  }
  // The ongoing-event marker goes only once the controller has the report.
  if (Report(request.command_id, result, next)) executor_->EventReported();
  busy_ = false;
}

Status Agent::Run(const std::atomic<bool>* stop) {
  stop_ = stop;
  RETURN_IF_ERROR(EnsureEnrolled(false));

  if (auto interrupted = executor_->InterruptedEvent()) {
    EventResult report;
    if (interrupted->ended) {
      LogWarn(EventFields(interrupted->deployment_id, interrupted->event, interrupted->command_id),
              "{} ended before the agent stopped but was not reported; reporting its outcome",
              interrupted->event);
      report.succeeded = interrupted->succeeded;
      report.diagnostics = interrupted->diagnostics;
    } else {
      LogWarn(EventFields(interrupted->deployment_id, interrupted->event, interrupted->command_id),
              "{} was running when the agent stopped; reporting it FailedAfterRestart",
              interrupted->event);
      report.diagnostics.error_code = kFailedAfterRestart;
      report.diagnostics.message = "the agent restarted while " + interrupted->event +
                                   " was running; the event's outcome is unknown";
    }
    if (Report(interrupted->command_id, report)) executor_->EventReported();
  }

  int delay = 200;
  // A command the controller handed over with the last report: run without polling.
  std::optional<EventRequest> handed_over;
  while (!stop->load()) {
    if (handed_over) {
      EventRequest request = *std::move(handed_over);
      handed_over.reset();
      RunCommand(request, &handed_over);
      continue;
    }
    const int wait_seconds = RenewAndPollWait();
    poll_recorder_.PollStarted();
    auto polled = client_->Poll(wait_seconds);
    if (!polled.ok()) {
      if (polled.status().code() == Code::kPermissionDenied) {
        return Deregistered(polled.status());
      }
      if (polled.status().code() == Code::kUnauthenticated) {
        LogWarn({}, "controller refused this agent ({}); enrolling again",
                polled.status().message());
        Status again = EnsureEnrolled(true);
        if (!again.ok()) {
          return Status(again.code(),
                        "the controller no longer accepts instance \"" + options_.name + "\" (" +
                            polled.status().message() +
                            ") and enrolling again failed: " + again.message() +
                            ". If it was restored from a backup or the certificate expired, run "
                            "berth instance deregister " +
                            options_.name +
                            " on the controller, then restart this agent with a new --join-token");
        }
        continue;
      }
      poll_recorder_.PollFailed(polled.status());
      LogWarn({}, "poll failed: {}", polled.status().ToString());
      Backoff(&delay);
      continue;
    }
    delay = 200;
    poll_recorder_.PollAnswered();
    if (!polled->has_value()) continue;
    RunCommand(**polled, &handed_over);
  }
  return Status::Ok();
}

}  // namespace berth::agent
