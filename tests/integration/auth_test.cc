// A wrong token on the API or on the agent channel is refused and changes nothing.
#include <grpcpp/grpcpp.h>
#include <httplib.h>

#include <catch2/catch.hpp>

#include "berth/v1/agent.grpc.pb.h"
#include "tests/integration/cluster.h"

namespace berth::itest {
namespace {

TEST_CASE("A wrong API token gets 401 and changes nothing", "[integration]") {
  Cluster c;
  c.StartController();
  ApiReply refused =
      c.Api("POST", "/api/v1/applications", {{"applicationName", "sneaky"}}, "wrong-token");
  CHECK(refused.status == 401);
  CHECK(refused.body["code"] == "UNAUTHENTICATED");
  CHECK(c.Api("GET", "/api/v1/applications", nullptr, "wrong-token").status == 401);
  CHECK(c.Api("GET", "/api/v1/applications").body["applications"].empty());

  std::vector<std::string> argv = c.BerthCommand();
  argv.insert(argv.end(), {"--token", "wrong-token", "app", "create", "sneaky"});
  auto cli = testing::RunCommand(argv);
  CHECK(cli.exit_code == 2);
  CHECK_THAT(cli.err, Catch::Contains("UNAUTHENTICATED"));
  CHECK(c.Api("GET", "/api/v1/applications").body["applications"].empty());
}

TEST_CASE("A wrong enrollment token or agent credential is refused", "[integration]") {
  Cluster c;
  c.StartController();

  // An agent with the wrong enrollment token stops with a clear error and registers nothing.
  testing::TempDir root;
  testing::Subprocess agent({BinPath("berth-agent"), "--controller", c.grpc_address(), "--name",
                             "intruder", "--root", root.path(), "--enroll-token", "wrong",
                             "--ca-cert", c.ca_cert()},
                            {}, c.Sub("intruder.log"));
  int exit_code = 0;
  REQUIRE(agent.WaitExit(15000, &exit_code));
  CHECK(exit_code == 1);
  CHECK_THAT(testing::ReadTestFile(c.Sub("intruder.log")),
             Catch::Contains("UNAUTHENTICATED: cannot enroll \"intruder\": enroll: wrong "
                             "enrollment token"));
  CHECK(c.Api("GET", "/api/v1/instances").body["instanceInfos"].empty());

  // Every agent call with a made-up credential is UNAUTHENTICATED.
  grpc::SslCredentialsOptions tls;
  tls.pem_root_certs = testing::ReadTestFile(c.ca_cert());
  auto channel = grpc::CreateChannel(c.grpc_address(), grpc::SslCredentials(tls));
  auto stub = v1::AgentService::NewStub(channel);
  {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer made-up");
    v1::PollCommandRequest req;
    req.set_wait_seconds(1);
    v1::PollCommandResponse resp;
    grpc::Status s = stub->PollCommand(&ctx, req, &resp);
    CHECK(s.error_code() == grpc::StatusCode::UNAUTHENTICATED);
  }
  {
    grpc::ClientContext ctx;
    v1::CompleteCommandRequest req;
    req.set_command_id("c-123");
    req.set_succeeded(true);
    v1::CompleteCommandResponse resp;
    grpc::Status s = stub->CompleteCommand(&ctx, req, &resp);
    CHECK(s.error_code() == grpc::StatusCode::UNAUTHENTICATED);
  }
  {
    grpc::ClientContext ctx;
    v1::EnrollRequest req;
    req.set_enroll_token("also-wrong");
    req.set_name("intruder-2");
    v1::EnrollResponse resp;
    grpc::Status s = stub->Enroll(&ctx, req, &resp);
    CHECK(s.error_code() == grpc::StatusCode::UNAUTHENTICATED);
  }
  CHECK(c.Api("GET", "/api/v1/instances").body["instanceInfos"].empty());
}

}  // namespace
}  // namespace berth::itest

namespace berth::itest {
namespace {

TEST_CASE("Malformed API requests get a clear error and change nothing", "[integration]") {
  Cluster c;
  c.StartController();
  std::unique_ptr<httplib::Client> client = c.HttpClient();
  httplib::Headers auth = {{"Authorization", "Bearer " + c.admin_token()}};

  auto garbage = client->Post("/api/v1/applications", auth, "{not json", "application/json");
  REQUIRE(garbage);
  CHECK(garbage->status == 400);
  CHECK(Json::parse(garbage->body)["message"] == "request body is not valid JSON");

  auto wrong_type = c.Api("POST", "/api/v1/applications", {{"applicationName", 7}});
  CHECK(wrong_type.status == 400);
  CHECK(wrong_type.body["message"] == "applicationName must be a string");

  auto app = c.Api("POST", "/api/v1/applications", {{"applicationName", "web"}});
  REQUIRE(app.status == 201);
  auto group = c.Api("POST", "/api/v1/applications/web/deployment-groups",
                     {{"deploymentGroupName", "prod"},
                      {"onPremisesInstanceTagFilters", {{{"Key", "env"}, {"Type", "NOPE"}}}}});
  CHECK(group.status == 400);
  CHECK(group.body["message"] ==
        "onPremisesInstanceTagFilters[0].Type \"NOPE\" is not one of KEY_ONLY, VALUE_ONLY, "
        "KEY_AND_VALUE");
  CHECK(
      c.Api("GET", "/api/v1/applications/web/deployment-groups").body["deploymentGroups"].empty());

  auto deploy = c.Api(
      "POST", "/api/v1/deployments",
      {{"applicationName", "web"}, {"deploymentGroupName", "prod"}, {"revisionId", "r-missing"}});
  CHECK(deploy.status == 404);
  CHECK(deploy.body["code"] == "NOT_FOUND");

  auto unknown = client->Get("/api/v1/nothing-here", auth);
  REQUIRE(unknown);
  CHECK(unknown->status == 404);
  CHECK(Json::parse(unknown->body)["message"] == "no such endpoint: GET /api/v1/nothing-here");
  CHECK(c.Api("GET", "/api/v1/deployments").body["deployments"].empty());
}

}  // namespace
}  // namespace berth::itest
