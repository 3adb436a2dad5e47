// Revisions in S3 (moto_server as the endpoint), the real aws CLI, and HTTPS URLs.
// Without moto_server or aws on PATH these tests are reported skipped (exit 77).
#include <catch2/catch.hpp>
#include <filesystem>

#include "common/sha256.h"
#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"
#include "tests/integration/moto.h"
#include "tests/integration/revision_helpers.h"

namespace berth::itest {
namespace {

using testing::ReadTestFile;

Json PushTo(Cluster& c, const std::string& dir, const std::string& app, const std::string& to) {
  auto r = c.Berth({"--output", "json", "push", dir, "--app", app, "--to", to});
  INFO("berth push --to: " << r.out << r.err);
  REQUIRE(r.exit_code == 0);
  Json j = Json::parse(r.out, nullptr, false);
  REQUIRE(j.is_object());
  return j;
}

// Files named appspec.yml anywhere under `dir`: an unpacked bundle leaves one.
int CountAppspecs(const std::string& dir) {
  int n = 0;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->path().filename() == "appspec.yml") ++n;
  }
  return n;
}

TEST_CASE("S3: push --to deploys to two agents, and aws and berth read each other's objects",
          "[integration][s3]") {
  SkipUnlessS3ToolsPresent();
  Cluster c;
  MotoServer moto(c.Sub("moto.log"));
  moto.CreateBucket("berth-it", false);
  StartClusterWithAgents(c, 2, "shop");

  WriteRecordingApp(c.Sub("v1"), {.version = "v1", .hook_sleep = "0"});
  Json revision = PushTo(c, c.Sub("v1"), "shop", "s3://berth-it/shop/v1.tgz");
  const Json& s3 = revision["revision"]["s3Location"];
  CHECK(s3["bucket"] == "berth-it");
  CHECK(s3["key"] == "shop/v1.tgz");
  const std::string etag = s3.value("eTag", "");
  CHECK(etag.size() >= 32);

  DeployOutcome d = DeployAndWait(c, "shop", {"--revision", revision["revisionId"]});
  INFO(d.output);
  REQUIRE(d.exit_code == 0);
  for (int i = 0; i < 2; ++i) {
    CHECK(ReadTestFile(c.InstallRoot(i) + "/opt/app/version.txt") == "v1\n");
    auto env = ParseEnvDump(ReadTestFile(c.InstallRoot(i) + "/hook-env/AfterInstall"));
    CHECK(env["BUNDLE_BUCKET"] == "berth-it");
    CHECK(env["BUNDLE_KEY"] == "shop/v1.tgz");
    CHECK(env["BUNDLE_ETAG"] == etag);
  }

  // aws reads what berth uploaded: same ETag, and it is the bundle.
  auto head = moto.Aws({"s3api", "head-object", "--bucket", "berth-it", "--key", "shop/v1.tgz"});
  CHECK(Json::parse(head.out)["ETag"] == "\"" + etag + "\"");
  moto.Aws({"s3", "cp", "s3://berth-it/shop/v1.tgz", c.Sub("copy.tgz")});
  auto listing = testing::RunCommand({FindOnPath("tar"), "tzf", c.Sub("copy.tgz")});
  CHECK_THAT(listing.out, Catch::Contains("appspec.yml"));

  // berth deploys what aws uploaded.
  WriteRecordingApp(c.Sub("v2"), {.version = "v2", .hook_sleep = "0"});
  TarGz(c.Sub("v2"), c.Sub("v2.tgz"));
  moto.Aws({"s3", "cp", c.Sub("v2.tgz"), "s3://berth-it/shop/v2.tgz"});
  DeployOutcome d2 = DeployAndWait(c, "shop", {"--s3", "s3://berth-it/shop/v2.tgz"});
  INFO(d2.output);
  REQUIRE(d2.exit_code == 0);
  for (int i = 0; i < 2; ++i) {
    CHECK(ReadTestFile(c.InstallRoot(i) + "/opt/app/version.txt") == "v2\n");
  }
}

TEST_CASE("S3: a versioned bucket deploys the pinned version after the key was overwritten",
          "[integration][s3]") {
  SkipUnlessS3ToolsPresent();
  Cluster c;
  MotoServer moto(c.Sub("moto.log"));
  moto.CreateBucket("berth-versioned", true);
  StartClusterWithAgents(c, 1, "api");

  WriteRecordingApp(c.Sub("v1"), {.version = "v1", .hook_sleep = "0"});
  WriteRecordingApp(c.Sub("v2"), {.version = "v2", .hook_sleep = "0"});
  Json r1 = PushTo(c, c.Sub("v1"), "api", "s3://berth-versioned/api.tgz");
  Json r2 = PushTo(c, c.Sub("v2"), "api", "s3://berth-versioned/api.tgz");
  const std::string v1 = r1["revision"]["s3Location"].value("version", "");
  REQUIRE(!v1.empty());
  CHECK(v1 != r2["revision"]["s3Location"].value("version", ""));

  DeployOutcome d = DeployAndWait(c, "api", {"--revision", r1["revisionId"]});
  INFO(d.output);
  REQUIRE(d.exit_code == 0);
  CHECK(ReadTestFile(c.InstallRoot(0) + "/opt/app/version.txt") == "v1\n");
  auto env = ParseEnvDump(ReadTestFile(c.InstallRoot(0) + "/hook-env/AfterInstall"));
  CHECK(env["BUNDLE_VERSION"] == v1);

  // The same pin given on the command line as s3://bucket/key#version.
  DeployOutcome pinned = DeployAndWait(c, "api", {"--s3", "s3://berth-versioned/api.tgz#" + v1});
  INFO(pinned.output);
  REQUIRE(pinned.exit_code == 0);
  CHECK(ReadTestFile(c.InstallRoot(0) + "/opt/app/version.txt") == "v1\n");
}

TEST_CASE("S3: a wrong eTag and a missing key fail DownloadBundle naming the cause",
          "[integration][s3]") {
  SkipUnlessS3ToolsPresent();
  Cluster c;
  MotoServer moto(c.Sub("moto.log"));
  moto.CreateBucket("berth-errors", false);
  StartClusterWithAgents(c, 1, "web");
  WriteRecordingApp(c.Sub("v1"), {.version = "v1", .hook_sleep = "0"});
  TarGz(c.Sub("v1"), c.Sub("v1.tgz"));
  moto.Aws({"s3", "cp", c.Sub("v1.tgz"), "s3://berth-errors/web.tgz"});

  DeployOutcome wrong_etag = DeployAndWait(
      c, "web",
      {"--s3", "s3://berth-errors/web.tgz", "--etag", "0123456789abcdef0123456789abcdef"});
  INFO(wrong_etag.output);
  CHECK(wrong_etag.exit_code == 1);
  std::string message = DownloadBundleMessage(c, wrong_etag.deployment);
  CHECK_THAT(message, Catch::Contains("INVALID_REVISION"));
  CHECK_THAT(message, Catch::Contains("0123456789abcdef0123456789abcdef"));
  CHECK_THAT(message, Catch::Contains("ETag"));
  CHECK(CountAppspecs(c.AgentRoot(0)) == 0);

  DeployOutcome missing = DeployAndWait(c, "web", {"--s3", "s3://berth-errors/nope/gone.tgz"});
  INFO(missing.output);
  CHECK(missing.exit_code == 1);
  message = DownloadBundleMessage(c, missing.deployment);
  CHECK_THAT(message, Catch::Contains("REVISION_MISSING"));
  CHECK_THAT(message, Catch::Contains("bucket berth-errors"));
  CHECK_THAT(message, Catch::Contains("key nope/gone.tgz"));
  CHECK_THAT(message, Catch::Contains("NoSuchKey"));

  DeployOutcome missing_bucket = DeployAndWait(c, "web", {"--s3", "s3://no-such-bucket/web.tgz"});
  CHECK(missing_bucket.exit_code == 1);
  CHECK_THAT(DownloadBundleMessage(c, missing_bucket.deployment), Catch::Contains("NoSuchBucket"));
}

TEST_CASE("S3: wrong credentials fail DownloadBundle with access denied", "[integration][s3]") {
  SkipUnlessS3ToolsPresent();
  Cluster c;
  // moto checks credentials after its first three requests (the readiness probe, the
  // bucket and the upload below); the keys the agent then presents are unknown to it.
  MotoServer moto(c.Sub("moto.log"), {{"INITIAL_NO_AUTH_ACTION_COUNT", "3"}});
  moto.CreateBucket("berth-auth", false);
  WriteRecordingApp(c.Sub("v1"), {.version = "v1", .hook_sleep = "0"});
  TarGz(c.Sub("v1"), c.Sub("v1.tgz"));
  moto.Aws({"s3", "cp", c.Sub("v1.tgz"), "s3://berth-auth/web.tgz"});
  StartClusterWithAgents(c, 1, "web");

  DeployOutcome denied = DeployAndWait(c, "web", {"--s3", "s3://berth-auth/web.tgz"});
  INFO(denied.output);
  CHECK(denied.exit_code == 1);
  std::string message = DownloadBundleMessage(c, denied.deployment);
  CHECK_THAT(message, Catch::Contains("access denied"));
  CHECK_THAT(message, Catch::Contains("HTTP 403"));
  CHECK_THAT(message, Catch::Contains("check the AWS credentials"));
  CHECK_THAT(message, Catch::Contains("key web.tgz"));
  CHECK(message.find("berth-test-secret") == std::string::npos);
}

TEST_CASE("HTTPS: --url with a wrong sha256 fails before anything is unpacked",
          "[integration][s3]") {
  // moto_server serves the bundle over plain HTTP (anonymous GET).
  SkipUnlessS3ToolsPresent();
  Cluster c;
  MotoServer moto(c.Sub("moto.log"));
  moto.CreateBucket("berth-web", false);
  StartClusterWithAgents(c, 1, "site");
  WriteRecordingApp(c.Sub("v1"), {.version = "v1", .hook_sleep = "0"});
  TarGz(c.Sub("v1"), c.Sub("v1.tgz"));
  moto.Aws({"s3", "cp", "--acl", "public-read", c.Sub("v1.tgz"), "s3://berth-web/site.tgz"});
  const std::string url = moto.endpoint() + "/berth-web/site.tgz";
  const std::string wrong(64, 'a');

  DeployOutcome bad = DeployAndWait(c, "site", {"--url", url, "--sha256", wrong});
  INFO(bad.output);
  CHECK(bad.exit_code == 1);
  std::string message = DownloadBundleMessage(c, bad.deployment);
  CHECK_THAT(message, Catch::Contains("sha256"));
  CHECK_THAT(message, Catch::Contains(wrong));
  CHECK(CountAppspecs(c.AgentRoot(0)) == 0);
  CHECK(!std::filesystem::exists(c.InstallRoot(0) + "/opt/app/version.txt"));

  auto digest = Sha256File(c.Sub("v1.tgz"));
  REQUIRE(digest.ok());
  DeployOutcome good = DeployAndWait(c, "site", {"--url", url, "--sha256", *digest});
  INFO(good.output);
  CHECK(good.exit_code == 0);
  CHECK(ReadTestFile(c.InstallRoot(0) + "/opt/app/version.txt") == "v1\n");
}

}  // namespace
}  // namespace berth::itest
