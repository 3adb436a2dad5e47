// The S3 face on the controller's API listener (docs/s3.md), driven by the real aws CLI and
// botocore over TLS: buckets and objects in the built-in store, and `aws deploy push` to
// a Berth bucket deployed to real agents that hold no S3 credentials.
#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>

#include "common/fs.h"
#include "common/sha256.h"
#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"
#include "tests/integration/codedeploy_helpers.h"

namespace berth::itest {
namespace {

void WriteText(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// `bytes` of pseudo-random data, so no two parts are alike.
void WriteRandom(const std::string& path, size_t bytes) {
  std::ofstream out(path, std::ios::binary);
  uint64_t x = 88172645463325252ull;
  std::string block(1 << 16, '\0');
  for (size_t done = 0; done < bytes; done += block.size()) {
    for (char& ch : block) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      ch = static_cast<char>(x);
    }
    out.write(block.data(), static_cast<std::streamsize>(std::min(block.size(), bytes - done)));
  }
}

TEST_CASE("s3 face: aws deploy push to a Berth bucket deploys to two real agents",
          "[integration][codedeploy][s3face]") {
  Cluster c;
  c.SetControllerArgs({"--codedeploy-page-size", "2"});
  c.StartController();
  for (const char* name : {"cd-1", "cd-2"}) c.StartAgent(name, {{"env", "it"}});
  REQUIRE(c.WaitForInstances(2));
  AwsCli aws(c, CreateAwsKey(c, "admin"));

  testing::CommandResult mb = aws.Aws({"s3", "mb", "s3://releases"});
  INFO(mb.out << mb.err);
  REQUIRE(mb.exit_code == 0);
  CHECK_THAT(mb.out, Catch::Contains("make_bucket: releases"));
  testing::CommandResult reserved = aws.Aws({"s3", "mb", "s3://api"});
  CHECK(reserved.exit_code == 1);
  CHECK_THAT(reserved.err, Catch::Contains("InvalidBucketName") &&
                               Catch::Contains("bucket name \"api\" is reserved"));

  aws.AwsJson({"deploy", "create-application", "--application-name", "shop"});
  testing::CommandResult again =
      aws.Aws({"deploy", "create-application", "--application-name", "shop"});
  CHECK(again.exit_code == 255);
  CHECK_THAT(again.err, Catch::Contains("(ApplicationAlreadyExistsException)"));
  testing::CommandResult missing =
      aws.Aws({"deploy", "get-application", "--application-name", "nope"});
  CHECK(missing.exit_code == 255);
  CHECK_THAT(missing.err, Catch::Contains("(ApplicationDoesNotExistException)"));
  aws.AwsJson({"deploy", "create-deployment-config", "--deployment-config-name", "all-at-once-0",
               "--minimum-healthy-hosts", "type=HOST_COUNT,value=0"});
  aws.AwsJson({"deploy", "create-deployment-group", "--application-name", "shop",
               "--deployment-group-name", "prod", "--deployment-config-name", "all-at-once-0",
               "--on-premises-instance-tag-filters", "Key=env,Value=it,Type=KEY_AND_VALUE",
               "--service-role-arn", "arn:aws:iam::000000000000:role/unused"});

  const std::string app = c.Sub("app");
  WriteRecordingApp(app, {.version = "v1", .hook_sleep = "0"});
  testing::CommandResult pushed =
      aws.Aws({"deploy", "push", "--application-name", "shop", "--s3-location",
               "s3://releases/app.zip", "--source", app, "--description", "pushed by the CLI"});
  INFO(pushed.out << pushed.err);
  REQUIRE(pushed.exit_code == 0);
  CHECK_THAT(pushed.out, Catch::Contains("To deploy with this revision, run:"));

  Json revisions =
      aws.AwsJson({"deploy", "list-application-revisions", "--application-name", "shop"});
  REQUIRE(revisions["revisions"].size() == 1);
  const Json s3 = revisions["revisions"][0]["s3Location"];
  CHECK(s3["bucket"] == "releases");
  CHECK(s3["key"] == "app.zip");
  CHECK(s3["bundleType"] == "zip");
  const std::string etag = s3["eTag"];
  const std::string version = s3["version"];
  CHECK(etag.size() == 32);
  CHECK(version.size() == 32);
  // Registering the same object again is the same revision.
  aws.AwsJson({"deploy", "register-application-revision", "--application-name", "shop",
               "--s3-location",
               "bucket=releases,key=app.zip,bundleType=zip,eTag=" + etag + ",version=" + version});
  CHECK(aws.AwsJson(
               {"deploy", "list-application-revisions", "--application-name", "shop"})["revisions"]
            .size() == 1);
  testing::CommandResult wrong_etag = aws.Aws(
      {"deploy", "register-application-revision", "--application-name", "shop", "--s3-location",
       "bucket=releases,key=app.zip,bundleType=zip,eTag=00000000000000000000000000000000"});
  CHECK(wrong_etag.exit_code == 255);
  CHECK_THAT(wrong_etag.err, Catch::Contains("is not that of s3://releases/app.zip"));

  Json created = aws.AwsJson(
      {"deploy", "create-deployment", "--application-name", "shop", "--deployment-group-name",
       "prod", "--s3-location",
       "bucket=releases,key=app.zip,bundleType=zip,eTag=" + etag + ",version=" + version});
  const std::string id = created["deploymentId"];
  testing::CommandResult waited =
      aws.Aws({"deploy", "wait", "deployment-successful", "--deployment-id", id});
  INFO(waited.out << waited.err);
  REQUIRE(waited.exit_code == 0);
  CHECK(InstalledVersion(c.InstallRoot(0)) == "v1\n");
  CHECK(InstalledVersion(c.InstallRoot(1)) == "v1\n");

  Json got = aws.AwsJson({"deploy", "get-deployment", "--deployment-id", id})["deploymentInfo"];
  CHECK(got["status"] == "Succeeded");
  CHECK(got["revision"]["revisionType"] == "S3");
  CHECK(got["revision"]["s3Location"]["key"] == "app.zip");
  CHECK(aws.AwsJson({"deploy", "list-deployment-instances", "--deployment-id",
                     id})["instancesList"] == Json({"cd-1", "cd-2"}));
  CHECK(aws.AwsJson({"deploy", "list-deployments", "--application-name", "shop",
                     "--deployment-group-name", "prod"})["deployments"] == Json({id}));

  Json shapes = aws.CheckShapes();
  INFO(shapes.dump(2));
  CHECK(shapes["problems"].empty());
}

TEST_CASE("s3 face: cp up and down, multipart, versions, signatures, time and roles",
          "[integration][s3face]") {
  Cluster c;
  c.StartController();
  const AwsKey deployer = CreateAwsKey(c, "deployer");
  AwsCli aws(c, deployer);
  REQUIRE(aws.Aws({"s3api", "create-bucket", "--bucket", "files"}).exit_code == 0);

  WriteText(c.Sub("small.txt"), "hello from berth\n");
  testing::CommandResult up = aws.Aws({"s3", "cp", c.Sub("small.txt"), "s3://files/dir/small.txt"});
  INFO(up.out << up.err);
  REQUIRE(up.exit_code == 0);
  REQUIRE(aws.Aws({"s3", "cp", "s3://files/dir/small.txt", c.Sub("small.out")}).exit_code == 0);
  CHECK(ReadText(c.Sub("small.out")) == "hello from berth\n");

  // 40 MiB: the CLI uploads it in 8 MiB parts and downloads it in ranged GETs.
  WriteRandom(c.Sub("big.bin"), 40u << 20);
  testing::CommandResult big = aws.Aws({"s3", "cp", c.Sub("big.bin"), "s3://files/big.bin"});
  INFO(big.out << big.err);
  REQUIRE(big.exit_code == 0);
  Json head = aws.AwsJson({"s3api", "head-object", "--bucket", "files", "--key", "big.bin"});
  CHECK(head["ContentLength"] == 40 << 20);
  CHECK_THAT(head["ETag"].get<std::string>(), Catch::EndsWith("-5\""));
  REQUIRE(aws.Aws({"s3", "cp", "s3://files/big.bin", c.Sub("big.out")}).exit_code == 0);
  CHECK(*Sha256File(c.Sub("big.out")) == *Sha256File(c.Sub("big.bin")));
  Json ranged = aws.AwsJson({"s3api", "get-object", "--bucket", "files", "--key", "big.bin",
                             "--range", "bytes=10-19", c.Sub("range.out")});
  CHECK(ranged["ContentRange"] == "bytes 10-19/41943040");
  CHECK(ReadText(c.Sub("range.out")) == ReadText(c.Sub("big.bin")).substr(10, 10));

  // Every PUT is a version; GET takes versionId.
  WriteText(c.Sub("v1.txt"), "one\n");
  WriteText(c.Sub("v2.txt"), "two\n");
  Json put1 = aws.AwsJson(
      {"s3api", "put-object", "--bucket", "files", "--key", "v.txt", "--body", c.Sub("v1.txt")});
  Json put2 = aws.AwsJson(
      {"s3api", "put-object", "--bucket", "files", "--key", "v.txt", "--body", c.Sub("v2.txt")});
  CHECK(put1["VersionId"] != put2["VersionId"]);
  CHECK(put1["ETag"] ==
        "\"" + std::string("5bbf5a52328e7439ae6e719dfe712200") + "\"");  // md5("one\n")
  aws.AwsJson({"s3api", "get-object", "--bucket", "files", "--key", "v.txt", "--version-id",
               put1["VersionId"], c.Sub("v.out")});
  CHECK(ReadText(c.Sub("v.out")) == "one\n");
  aws.AwsJson({"s3api", "get-object", "--bucket", "files", "--key", "v.txt", c.Sub("v.out")});
  CHECK(ReadText(c.Sub("v.out")) == "two\n");
  CHECK(aws.AwsJson({"s3api", "get-bucket-versioning", "--bucket", "files"})["Status"] ==
        "Enabled");

  testing::CommandResult listed = aws.Aws({"s3", "ls", "s3://files/"});
  CHECK_THAT(listed.out,
             Catch::Contains("PRE dir/") && Catch::Contains("big.bin") && Catch::Contains("v.txt"));
  Json objects = aws.AwsJson({"s3api", "list-objects-v2", "--bucket", "files", "--no-paginate"});
  CHECK(objects["KeyCount"] == 3);
  CHECK(objects["Contents"][0]["Key"] == "big.bin");
  CHECK(objects["Contents"][1]["Key"] == "dir/small.txt");

  // A deleted key is gone from listings and GETs, its old versions are not.
  REQUIRE(aws.Aws({"s3", "rm", "s3://files/v.txt"}).exit_code == 0);
  testing::CommandResult gone =
      aws.Aws({"s3api", "get-object", "--bucket", "files", "--key", "v.txt", c.Sub("v.out")});
  CHECK(gone.exit_code == 255);
  CHECK_THAT(gone.err, Catch::Contains("NoSuchKey"));
  aws.AwsJson({"s3api", "get-object", "--bucket", "files", "--key", "v.txt", "--version-id",
               put2["VersionId"], c.Sub("v.out")});
  CHECK(ReadText(c.Sub("v.out")) == "two\n");
  testing::CommandResult not_empty = aws.Aws({"s3api", "delete-bucket", "--bucket", "files"});
  CHECK_THAT(not_empty.err, Catch::Contains("BucketNotEmpty"));

  // Refusals, each before anything changes.
  aws.set_key({deployer.access_key_id, std::string(40, 'x')});
  Json wrong = aws.S3Call("PutObject", {{"Bucket", "files"}, {"Key", "x.txt"}, {"Body", "x"}});
  CHECK(wrong["status"] == 403);
  CHECK(wrong["code"] == "SignatureDoesNotMatch");
  aws.set_key(deployer);
  Json skewed =
      aws.S3Call("PutObject", {{"Bucket", "files"}, {"Key", "x.txt"}, {"Body", "x"}}, 20 * 60);
  CHECK(skewed["status"] == 403);
  CHECK(skewed["code"] == "RequestTimeTooSkewed");
  aws.set_key(CreateAwsKey(c, "viewer"));
  Json denied = aws.S3Call("PutObject", {{"Bucket", "files"}, {"Key", "x.txt"}, {"Body", "x"}});
  CHECK(denied["status"] == 403);
  CHECK(denied["code"] == "AccessDenied");
  CHECK_THAT(denied["message"].get<std::string>(), Catch::Contains("needs the deployer role"));
  Json viewer_read = aws.S3Call("HeadObject", {{"Bucket", "files"}, {"Key", "big.bin"}});
  CHECK(viewer_read["status"] == 200);
  Json after = aws.S3Call("ListObjectsV2", {{"Bucket", "files"}});
  CHECK(after["body"]["KeyCount"] == 2);  // x.txt was never written

  // Every XML body and x-amz-* header above, successes and errors, against S3's shapes.
  Json shapes = aws.CheckShapes();
  INFO(shapes.dump(2));
  CHECK(shapes["problems"].empty());
  for (const char* op : {"CreateBucket", "PutObject", "GetObject", "HeadObject", "DeleteObject",
                         "ListObjectsV2", "CreateMultipartUpload", "UploadPart",
                         "CompleteMultipartUpload", "DeleteBucket"}) {
    INFO(op);
    CHECK(std::count(shapes["operations"].begin(), shapes["operations"].end(), op) == 1);
  }

  // The controller's own paths are not buckets.
  ApiReply api = c.Api("GET", "/api/v1/nope");
  CHECK(api.status == 404);
  CHECK(api.body["message"] == "no such endpoint: GET /api/v1/nope");
}

TEST_CASE("s3 face: a boto3 pipeline deploys from a Berth bucket and pages with nextToken",
          "[integration][codedeploy][s3face]") {
  Cluster c;
  c.SetControllerArgs({"--codedeploy-page-size", "2"});
  c.StartController();
  for (const char* name : {"b3-1", "b3-2"}) c.StartAgent(name, {{"env", "it"}});
  REQUIRE(c.WaitForInstances(2));
  AwsCli aws(c, CreateAwsKey(c, "admin"));
  const std::string app = c.Sub("app");
  WriteRecordingApp(app, {.version = "v7", .hook_sleep = "0"});

  testing::CommandResult run = aws.Script("boto3_pipeline.py", {aws.log(), app});
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  const Json out = Json::parse(run.out);
  CHECK(out["status"] == "Succeeded");
  CHECK(out["overview"]["Succeeded"] == 2);
  CHECK(InstalledVersion(c.InstallRoot(0)) == "v7\n");
  CHECK(InstalledVersion(c.InstallRoot(1)) == "v7\n");
  // Three deployments on pages of two, newest first.
  CHECK(out["deployment_pages"] == 2);
  CHECK(out["deployments"] == Json({out["created"][2], out["created"][1], out["created"][0]}));
  CHECK(out["instances"] == Json({"b3-1", "b3-2"}));
  // 250 applications on pages of two.
  CHECK(out["applications"] == 250);
  CHECK(out["application_pages"] == 125);
  CHECK(out["first_application"] == "app-000");
  CHECK(out["last_application"] == "shop");
  CHECK(out["missing"] == "ApplicationDoesNotExistException");
  CHECK(out["duplicate"] == "ApplicationAlreadyExistsException");

  Json shapes = aws.CheckShapes();
  INFO(shapes.dump(2));
  CHECK(shapes["problems"].empty());
  CHECK(shapes["checked"].get<int>() >= 250 + 125);
}

}  // namespace
}  // namespace berth::itest
