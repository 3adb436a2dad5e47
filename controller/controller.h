// Controller: owns the store, the engine, the revision store and both listeners.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/host_port.h"
#include "common/status.h"
#include "controller/input_limits.h"

namespace httplib {
class Server;
}

namespace berth {
class PeriodicTask;
namespace store {
class Store;
}
namespace blobs {
class BlobStore;
}
namespace deploy {
class Engine;
class AgentWatchdog;
class AgentLiveness;
}  // namespace deploy
namespace api {
class Service;
class EventLogs;
}  // namespace api
namespace rpc {
class AgentService;
class AgentServers;
}
namespace tls {
class CertificateAuthority;
}
namespace triggers {
class WebhookSender;
class Deliverer;
}  // namespace triggers
namespace retention {
class Pruner;
}
namespace metrics {
class PrometheusRecorder;
}

struct ControllerOptions {
  std::string data_dir;
  std::string http_listen = "127.0.0.1:8080";
  std::string grpc_listen = "127.0.0.1:8443";
  // Empty: read from <data_dir>/admin.token / enroll.token, generated on first start.
  std::string admin_token;
  std::string enroll_token;
  // false: no bootstrap enroll token at all; agents enroll only with join tokens.
  bool bootstrap_enroll_token = true;
  // Security (docs/security.md). Plaintext on both listeners only with `insecure`, and
  // only on loopback addresses unless `insecure_allow_remote`.
  bool insecure = false;
  bool insecure_allow_remote = false;
  std::vector<std::string> tls_sans;             // extra names/addresses for the server certificate
  std::string tls_cert, tls_key;                 // bring your own server certificate
  std::string tls_client_ca, tls_client_ca_key;  // bring your own CA for agents
  int64_t server_cert_lifetime_ms = 365LL * 24 * 3600 * 1000;
  int64_t client_cert_lifetime_ms = 30LL * 24 * 3600 * 1000;
  // Live hook output kept per lifecycle event on one host; later lines are dropped.
  int64_t event_log_max_bytes = 1 << 20;
  // Items per page of the CodeDeploy-compatible API's List operations.
  int codedeploy_page_size = 100;
  // Trigger webhook delivery (docs/operations.md "Triggers (webhooks)"): the delay after
  // a failed POST doubles from the first to the second; a message is abandoned after
  // max attempts (0: no limit) or max age since it was queued (0: no limit).
  int64_t trigger_retry_initial_ms = 1000;
  int64_t trigger_retry_max_ms = 5 * 60'000;
  int trigger_max_attempts = 0;
  int64_t trigger_max_age_ms = 24 * 3'600'000;
  int64_t trigger_timeout_ms = 10'000;
  // An agent that has not called for this long (no poll, heartbeat or report) is
  // Unreachable and its in-flight event fails with AGENT_ISSUE.
  int64_t agent_silence_limit_ms = 5 * 60 * 1000;
  // Served publicly at GET /packages/<file> for the agent bootstrap (GET /install.sh);
  // empty: no packages.
  std::string packages_dir;
  // GET /metrics without a token (--metrics-public); otherwise it needs a viewer token.
  bool metrics_public = false;
  // What the controller accepts from the network (docs/security.md "Limits").
  InputLimits limits;
};

class Controller {
 public:
  explicit Controller(ControllerOptions options);
  ~Controller();

  // Opens the data dir (migrating the database), resumes unfinished deployments and
  // starts both listeners. Fails with a message naming what could not be opened or bound.
  Status Start();
  // Stops the listeners and waits for in-flight requests. Idempotent.
  void Shutdown();

  const std::string& admin_token() const { return options_.admin_token; }
  const std::string& enroll_token() const { return options_.enroll_token; }

 private:
  // Plaintext checks for --insecure, or the CA and its renewal thread.
  Status StartTls(const HostPort& http_addr, const HostPort& grpc_addr);

  Status LoadOrCreateToken(const std::string& file, std::string* token);

  ControllerOptions options_;
  std::unique_ptr<tls::CertificateAuthority> authority_;
  std::unique_ptr<PeriodicTask> renewer_;                 // the server certificate's
  std::unique_ptr<metrics::PrometheusRecorder> metrics_;  // before everything that counts
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<blobs::BlobStore> blobs_;
  std::unique_ptr<deploy::Engine> engine_;
  std::unique_ptr<deploy::AgentLiveness> liveness_;
  std::unique_ptr<api::Service> service_;
  std::unique_ptr<api::EventLogs> event_logs_;
  std::unique_ptr<rpc::AgentService> agent_service_;
  std::unique_ptr<deploy::AgentWatchdog> agent_watchdog_;
  std::unique_ptr<PeriodicTask> wait_timer_;     // bakes and approval timeouts
  std::unique_ptr<PeriodicTask> queue_starter_;  // deployments queued for a freeze
  // Agents are spread over this many gRPC servers on one port (rpc/agent_servers.h).
  static constexpr int kAgentServers = 4;
  std::unique_ptr<rpc::AgentServers> agent_servers_;
  std::unique_ptr<triggers::WebhookSender> webhook_sender_;
  std::unique_ptr<triggers::Deliverer> deliverer_;
  std::unique_ptr<retention::Pruner> pruner_;
  std::unique_ptr<httplib::Server> http_server_;
  std::thread http_thread_;
  bool started_ = false;
};

}  // namespace berth
