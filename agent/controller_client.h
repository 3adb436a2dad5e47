// ControllerClient: the agent's side of the AgentService protocol, behind an interface
// so the poll loop can be tested without a controller. The only agent code that knows
// gRPC and the proto types is grpc_controller_client.cc.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "agent/lifecycle/event.h"
#include "common/status.h"

namespace berth::agent {

struct EnrollParams {
  std::string enroll_token;
  std::string name;
  std::map<std::string, std::string> tags;
  std::string agent_version;
  std::string csr_pem;  // empty in --insecure mode
};

struct Credential {
  std::string instance_id;
  std::string secret;
  std::string certificate_pem;  // the client certificate; empty in --insecure mode
};

// What the channel to the controller trusts and presents (empty in --insecure mode).
struct ChannelIdentity {
  std::string ca_pem;    // the CA the controller's certificate must chain to
  std::string key_pem;   // the agent's key and client certificate, once it has them
  std::string cert_pem;
};

// One line of hook output on its way to the controller (live logs).
struct LogLine {
  int64_t line_no = 0;  // 1, 2, ... within the command
  int64_t time_ms = 0;
  std::string stream;  // "stdout" | "stderr"
  std::string text;
};

struct BlobChunk {
  std::string data;
  int64_t total_size = 0;
};

class ControllerClient {
 public:
  virtual ~ControllerClient() = default;

  virtual Result<Credential> Enroll(const EnrollParams& params) = 0;
  // Presented on every call (Enroll included, as proof when re-enrolling).
  // UNAUTHENTICATED from a call means: enroll again; PERMISSION_DENIED: deregistered.
  virtual void SetCredential(const std::string& secret) = 0;
  // TLS: what later calls trust and present. The default (for fakes) ignores it.
  virtual void SetIdentity(const ChannelIdentity& identity) {}
  // TLS: the certificate chain the controller presents, fetched without trusting it, so
  // the agent can check it against a CA pin before it sends anything.
  virtual Result<std::vector<std::string>> FetchServerChain() {
    return Status(Code::kUnimplemented, "no TLS");
  }
  // TLS: a new client certificate for the key of `csr_pem`.
  virtual Result<std::string> RenewCertificate(const std::string& csr_pem) {
    return Status(Code::kUnimplemented, "no TLS");
  }
  // Waits up to wait_seconds for a command; nullopt when none came.
  virtual Result<std::optional<EventRequest>> Poll(int wait_seconds) = 0;
  virtual Status Ack(const std::string& command_id) = 0;
  // Reports the outcome; returns the next command when the controller handed one over
  // with its answer (see CompleteCommandResponse.next_command).
  virtual Result<std::optional<EventRequest>> Complete(const std::string& command_id,
                                                       const EventResult& result) = 0;
  virtual Result<BlobChunk> FetchBlob(const std::string& sha256, int64_t offset,
                                      int max_bytes) = 0;
  // Sends lines of a running command's output; idempotent on (command_id, line_no).
  virtual Status AppendEventLog(const std::string& command_id,
                                const std::vector<LogLine>& lines) = 0;
  // "Still alive" while `command_id` runs, so the controller does not take a long,
  // quiet event for a dead agent. The default (for fakes) sends nothing.
  virtual Status Heartbeat(const std::string& command_id) { return Status::Ok(); }
};

}  // namespace berth::agent
