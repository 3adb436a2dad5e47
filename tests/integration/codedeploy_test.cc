// The CodeDeploy-compatible API driven by the real aws CLI and botocore, over TLS, with
// SigV4 keys from API tokens (docs/codedeploy-compat.md).
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"
#include "tests/integration/codedeploy_helpers.h"
#include "tests/integration/moto.h"
#include "tests/integration/revision_helpers.h"

namespace berth::itest {
namespace {

// A repository holding the recording app, committed once; returns the commit.
std::string CommitApp(const std::string& repo) {
  WriteRecordingApp(repo, {.version = "v1", .hook_sleep = "0"});
  Git(repo, {"init", "-q"});
  Git(repo, {"add", "-A"});
  Git(repo, {"commit", "-q", "-m", "v1"});
  std::string commit = Git(repo, {"rev-parse", "HEAD"});
  commit.erase(commit.find_last_not_of('\n') + 1);
  return commit;
}

// A controller with file:// git repositories allowed and two-item List pages (so the aws
// CLI's paginators walk nextToken), and `agents` agents tagged env=it.
void StartCodeDeployCluster(Cluster& c, int agents) {
  c.SetControllerArgs({"--allow-insecure-git", "--codedeploy-page-size", "2"});
  c.StartController();
  for (int i = 1; i <= agents; ++i) c.StartAgent("cd-" + std::to_string(i), {{"env", "it"}});
  REQUIRE(c.WaitForInstances(agents));
}

TEST_CASE("codedeploy: the aws CLI deploys a GitHub revision to two real agents",
          "[integration][codedeploy]") {
  Cluster c;
  StartCodeDeployCluster(c, 2);
  const std::string repo = c.Sub("repo");
  const std::string commit = CommitApp(repo);
  const std::string github = "repository=file://" + repo + ",commitId=" + commit;
  AwsCli aws(c, CreateAwsKey(c, "admin"));

  Json created = aws.AwsJson({"deploy", "create-application", "--application-name", "shop"});
  CHECK(created["applicationId"].get<std::string>().size() == 36);
  testing::CommandResult again =
      aws.Aws({"deploy", "create-application", "--application-name", "shop"});
  CHECK(again.exit_code == 255);
  CHECK_THAT(again.err, Catch::Contains("(ApplicationAlreadyExistsException)") &&
                            Catch::Contains("application \"shop\" already exists"));
  testing::CommandResult missing =
      aws.Aws({"deploy", "get-application", "--application-name", "nope"});
  CHECK(missing.exit_code == 255);
  CHECK_THAT(missing.err, Catch::Contains("(ApplicationDoesNotExistException)") &&
                              Catch::Contains("application \"nope\" does not exist"));
  for (const char* name : {"web", "api"}) {
    aws.AwsJson({"deploy", "create-application", "--application-name", name});
  }
  // Three applications on two-item pages: the CLI follows nextToken.
  Json apps = aws.AwsJson({"deploy", "list-applications"});
  CHECK(apps["applications"] == Json({"api", "shop", "web"}));
  Json batch =
      aws.AwsJson({"deploy", "batch-get-applications", "--application-names", "shop", "web"});
  REQUIRE(batch["applicationsInfo"].size() == 2);
  CHECK(batch["applicationsInfo"][0]["applicationId"] == created["applicationId"]);
  CHECK(batch["applicationsInfo"][1]["computePlatform"] == "Server");

  aws.AwsJson({"deploy", "create-deployment-config", "--deployment-config-name", "two-healthy",
               "--minimum-healthy-hosts", "type=HOST_COUNT,value=0"});
  Json config =
      aws.AwsJson({"deploy", "get-deployment-config", "--deployment-config-name", "two-healthy"});
  CHECK(config["deploymentConfigInfo"]["minimumHealthyHosts"] ==
        Json({{"type", "HOST_COUNT"}, {"value", 0}}));
  Json configs = aws.AwsJson({"deploy", "list-deployment-configs"});
  CHECK(configs["deploymentConfigsList"] ==
        Json({"CodeDeployDefault.AllAtOnce", "CodeDeployDefault.HalfAtATime",
              "CodeDeployDefault.OneAtATime", "two-healthy"}));

  Json group =
      aws.AwsJson({"deploy", "create-deployment-group", "--application-name", "shop",
                   "--deployment-group-name", "prod", "--deployment-config-name", "two-healthy",
                   "--on-premises-instance-tag-filters", "Key=env,Value=it,Type=KEY_AND_VALUE",
                   "--service-role-arn", "arn:aws:iam::000000000000:role/unused",
                   "--auto-rollback-configuration", "enabled=true,events=DEPLOYMENT_FAILURE"});
  CHECK(group["deploymentGroupId"].get<std::string>().size() == 36);
  Json got_group = aws.AwsJson({"deploy", "get-deployment-group", "--application-name", "shop",
                                "--deployment-group-name", "prod"});
  const Json& info = got_group["deploymentGroupInfo"];
  CHECK(info["deploymentConfigName"] == "two-healthy");
  CHECK(info["onPremisesInstanceTagFilters"] ==
        Json::parse(R"([{"Key":"env","Value":"it","Type":"KEY_AND_VALUE"}])"));
  CHECK(info["autoRollbackConfiguration"] ==
        Json::parse(R"({"enabled":true,"events":["DEPLOYMENT_FAILURE"]})"));

  Json deployment = aws.AwsJson({"deploy", "create-deployment", "--application-name", "shop",
                                 "--deployment-group-name", "prod", "--github-location", github,
                                 "--description", "from the aws CLI"});
  const std::string id = deployment["deploymentId"];
  CHECK(id.size() == 11);
  testing::CommandResult waited =
      aws.Aws({"deploy", "wait", "deployment-successful", "--deployment-id", id});
  INFO(waited.out << waited.err);
  REQUIRE(waited.exit_code == 0);
  CHECK(InstalledVersion(c.InstallRoot(0)) == "v1\n");
  CHECK(InstalledVersion(c.InstallRoot(1)) == "v1\n");

  Json got = aws.AwsJson({"deploy", "get-deployment", "--deployment-id", id})["deploymentInfo"];
  CHECK(got["status"] == "Succeeded");
  CHECK(got["description"] == "from the aws CLI");
  CHECK(got["deploymentOverview"]["Succeeded"] == 2);
  CHECK(got["revision"] ==
        Json({{"revisionType", "GitHub"},
              {"gitHubLocation", {{"repository", "file://" + repo}, {"commitId", commit}}}}));
  CHECK(got["createTime"].is_number());
  Json listed =
      aws.AwsJson({"deploy", "list-deployments", "--application-name", "shop",
                   "--deployment-group-name", "prod", "--include-only-statuses", "Succeeded"});
  CHECK(listed["deployments"] == Json({id}));
  Json instances = aws.AwsJson({"deploy", "list-deployment-instances", "--deployment-id", id});
  CHECK(instances["instancesList"] == Json({"cd-1", "cd-2"}));
  Json one = aws.AwsJson(
      {"deploy", "get-deployment-instance", "--deployment-id", id, "--instance-id", "cd-2"});
  CHECK(one["instanceSummary"]["status"] == "Succeeded");
  CHECK(one["instanceSummary"]["lifecycleEvents"].size() == 7);
  Json targets = aws.AwsJson({"deploy", "list-deployment-targets", "--deployment-id", id});
  CHECK(targets["targetIds"] == Json({"cd-1", "cd-2"}));
  Json batch_targets = aws.AwsJson(
      {"deploy", "batch-get-deployment-targets", "--deployment-id", id, "--target-ids", "cd-1"});
  CHECK(batch_targets["deploymentTargets"][0]["instanceTarget"]["status"] == "Succeeded");
  Json batch_deployments = aws.AwsJson({"deploy", "batch-get-deployments", "--deployment-ids", id});
  CHECK(batch_deployments["deploymentsInfo"][0]["deploymentId"] == id);

  // The revision the deployment registered; registering it again is the same revision.
  aws.AwsJson({"deploy", "register-application-revision", "--application-name", "shop",
               "--github-location", github, "--description", "again"});
  Json revisions =
      aws.AwsJson({"deploy", "list-application-revisions", "--application-name", "shop"});
  REQUIRE(revisions["revisions"].size() == 1);
  CHECK(revisions["revisions"][0]["gitHubLocation"]["commitId"] == commit);
  Json revision = aws.AwsJson({"deploy", "get-application-revision", "--application-name", "shop",
                               "--github-location", github});
  CHECK(revision["revisionInfo"]["registerTime"].is_number());

  Json groups = aws.AwsJson({"deploy", "list-deployment-groups", "--application-name", "shop"});
  CHECK(groups["deploymentGroups"] == Json({"prod"}));
  Json hosts = aws.AwsJson({"deploy", "list-on-premises-instances"});
  CHECK(hosts["instanceNames"] == Json({"cd-1", "cd-2"}));
  aws.AwsJson({"deploy", "add-tags-to-on-premises-instances", "--instance-names", "cd-2", "--tags",
               "Key=role,Value=web"});
  Json host = aws.AwsJson({"deploy", "get-on-premises-instance", "--instance-name", "cd-2"});
  CHECK(host["instanceInfo"]["tags"] ==
        Json::parse(R"([{"Key":"env","Value":"it"},{"Key":"role","Value":"web"}])"));
  aws.AwsJson({"deploy", "remove-tags-from-on-premises-instances", "--instance-names", "cd-2",
               "--tags", "Key=role,Value=web"});
  Json untagged =
      aws.AwsJson({"deploy", "batch-get-on-premises-instances", "--instance-names", "cd-2"});
  CHECK(untagged["instanceInfos"][0]["tags"] == Json::parse(R"([{"Key":"env","Value":"it"}])"));

  // Registered and tagged ahead, as a CodeDeploy provisioning script does; the agent that
  // then enrolls under the name claims the instance and keeps its tags.
  aws.AwsJson({"deploy", "register-on-premises-instance", "--instance-name", "cd-9",
               "--iam-user-arn", "arn:aws:iam::123456789012:user/cd-9"});
  testing::CommandResult twice =
      aws.Aws({"deploy", "register-on-premises-instance", "--instance-name", "cd-9",
               "--iam-user-arn", "arn:aws:iam::123456789012:user/cd-9"});
  CHECK(twice.exit_code == 255);
  CHECK_THAT(twice.err, Catch::Contains("(InstanceNameAlreadyRegisteredException)"));
  aws.AwsJson({"deploy", "add-tags-to-on-premises-instances", "--instance-names", "cd-9", "--tags",
               "Key=role,Value=web"});
  c.StartAgent("cd-9", {{"env", "spare"}});  // matches no group: no automatic deployment
  bool enrolled = false;
  for (int i = 0; i < 100 && !enrolled; ++i) {
    enrolled = c.Api("GET", "/api/v1/instances/cd-9").body["agentVersion"] != "";
    if (!enrolled) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  REQUIRE(enrolled);
  Json claimed = aws.AwsJson({"deploy", "get-on-premises-instance", "--instance-name", "cd-9"});
  CHECK(claimed["instanceInfo"]["tags"] ==
        Json::parse(R"([{"Key":"env","Value":"spare"},{"Key":"role","Value":"web"}])"));

  testing::CommandResult in_use =
      aws.Aws({"deploy", "delete-deployment-config", "--deployment-config-name", "two-healthy"});
  CHECK(in_use.exit_code == 255);
  CHECK_THAT(in_use.err, Catch::Contains("(DeploymentConfigInUseException)"));

  // Resource tags on an application and a group, by ARN.
  const std::string shop_arn = "arn:aws:codedeploy:us-east-1:123456789012:application:shop";
  const std::string group_arn =
      "arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:shop/prod";
  aws.AwsJson({"deploy", "tag-resource", "--resource-arn", shop_arn, "--tags",
               "Key=team,Value=payments", "Key=tier,Value=1"});
  aws.AwsJson(
      {"deploy", "tag-resource", "--resource-arn", group_arn, "--tags", "Key=env,Value=it"});
  aws.AwsJson({"deploy", "untag-resource", "--resource-arn", shop_arn, "--tag-keys", "tier"});
  CHECK(aws.AwsJson({"deploy", "list-tags-for-resource", "--resource-arn", shop_arn})["Tags"] ==
        Json::parse(R"([{"Key":"team","Value":"payments"}])"));
  CHECK(aws.AwsJson({"deploy", "list-tags-for-resource", "--resource-arn", group_arn})["Tags"] ==
        Json::parse(R"([{"Key":"env","Value":"it"}])"));
  testing::CommandResult no_app = aws.Aws(
      {"deploy", "tag-resource", "--resource-arn",
       "arn:aws:codedeploy:us-east-1:123456789012:application:nope", "--tags", "Key=a,Value=b"});
  CHECK(no_app.exit_code == 255);
  CHECK_THAT(no_app.err, Catch::Contains("(ApplicationDoesNotExistException)"));

  // Rename and delete; deleting what is already gone succeeds, as on AWS.
  aws.AwsJson({"deploy", "update-application", "--application-name", "web",
               "--new-application-name", "www"});
  CHECK(aws.AwsJson({"deploy", "list-applications"})["applications"] ==
        Json({"api", "shop", "www"}));
  aws.AwsJson({"deploy", "delete-application", "--application-name", "www"});
  aws.AwsJson({"deploy", "delete-application", "--application-name", "www"});
  CHECK(aws.AwsJson({"deploy", "list-applications"})["applications"] == Json({"api", "shop"}));
  Json deleted = aws.AwsJson({"deploy", "delete-deployment-group", "--application-name", "shop",
                              "--deployment-group-name", "prod"});
  CHECK(deleted["hooksNotCleanedUp"] == Json::array());
  CHECK(aws.AwsJson({"deploy", "list-deployment-groups", "--application-name",
                     "shop"})["deploymentGroups"] == Json::array());

  Json shapes = aws.CheckShapes();
  INFO(shapes.dump(2));
  CHECK(shapes["problems"].empty());
  CHECK(shapes["checked"].get<int>() >= 30);
  CHECK(shapes["operations"].size() >= 25);
}

TEST_CASE("codedeploy: signatures, clock skew and roles are checked before anything changes",
          "[integration][codedeploy]") {
  Cluster c;
  StartCodeDeployCluster(c, 0);
  const AwsKey admin = CreateAwsKey(c, "admin");
  AwsCli aws(c, admin);
  const Json create = {{"applicationName", "shop"}};

  aws.set_key({admin.access_key_id, std::string(40, 'x')});
  Json wrong = aws.Call("CreateApplication", create);
  CHECK(wrong["status"] == 403);
  CHECK(wrong["code"] == "InvalidSignatureException");
  CHECK_THAT(wrong["message"].get<std::string>(),
             Catch::Contains("does not match the one computed with the secret of access key " +
                             admin.access_key_id));

  aws.set_key(admin);
  Json skewed = aws.Call("CreateApplication", create, 20 * 60);
  CHECK(skewed["status"] == 403);
  CHECK(skewed["code"] == "RequestTimeTooSkewed");
  CHECK_THAT(skewed["message"].get<std::string>(), Catch::Contains("more than the 900 s allowed"));

  aws.set_key({"BTNOSUCHKEY0000000000", admin.secret_access_key});
  Json unknown = aws.Call("ListApplications", Json::object());
  CHECK(unknown["status"] == 400);
  CHECK(unknown["code"] == "UnrecognizedClientException");

  aws.set_key(CreateAwsKey(c, "viewer"));
  Json denied = aws.Call("CreateApplication", create);
  CHECK(denied["status"] == 400);
  CHECK(denied["code"] == "AccessDeniedException");
  CHECK_THAT(denied["message"].get<std::string>(),
             Catch::Contains("CreateApplication needs the admin role") &&
                 Catch::Contains("has the viewer role"));
  Json read = aws.Call("ListApplications", Json::object());
  CHECK(read["status"] == 200);
  CHECK(read["body"]["applications"] == Json::array());  // nothing was created

  aws.set_key(admin);
  Json unsupported = aws.Call("ListGitHubAccountTokenNames", Json::object());
  CHECK(unsupported["status"] == 400);
  CHECK(unsupported["code"] == "InvalidOperationException");
  CHECK_THAT(unsupported["message"].get<std::string>(),
             Catch::StartsWith("ListGitHubAccountTokenNames is not supported by Berth"));
  Json bogus = aws.Raw("CodeDeploy_20141006.LaunchRockets", "{}");
  CHECK(bogus["status"] == 400);
  CHECK(Json::parse(bogus["body"].get<std::string>()) ==
        Json({{"__type", "UnknownOperationException"},
              {"message", "CodeDeploy has no operation \"LaunchRockets\""}}));
  Json other = aws.Raw("DynamoDB_20120810.ListTables", "{}");
  CHECK(Json::parse(other["body"].get<std::string>())["__type"] == "UnknownOperationException");

  Json shapes = aws.CheckShapes();
  INFO(shapes.dump(2));
  CHECK(shapes["problems"].empty());
}

}  // namespace
}  // namespace berth::itest
