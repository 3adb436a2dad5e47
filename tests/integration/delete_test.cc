// app delete, group delete and revision delete (docs/api.md "Deleting"): each refused,
// with its exact status and text, while something active uses what it would delete, and
// then done, with what cascades and the blobs that stay or go.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"

namespace berth::itest {
namespace {

std::string BlobPath(Cluster& c, const std::string& sha) {
  return c.Sub("controller-data/blobs/" + sha.substr(0, 2) + "/" + sha);
}

bool Exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

std::string StoreSha(Cluster& c, const std::string& revision) {
  return c.Api("GET", "/api/v1/revisions/" + revision).body["revision"]["storeLocation"]["sha256"];
}

// Waits until event `event` of the deployment's only host has status `status`.
bool WaitForEvent(Cluster& c, const std::string& deployment, const std::string& event,
                  const std::string& status) {
  for (int i = 0; i < 300; ++i) {
    Json targets = c.Targets(deployment);
    if (targets.size() == 1) {
      for (const Json& e : targets[0]["lifecycleEvents"]) {
        if (e["lifecycleEventName"] == event && e["status"] == status) return true;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

void CheckRefused(const ApiReply& reply, const std::string& message) {
  INFO(reply.body.dump());
  CHECK(reply.status == 409);
  CHECK(reply.body["code"] == "FAILED_PRECONDITION");
  CHECK(reply.body["message"] == message);
}

TEST_CASE("Delete is refused while a deployment is active, then cascades", "[integration]") {
  Cluster c;
  StartOneHost(c);  // application shop, group prod, host app-1
  WriteRecordingApp(c.Sub("v1"),
                    {.version = "v1", .gate_host = "app-1", .gate_file = c.Sub("gate")});
  const std::string rev1 = c.Push(c.Sub("v1"), "shop");
  const std::string sha1 = StoreSha(c, rev1);
  const std::string d1 = c.Deploy("shop", "prod", rev1);

  // While d1 is InProgress nothing it uses can go.
  const std::string busy = "cannot be deleted: deployment " + d1 +
                           " of deployment group \"prod\" is InProgress; stop it (berth "
                           "deployment stop " +
                           d1 + ") or let it end first";
  CheckRefused(c.Api("DELETE", "/api/v1/applications/shop"), "application \"shop\" " + busy);
  CheckRefused(c.Api("DELETE", "/api/v1/applications/shop/deployment-groups/prod"),
               "deployment group \"prod\" of application \"shop\" " + busy);
  CheckRefused(c.Api("DELETE", "/api/v1/revisions/" + rev1),
               "revision " + rev1 + " cannot be deleted: active deployment " + d1 + " deploys it");
  auto cli = c.Berth({"group", "delete", "shop", "prod"});
  CHECK(cli.exit_code == 2);
  CHECK(cli.err ==
        "berth: FAILED_PRECONDITION: deployment group \"prod\" of application \"shop\" " + busy +
            "\n");
  // Nothing changed.
  CHECK(c.Api("GET", "/api/v1/applications/shop/deployment-groups/prod").status == 200);
  CHECK(c.Api("GET", "/api/v1/revisions/" + rev1).status == 200);
  CHECK(Exists(BlobPath(c, sha1)));

  testing::WriteTestFile(c.Sub("gate"), "");
  REQUIRE(c.WaitForDeployment(d1)["status"] == "Succeeded");

  // prod's rollbacks and new hosts would deploy rev1.
  CheckRefused(c.Api("DELETE", "/api/v1/revisions/" + rev1),
               "revision " + rev1 +
                   " cannot be deleted: it is the last successful revision of "
                   "deployment group(s) shop/prod, which their rollbacks and new instances deploy; "
                   "deploy another revision there first");

  // A second revision of the same bytes goes, and the blob stays for rev1.
  ApiReply twin = c.Api("POST", "/api/v1/applications/shop/revisions",
                        {{"revision", c.Api("GET", "/api/v1/revisions/" + rev1).body["revision"]}});
  REQUIRE(twin.status == 201);
  const std::string rev_twin = twin.body["revisionId"];
  cli = c.Berth({"revision", "delete", rev_twin});
  CHECK(cli.exit_code == 0);
  CHECK(cli.out == "Deleted revision " + rev_twin + "\n");
  CHECK(c.Api("GET", "/api/v1/revisions/" + rev_twin).status == 404);
  CHECK(Exists(BlobPath(c, sha1)));

  // A revision nobody deployed goes with its own blob.
  WriteRecordingApp(c.Sub("v2"), {.version = "v2"});
  const std::string rev2 = c.Push(c.Sub("v2"), "shop");
  const std::string sha2 = StoreSha(c, rev2);
  REQUIRE(Exists(BlobPath(c, sha2)));
  cli = c.Berth({"--output", "json", "revision", "delete", rev2});
  CHECK(cli.exit_code == 0);
  CHECK(Json::parse(cli.out) == Json{{"revisionId", rev2}, {"deleted", true}});
  CHECK(!Exists(BlobPath(c, sha2)));
  ApiReply again = c.Api("DELETE", "/api/v1/revisions/" + rev2);
  CHECK(again.status == 404);
  CHECK(again.body["message"] == "revision " + rev2 + " does not exist");

  // The group goes with its deployments; the application with its groups and revisions.
  REQUIRE(c.Api("POST", "/api/v1/applications/shop/deployment-groups",
                {{"deploymentGroupName", "staging"},
                 {"onPremisesInstanceTagFilters", {{{"Key", "env"}, {"Value", "it"}}}}})
              .status == 201);
  ApiReply deleted = c.Api("DELETE", "/api/v1/applications/shop/deployment-groups/prod");
  CHECK(deleted.status == 200);
  CHECK(deleted.body == Json::object());
  CHECK(c.Api("GET", "/api/v1/applications/shop/deployment-groups/prod").status == 404);
  ApiReply gone = c.Api("GET", "/api/v1/deployments/" + d1);
  CHECK(gone.status == 404);
  CHECK(gone.body["message"] == "deployment " + d1 + " does not exist");
  CHECK(c.Api("DELETE", "/api/v1/applications/shop/deployment-groups/prod").status == 404);

  cli = c.Berth({"app", "delete", "shop"});
  CHECK(cli.exit_code == 0);
  CHECK(cli.out == "Deleted application shop with its deployment groups and revisions\n");
  CHECK(c.Api("GET", "/api/v1/applications/shop").status == 404);
  CHECK(c.Api("GET", "/api/v1/revisions/" + rev1).status == 404);
  CHECK(!Exists(BlobPath(c, sha1)));
  // The name is free again.
  CHECK(c.Api("POST", "/api/v1/applications", {{"applicationName", "shop"}}).status == 201);
  CHECK(c.Api("GET", "/api/v1/applications/shop/deployment-groups").body["deploymentGroups"] ==
        Json::array());
}

TEST_CASE("Delete waits for an event still running after a stop", "[integration]") {
  Cluster c;
  StartOneHost(c);
  WriteRecordingApp(c.Sub("v1"),
                    {.version = "v1", .gate_host = "app-1", .gate_file = c.Sub("gate")});
  const std::string rev = c.Push(c.Sub("v1"), "shop");
  const std::string d = c.Deploy("shop", "prod", rev);
  REQUIRE(WaitForEvent(c, d, "ValidateService", "InProgress"));
  REQUIRE(c.Api("POST", "/api/v1/deployments/" + d + "/stop", Json::object()).status == 200);
  REQUIRE(c.Api("GET", "/api/v1/deployments/" + d).body["status"] == "Stopped");

  const std::string running =
      "cannot be deleted: instance \"app-1\" is still running "
      "ValidateService of deployment " +
      d + "; try again once it has reported";
  CheckRefused(c.Api("DELETE", "/api/v1/applications/shop/deployment-groups/prod"),
               "deployment group \"prod\" of application \"shop\" " + running);
  CheckRefused(c.Api("DELETE", "/api/v1/revisions/" + rev), "revision " + rev + " " + running);
  CheckRefused(c.Api("DELETE", "/api/v1/applications/shop"), "application \"shop\" " + running);

  testing::WriteTestFile(c.Sub("gate"), "");
  REQUIRE(WaitForEvent(c, d, "ValidateService", "Succeeded"));
  CHECK(c.Api("DELETE", "/api/v1/revisions/" + rev).status == 200);
  CHECK(c.Api("DELETE", "/api/v1/applications/shop").status == 200);
  CHECK(c.Api("GET", "/api/v1/applications/shop").status == 404);
}

}  // namespace
}  // namespace berth::itest
