#include "common/s3/credentials.h"

#include <catch2/catch.hpp>
#include <map>

#include "common/testing/temp_dir.h"

namespace berth::s3 {
namespace {

EnvLookup FakeEnv(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) {
    auto it = vars.find(name);
    return it == vars.end() ? std::string() : it->second;
  };
}

TEST_CASE("credentials come from the environment first, with the session token",
          "[s3]") {
  auto c = LoadCredentials(FakeEnv({{"AWS_ACCESS_KEY_ID", "AKID"},
                                    {"AWS_SECRET_ACCESS_KEY", "SECRET"},
                                    {"AWS_SESSION_TOKEN", "TOKEN"}}));
  REQUIRE(c.ok());
  CHECK(c->access_key_id == "AKID");
  CHECK(c->secret_access_key == "SECRET");
  CHECK(c->session_token == "TOKEN");
}

TEST_CASE("credentials come from AWS_PROFILE in the shared credentials file", "[s3]") {
  testing::TempDir dir;
  testing::WriteTestFile(dir.Sub(".aws/credentials"),
                         "[default]\naws_access_key_id = D\naws_secret_access_key = DS\n"
                         "# comment\n[ci]\naws_access_key_id=CI\naws_secret_access_key=CIS\n"
                         "aws_session_token = CIT\n");
  auto by_profile = LoadCredentials(FakeEnv({{"HOME", dir.path()}, {"AWS_PROFILE", "ci"}}));
  REQUIRE(by_profile.ok());
  CHECK(by_profile->access_key_id == "CI");
  CHECK(by_profile->session_token == "CIT");
  auto by_default = LoadCredentials(FakeEnv({{"HOME", dir.path()}}));
  REQUIRE(by_default.ok());
  CHECK(by_default->access_key_id == "D");
  CHECK(by_default->session_token.empty());

  auto missing = LoadCredentials(FakeEnv({{"HOME", dir.path()}, {"AWS_PROFILE", "nope"}}));
  CHECK(missing.status().code() == Code::kNotFound);
  CHECK_THAT(missing.status().message(), Catch::Contains("nope"));
  CHECK_THAT(missing.status().message(), Catch::Contains(".aws/credentials"));
}

TEST_CASE("no credentials anywhere is NOT_FOUND naming where it looked", "[s3]") {
  auto r = LoadCredentials(FakeEnv({{"HOME", "/nonexistent-home"}}));
  CHECK(r.status().code() == Code::kNotFound);
  CHECK_THAT(r.status().message(), Catch::Contains("AWS_ACCESS_KEY_ID"));
  CHECK_THAT(r.status().message(), Catch::Contains("/nonexistent-home/.aws/credentials"));
}

}  // namespace
}  // namespace berth::s3
