// ControllerClient: the agent's side of the AgentService protocol, behind an interface
// so the poll loop can be tested without a controller. The only agent code that knows
// gRPC and the proto types is grpc_controller_client.cc.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "agent/lifecycle/event.h"
#include "common/status.h"

namespace berth::agent {

struct EnrollParams {
  std::string enroll_token;
  std::string name;
  std::map<std::string, std::string> tags;
  std::string agent_version;
};

struct Credential {
  std::string instance_id;
  std::string secret;
};

struct BlobChunk {
  std::string data;
  int64_t total_size = 0;
};

class ControllerClient {
 public:
  virtual ~ControllerClient() = default;

  virtual Result<Credential> Enroll(const EnrollParams& params) = 0;
  // Presented on every call below. UNAUTHENTICATED from any of them means: enroll again.
  virtual void SetCredential(const std::string& secret) = 0;
  // Waits up to wait_seconds for a command; nullopt when none came.
  virtual Result<std::optional<EventRequest>> Poll(int wait_seconds) = 0;
  virtual Status Ack(const std::string& command_id) = 0;
  virtual Status Complete(const std::string& command_id, const EventResult& result) = 0;
  virtual Result<BlobChunk> FetchBlob(const std::string& sha256, int64_t offset,
                                      int max_bytes) = 0;
};

}  // namespace berth::agent
