#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "agent/controller_client.h"

namespace berth::agent {

// ControllerClient over one gRPC channel: TLS (rebuilt by SetIdentity), or plaintext when
// `insecure`. Thread-safe.
class GrpcControllerClient : public ControllerClient {
 public:
  // `address` is HOST:PORT of the controller's agent listener.
  GrpcControllerClient(const std::string& address, bool insecure);
  ~GrpcControllerClient() override;

  Result<Credential> Enroll(const EnrollParams& params) override;
  void SetCredential(const std::string& secret) override;
  void SetIdentity(const ChannelIdentity& identity) override;
  Result<std::vector<std::string>> FetchServerChain() override;
  Result<std::string> RenewCertificate(const std::string& csr_pem) override;
  Result<std::optional<EventRequest>> Poll(int wait_seconds) override;
  Status Ack(const std::string& command_id) override;
  Result<std::optional<EventRequest>> Complete(const std::string& command_id,
                                               const EventResult& result) override;
  Result<BlobChunk> FetchBlob(const std::string& sha256, int64_t offset, int max_bytes) override;
  Status AppendEventLog(const std::string& command_id, const std::vector<LogLine>& lines) override;
  Status Heartbeat(const std::string& command_id) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace berth::agent
