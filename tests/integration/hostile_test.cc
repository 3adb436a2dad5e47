// Hostile input end to end (issue 15): bytes that are not UTF-8 from a hook, hostile
// request bodies and slow clients against a real controller.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "common/testing/subprocess.h"
#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"

namespace berth::itest {
namespace {

using testing::ReadTestFile;

void StartOneHost(Cluster& c) {
  c.StartController();
  c.StartAgent("app-1", {{"env", "it"}});
  REQUIRE(c.WaitForInstances(1));
  c.CreateAppAndGroup("shop", "prod");
}

TEST_CASE("A hook printing bytes that are not UTF-8 succeeds, logged with U+FFFD",
          "[integration]") {
  Cluster c;
  StartOneHost(c);
  WriteHookApp(c.Sub("rev"), {{"AfterInstall", "printf 'bin \\377\\376 end\\n'\n"}});
  const std::string id = c.Deploy("shop", "prod", c.Push(c.Sub("rev"), "shop"));
  Json deployment = c.WaitForDeployment(id);
  INFO(deployment.dump(2));
  REQUIRE(deployment["status"] == "Succeeded");

  testing::CommandResult logs = c.Berth({"deployment", "logs", id});
  INFO(logs.out << logs.err);
  REQUIRE(logs.exit_code == 0);
  CHECK(logs.out.find("app-1 AfterInstall stdout | bin \xEF\xBF\xBD\xEF\xBF\xBD end") !=
        std::string::npos);
  // scripts.log on the host keeps the bytes as the hook wrote them.
  std::string script_log;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(c.AgentRoot(0))) {
    if (entry.path().filename() == "scripts.log") script_log += ReadTestFile(entry.path());
  }
  CHECK(script_log.find("bin \xFF\xFE end") != std::string::npos);
}

}  // namespace
}  // namespace berth::itest
