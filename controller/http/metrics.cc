// GET /metrics (docs/operations.md "Metrics"): Prometheus' text format.
#include "controller/http/route_label.h"
#include "controller/http/route_roles.h"
#include "controller/http/routes.h"

namespace berth::http {

void RegisterMetricsRoutes(Router& router, metrics::PrometheusRecorder* recorder) {
  // The Router reports requests by their index in RouteRoles(): label them in that order.
  for (const RouteRole& r : RouteRoles()) recorder->AddRoute(r.method, RouteLabel(r.pattern));
  router.GetRaw(R"(/metrics)", [recorder](const httplib::Request&, httplib::Response& res) {
    res.set_content(recorder->Scrape(), "text/plain; version=0.0.4; charset=utf-8");
  });
}

}  // namespace berth::http
