// One function per REST resource (docs/api.md), each in its own file.
#pragma once

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
void RegisterEventLogRoutes(Router& router, api::EventLogs* logs);
// Read-only view of the trigger outbox.
void RegisterTriggerRoutes(Router& router, store::Store* store);
void RegisterAlarmRoutes(Router& router, api::Service* service);
// API tokens and join tokens.
void RegisterAccessRoutes(Router& router, api::Service* service, Clock* clock);
// GET /metrics: the recorder's metrics in Prometheus' text format.
void RegisterMetricsRoutes(Router& router, metrics::PrometheusRecorder* recorder);

}  // namespace berth::http
