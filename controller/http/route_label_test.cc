#include "controller/http/route_label.h"

#include <catch2/catch.hpp>

#include "controller/http/route_roles.h"

namespace berth::http {
namespace {

TEST_CASE("RouteLabel names each parameter after the segment before it", "[http][metrics]") {
  CHECK(RouteLabel(R"(/api/v1/applications)") == "/api/v1/applications");
  CHECK(RouteLabel(R"(/api/v1/applications/([^/]+))") == "/api/v1/applications/{app}");
  CHECK(RouteLabel(R"(/api/v1/applications/([^/]+)/deployment-groups/([^/]+))") ==
        "/api/v1/applications/{app}/deployment-groups/{group}");
  CHECK(RouteLabel(R"(/api/v1/deployments/([^/]+)/targets)") == "/api/v1/deployments/{id}/targets");
  CHECK(RouteLabel(R"(/api/v1/things/([^/]+))") == "/api/v1/things/{}");
  CHECK(RouteLabel(R"(/metrics)") == "/metrics");
}

TEST_CASE("Every route in the role table gets a label without regex characters",
          "[http][metrics]") {
  for (const RouteRole& r : RouteRoles()) {
    const std::string label = RouteLabel(r.pattern);
    INFO(r.method << " " << r.pattern << " -> " << label);
    CHECK(label.find_first_of("()[]^+*") == std::string::npos);
    CHECK(label.find("{}") == std::string::npos);
  }
}

}  // namespace
}  // namespace berth::http
