#include "controller/rpc/agent_service.h"

#include <openssl/crypto.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "common/clock.h"
#include "common/text/log_quote.h"
#include "controller/rpc/convert.h"

namespace berth::rpc {
namespace {

grpc::ServerUnaryReactor* FinishNow(grpc::CallbackServerContext* ctx, const Status& status) {
  grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
  reactor->Finish(ToGrpc(status));
  return reactor;
}

bool TokenEquals(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
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
  v1::PollCommandResponse* response() { return response_; }
  int64_t deadline_ms() const { return deadline_ms_; }

 private:
  AgentService* service_;
  const std::string instance_id_;
  v1::PollCommandResponse* response_;
  const int64_t deadline_ms_;
};

AgentService::AgentService(AgentServiceOptions options, api::Service* service,
                           deploy::Engine* engine)
    : options_(std::move(options)), service_(service), engine_(engine) {
  expiry_thread_ = std::thread([this] { ExpireLoop(); });
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

Result<model::Instance> AgentService::Authenticate(grpc::CallbackServerContext* ctx) {
  const auto& md = ctx->client_metadata();
  auto it = md.find("authorization");
  if (it == md.end()) return Unauthenticated("missing authorization metadata");
  std::string value(it->second.data(), it->second.size());
  const std::string prefix = "Bearer ";
  if (value.rfind(prefix, 0) != 0) return Unauthenticated("authorization is not a Bearer credential");
  return service_->AuthenticateAgent(value.substr(prefix.size()));
}

grpc::ServerUnaryReactor* AgentService::Enroll(grpc::CallbackServerContext* ctx,
                                               const v1::EnrollRequest* request,
                                               v1::EnrollResponse* response) {
  if (!TokenEquals(request->enroll_token(), options_.enroll_token)) {
    spdlog::warn("refused enrollment of {} from {}: wrong enrollment token",
                 text::QuoteForLog(request->name()), ctx->peer());
    return FinishNow(ctx, Unauthenticated("wrong enrollment token"));
  }
  api::EnrollRequest req;
  req.name = request->name();
  req.tags = model::Tags(request->tags().begin(), request->tags().end());
  req.agent_version = request->agent_version();
  auto enrollment = service_->Enroll(req);
  if (!enrollment.ok()) return FinishNow(ctx, enrollment.status());
  response->set_instance_id(enrollment->instance.id);
  response->set_credential(enrollment->credential);
  spdlog::info("instance \"{}\" enrolled ({})", req.name, enrollment->instance.id);
  return FinishNow(ctx, Status::Ok());
}

grpc::ServerUnaryReactor* AgentService::PollCommand(grpc::CallbackServerContext* ctx,
                                                    const v1::PollCommandRequest* request,
                                                    v1::PollCommandResponse* response) {
  auto instance = Authenticate(ctx);
  if (!instance.ok()) return FinishNow(ctx, instance.status());
  int wait = std::clamp(request->wait_seconds(), 0, options_.max_poll_seconds);
  auto* reactor = new PollReactor(this, instance->id, response,
                                  RealClock::Get()->NowMs() + wait * 1000LL);
  PollReactor* replaced = nullptr;
  Status error;
  bool park = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto command = engine_->TakeCommand(instance->id);
    if (!command.ok()) {
      error = command.status();
    } else if (command->has_value()) {
      ToProto(**command, response->mutable_command());
    } else if (stopping_) {
      error = Unavailable("controller shutting down");
    } else if (wait > 0) {
      auto it = parked_.find(instance->id);
      if (it != parked_.end()) replaced = it->second;
      parked_[instance->id] = reactor;
      park = true;
    }
  }
  if (replaced) replaced->Finish(grpc::Status::OK);
  if (!park) reactor->Finish(ToGrpc(error));
  return reactor;
}

void AgentService::Wake(const std::string& instance_id) {
  PollReactor* reactor = nullptr;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = parked_.find(instance_id);
    if (it == parked_.end()) return;
    auto command = engine_->TakeCommand(instance_id);
    if (!command.ok()) {
      spdlog::error("cannot hand a command to instance {}: {}", instance_id,
                    command.status().ToString());
      return;
    }
    if (!command->has_value()) return;
    reactor = it->second;
    parked_.erase(it);
    ToProto(**command, reactor->response()->mutable_command());
  }
  reactor->Finish(grpc::Status::OK);
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
  auto instance = Authenticate(ctx);
  if (!instance.ok()) return FinishNow(ctx, instance.status());
  return FinishNow(ctx, engine_->AckCommand(instance->id, request->command_id()));
}

grpc::ServerUnaryReactor* AgentService::CompleteCommand(
    grpc::CallbackServerContext* ctx, const v1::CompleteCommandRequest* request,
    v1::CompleteCommandResponse* response) {
  auto instance = Authenticate(ctx);
  if (!instance.ok()) return FinishNow(ctx, instance.status());
  return FinishNow(ctx, engine_->CompleteCommand(instance->id, request->command_id(),
                                                 request->succeeded(),
                                                 FromProto(request->diagnostics())));
}

grpc::ServerUnaryReactor* AgentService::FetchBlob(grpc::CallbackServerContext* ctx,
                                                  const v1::FetchBlobRequest* request,
                                                  v1::FetchBlobResponse* response) {
  auto instance = Authenticate(ctx);
  if (!instance.ok()) return FinishNow(ctx, instance.status());
  int max = request->max_bytes() <= 0 ? kMaxBlobChunk : std::min(request->max_bytes(), kMaxBlobChunk);
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
  return FinishNow(ctx, options_.event_logs->Append(*instance, request->command_id(),
                                                    std::move(lines)));
}

grpc::ServerUnaryReactor* AgentService::Heartbeat(grpc::CallbackServerContext* ctx,
                                                  const v1::HeartbeatRequest* request,
                                                  v1::HeartbeatResponse* response) {
  // Authenticating records the instance as seen now; that is all a heartbeat is for.
  auto instance = Authenticate(ctx);
  return FinishNow(ctx, instance.status());
}

}  // namespace berth::rpc
