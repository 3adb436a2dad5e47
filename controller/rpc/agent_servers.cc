#include "controller/rpc/agent_servers.h"

#include <spdlog/spdlog.h>

#include <chrono>

namespace berth::rpc {

Result<std::unique_ptr<AgentServers>> AgentServers::Start(
    const std::string& host, int port, const std::shared_ptr<grpc::ServerCredentials>& creds,
    grpc::Service* service, int count) {
  std::unique_ptr<AgentServers> servers(new AgentServers());  // private constructor
  for (int i = 0; i < count; ++i) {
    grpc::ServerBuilder builder;
    int bound = 0;
    // The first server picks the port; the others join it.
    const int want = i == 0 ? port : servers->port_;
    builder.AddListeningPort(host + ":" + std::to_string(want), creds, &bound);
    builder.RegisterService(service);
    // No timer per call on this side: the agent enforces its own deadline (it cancels
    // the call when it passes, which ends the call here too), a parked poll ends at its
    // wait (AgentService::ExpireLoop) and an ack or report when its batch commits. The
    // debug-build timers walk a hash chain per add and cancel, one more O(agents) cost.
    builder.AddChannelArgument(GRPC_ARG_ENABLE_DEADLINE_CHECKS, 0);
    std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
    if (!server || bound == 0) {
      if (i == 0)
        return Unavailable("cannot listen for agents on " + host + ":" + std::to_string(port));
      // Without SO_REUSEPORT only one server can listen: it serves every agent alone.
      spdlog::warn("agents share {} gRPC server(s): port {} takes no more listeners", i,
                   servers->port_);
      break;
    }
    if (i == 0) servers->port_ = bound;
    servers->servers_.push_back(std::move(server));
  }
  return servers;
}

void AgentServers::Shutdown() {
  const auto deadline = std::chrono::system_clock::now() + std::chrono::seconds(2);
  for (auto& server : servers_) server->Shutdown(deadline);
  servers_.clear();
}

}  // namespace berth::rpc
