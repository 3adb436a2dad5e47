#include "controller/rpc/agent_servers.h"

#include <catch2/catch.hpp>
#include <chrono>

#include "berth/v1/agent.grpc.pb.h"

namespace berth::rpc {
namespace {

// Every method answers UNIMPLEMENTED: enough to start servers and connect to them.
class EmptyService : public v1::AgentService::CallbackService {};

bool Connects(int port, std::chrono::milliseconds wait = std::chrono::seconds(5)) {
  auto channel =
      grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials());
  return channel->WaitForConnected(std::chrono::system_clock::now() + wait);
}

TEST_CASE("agent servers share one port and every one of them takes connections", "[rpc]") {
  EmptyService service;
  auto servers =
      AgentServers::Start("127.0.0.1", 0, grpc::InsecureServerCredentials(), &service, 3);
  REQUIRE(servers.ok());
  CHECK((*servers)->count() == 3);
  const int port = (*servers)->port();
  REQUIRE(port > 0);
  // The kernel spreads connections over the listeners; enough of them reach them all.
  for (int i = 0; i < 12; ++i) CHECK(Connects(port));
  (*servers)->Shutdown();
  (*servers)->Shutdown();  // idempotent
  CHECK((*servers)->count() == 0);
  CHECK_FALSE(Connects(port, std::chrono::milliseconds(300)));
}

}  // namespace
}  // namespace berth::rpc
