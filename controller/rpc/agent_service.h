// The gRPC AgentService (proto/berth/v1/agent.proto), served with the callback API: a
// parked PollCommand holds no thread, only an entry in `parked_`.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "berth/v1/agent.grpc.pb.h"
#include "controller/api/event_logs.h"
#include "controller/api/service.h"
#include "controller/deploy/engine.h"

namespace berth::rpc {

struct AgentServiceOptions {
  int max_poll_seconds = 60;
  // Where AppendEventLog stores live hook output; not owned. Null: the rpc is UNIMPLEMENTED.
  api::EventLogs* event_logs = nullptr;
};

class PollReactor;

class AgentService final : public v1::AgentService::CallbackService {
 public:
  AgentService(AgentServiceOptions options, api::Service* service, deploy::Engine* engine);
  ~AgentService() override;

  // Answers the instance's parked poll, if any, with its next command. Safe to call from
  // any thread that holds no store transaction.
  void Wake(const std::string& instance_id);
  // Ends the instance's parked poll, if any, with PERMISSION_DENIED (it was deregistered).
  // Safe to call from any thread that holds no store transaction.
  void Revoke(const std::string& instance_id);
  // Ends every parked poll (UNAVAILABLE) and stops the expiry thread. Call before the
  // gRPC server shuts down.
  void Stop();
  // The instances with a poll parked now: their agents are alive even when they have not
  // called for a while. Thread-safe; takes no store lock.
  std::set<std::string> ParkedInstances();

  grpc::ServerUnaryReactor* Enroll(grpc::CallbackServerContext* ctx,
                                   const v1::EnrollRequest* request,
                                   v1::EnrollResponse* response) override;
  grpc::ServerUnaryReactor* RenewCertificate(grpc::CallbackServerContext* ctx,
                                             const v1::RenewCertificateRequest* request,
                                             v1::RenewCertificateResponse* response) override;
  grpc::ServerUnaryReactor* PollCommand(grpc::CallbackServerContext* ctx,
                                        const v1::PollCommandRequest* request,
                                        v1::PollCommandResponse* response) override;
  grpc::ServerUnaryReactor* AckCommand(grpc::CallbackServerContext* ctx,
                                       const v1::AckCommandRequest* request,
                                       v1::AckCommandResponse* response) override;
  grpc::ServerUnaryReactor* CompleteCommand(grpc::CallbackServerContext* ctx,
                                            const v1::CompleteCommandRequest* request,
                                            v1::CompleteCommandResponse* response) override;
  grpc::ServerUnaryReactor* FetchBlob(grpc::CallbackServerContext* ctx,
                                      const v1::FetchBlobRequest* request,
                                      v1::FetchBlobResponse* response) override;
  grpc::ServerUnaryReactor* AppendEventLog(grpc::CallbackServerContext* ctx,
                                           const v1::AppendEventLogRequest* request,
                                           v1::AppendEventLogResponse* response) override;
  grpc::ServerUnaryReactor* Heartbeat(grpc::CallbackServerContext* ctx,
                                      const v1::HeartbeatRequest* request,
                                      v1::HeartbeatResponse* response) override;

 private:
  friend class PollReactor;

  Result<model::Instance> Authenticate(grpc::CallbackServerContext* ctx);
  void OnPollCancelled(PollReactor* reactor);
  void ExpireLoop();

  const AgentServiceOptions options_;
  api::Service* service_;
  deploy::Engine* engine_;

  // Guards parked_ and stopping_. Lock order: mu_, then the store.
  std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, PollReactor*> parked_;  // instance id -> its parked poll
  bool stopping_ = false;
  std::thread expiry_thread_;
};

}  // namespace berth::rpc
