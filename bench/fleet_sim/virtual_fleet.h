// VirtualFleet: N simulated agents speaking the real agent protocol (the generated
// AgentService stub, callback API) over a handful of shared channels, or with `tls` each
// over its own TLS connection with its own client certificate. Each agent enrolls,
// long-polls, and for every command acks it and completes it after `event_delay_ms`;
// a host chosen to fail (with probability `failure_rate`) fails one of its events, chosen
// at random. No thread per agent: a parked agent is one outstanding RPC.
//
// It records what an agent sees (when each command arrived, which hosts are between their
// first command and their last report) for the fleet_sim report. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "berth/v1/agent.grpc.pb.h"
#include "common/status.h"

namespace berth::bench {

using SteadyTime = std::chrono::steady_clock::time_point;

struct FleetOptions {
  std::string grpc_address;
  std::string enroll_token;
  int agents = 100;
  int channels = 4;
  int event_delay_ms = 0;
  double failure_rate = 0;
  int poll_seconds = 50;
  uint32_t seed = 1;
  std::string name_prefix = "sim-";
  // TLS (the controller's defaults): the channels above carry only enrollment, verified
  // against ca_cert_pem; each agent then makes its own key, enrolls with a CSR, and talks
  // over its own TLS connection with the certificate it got.
  bool tls = false;
  std::string ca_cert_pem;
};

// One command as an agent received it.
struct Received {
  std::string deployment_id;
  std::string event;
  SteadyTime at;
};

class VirtualFleet {
 public:
  explicit VirtualFleet(FleetOptions options);
  ~VirtualFleet();

  // Enrolls every agent (a bounded number at a time) and parks its first poll.
  Status Start();
  // Ends every agent's loop and waits for their RPCs to finish.
  void Stop();

  int parked() const { return parked_.load(); }
  std::string Name(int index) const;
  // Hosts set to fail, by name, with the event they fail.
  std::map<std::string, std::string> Failures() const;
  // Every command each agent received, by agent name, in order.
  std::map<std::string, std::vector<Received>> Log() const;
  // The largest number of hosts between their first command and their final report of
  // `deployment_id`, as agents saw it.
  int MaxInFlight(const std::string& deployment_id) const;
  // Hosts whose final report of `deployment_id` has been answered.
  int Finished(const std::string& deployment_id) const;
  int errors() const { return errors_.load(); }
  // When agent `name` received its first command of `deployment_id`, waiting up to
  // timeout_ms; DEADLINE_EXCEEDED if it did not.
  Result<SteadyTime> WaitFirstCommand(const std::string& name, const std::string& deployment_id,
                                      int timeout_ms);

 private:
  struct Agent;
  // A channel of its own (grpc.channel_id `id`): plaintext, or TLS presenting the key and
  // certificate given (none for enrollment).
  std::shared_ptr<grpc::Channel> NewChannel(int id, const std::string& key_pem,
                                            const std::string& cert_pem) const;
  void Enroll(Agent* a);
  void Poll(Agent* a);
  // A command reached the agent (from a poll, or handed over with a report's answer).
  void OnReceived(Agent* a, const v1::HostCommand& command, SteadyTime now);
  void OnCommand(Agent* a, const v1::HostCommand& command);
  void Complete(Agent* a, std::string command_id, std::string deployment_id, bool last,
                bool succeeded);
  void Retry(Agent* a);
  void Done(Agent* a);

  const FleetOptions options_;
  std::vector<std::shared_ptr<grpc::Channel>> channels_;
  std::vector<std::unique_ptr<v1::AgentService::Stub>> stubs_;
  std::vector<std::unique_ptr<Agent>> agents_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> parked_{0};
  std::atomic<int> outstanding_{0};  // RPCs in flight
  std::atomic<int> errors_{0};

  mutable std::mutex mu_;  // guards the records below
  std::condition_variable cv_;
  std::map<std::string, std::vector<Received>> log_;
  std::map<std::string, int> in_flight_, max_in_flight_, finished_;
  int enrolling_ = 0;  // enrollments in flight
};

}  // namespace berth::bench
