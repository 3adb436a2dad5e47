#include "controller/http/route_roles.h"

#include <regex>

namespace berth::http {
namespace {

struct CompiledRoute {
  std::string method;
  std::regex pattern;
  model::Role role;
};

const std::vector<CompiledRoute>& CompiledRoutes() {
  static const std::vector<CompiledRoute> kCompiled = [] {
    std::vector<CompiledRoute> out;
    for (const RouteRole& r : RouteRoles())
      out.push_back({r.method, std::regex(r.pattern), r.role});
    return out;
  }();
  return kCompiled;
}

}  // namespace

int MatchRouteIndex(const std::string& method, const std::string& path) {
  const std::vector<CompiledRoute>& routes = CompiledRoutes();
  for (size_t i = 0; i < routes.size(); ++i) {
    if (routes[i].method == method && std::regex_match(path, routes[i].pattern)) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

std::optional<model::Role> RoleForRoute(const std::string& method, const std::string& path) {
  const int i = MatchRouteIndex(method, path);
  if (i < 0) return std::nullopt;
  return RouteRoles()[i].role;
}

// The dashboard's pages under /ui/ are not here: they are public and hold no data
// (controller/ui/routes.h); everything they show comes from the routes below.
const std::vector<RouteRole>& RouteRoles() {
  using model::Role;
  static const std::vector<RouteRole> kRoutes = {
      // Applications, groups and configs: read by viewers, changed by admins.
      {"GET", R"(/api/v1/applications)", Role::kViewer},
      {"POST", R"(/api/v1/applications)", Role::kAdmin},
      {"GET", R"(/api/v1/applications/([^/]+))", Role::kViewer},
      {"DELETE", R"(/api/v1/applications/([^/]+))", Role::kAdmin},
      {"GET", R"(/api/v1/applications/([^/]+)/deployment-groups)", Role::kViewer},
      {"POST", R"(/api/v1/applications/([^/]+)/deployment-groups)", Role::kAdmin},
      {"GET", R"(/api/v1/applications/([^/]+)/deployment-groups/([^/]+))", Role::kViewer},
      {"PATCH", R"(/api/v1/applications/([^/]+)/deployment-groups/([^/]+))", Role::kAdmin},
      {"DELETE", R"(/api/v1/applications/([^/]+)/deployment-groups/([^/]+))", Role::kAdmin},
      {"GET", R"(/api/v1/deployment-configs)", Role::kViewer},
      {"POST", R"(/api/v1/deployment-configs)", Role::kAdmin},
      {"GET", R"(/api/v1/deployment-configs/([^/]+))", Role::kViewer},
      {"DELETE", R"(/api/v1/deployment-configs/([^/]+))", Role::kAdmin},
      // Instances: tags and deregistration decide what deploys where, so admin.
      {"GET", R"(/api/v1/instances)", Role::kViewer},
      {"GET", R"(/api/v1/instances/([^/]+))", Role::kViewer},
      {"POST", R"(/api/v1/instances/([^/]+)/tags)", Role::kAdmin},
      {"POST", R"(/api/v1/instances/([^/]+)/deregister)", Role::kAdmin},
      // Push and deploy.
      {"POST", R"(/api/v1/blobs)", Role::kDeployer},
      {"GET", R"(/api/v1/applications/([^/]+)/revisions)", Role::kViewer},
      {"POST", R"(/api/v1/applications/([^/]+)/revisions)", Role::kDeployer},
      {"GET", R"(/api/v1/revisions/([^/]+))", Role::kViewer},
      // Whoever may register a revision may delete one nothing active uses.
      {"DELETE", R"(/api/v1/revisions/([^/]+))", Role::kDeployer},
      {"GET", R"(/api/v1/deployments)", Role::kViewer},
      {"POST", R"(/api/v1/deployments)", Role::kDeployer},
      {"GET", R"(/api/v1/deployments/([^/]+))", Role::kViewer},
      {"POST", R"(/api/v1/deployments/([^/]+)/stop)", Role::kDeployer},
      {"POST", R"(/api/v1/deployments/([^/]+)/continue)", Role::kDeployer},
      {"POST", R"(/api/v1/deployments/([^/]+)/retry)", Role::kDeployer},
      {"GET", R"(/api/v1/deployments/([^/]+)/targets)", Role::kViewer},
      {"GET", R"(/api/v1/deployments/([^/]+)/logs)", Role::kViewer},
      {"GET", R"(/api/v1/deployments/([^/]+)/triggers)", Role::kViewer},
      // Alarms: the alerts role may set them (and nothing else).
      {"GET", R"(/api/v1/alarms)", Role::kViewer},
      {"GET", R"(/api/v1/alarms/([^/]+))", Role::kViewer},
      {"PUT", R"(/api/v1/alarms/([^/]+))", Role::kAlerts},
      {"POST", R"(/api/v1/alertmanager)", Role::kAlerts},
      // Prometheus metrics; public with --metrics-public.
      {"GET", R"(/metrics)", Role::kViewer},
      // Tokens. whoami answers any token that may read (the dashboard asks it at login).
      {"GET", R"(/api/v1/whoami)", Role::kViewer},
      {"GET", R"(/api/v1/tokens)", Role::kAdmin},
      {"POST", R"(/api/v1/tokens)", Role::kAdmin},
      {"DELETE", R"(/api/v1/tokens/([^/]+))", Role::kAdmin},
      {"GET", R"(/api/v1/join-tokens)", Role::kAdmin},
      {"POST", R"(/api/v1/join-tokens)", Role::kAdmin},
      {"DELETE", R"(/api/v1/join-tokens/([^/]+))", Role::kAdmin},
      // Secrets: only admins set, list or delete them; a deployer may name one in a
      // deployment but never read it.
      {"GET", R"(/api/v1/secrets)", Role::kAdmin},
      {"PUT", R"(/api/v1/secrets/([^/]+))", Role::kAdmin},
      {"DELETE", R"(/api/v1/secrets/([^/]+))", Role::kAdmin},
  };
  return kRoutes;
}

const std::vector<PublicRoute>& PublicRoutes() {
  static const std::vector<PublicRoute> kPublic = {
      // Agent bootstrap (docs/operations.md "Bootstrapping an agent"): the script and the
      // packages it installs hold no secret; the join token travels on the host itself.
      {"GET", R"(/install.sh)"},
      {"GET", R"(/packages/([^/]+))"},
  };
  return kPublic;
}

}  // namespace berth::http
