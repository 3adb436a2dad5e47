// The gRPC AgentService (proto/berth/v1/agent.proto), served with the callback API: a
// parked PollCommand holds no thread, only an entry in `parked_`.
//
// Locking: mu_ guards only the parked polls; it is never held across a store call, and
// no store lock is held when Wake is called (the engine calls it from a commit hook).
// Commands for woken polls are taken by one dispatcher thread, many instances per store
// transaction, so a deployment starting on 10,000 hosts costs a few commits, not 10,000.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>

#include "berth/v1/agent.grpc.pb.h"
#include "controller/api/event_logs.h"
#include "controller/api/service.h"
#include "controller/deploy/engine.h"
#include "controller/metrics/recorder.h"

namespace berth::rpc {

struct AgentServiceOptions {
  int max_poll_seconds = 60;
  // Where AppendEventLog stores live hook output; not owned. Null: the rpc is UNIMPLEMENTED.
  api::EventLogs* event_logs = nullptr;
  // The store the engine uses; not owned. Set: PollCommand, AckCommand and
  // CompleteCommand authenticate and do their work in TransactAsync, so they share group
  // commits and hold no server thread while their batch commits. Null: synchronously.
  store::Store* store = nullptr;
  // Where polls, enrollments and refused credentials are counted; not owned.
  metrics::Recorder* metrics = metrics::NullRecorder();
};

class PollReactor;

// Who an agent call says it is: its bearer credential and, over TLS, the client
// certificate it presented (PEM; empty when none).
struct AgentCall {
  std::string credential;
  std::string cert_pem;
};

class AgentService final : public v1::AgentService::CallbackService {
 public:
  AgentService(AgentServiceOptions options, api::Service* service, deploy::Engine* engine);
  ~AgentService() override;

  // The instance has a new committed command: its parked poll, if any, is answered with
  // it soon (by the dispatcher thread). Cheap, never blocks on the store; call it holding
  // no lock and outside any store transaction.
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

  // What the call presents, not yet checked: UNAUTHENTICATED without a credential.
  Result<AgentCall> CallIdentity(grpc::CallbackServerContext* ctx);
  Result<model::Instance> Authenticate(const api::AgentProof& proof);
  Result<model::Instance> Authenticate(grpc::CallbackServerContext* ctx);
  // Runs `work` for the agent the call comes from in one transaction (group-committed
  // when options_.store is set) and then `done` with its outcome, once committed.
  void RunAuthenticated(AgentCall call, std::function<Status(const model::Instance&)> work,
                        std::function<void(Status)> done);
  // PollCommand once the command (or none) was taken.
  void AnswerPoll(PollReactor* reactor,
                  const Result<std::optional<deploy::DispatchedCommand>>& taken,
                  uint64_t wakes_before, bool wait);
  void OnPollCancelled(PollReactor* reactor);
  void ExpireLoop();
  // Takes the commands of woken parked polls, a batch at a time, and answers them.
  void DispatchLoop();
  // Takes the commands of these parked agents in one transaction and answers their polls.
  void Dispatch(const std::vector<std::string>& ids);
  static constexpr size_t kDispatchSlice = 256;

  const AgentServiceOptions options_;
  api::Service* service_;
  deploy::Engine* engine_;

  // Guards the members below. Never held while calling the store or the engine.
  std::mutex mu_;
  std::condition_variable cv_;                  // the expiry thread's timer; Stop
  std::condition_variable dispatch_cv_;         // to_dispatch_ or stopping_ changed
  std::map<std::string, PollReactor*> parked_;  // instance id -> its parked poll
  // Wakes per instance: a poll that found nothing re-checks when one came meanwhile.
  std::unordered_map<std::string, uint64_t> wakes_;
  std::set<std::string> to_dispatch_;  // parked instances woken, not yet dispatched
  bool stopping_ = false;
  std::thread expiry_thread_;
  std::thread dispatch_thread_;
};

}  // namespace berth::rpc
