#include "agent/status/agent_status.h"

#include <catch2/catch.hpp>

#include "agent/credential_file.h"
#include "agent/state/deployment_root.h"
#include "common/fs.h"
#include "common/testing/temp_dir.h"

namespace berth::agent {
namespace {

constexpr int64_t kNow = 1'700'000'100'000;  // 2023-11-14T22:15:00.000Z

TEST_CASE("berth-agent status reads the credential, the poll state and the ongoing event") {
  testing::TempDir dir;
  StoredCredential stored;
  stored.name = "web-1";
  stored.credential.instance_id = "i-1";
  stored.credential.secret = "s3cret";
  REQUIRE(SaveCredential(dir.path(), stored).ok());
  REQUIRE(fs::WriteFileAtomic(PollStatePath(dir.path()),
                              PollStateToJson({.name = "web-1",
                                               .controller = "ctl:8443",
                                               .pid = 77,
                                               .started_ms = kNow - 60'000,
                                               .polling_since_ms = kNow - 5'000,
                                               .last_answer_ms = kNow - 5'000}))
              .ok());
  OngoingEvent event;
  event.command_id = "c-9";
  event.deployment_id = "d-ABCDEFGHI";
  event.group_id = "g-1";
  event.event = "AfterInstall";
  event.started_ms = kNow - 2'000;
  REQUIRE(DeploymentRoot(dir.path()).WriteOngoing(event).ok());
  auto status = ReadAgentStatus(dir.path());
  REQUIRE(status.ok());
  const std::string text = StatusText(*status, kNow);
  CHECK(text == "root:          " + dir.path() +
                    "\n"
                    "enrolled as:   web-1 (instance i-1)\n"
                    "controller:    ctl:8443\n"
                    "agent:         pid 77, started 2023-11-14T22:14:00.000Z (60 s ago)\n"
                    "last poll:     answered 2023-11-14T22:14:55.000Z (5 s ago)\n"
                    "polling since: 2023-11-14T22:14:55.000Z (5 s ago)\n"
                    "current event: AfterInstall of deployment d-ABCDEFGHI (command c-9), started "
                    "2023-11-14T22:14:58.000Z (2 s ago)\n");
  CHECK(text.find("s3cret") == std::string::npos);
  nlohmann::json j = StatusJson(*status);
  CHECK(j["name"] == "web-1");
  CHECK(j["controller"] == "ctl:8443");
  CHECK(j["lastPollTime"] == "2023-11-14T22:14:55.000Z");
  CHECK(j["currentEvent"]["deploymentId"] == "d-ABCDEFGHI");
  CHECK(j["lastPollError"].is_null());
}

TEST_CASE("berth-agent status on a directory without agent state says so") {
  testing::TempDir dir;
  auto status = ReadAgentStatus(dir.path());
  CHECK(status.status().code() == Code::kNotFound);
  CHECK(status.status().message().rfind("no agent state in " + dir.path(), 0) == 0);
}

}  // namespace
}  // namespace berth::agent
