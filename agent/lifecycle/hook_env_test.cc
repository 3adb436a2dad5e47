#include "agent/lifecycle/hook_env.h"

#include <catch2/catch.hpp>

namespace berth::agent {
namespace {

TEST_CASE("hook env: only the allow-list and --hook-env names pass from the agent") {
  std::vector<std::string> agent_env = {"PATH=/usr/bin",        "HOME=/root",
                                        "LANG=C.UTF-8",         "LC_ALL=C",
                                        "TZ=UTC",               "BERTH_ENROLL_TOKEN=secret",
                                        "BERTH_TOKEN=t",        "AWS_SECRET_ACCESS_KEY=k",
                                        "FOO=1",                "BAR=2"};
  CHECK(AllowedEnvironment(agent_env, {}) ==
        std::vector<std::string>{"PATH=/usr/bin", "HOME=/root", "LANG=C.UTF-8", "LC_ALL=C",
                                 "TZ=UTC"});
  CHECK(AllowedEnvironment(agent_env, {"FOO"}) ==
        std::vector<std::string>{"PATH=/usr/bin", "HOME=/root", "LANG=C.UTF-8", "LC_ALL=C",
                                 "TZ=UTC", "FOO=1"});
}

}  // namespace
}  // namespace berth::agent
