// Trigger webhooks (docs/operations.md "Triggers (webhooks)"): a receiver inside the test
// gets every trigger of a deployment exactly once, including when it was down while the
// deployment ran and the controller was killed and restarted before any delivery.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"

namespace berth::itest {
namespace {

// Records every POST to /hook; answers 200.
class Receiver {
 public:
  explicit Receiver(int port) : port_(port) {}
  ~Receiver() { Stop(); }

  void Start() {
    server_ = std::make_unique<httplib::Server>();
    server_->Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mu_);
      Json body = Json::parse(req.body, nullptr, false);
      header_problems_ += req.get_header_value("Content-Type") != "application/json";
      header_problems_ += body.is_discarded() || !body.contains("messageId") ||
                          req.get_header_value("X-Berth-Message-Id") != body["messageId"];
      bodies_.push_back(body);
      res.set_content("{}", "application/json");
    });
    REQUIRE(server_->bind_to_port("127.0.0.1", port_));
    thread_ = std::thread([s = server_.get()] { s->listen_after_bind(); });
    REQUIRE(testing::WaitFor([&] { return server_->is_running(); }, 5000));
  }

  void Stop() {
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
  }

  std::vector<Json> bodies() {
    std::lock_guard<std::mutex> lock(mu_);
    return bodies_;
  }
  int header_problems() {
    std::lock_guard<std::mutex> lock(mu_);
    return header_problems_;
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }

 private:
  int port_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  std::mutex mu_;
  std::vector<Json> bodies_;
  int header_problems_ = 0;
};

// "Event" or "Event@instance" -> count.
std::map<std::string, int> CountByEvent(const std::vector<Json>& bodies) {
  std::map<std::string, int> counts;
  for (const Json& b : bodies) {
    std::string key = b.value("event", "?");
    if (b.contains("instanceName")) key += "@" + b["instanceName"].get<std::string>();
    ++counts[key];
  }
  return counts;
}

std::string DumpAll(const std::vector<Json>& bodies) {
  std::string out;
  for (const Json& b : bodies) out += b.dump() + "\n";
  return out;
}

// App `app` and group `group` (OneAtATime, tag env=it) with one trigger for every event.
void CreateAppAndGroupWithTrigger(Cluster& c, const std::string& app, const std::string& group,
                                  const std::string& url) {
  c.CreateAppAndGroup(app, group, "OneAtATime");
  // Through the CLI, as users set it: `group update --trigger NAME=URL`.
  auto r = c.Berth({"group", "update", app, group, "--trigger", "hook=" + url});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
}

std::string Deploy(Cluster& c, const std::string& app, const std::string& group,
                   const std::string& revision) {
  auto created =
      c.Api("POST", "/api/v1/deployments",
            {{"applicationName", app}, {"deploymentGroupName", group}, {"revisionId", revision}});
  INFO(created.body.dump());
  REQUIRE(created.status == 201);
  return created.body["deploymentId"];
}

// The triggers of a successful deployment to db-1 and db-2, each exactly once.
void CheckSuccessfulDeploymentTriggers(const std::vector<Json>& bodies, const std::string& id) {
  INFO(DumpAll(bodies));
  const std::map<std::string, int> expected = {
      {"DeploymentStart", 1},      {"DeploymentSuccess", 1},  {"InstanceStart@db-1", 1},
      {"InstanceSuccess@db-1", 1}, {"InstanceStart@db-2", 1}, {"InstanceSuccess@db-2", 1}};
  CHECK(CountByEvent(bodies) == expected);
  std::set<std::string> ids;
  for (const Json& b : bodies) {
    ids.insert(b.value("messageId", ""));
    CHECK(b["deploymentId"] == id);
    CHECK(b["text"].get<std::string>().find(id) != std::string::npos);
    CHECK(b["triggerName"] == "hook");
  }
  CHECK(ids.size() == bodies.size());
}

// Fast retries, so the restart test does not wait out a long backoff.
// The receiver is on loopback, which triggers may reach only when allowed.
const std::vector<std::string> kFastRetries = {"--trigger-retry-initial-ms", "100",
                                               "--trigger-retry-max-ms",     "1000",
                                               "--trigger-allow-host",       "127.0.0.1"};

TEST_CASE("Every trigger of a deployment reaches the webhook once", "[integration]") {
  Cluster c;
  c.SetControllerArgs(kFastRetries);
  c.StartController();
  Receiver receiver(testing::FreePort());
  receiver.Start();
  c.StartAgent("db-1", {{"env", "it"}}, {{"BERTH_IT_TIMELINE", c.Sub("timeline")}});
  c.StartAgent("db-2", {{"env", "it"}}, {{"BERTH_IT_TIMELINE", c.Sub("timeline")}});
  REQUIRE(c.WaitForInstances(2));
  CreateAppAndGroupWithTrigger(c, "db", "prod", receiver.url());
  WriteRecordingApp(c.Sub("rev"), {.version = "v1", .hook_sleep = "0.05"});
  const std::string id = Deploy(c, "db", "prod", c.Push(c.Sub("rev"), "db"));
  CHECK(c.WaitForDeployment(id)["status"] == "Succeeded");

  REQUIRE(testing::WaitFor([&] { return receiver.bodies().size() >= 6; }, 20000));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // nothing more comes
  CheckSuccessfulDeploymentTriggers(receiver.bodies(), id);
  CHECK(receiver.header_problems() == 0);

  // The outbox, read-only over the API.
  ApiReply outbox = c.Api("GET", "/api/v1/deployments/" + id + "/triggers");
  INFO(outbox.body.dump(2));
  REQUIRE(outbox.status == 200);
  REQUIRE(outbox.body["triggers"].size() == 6);
  for (const Json& m : outbox.body["triggers"]) {
    CHECK(m["status"] == "Delivered");
    CHECK(m["attempts"] == 1);
    CHECK(m["url"] == receiver.url().substr(0, receiver.url().rfind('/')));  // no path
    CHECK_FALSE(m["deliveredTime"].get<std::string>().empty());
  }
  CHECK(c.Api("GET", "/api/v1/deployments/d-NOSUCHONE/triggers").status == 404);

  testing::CommandResult table = c.Berth({"deployment", "triggers", id});
  INFO(table.out << table.err);
  CHECK(table.exit_code == 0);
  CHECK(table.out.find("InstanceSuccess") != std::string::npos);
  CHECK(table.out.find("Delivered") != std::string::npos);
}

TEST_CASE("Triggers queued while the receiver is down survive a controller kill", "[integration]") {
  Cluster c;
  c.SetControllerArgs(kFastRetries);
  c.StartController();
  // The port is chosen but nothing listens yet: every delivery fails.
  Receiver receiver(testing::FreePort());
  c.StartAgent("db-1", {{"env", "it"}}, {{"BERTH_IT_TIMELINE", c.Sub("timeline")}});
  c.StartAgent("db-2", {{"env", "it"}}, {{"BERTH_IT_TIMELINE", c.Sub("timeline")}});
  REQUIRE(c.WaitForInstances(2));
  CreateAppAndGroupWithTrigger(c, "db", "prod", receiver.url());
  WriteRecordingApp(c.Sub("rev"), {.version = "v1", .hook_sleep = "0.05"});
  const std::string id = Deploy(c, "db", "prod", c.Push(c.Sub("rev"), "db"));
  CHECK(c.WaitForDeployment(id)["status"] == "Succeeded");

  // Every message has been tried and failed at least once.
  Json outbox;
  REQUIRE(testing::WaitFor(
      [&] {
        outbox = c.Api("GET", "/api/v1/deployments/" + id + "/triggers").body;
        if (!outbox.contains("triggers") || outbox["triggers"].size() != 6) return false;
        for (const Json& m : outbox["triggers"]) {
          if (m["attempts"] < 1 || m["status"] != "Pending") return false;
        }
        return true;
      },
      20000));
  INFO(outbox.dump(2));
  CHECK_FALSE(outbox["triggers"][0]["lastError"].get<std::string>().empty());

  c.KillController();
  receiver.Start();
  c.StartController();

  REQUIRE(testing::WaitFor([&] { return receiver.bodies().size() >= 6; }, 30000));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // nothing more comes
  CheckSuccessfulDeploymentTriggers(receiver.bodies(), id);
  CHECK(receiver.header_problems() == 0);
  outbox = c.Api("GET", "/api/v1/deployments/" + id + "/triggers").body;
  for (const Json& m : outbox["triggers"]) {
    CHECK(m["status"] == "Delivered");
    CHECK(m["attempts"] >= 2);
  }
}

TEST_CASE("A failed deployment sends DeploymentFailure and InstanceFailure", "[integration]") {
  Cluster c;
  c.SetControllerArgs(kFastRetries);
  c.StartController();
  Receiver receiver(testing::FreePort());
  receiver.Start();
  c.StartAgent("db-1", {{"env", "it"}}, {{"BERTH_IT_TIMELINE", c.Sub("timeline")}});
  REQUIRE(c.WaitForInstances(1));
  CreateAppAndGroupWithTrigger(c, "db", "prod", receiver.url());
  WriteRecordingApp(c.Sub("rev"), {.version = "v1", .fail_validate = true, .hook_sleep = "0.05"});
  const std::string id = Deploy(c, "db", "prod", c.Push(c.Sub("rev"), "db"));
  CHECK(c.WaitForDeployment(id)["status"] == "Failed");

  REQUIRE(testing::WaitFor([&] { return receiver.bodies().size() >= 4; }, 20000));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  std::vector<Json> bodies = receiver.bodies();
  INFO(DumpAll(bodies));
  const std::map<std::string, int> expected = {{"DeploymentStart", 1},
                                               {"DeploymentFailure", 1},
                                               {"InstanceStart@db-1", 1},
                                               {"InstanceFailure@db-1", 1}};
  CHECK(CountByEvent(bodies) == expected);
  for (const Json& b : bodies) {
    if (b["event"] != "DeploymentFailure") continue;
    CHECK(b["status"] == "Failed");
    CHECK(b.contains("errorInformation"));
    CHECK(b["text"].get<std::string>().find(id) != std::string::npos);
  }
}

}  // namespace
}  // namespace berth::itest
