#include "cli/min_healthy_hosts.h"

#include <catch2/catch.hpp>

namespace berth::cli {
namespace {

TEST_CASE("min-healthy-hosts: counts and percentages", "[config]") {
  CHECK(ParseMinHealthyHosts("3").value() == nlohmann::json{{"type", "HOST_COUNT"}, {"value", 3}});
  CHECK(ParseMinHealthyHosts("75%").value() ==
        nlohmann::json{{"type", "FLEET_PERCENT"}, {"value", 75}});
  CHECK(ParseMinHealthyHosts("0").value()["value"] == 0);
  for (const char* bad : {"", "%", "-1", "3x", "100%", "7.5%", "99999999"}) {
    auto r = ParseMinHealthyHosts(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Code::kInvalidArgument);
  }
}

TEST_CASE("min-healthy-hosts: described for people", "[config]") {
  CHECK(DescribeMinHealthyHosts({{"deploymentConfigName", "x"},
                                 {"minimumHealthyHosts",
                                  {{"type", "FLEET_PERCENT"}, {"value", 75}}}}) == "75% of hosts");
  CHECK(DescribeMinHealthyHosts(
            {{"deploymentConfigName", "x"},
             {"minimumHealthyHosts", {{"type", "HOST_COUNT"}, {"value", 3}}}}) == "3 hosts");
  CHECK(DescribeMinHealthyHosts({{"deploymentConfigName", "CodeDeployDefault.OneAtATime"}}) ==
        "all but one host");
}

}  // namespace
}  // namespace berth::cli
