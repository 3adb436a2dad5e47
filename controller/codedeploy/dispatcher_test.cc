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

TEST_CASE("codedeploy: an instance registered ahead is claimed by the first agent enrolling",
          "[codedeploy]") {
  deploy::Fixture f(0);
  Dispatcher d(f.service.get());
  const Json reg = {{"instanceName", "pre-1"}, {"iamUserArn", "arn:aws:iam::123456789012:user/p"}};
  int status = 0;
  CHECK(Call(d, "RegisterOnPremisesInstance", reg, kAdmin, &status) == Json::object());
  CHECK(status == 200);
  Json again = Call(d, "RegisterOnPremisesInstance", reg);
  CHECK(again["__type"] == "InstanceNameAlreadyRegisteredException");
  CHECK(Call(d, "RegisterOnPremisesInstance", {{"instanceName", "pre-2"}})["__type"] ==
        "IamArnRequiredException");
  CHECK(Call(d, "RegisterOnPremisesInstance",
             {{"instanceName", "pre-2"},
              {"iamUserArn", "arn:a"},
              {"iamSessionArn", "arn:b"}})["__type"] == "MultipleIamArnsProvidedException");
  CHECK(Call(d, "RegisterOnPremisesInstance",
             {{"instanceName", "pre-2"}, {"iamUserArn", "bob"}})["__type"] ==
        "InvalidIamUserArnException");
  CHECK(f.service->GetInstance("pre-2").status().code() == Code::kNotFound);

  // Tagged before any agent runs there, as a CodeDeploy provisioning script does.
  CHECK(Call(d, "AddTagsToOnPremisesInstances",
             {{"instanceNames", {"pre-1"}}, {"tags", {{{"Key", "role"}, {"Value", "web"}}}}}) ==
        Json::object());
  Json info = Call(d, "GetOnPremisesInstance", {{"instanceName", "pre-1"}})["instanceInfo"];
  CHECK(info["tags"] == Json({{{"Key", "role"}, {"Value", "web"}}}));
  const std::string id = f.service->GetInstance("pre-1")->id;

  auto claimed =
      f.service->Enroll({deploy::Fixture::kEnrollToken, "pre-1", {{"env", "prod"}}, "test"});
  REQUIRE(claimed.ok());
  CHECK(claimed->instance.id == id);
  CHECK(claimed->instance.tags == model::Tags({{"env", "prod"}, {"role", "web"}}));
  // Claimed once: another host under the name must prove it is that instance.
  auto second =
      f.service->Enroll({deploy::Fixture::kEnrollToken, "pre-1", {{"env", "prod"}}, "test"});
  CHECK(second.status().code() == Code::kAlreadyExists);
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

TEST_CASE("codedeploy: applications and groups are tagged by ARN, tags kept through a rename",
          "[codedeploy]") {
  deploy::Fixture f(0);
  Dispatcher d(f.service.get(), {.page_size = 2});
  const std::string app_arn = "arn:aws:codedeploy:eu-west-1:123456789012:application:web";
  int status = 0;
  Json tagged = Call(d, "TagResource",
                     {{"ResourceArn", app_arn},
                      {"Tags",
                       {{{"Key", "team"}, {"Value", "shop"}},
                        {{"Key", "tier"}, {"Value", "1"}},
                        {{"Key", "cost"}, {"Value", ""}}}}},
                     kAdmin, &status);
  CHECK(status == 200);
  CHECK(tagged == Json::object());
  Json first = Call(d, "ListTagsForResource", {{"ResourceArn", app_arn}});
  CHECK(first ==
        Json({{"Tags", {{{"Key", "cost"}, {"Value", ""}}, {{"Key", "team"}, {"Value", "shop"}}}},
              {"NextToken", "team"}}));
  CHECK(Call(d, "ListTagsForResource", {{"ResourceArn", app_arn}, {"NextToken", "team"}}) ==
        Json({{"Tags", {{{"Key", "tier"}, {"Value", "1"}}}}}));
  Call(d, "UntagResource", {{"ResourceArn", app_arn}, {"TagKeys", {"tier", "cost", "absent"}}});
  Call(d, "UpdateApplication", {{"applicationName", "web"}, {"newApplicationName", "shop"}});
  CHECK(Call(d, "ListTagsForResource",
             {{"ResourceArn", "arn:aws:codedeploy:us-east-1:1:application:shop"}}) ==
        Json({{"Tags", {{{"Key", "team"}, {"Value", "shop"}}}}}));
  // The group keeps its own tags; an update of its settings leaves them alone.
  const std::string shop_group = "arn:aws:codedeploy:us-east-1:1:deploymentgroup:shop/prod";
  Call(d, "TagResource",
       {{"ResourceArn", shop_group}, {"Tags", {{{"Key", "env"}, {"Value", "prod"}}}}});
  Call(d, "UpdateDeploymentGroup",
       {{"applicationName", "shop"},
        {"currentDeploymentGroupName", "prod"},
        {"outdatedInstancesStrategy", "IGNORE"}});
  CHECK(Call(d, "ListTagsForResource", {{"ResourceArn", shop_group}}) ==
        Json({{"Tags", {{{"Key", "env"}, {"Value", "prod"}}}}}));
}

TEST_CASE("codedeploy: tag requests that name nothing or break the rules change nothing",
          "[codedeploy]") {
  deploy::Fixture f(0);
  Dispatcher d(f.service.get());
  const Json one_tag = {{{"Key", "team"}, {"Value", "shop"}}};
  auto type = [&](const std::string& op, const Json& in) {
    return Call(d, op, in)["__type"].get<std::string>();
  };
  CHECK(type("TagResource", {{"Tags", one_tag}}) == "ResourceArnRequiredException");
  CHECK(type("TagResource", {{"ResourceArn", "web"}, {"Tags", one_tag}}) == "InvalidArnException");
  CHECK(type("TagResource", {{"ResourceArn", "arn:aws:s3:::bucket/key"}, {"Tags", one_tag}}) ==
        "ArnNotSupportedException");
  CHECK(type("TagResource", {{"ResourceArn", "arn:aws:codedeploy:r:1:deploymentconfig:x"},
                             {"Tags", one_tag}}) == "ArnNotSupportedException");
  CHECK(type("TagResource", {{"ResourceArn", "arn:aws:codedeploy:r:1:deploymentgroup:web"},
                             {"Tags", one_tag}}) == "InvalidArnException");
  CHECK(type("TagResource", {{"ResourceArn", "arn:aws:codedeploy:r:1:application:nope"},
                             {"Tags", one_tag}}) == "ApplicationDoesNotExistException");
  CHECK(type("TagResource", {{"ResourceArn", "arn:aws:codedeploy:r:1:deploymentgroup:web/nope"},
                             {"Tags", one_tag}}) == "DeploymentGroupDoesNotExistException");
  CHECK(type("ListTagsForResource", {{"ResourceArn", "arn:aws:codedeploy:r:1:application:nope"}}) ==
        "InvalidArnException");
  const std::string arn = "arn:aws:codedeploy:r:1:application:web";
  CHECK(type("TagResource", {{"ResourceArn", arn}}) == "TagRequiredException");
  CHECK(type("UntagResource", {{"ResourceArn", arn}}) == "TagRequiredException");
  CHECK(
      type("TagResource", {{"ResourceArn", arn}, {"Tags", {{{"Key", "aws:x"}, {"Value", "1"}}}}}) ==
      "InvalidTagsToAddException");
  CHECK(type("TagResource", {{"ResourceArn", arn},
                             {"Tags", {{{"Key", std::string(129, 'k')}, {"Value", "1"}}}}}) ==
        "InvalidTagsToAddException");
  Json many = Json::array();
  for (int i = 0; i < 51; ++i) many.push_back({{"Key", "k" + std::to_string(i)}, {"Value", "v"}});
  Json over = Call(d, "TagResource", {{"ResourceArn", arn}, {"Tags", many}});
  CHECK(over == Json({{"__type", "InvalidTagsToAddException"},
                      {"message", "51 tags; a resource has at most 50"}}));
  CHECK(Call(d, "ListTagsForResource", {{"ResourceArn", arn}}) == Json({{"Tags", Json::array()}}));
  // A create whose tags are refused creates nothing.
  CHECK(type("CreateApplication",
             {{"applicationName", "shop"},
              {"tags", {{{"Key", "a"}, {"Value", "1"}}, {{"Key", "a"}, {"Value", "2"}}}}}) ==
        "InvalidTagsToAddException");
  CHECK(f.service->GetApplication("shop").status().code() == Code::kNotFound);
  Call(d, "CreateApplication", {{"applicationName", "shop"}, {"tags", one_tag}});
  CHECK(Call(d, "ListTagsForResource",
             {{"ResourceArn", "arn:aws:codedeploy:r:1:application:shop"}}) ==
        Json({{"Tags", one_tag}}));
  Call(d, "CreateDeploymentGroup",
       {{"applicationName", "shop"},
        {"deploymentGroupName", "blue"},
        {"onPremisesInstanceTagFilters", {{{"Key", "env"}, {"Type", "KEY_ONLY"}}}},
        {"tags", {{{"Key", "color"}, {"Value", "blue"}}}}});
  CHECK(Call(d, "ListTagsForResource",
             {{"ResourceArn", "arn:aws:codedeploy:r:1:deploymentgroup:shop/blue"}}) ==
        Json({{"Tags", {{{"Key", "color"}, {"Value", "blue"}}}}}));
  int status = 0;
  Call(d, "TagResource", {{"ResourceArn", arn}, {"Tags", one_tag}}, kViewer, &status);
  CHECK(status == 400);
  CHECK(Call(d, "ListTagsForResource", {{"ResourceArn", arn}}) == Json({{"Tags", Json::array()}}));
}

}  // namespace
}  // namespace berth::codedeploy
