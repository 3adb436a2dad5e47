#include "controller/codedeploy/dispatcher.h"

#include <catch2/catch.hpp>

#include "controller/codedeploy/errors.h"
#include "controller/deploy/engine_fixture_for_test.h"

namespace berth::codedeploy {
namespace {

const api::Principal kAdmin{"BTADMIN", model::Role::kAdmin};
const api::Principal kViewer{"BTVIEWER", model::Role::kViewer};

Json Call(const Dispatcher& d, const std::string& op, const Json& in,
          const api::Principal& who = kAdmin, int* status = nullptr) {
  AwsResponse r = d.Handle(std::string(kTargetPrefix) + op, who, in.dump());
  if (status != nullptr) *status = r.status;
  return Json::parse(r.body);
}

TEST_CASE("codedeploy: NOT_FOUND maps by reason, not by message", "[codedeploy]") {
  Operation op{"GetThing", "GET", "/", nullptr, "InvalidThingException"};
  CHECK(ErrorFor(NotFound("x").WithReason(Reason::kApplication), op).type ==
        "ApplicationDoesNotExistException");
  CHECK(ErrorFor(NotFound("application \"web\" does not exist"), op).type ==
        "InvalidThingException");
  CHECK(ErrorFor(AlreadyExists("x").WithReason(Reason::kDeploymentGroup), op).type ==
        "DeploymentGroupAlreadyExistsException");
  CHECK(ErrorFor(Internal("disk"), op).http_status == 500);
  op.not_found = "OnlyThisException";
  CHECK(ErrorFor(NotFound("x").WithReason(Reason::kInstance), op).type == "OnlyThisException");
}

TEST_CASE("codedeploy: only a group's active deployment is DeploymentLimitExceededException",
          "[codedeploy]") {
  deploy::Fixture f(1);
  f.Deploy();
  auto second = f.engine->CreateDeployment(f.Request("r-1"));
  REQUIRE(second.status().code() == Code::kFailedPrecondition);
  const Operation* create = FindOperation("CreateDeployment");
  REQUIRE(create != nullptr);
  AwsError busy = ErrorFor(second.status(), *create);
  CHECK(busy.type == "DeploymentLimitExceededException");
  CHECK(busy.message.find("already has an active deployment") != std::string::npos);
  CHECK(ErrorFor(FailedPrecondition("deployment group \"prod\" is in freeze window \"x\""), *create)
            .type == "InvalidOperationException");
}

TEST_CASE("codedeploy: applications are created, read, listed a page at a time", "[codedeploy]") {
  deploy::Fixture f(0);
  Dispatcher d(f.service.get(), {.page_size = 2});
  int status = 0;
  Json created = Call(d, "CreateApplication", {{"applicationName", "shop"}}, kAdmin, &status);
  CHECK(status == 200);
  CHECK(created["applicationId"].get<std::string>().size() == 36);
  Json again = Call(d, "CreateApplication", {{"applicationName", "shop"}}, kAdmin, &status);
  CHECK(status == 400);
  CHECK(again == Json({{"__type", "ApplicationAlreadyExistsException"},
                       {"message", "application \"shop\" already exists"}}));
  CHECK(Call(d, "GetApplication", {{"applicationName", "nope"}})["__type"] ==
        "ApplicationDoesNotExistException");
  CHECK(Call(d, "GetApplication", Json::object())["__type"] == "ApplicationNameRequiredException");
  Call(d, "CreateApplication", {{"applicationName", "api"}});
  Json first = Call(d, "ListApplications", Json::object());
  CHECK(first == Json({{"applications", {"api", "shop"}}, {"nextToken", "shop"}}));
  Json second = Call(d, "ListApplications", {{"nextToken", "shop"}});
  CHECK(second == Json({{"applications", {"web"}}}));
  CHECK(Call(d, "ListApplications", {{"nextToken", "gone"}})["__type"] ==
        "InvalidNextTokenException");
  Json info = Call(d, "GetApplication", {{"applicationName", "shop"}})["application"];
  CHECK(info["createTime"].is_number());
  CHECK(info["applicationId"] == created["applicationId"]);
}

TEST_CASE("codedeploy: roles follow the REST routes' table", "[codedeploy]") {
  deploy::Fixture f(0);
  Dispatcher d(f.service.get());
  int status = 0;
  Json denied = Call(d, "CreateApplication", {{"applicationName", "shop"}}, kViewer, &status);
  CHECK(status == 400);
  CHECK(denied["__type"] == "AccessDeniedException");
  CHECK(denied["message"] ==
        "CreateApplication needs the admin role; access key BTVIEWER has the viewer role");
  CHECK(Call(d, "ListApplications", Json::object(), kViewer)["applications"] == Json({"web"}));
  CHECK(!f.service->GetApplication("shop").ok());
  const api::Principal deployer{"BTDEPLOY", model::Role::kDeployer};
  CHECK(Call(d, "CreateDeploymentGroup", {{"applicationName", "web"}}, deployer)["__type"] ==
        "AccessDeniedException");
}

TEST_CASE("codedeploy: unknown and unsupported operations are clear 400s", "[codedeploy]") {
  deploy::Fixture f(0);
  Dispatcher d(f.service.get());
  int status = 0;
  Json unsupported = Call(d, "ListGitHubAccountTokenNames", Json::object(), kAdmin, &status);
  CHECK(status == 400);
  CHECK(unsupported == Json({{"__type", "InvalidOperationException"},
                             {"message",
                              "ListGitHubAccountTokenNames is not supported by Berth "
                              "(docs/codedeploy-compat.md lists what is)"}}));
  CHECK(Call(d, "Bogus", Json::object())["__type"] == "UnknownOperationException");
  AwsResponse other = d.Handle("S3.PutObject", kAdmin, "{}");
  CHECK(other.status == 400);
  CHECK(Json::parse(other.body)["__type"] == "UnknownOperationException");
  AwsResponse broken = d.Handle("CodeDeploy_20141006.ListApplications", kAdmin, "[1,");
  CHECK(Json::parse(broken.body)["__type"] == "SerializationException");
}

TEST_CASE("codedeploy: a deployment group from on-premises tag filters, EC2 ones refused",
          "[codedeploy]") {
  deploy::Fixture f(0);
  Dispatcher d(f.service.get());
  Json ec2 =
      Call(d, "CreateDeploymentGroup",
           {{"applicationName", "web"},
            {"deploymentGroupName", "ec2"},
            {"ec2TagFilters", {{{"Key", "env"}, {"Value", "it"}, {"Type", "KEY_AND_VALUE"}}}}});
  CHECK(ec2["__type"] == "InvalidEC2TagException");
  CHECK(!f.service->GetDeploymentGroup("web", "ec2").ok());
  Json created = Call(d, "CreateDeploymentGroup",
                      {{"applicationName", "web"},
                       {"deploymentGroupName", "canary"},
                       {"serviceRoleArn", "arn:aws:iam::1:role/x"},
                       {"onPremisesInstanceTagFilters",
                        {{{"Key", "env"}, {"Value", "it"}, {"Type", "KEY_AND_VALUE"}}}},
                       {"triggerConfigurations",
                        {{{"triggerName", "hook"},
                          {"triggerTargetArn", "https://93.184.216.34/x"},
                          {"triggerEvents", {"DeploymentSuccess"}}}}}});
  REQUIRE(created.contains("deploymentGroupId"));
  auto group = f.service->GetDeploymentGroup("web", "canary");
  REQUIRE(group.ok());
  CHECK(group->triggers[0].url == "https://93.184.216.34/x");
  Json info =
      Call(d, "GetDeploymentGroup",
           {{"applicationName", "web"}, {"deploymentGroupName", "canary"}})["deploymentGroupInfo"];
  CHECK(info["triggerConfigurations"][0]["triggerTargetArn"] == "https://93.184.216.34");
  CHECK(Call(d, "GetDeploymentGroup",
             {{"applicationName", "web"}, {"deploymentGroupName", "x"}})["__type"] ==
        "DeploymentGroupDoesNotExistException");
  Json dup = Call(d, "CreateDeploymentGroup",
                  {{"applicationName", "web"},
                   {"deploymentGroupName", "canary"},
                   {"onPremisesInstanceTagFilters", {{{"Key", "env"}, {"Type", "KEY_ONLY"}}}}});
  CHECK(dup["__type"] == "DeploymentGroupAlreadyExistsException");
}

}  // namespace
}  // namespace berth::codedeploy
