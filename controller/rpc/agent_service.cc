#include "controller/rpc/agent_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "common/clock.h"
#include "common/logging.h"
#include "controller/rpc/convert.h"

namespace berth::rpc {
namespace {

// A credential or token refused (counted in berth_authentications_refused_total), as
// opposed to a call that failed for another reason.
bool IsRefusedCredential(const Status& s) {
  return s.code() == Code::kUnauthenticated || s.code() == Code::kPermissionDenied;
}

grpc::ServerUnaryReactor* FinishNow(grpc::CallbackServerContext* ctx, const Status& status) {
  grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
  reactor->Finish(ToGrpc(status));
  return reactor;
}

// The client certificate of a TLS connection (PEM), empty when none was presented.
std::string PeerCertificate(grpc::CallbackServerContext* ctx) {
  std::shared_ptr<const grpc::AuthContext> auth = ctx->auth_context();
  if (!auth) return "";
  std::vector<grpc::string_ref> pem = auth->FindPropertyValues(GRPC_X509_PEM_CERT_PROPERTY_NAME);
  if (pem.empty()) return "";
  return std::string(pem.front().data(), pem.front().size());
}

// The bearer credential of the call, empty when none.
std::string BearerCredential(grpc::CallbackServerContext* ctx) {
  const auto& md = ctx->client_metadata();
  auto it = md.find("authorization");
  if (it == md.end()) return "";
  std::string value(it->second.data(), it->second.size());
  const std::string prefix = "Bearer ";
  return value.rfind(prefix, 0) == 0 ? value.substr(prefix.size()) : "";
}

constexpr int kMaxBlobChunk = 1 << 20;

}  // namespace

// One parked long-poll. Owned by gRPC: deletes itself in OnDone. Finished exactly once,
// by whoever removes it from AgentService::parked_ (or before it was ever parked).
class PollReactor : public grpc::ServerUnaryReactor {
 public:
  PollReactor(AgentService* service, std::string instance_id, v1::PollCommandResponse* response,
              int64_t deadline_ms)
      : service_(service),
        instance_id_(std::move(instance_id)),
        response_(response),
        deadline_ms_(deadline_ms) {}

  void OnCancel() override { service_->OnPollCancelled(this); }
  void OnDone() override { delete this; }

  const std::string& instance_id() const { return instance_id_; }
  // Set once, under AgentService::mu_, before the poll is parked.
  void set_instance_id(std::string id) { instance_id_ = std::move(id); }
  v1::PollCommandResponse* response() { return response_; }
  int64_t deadline_ms() const { return deadline_ms_; }

 private:
  AgentService* service_;
  std::string instance_id_;
  v1::PollCommandResponse* response_;
  const int64_t deadline_ms_;
};

AgentService::AgentService(AgentServiceOptions options, api::Service* service,
                           deploy::Engine* engine)
    : options_(std::move(options)), service_(service), engine_(engine) {
  expiry_thread_ = std::thread([this] { ExpireLoop(); });
  dispatch_thread_ = std::thread([this] { DispatchLoop(); });
}

AgentService::~AgentService() { Stop(); }

void AgentService::Stop() {
  std::map<std::string, PollReactor*> parked;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    stopping_ = true;
    parked.swap(parked_);
  }
  cv_.notify_all();
  dispatch_cv_.notify_all();
  if (dispatch_thread_.joinable()) dispatch_thread_.join();
  for (auto& [id, reactor] : parked) {
    reactor->Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE, "controller shutting down"));
  }
  if (expiry_thread_.joinable()) expiry_thread_.join();
}

std::set<std::string> AgentService::ParkedInstances() {
  std::set<std::string> ids;
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [id, reactor] : parked_) ids.insert(id);
  return ids;
}

Result<AgentCall> AgentService::CallIdentity(grpc::CallbackServerContext* ctx) {
  AgentCall call{BearerCredential(ctx), PeerCertificate(ctx)};
  if (call.credential.empty()) {
    options_.metrics->AuthenticationRefused(metrics::AuthFace::kAgent);
    return Unauthenticated("missing authorization: Bearer <credential>");
  }
  return call;
}

Result<model::Instance> AgentService::Authenticate(const api::AgentProof& proof) {
  auto instance = service_->AuthenticateAgent(proof);
  if (!instance.ok()) {
    spdlog::warn("refused an agent call: {}", instance.status().message());
    if (IsRefusedCredential(instance.status())) {
      options_.metrics->AuthenticationRefused(metrics::AuthFace::kAgent);
    }
  }
  return instance;
}

Result<model::Instance> AgentService::Authenticate(grpc::CallbackServerContext* ctx) {
  ASSIGN_OR_RETURN(AgentCall call, CallIdentity(ctx));
  return Authenticate(service_->ProveAgent(call.credential, call.cert_pem));
}

void AgentService::RunAuthenticated(AgentCall call,
                                    std::function<Status(const model::Instance&)> work,
                                    std::function<void(Status)> done) {
  // The certificate's signature is verified here, on the RPC's thread, not in the batch.
  auto fn = [this, proof = service_->ProveAgent(call.credential, call.cert_pem),
             work = std::move(work)]() -> Status {
    ASSIGN_OR_RETURN(model::Instance instance, Authenticate(proof));
    return work(instance);
  };
  if (options_.store == nullptr) {
    done(fn());
    return;
  }
  options_.store->TransactAsync(std::move(fn), std::move(done));
}

grpc::ServerUnaryReactor* AgentService::Enroll(grpc::CallbackServerContext* ctx,
                                               const v1::EnrollRequest* request,
                                               v1::EnrollResponse* response) {
  api::EnrollRequest req;
  req.token = request->enroll_token();
  req.name = request->name();
  req.tags = model::Tags(request->tags().begin(), request->tags().end());
  req.agent_version = request->agent_version();
  req.csr_pem = request->csr_pem();
  req.presented_cert_pem = PeerCertificate(ctx);
  req.presented_credential = BearerCredential(ctx);
  auto enrollment = service_->Enroll(req);
  if (!enrollment.ok()) {
    // The name is the peer's: cut to a sane length (the formatter escapes the rest).
    LogWarn({.instance = request->name().substr(0, 200)}, "refused enrollment from {}: {}",
            ctx->peer(), enrollment.status().message());
    if (IsRefusedCredential(enrollment.status())) {
      options_.metrics->AuthenticationRefused(metrics::AuthFace::kEnroll);
    }
    return FinishNow(ctx, enrollment.status());
  }
  options_.metrics->AgentEnrolled();
  response->set_instance_id(enrollment->instance.id);
  response->set_credential(enrollment->credential);
  response->set_certificate_pem(enrollment->certificate_pem);
  LogInfo({.instance = req.name, .instance_id = enrollment->instance.id}, "instance enrolled");
  return FinishNow(ctx, Status::Ok());
}

grpc::ServerUnaryReactor* AgentService::RenewCertificate(grpc::CallbackServerContext* ctx,
                                                         const v1::RenewCertificateRequest* request,
                                                         v1::RenewCertificateResponse* response) {
  auto instance = Authenticate(ctx);
  if (!instance.ok()) return FinishNow(ctx, instance.status());
  auto cert = service_->RenewAgentCertificate(*instance, request->csr_pem());
  if (!cert.ok()) return FinishNow(ctx, cert.status());
  response->set_certificate_pem(*cert);
  LogInfo({.instance = instance->name, .instance_id = instance->id},
          "renewed the instance's client certificate");
  return FinishNow(ctx, Status::Ok());
}

void AgentService::Revoke(const std::string& instance_id) {
  PollReactor* reactor = nullptr;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = parked_.find(instance_id);
    if (it == parked_.end()) return;
    reactor = it->second;
    parked_.erase(it);
  }
  reactor->Finish(
      grpc::Status(grpc::StatusCode::PERMISSION_DENIED, "instance deregistered on the controller"));
}

grpc::ServerUnaryReactor* AgentService::PollCommand(grpc::CallbackServerContext* ctx,
                                                    const v1::PollCommandRequest* request,
                                                    v1::PollCommandResponse* response) {
  options_.metrics->AgentPolled();
  auto call = CallIdentity(ctx);
  if (!call.ok()) return FinishNow(ctx, call.status());
  const int wait = std::clamp(request->wait_seconds(), 0, options_.max_poll_seconds);
  const int64_t deadline = RealClock::Get()->NowMs() + wait * 1000LL;
  // Its instance is set once the credential is checked, in the transaction below.
  auto* reactor = new PollReactor(this, "", response, deadline);
  auto taken = std::make_shared<Result<std::optional<deploy::DispatchedCommand>>>(
      std::optional<deploy::DispatchedCommand>());
  auto wakes_before = std::make_shared<uint64_t>(0);
  RunAuthenticated(
      *call,
      [this, reactor, taken, wakes_before](const model::Instance& instance) -> Status {
        {
          std::lock_guard<std::mutex> lock(mu_);  // OnPollCancelled reads the id under mu_
          reactor->set_instance_id(instance.id);
          *wakes_before = wakes_[instance.id];
        }
        *taken = engine_->TakeCommand(instance.id);
        return taken->status();
      },
      [this, reactor, taken, wakes_before, wait](Status s) {
        if (!s.ok()) *taken = s;  // refused, or the commit failed: nothing was taken
        AnswerPoll(reactor, *taken, *wakes_before, wait > 0);
      });
  return reactor;
}

void AgentService::AnswerPoll(PollReactor* reactor,
                              const Result<std::optional<deploy::DispatchedCommand>>& command,
                              uint64_t wakes_before, bool wait) {
  v1::PollCommandResponse* response = reactor->response();
  if (!command.ok() || command->has_value() || !wait) {
    if (command.ok() && command->has_value()) ToProto(**command, response->mutable_command());
    reactor->Finish(ToGrpc(command.status()));
    return;
  }
  const std::string& instance_id = reactor->instance_id();
  PollReactor* replaced = nullptr;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) {
      reactor->Finish(ToGrpc(Unavailable("controller shutting down")));
      return;
    }
    auto it = parked_.find(instance_id);
    if (it != parked_.end()) replaced = it->second;
    parked_[instance_id] = reactor;
    // A command committed after TakeCommand looked and before the poll was parked: its
    // Wake found nothing parked, so the dispatcher looks again now.
    if (wakes_[instance_id] != wakes_before) {
      to_dispatch_.insert(instance_id);
      dispatch_cv_.notify_one();
    }
  }
  if (replaced) replaced->Finish(grpc::Status::OK);
}

void AgentService::Wake(const std::string& instance_id) {
  std::lock_guard<std::mutex> lock(mu_);
  ++wakes_[instance_id];
  if (parked_.count(instance_id) == 0) return;  // its next poll finds the command
  to_dispatch_.insert(instance_id);
  dispatch_cv_.notify_one();
}

void AgentService::DispatchLoop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    dispatch_cv_.wait(lock, [this] { return stopping_ || !to_dispatch_.empty(); });
    if (stopping_) return;
    std::vector<std::string> ids(to_dispatch_.begin(), to_dispatch_.end());
    to_dispatch_.clear();
    lock.unlock();
    // In slices: the first agents get their commands after one slice's commit, not after
    // all 10,000 of a large deployment's start, and no transaction grows with the fleet.
    for (size_t first = 0; first < ids.size(); first += kDispatchSlice) {
      const size_t last = std::min(ids.size(), first + kDispatchSlice);
      Dispatch(std::vector<std::string>(ids.begin() + first, ids.begin() + last));
    }
    lock.lock();
  }
}

void AgentService::Dispatch(const std::vector<std::string>& ids) {
  // Committed before any agent sees it: an agent never runs a command a crash undoes.
  auto taken = engine_->TakeCommands(ids);
  if (!taken.ok()) {
    spdlog::error("cannot hand commands to {} parked agent(s): {}", ids.size(),
                  taken.status().ToString());
    return;
  }
  std::vector<PollReactor*> answered;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& [id, command] : *taken) {
      auto it = parked_.find(id);
      // A poll that left meanwhile: the agent gets the (now Dispatched) command again
      // from its next poll.
      if (it == parked_.end()) continue;
      ToProto(command, it->second->response()->mutable_command());
      answered.push_back(it->second);
      parked_.erase(it);
    }
  }
  for (PollReactor* r : answered) r->Finish(grpc::Status::OK);
}

void AgentService::OnPollCancelled(PollReactor* reactor) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = parked_.find(reactor->instance_id());
    if (it == parked_.end() || it->second != reactor) return;  // already finished
    parked_.erase(it);
  }
  reactor->Finish(grpc::Status::CANCELLED);
}

void AgentService::ExpireLoop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    cv_.wait_for(lock, std::chrono::milliseconds(200));
    const int64_t now = RealClock::Get()->NowMs();
    std::vector<PollReactor*> expired;
    for (auto it = parked_.begin(); it != parked_.end();) {
      if (it->second->deadline_ms() <= now) {
        expired.push_back(it->second);
        it = parked_.erase(it);
      } else {
        ++it;
      }
    }
    lock.unlock();
    for (PollReactor* r : expired) r->Finish(grpc::Status::OK);
    lock.lock();
  }
}

grpc::ServerUnaryReactor* AgentService::AckCommand(grpc::CallbackServerContext* ctx,
                                                   const v1::AckCommandRequest* request,
                                                   v1::AckCommandResponse* response) {
  auto call = CallIdentity(ctx);
  if (!call.ok()) return FinishNow(ctx, call.status());
  grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
  RunAuthenticated(
      *call,
      [this, request](const model::Instance& instance) {
        return engine_->AckCommand(instance.id, request->command_id());
      },
      [reactor](Status s) { reactor->Finish(ToGrpc(s)); });
  return reactor;
}

grpc::ServerUnaryReactor* AgentService::CompleteCommand(grpc::CallbackServerContext* ctx,
                                                        const v1::CompleteCommandRequest* request,
                                                        v1::CompleteCommandResponse* response) {
  auto call = CallIdentity(ctx);
  if (!call.ok()) return FinishNow(ctx, call.status());
  grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
  // The host's next command (the next event, usually, created by this very outcome) is
  // taken in the same transaction and handed over with the answer, which saves the agent
  // a poll per lifecycle event.
  auto next = std::make_shared<std::optional<deploy::DispatchedCommand>>();
  // Answered only once the outcome, and the hand-over, are committed (persist before ack).
  RunAuthenticated(
      *call,
      [this, request, next](const model::Instance& instance) -> Status {
        RETURN_IF_ERROR(engine_->CompleteCommand(instance.id, request->command_id(),
                                                 request->succeeded(),
                                                 FromProto(request->diagnostics())));
        // In a savepoint of its own: a next command that cannot be taken must not undo
        // the report (the agent would resend it forever); its next poll tries again.
        auto taken = engine_->TakeCommand(instance.id);
        if (taken.ok()) {
          *next = *std::move(taken);
        } else {
          LogWarn({.instance = instance.name,
                   .instance_id = instance.id,
                   .command_id = request->command_id().substr(0, 200)},
                  "recorded the report but cannot hand the instance its next command yet: {}",
                  taken.status().ToString());
        }
        return Status::Ok();
      },
      [reactor, response, next](Status s) {
        if (s.ok() && next->has_value()) ToProto(**next, response->mutable_next_command());
        reactor->Finish(ToGrpc(s));
      });
  return reactor;
}

grpc::ServerUnaryReactor* AgentService::FetchBlob(grpc::CallbackServerContext* ctx,
                                                  const v1::FetchBlobRequest* request,
                                                  v1::FetchBlobResponse* response) {
  auto instance = Authenticate(ctx);
  if (!instance.ok()) return FinishNow(ctx, instance.status());
  int max =
      request->max_bytes() <= 0 ? kMaxBlobChunk : std::min(request->max_bytes(), kMaxBlobChunk);
  int64_t total = 0;
  auto data = service_->blobs()->ReadChunk(request->sha256(), request->offset(), max, &total);
  if (!data.ok()) return FinishNow(ctx, data.status());
  response->set_data(std::move(*data));
  response->set_total_size(total);
  return FinishNow(ctx, Status::Ok());
}

grpc::ServerUnaryReactor* AgentService::AppendEventLog(grpc::CallbackServerContext* ctx,
                                                       const v1::AppendEventLogRequest* request,
                                                       v1::AppendEventLogResponse* response) {
  auto instance = Authenticate(ctx);
  if (!instance.ok()) return FinishNow(ctx, instance.status());
  if (options_.event_logs == nullptr) {
    return FinishNow(ctx, Status(Code::kUnimplemented, "live event logs are not kept"));
  }
  std::vector<store::EventLogLine> lines;
  lines.reserve(request->lines_size());
  for (const v1::EventLogLine& in : request->lines()) {
    store::EventLogLine line;
    line.line_no = in.line_no();
    line.time_ms = in.time_ms();
    line.stream = in.stream();
    line.text = in.text();
    lines.push_back(std::move(line));
  }
  return FinishNow(ctx,
                   options_.event_logs->Append(*instance, request->command_id(), std::move(lines)));
}

grpc::ServerUnaryReactor* AgentService::Heartbeat(grpc::CallbackServerContext* ctx,
                                                  const v1::HeartbeatRequest* request,
                                                  v1::HeartbeatResponse* response) {
  // Authenticating records the instance as seen now; that is all a heartbeat is for.
  auto instance = Authenticate(ctx);
  return FinishNow(ctx, instance.status());
}

}  // namespace berth::rpc
