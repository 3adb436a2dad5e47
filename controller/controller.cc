#include "controller/controller.h"

#include <grpcpp/grpcpp.h>
#include <httplib.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "common/clock.h"
#include "common/fs.h"
#include "common/host_port.h"
#include "common/periodic_task.h"
#include "common/random.h"
#include "controller/api/event_logs.h"
#include "controller/api/service.h"
#include "controller/blobs/blob_store.h"
#include "controller/deploy/agent_liveness.h"
#include "controller/deploy/agent_watchdog.h"
#include "controller/deploy/engine.h"
#include "controller/http/aws_face.h"
#include "controller/http/routes.h"
#include "controller/http/server_limits.h"
#include "controller/metrics/prometheus_recorder.h"
#include "controller/retention/pruner.h"
#include "controller/rpc/agent_servers.h"
#include "controller/rpc/agent_service.h"
#include "controller/s3/face.h"
#include "controller/store/sqlite_store.h"
#include "controller/tls/certificate_authority.h"
#include "controller/tls/listeners.h"
#include "controller/triggers/deliverer.h"
#include "controller/triggers/webhook_sender.h"
#include "controller/ui/routes.h"

namespace berth {

Controller::Controller(ControllerOptions options) : options_(std::move(options)) {}

Controller::~Controller() { Shutdown(); }

Status Controller::LoadOrCreateToken(const std::string& file, std::string* token) {
  const std::string path = options_.data_dir + "/" + file;
  if (!token->empty()) return Status::Ok();
  auto existing = fs::ReadFile(path);
  if (existing.ok()) {
    *token = *existing;
    while (!token->empty() && (token->back() == '\n' || token->back() == '\r')) token->pop_back();
    if (!token->empty()) return Status::Ok();
  }
  *token = RandomHex(24);
  RETURN_IF_ERROR(fs::WriteFileAtomic(path, *token + "\n", 0600));
  spdlog::info("generated {}", path);
  return Status::Ok();
}

Status Controller::StartTls(const HostPort& http_addr, const HostPort& grpc_addr) {
  if (options_.insecure) {
    for (const HostPort& hp : {http_addr, grpc_addr}) {
      if (!IsLoopbackHost(hp.host) && !options_.insecure_allow_remote) {
        return InvalidArgument("--insecure serves plaintext, so it listens only on loopback; " +
                               hp.host + " is not (add --insecure-allow-remote to allow it)");
      }
    }
    spdlog::warn(
        "--insecure: the API and the agent channel are PLAINTEXT; tokens and revisions "
        "cross the network unprotected. Use it only for tests and benchmarks.");
    return Status::Ok();
  }
  tls::AuthorityOptions tls_options;
  tls_options.dir = options_.data_dir + "/tls";
  tls_options.server_names =
      tls::DefaultServerNames(options_.tls_sans, {http_addr.host, grpc_addr.host});
  tls_options.server_cert_file = options_.tls_cert;
  tls_options.server_key_file = options_.tls_key;
  tls_options.client_ca_file = options_.tls_client_ca;
  tls_options.client_ca_key_file = options_.tls_client_ca_key;
  tls_options.server_cert_lifetime_ms = options_.server_cert_lifetime_ms;
  tls_options.client_cert_lifetime_ms = options_.client_cert_lifetime_ms;
  auto authority = tls::CertificateAuthority::Open(tls_options, RealClock::Get());
  if (!authority.ok()) return authority.status().WithContext("setting up TLS");
  authority_ = std::move(authority).value();
  // Often enough to renew a short-lived certificate in time, at most hourly.
  const auto interval = std::chrono::milliseconds(
      std::clamp<int64_t>(options_.server_cert_lifetime_ms / 10, 1000, 3600 * 1000));
  renewer_ = std::make_unique<PeriodicTask>(interval, [ca = authority_.get()] {
    Status s = ca->RenewServerIfDue();
    if (!s.ok()) spdlog::error("cannot renew the server certificate: {}", s.ToString());
  });
  renewer_->Start();
  return Status::Ok();
}

Status Controller::Start() {
  if (options_.data_dir.empty()) return InvalidArgument("--data-dir is required");
  RETURN_IF_ERROR(fs::MakeDirs(options_.data_dir));
  RETURN_IF_ERROR(LoadOrCreateToken("admin.token", &options_.admin_token));
  if (options_.bootstrap_enroll_token) {
    RETURN_IF_ERROR(LoadOrCreateToken("enroll.token", &options_.enroll_token));
  } else {
    options_.enroll_token.clear();
  }
  std::string sigv4_key;
  RETURN_IF_ERROR(LoadOrCreateToken("sigv4.key", &sigv4_key));
  ASSIGN_OR_RETURN(HostPort http_addr, ParseHostPort(options_.http_listen));
  ASSIGN_OR_RETURN(HostPort grpc_addr, ParseHostPort(options_.grpc_listen));
  RETURN_IF_ERROR(StartTls(http_addr, grpc_addr));

  const std::string db_path = options_.data_dir + "/berth.db";
  metrics_ = std::make_unique<metrics::PrometheusRecorder>();
  auto store = store::SqliteStore::Open(db_path);
  if (!store.ok()) return store.status().WithContext("opening " + db_path);
  (*store)->SetMetrics(metrics_.get());
  store_ = std::move(store).value();
  blobs_ = std::make_unique<blobs::BlobStore>(options_.data_dir + "/blobs",
                                              options_.limits.http.max_upload_bytes);
  RETURN_IF_ERROR(blobs_->Init());
  engine_ = std::make_unique<deploy::Engine>(store_.get(), RealClock::Get());
  engine_->SetMetrics(metrics_.get());
  service_ =
      std::make_unique<api::Service>(store_.get(), engine_.get(), blobs_.get(), RealClock::Get());
  service_->SetAgentSecurity({options_.enroll_token, authority_.get()});
  service_->SetApiTokenKeys(options_.admin_token, sigv4_key);
  event_logs_ = std::make_unique<api::EventLogs>(store_.get(), options_.event_log_max_bytes,
                                                 options_.limits.event_log_max_lines);
  liveness_ = std::make_unique<deploy::AgentLiveness>(store_.get());
  service_->SetLivenessTracker(liveness_.get());
  rpc::AgentServiceOptions agent_options;
  agent_options.event_logs = event_logs_.get();
  agent_options.store = store_.get();
  agent_options.metrics = metrics_.get();
  agent_service_ =
      std::make_unique<rpc::AgentService>(agent_options, service_.get(), engine_.get());
  service_->SetDeregisteredCallback(
      [svc = agent_service_.get()](const std::string& instance_id) { svc->Revoke(instance_id); });
  engine_->SetCommandReadyCallback(
      [svc = agent_service_.get()](const std::string& instance_id) { svc->Wake(instance_id); });
  triggers::DelivererOptions trigger_options;
  trigger_options.initial_retry_ms = options_.trigger_retry_initial_ms;
  trigger_options.max_retry_ms = options_.trigger_retry_max_ms;
  trigger_options.max_attempts = options_.trigger_max_attempts;
  trigger_options.max_age_ms = options_.trigger_max_age_ms;
  trigger_options.request_timeout_ms = options_.trigger_timeout_ms;
  trigger_options.metrics = metrics_.get();
  webhook_sender_ = triggers::NewCurlWebhookSender(options_.limits.trigger_destinations);
  service_->SetInputPolicy({.trigger_destinations = options_.limits.trigger_destinations,
                            .allow_insecure_git = options_.limits.allow_insecure_git});
  deliverer_ = std::make_unique<triggers::Deliverer>(store_.get(), webhook_sender_.get(),
                                                     RealClock::Get(), trigger_options);
  engine_->SetTriggerQueuedCallback([d = deliverer_.get()] { d->Wake(); });
  RETURN_IF_ERROR(engine_->Recover().WithContext("resuming deployments"));
  // After recovery: its first pass sends whatever the outbox kept from before a restart.
  deliverer_->Start();
  pruner_ = std::make_unique<retention::Pruner>(
      store_.get(), blobs_.get(), RealClock::Get(),
      retention::PrunerOptions{.retain_days = options_.limits.retain_days});
  pruner_->Start();
  auto parked = [svc = agent_service_.get()] { return svc->ParkedInstances(); };
  service_->SetAgentLiveness(options_.agent_silence_limit_ms, parked);
  agent_watchdog_ = std::make_unique<deploy::AgentWatchdog>(
      deploy::AgentWatchdogOptions{
          .silence_limit = std::chrono::milliseconds(options_.agent_silence_limit_ms),
          .liveness = liveness_.get()},
      engine_.get(), RealClock::Get(), parked);
  agent_watchdog_->Start();
  // Bakes and approval waits end on deadlines stored with each deployment, so a
  // restarted controller ends them at the same moment (or at once, when one passed).
  wait_timer_ =
      std::make_unique<PeriodicTask>(std::chrono::milliseconds(250), [engine = engine_.get()] {
        Result<int> fired = engine->FireDueWaits();
        if (!fired.ok()) {
          spdlog::error("ending due bakes and approval waits: {}", fired.status().ToString());
        }
      });
  wait_timer_->Start();
  // Deployments queued for a freeze window start once it has ended.
  queue_starter_ =
      std::make_unique<PeriodicTask>(std::chrono::seconds(1), [engine = engine_.get()] {
        Status s = engine->StartDueQueued();
        if (!s.ok()) spdlog::error("starting queued deployments: {}", s.ToString());
      });
  queue_starter_->Start();
  metrics_->SetGaugeSampler([store = store_.get(), svc = service_.get(),
                             agents = agent_service_.get()]() -> Result<metrics::Gauges> {
    metrics::Gauges g;
    ASSIGN_OR_RETURN(g.hosts_in_flight, store->CountHostsInFlight());
    ASSIGN_OR_RETURN(g.trigger_outbox_depth, store->CountPendingTriggers());
    ASSIGN_OR_RETURN(api::AgentCounts counts, svc->CountAgents());
    g.agents_online = counts.online;
    g.agents_unreachable = counts.unreachable;
    g.agents_parked = static_cast<int64_t>(agents->ParkedInstances().size());
    return g;
  });

  ASSIGN_OR_RETURN(agent_servers_, rpc::AgentServers::Start(
                                       grpc_addr.host, grpc_addr.port,
                                       authority_ ? tls::AgentChannelCredentials(authority_.get())
                                                  : grpc::InsecureServerCredentials(),
                                       agent_service_.get(), kAgentServers));
  const int grpc_port = agent_servers_->port();

  http_server_ =
      authority_ ? tls::NewHttpsServer(authority_.get()) : std::make_unique<httplib::Server>();
  if (!http_server_) return Internal("cannot set up HTTPS for the API");
  http::ApplyServerLimits(http_server_.get(), options_.limits.http);
  http::Router router(
      http_server_.get(),
      [svc = service_.get()](const std::string& token) { return svc->AuthenticateApiToken(token); },
      [limits = options_.limits.http](const httplib::Request& req) {
        return http::CheckBeforeBody(req, limits);
      });
  http::RegisterApplicationRoutes(router, service_.get());
  http::RegisterDeploymentGroupRoutes(router, service_.get());
  http::RegisterDeploymentConfigRoutes(router, service_.get());
  http::RegisterInstanceRoutes(router, service_.get());
  http::RegisterBlobRoutes(router, service_.get());
  http::RegisterRevisionRoutes(router, service_.get());
  http::RegisterDeploymentRoutes(router, service_.get());
  http::RegisterDeploymentWaveRoutes(router, service_.get());
  http::RegisterDeploymentRetryRoute(router, service_.get());
  http::RegisterEventLogRoutes(router, event_logs_.get());
  http::RegisterTriggerRoutes(router, store_.get());
  http::RegisterAlarmRoutes(router, service_.get());
  http::RegisterSecretRoutes(router, service_.get());
  http::RegisterAccessRoutes(router, service_.get(), RealClock::Get());
  http::RegisterAwsFace(router, service_.get(), RealClock::Get(),
                        {.page_size = options_.codedeploy_page_size});
  http::RegisterBootstrapRoutes(router, {options_.packages_dir, grpc_port, BERTH_VERSION,
                                         authority_ ? authority_->trust_ca_pem() : std::string()});
  http::RegisterWhoamiRoute(router, service_.get());
  ui::RegisterUiRoutes(http_server_.get());
  http::RegisterMetricsRoutes(router, metrics_.get());
  s3::RegisterS3Face(router, service_.get(), RealClock::Get());  // last: every other path
  router.SetMetrics(metrics_.get());
  if (options_.metrics_public) router.MakePublic("GET", "/metrics");
  if (!http_server_->bind_to_port(http_addr.host, http_addr.port)) {
    return Unavailable("cannot listen for the API on " + options_.http_listen);
  }
  http_thread_ = std::thread([srv = http_server_.get()] { srv->listen_after_bind(); });
  started_ = true;
  if (authority_) {
    spdlog::info(
        "berth-controller {} listening: API https://{}, agents {} (TLS; agents trust "
        "CA {} in {})",
        BERTH_VERSION, options_.http_listen, options_.grpc_listen, authority_->trust_ca_pin(),
        authority_->client_ca_path());
  } else {
    spdlog::info("berth-controller {} listening: API http://{}, agents {} (PLAINTEXT)",
                 BERTH_VERSION, options_.http_listen, options_.grpc_listen);
  }
  return Status::Ok();
}

void Controller::Shutdown() {
  if (renewer_) renewer_->Stop();
  if (http_server_) http_server_->stop();
  if (http_thread_.joinable()) http_thread_.join();
  if (agent_watchdog_) agent_watchdog_->Stop();
  if (wait_timer_) wait_timer_->Stop();
  if (queue_starter_) queue_starter_->Stop();
  if (agent_service_) agent_service_->Stop();
  if (liveness_) (void)liveness_->Flush();
  agent_servers_.reset();
  // Last: every engine call that could queue a message has returned. POSTs in flight
  // are cancelled and stay pending for the next start.
  if (deliverer_) deliverer_->Stop();
  if (pruner_) pruner_->Stop();
  started_ = false;
}

}  // namespace berth
