// One function per REST resource (docs/api.md), each in its own file.
#pragma once

#include <string>

#include "controller/api/event_logs.h"
#include "controller/api/service.h"
#include "controller/http/router.h"
#include "controller/metrics/prometheus_recorder.h"
#include "controller/store/store.h"

namespace berth::http {

void RegisterApplicationRoutes(Router& router, api::Service* service);
void RegisterDeploymentGroupRoutes(Router& router, api::Service* service);
void RegisterDeploymentConfigRoutes(Router& router, api::Service* service);
void RegisterInstanceRoutes(Router& router, api::Service* service);
void RegisterBlobRoutes(Router& router, api::Service* service);
void RegisterRevisionRoutes(Router& router, api::Service* service);
void RegisterDeploymentRoutes(Router& router, api::Service* service);
// POST /api/v1/deployments/{id}/continue (waves).
void RegisterDeploymentWaveRoutes(Router& router, api::Service* service);
// POST /api/v1/deployments/{id}/retry.
void RegisterDeploymentRetryRoute(Router& router, api::Service* service);
void RegisterEventLogRoutes(Router& router, api::EventLogs* logs);
// Read-only view of the trigger outbox.
void RegisterTriggerRoutes(Router& router, store::Store* store);
void RegisterAlarmRoutes(Router& router, api::Service* service);
// The store of secrets: PUT, GET (names only), DELETE; admin only.
void RegisterSecretRoutes(Router& router, api::Service* service);
// The agent bootstrap: GET /install.sh and GET /packages/<file>, public.
struct BootstrapOptions {
  std::string packages_dir;  // empty: /packages/ answers 404
  int grpc_port = 0;         // the agent channel's port, for the script's agent.yaml
  std::string version;       // the controller's own: the agent package the script fetches
  std::string ca_pem;        // the CA agents trust; empty when serving plaintext
};
void RegisterBootstrapRoutes(Router& router, BootstrapOptions options);
// GET /api/v1/whoami: the calling token's id and role.
void RegisterWhoamiRoute(Router& router, api::Service* service);
// API tokens and join tokens.
void RegisterAccessRoutes(Router& router, api::Service* service, Clock* clock);
// GET /metrics: the recorder's metrics in Prometheus' text format.
void RegisterMetricsRoutes(Router& router, metrics::PrometheusRecorder* recorder);

}  // namespace berth::http
