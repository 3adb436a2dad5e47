#include "controller/controller.h"

#include <grpcpp/grpcpp.h>
#include <httplib.h>
#include <spdlog/spdlog.h>

#include "common/clock.h"
#include "common/fs.h"
#include "common/host_port.h"
#include "common/random.h"
#include "controller/api/event_logs.h"
#include "controller/api/service.h"
#include "controller/blobs/blob_store.h"
#include "controller/deploy/agent_watchdog.h"
#include "controller/deploy/engine.h"
#include "controller/http/routes.h"
#include "controller/http/server_limits.h"
#include "controller/retention/pruner.h"
#include "controller/rpc/agent_service.h"
#include "controller/store/sqlite_store.h"
#include "controller/triggers/deliverer.h"
#include "controller/triggers/webhook_sender.h"

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

Status Controller::Start() {
  if (options_.data_dir.empty()) return InvalidArgument("--data-dir is required");
  RETURN_IF_ERROR(fs::MakeDirs(options_.data_dir));
  RETURN_IF_ERROR(LoadOrCreateToken("admin.token", &options_.admin_token));
  RETURN_IF_ERROR(LoadOrCreateToken("enroll.token", &options_.enroll_token));
  ASSIGN_OR_RETURN(HostPort http_addr, ParseHostPort(options_.http_listen));
  ASSIGN_OR_RETURN(HostPort grpc_addr, ParseHostPort(options_.grpc_listen));

  const std::string db_path = options_.data_dir + "/berth.db";
  auto store = store::SqliteStore::Open(db_path);
  if (!store.ok()) return store.status().WithContext("opening " + db_path);
  store_ = std::move(store).value();
  blobs_ = std::make_unique<blobs::BlobStore>(options_.data_dir + "/blobs",
                                              options_.limits.http.max_upload_bytes);
  RETURN_IF_ERROR(blobs_->Init());
  engine_ = std::make_unique<deploy::Engine>(store_.get(), RealClock::Get());
  service_ = std::make_unique<api::Service>(store_.get(), engine_.get(), blobs_.get(),
                                            RealClock::Get());
  event_logs_ = std::make_unique<api::EventLogs>(store_.get(), options_.event_log_max_bytes,
                                                 options_.limits.event_log_max_lines);
  rpc::AgentServiceOptions agent_options;
  agent_options.enroll_token = options_.enroll_token;
  agent_options.event_logs = event_logs_.get();
  agent_service_ =
      std::make_unique<rpc::AgentService>(agent_options, service_.get(), engine_.get());
  engine_->SetCommandReadyCallback(
      [svc = agent_service_.get()](const std::string& instance_id) { svc->Wake(instance_id); });
  triggers::DelivererOptions trigger_options;
  trigger_options.initial_retry_ms = options_.trigger_retry_initial_ms;
  trigger_options.max_retry_ms = options_.trigger_retry_max_ms;
  trigger_options.max_attempts = options_.trigger_max_attempts;
  trigger_options.max_age_ms = options_.trigger_max_age_ms;
  trigger_options.request_timeout_ms = options_.trigger_timeout_ms;
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
      deploy::AgentWatchdogOptions{.silence_limit =
                                       std::chrono::milliseconds(options_.agent_silence_limit_ms)},
      engine_.get(), RealClock::Get(), parked);
  agent_watchdog_->Start();

  grpc::ServerBuilder builder;
  int grpc_port = 0;
  builder.AddListeningPort(grpc_addr.host + ":" + std::to_string(grpc_addr.port),
                           grpc::InsecureServerCredentials(), &grpc_port);
  builder.RegisterService(agent_service_.get());
  grpc_server_ = builder.BuildAndStart();
  if (!grpc_server_ || grpc_port == 0) {
    return Unavailable("cannot listen for agents on " + options_.grpc_listen);
  }

  http_server_ = std::make_unique<httplib::Server>();
  http::ApplyServerLimits(http_server_.get(), options_.limits.http);
  http::Router router(http_server_.get(), options_.admin_token);
  http::RegisterApplicationRoutes(router, service_.get());
  http::RegisterDeploymentGroupRoutes(router, service_.get());
  http::RegisterDeploymentConfigRoutes(router, service_.get());
  http::RegisterInstanceRoutes(router, service_.get());
  http::RegisterBlobRoutes(router, service_.get());
  http::RegisterRevisionRoutes(router, service_.get());
  http::RegisterDeploymentRoutes(router, service_.get());
  http::RegisterEventLogRoutes(router, event_logs_.get());
  http::RegisterTriggerRoutes(router, store_.get());
  http::RegisterAlarmRoutes(router, service_.get());
  if (!http_server_->bind_to_port(http_addr.host, http_addr.port)) {
    return Unavailable("cannot listen for the API on " + options_.http_listen);
  }
  http_thread_ = std::thread([srv = http_server_.get()] { srv->listen_after_bind(); });
  started_ = true;
  spdlog::info("berth-controller {} listening: API http://{}, agents {}", BERTH_VERSION,
               options_.http_listen, options_.grpc_listen);
  return Status::Ok();
}

void Controller::Shutdown() {
  if (http_server_) http_server_->stop();
  if (http_thread_.joinable()) http_thread_.join();
  if (agent_watchdog_) agent_watchdog_->Stop();
  if (agent_service_) agent_service_->Stop();
  if (grpc_server_) {
    grpc_server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
    grpc_server_.reset();
  }
  // Last: every engine call that could queue a message has returned. POSTs in flight
  // are cancelled and stay pending for the next start.
  if (deliverer_) deliverer_->Stop();
  if (pruner_) pruner_->Stop();
  started_ = false;
}

}  // namespace berth
