// The gRPC servers agents talk to: several on one port.
//
// Debian's libgrpc is built with its debug checks on: every completion on a server's
// completion queue searches that queue's outstanding operations one by one, and every
// agent with a call open (a parked long poll, an ack waiting for its commit) holds one.
// At 10,000 agents that search is several percent of the controller's CPU per event.
// The callback API gives each grpc::Server one completion queue, so the agents are
// spread over several servers bound to the same port with SO_REUSEPORT (gRPC sets it
// on Linux): the kernel hands each new connection to one of them. All of them serve
// the same AgentService. The servers also check no deadlines themselves (see Start).
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"

namespace berth::rpc {

class AgentServers {
 public:
  // Listens on `host`:`port` (0: a free one) with `count` servers of `service`.
  static Result<std::unique_ptr<AgentServers>> Start(
      const std::string& host, int port, const std::shared_ptr<grpc::ServerCredentials>& creds,
      grpc::Service* service, int count);
  ~AgentServers() { Shutdown(); }

  int port() const { return port_; }
  int count() const { return static_cast<int>(servers_.size()); }
  // Stops every server, waiting up to two seconds for calls in flight. Idempotent.
  void Shutdown();

 private:
  AgentServers() = default;
  int port_ = 0;
  std::vector<std::unique_ptr<grpc::Server>> servers_;
};

}  // namespace berth::rpc
