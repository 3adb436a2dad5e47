#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "agent/controller_client.h"

namespace berth::agent {

// ControllerClient over one gRPC channel (insecure for now). Thread-safe.
class GrpcControllerClient : public ControllerClient {
 public:
  // `address` is HOST:PORT of the controller's agent listener.
  explicit GrpcControllerClient(const std::string& address);
  ~GrpcControllerClient() override;

  Result<Credential> Enroll(const EnrollParams& params) override;
  void SetCredential(const std::string& secret) override;
  Result<std::optional<EventRequest>> Poll(int wait_seconds) override;
  Status Ack(const std::string& command_id) override;
  Status Complete(const std::string& command_id, const EventResult& result) override;
  Result<BlobChunk> FetchBlob(const std::string& sha256, int64_t offset, int max_bytes) override;
  Status AppendEventLog(const std::string& command_id, const std::vector<LogLine>& lines) override;
  Status Heartbeat(const std::string& command_id) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace berth::agent
