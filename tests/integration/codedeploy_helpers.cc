#include "tests/integration/codedeploy_helpers.h"

#include <catch2/catch.hpp>

#include "tests/integration/moto.h"

namespace berth::itest {

AwsKey CreateAwsKey(Cluster& c, const std::string& role) {
  ApiReply r = c.Api("POST", "/api/v1/tokens", {{"role", role}});
  INFO(r.body.dump());
  REQUIRE(r.status == 201);
  return {r.body["accessKeyId"], r.body["secretAccessKey"]};
}

AwsCli::AwsCli(Cluster& c, AwsKey key)
    : c_(c), key_(std::move(key)), log_(c.Sub("aws-bodies.jsonl")) {}

std::map<std::string, std::string> AwsCli::Env() const {
  return {{"AWS_ENDPOINT_URL", c_.http_url()},
          {"AWS_CA_BUNDLE", c_.ca_cert()},
          {"AWS_ACCESS_KEY_ID", key_.access_key_id},
          {"AWS_SECRET_ACCESS_KEY", key_.secret_access_key},
          {"AWS_DEFAULT_REGION", "us-east-1"},
          {"AWS_CONFIG_FILE", "/dev/null"},
          {"AWS_SHARED_CREDENTIALS_FILE", "/dev/null"},
          {"AWS_MAX_ATTEMPTS", "1"},
          {"AWS_PAGER", ""}};
}

testing::CommandResult AwsCli::Script(const std::string& script,
                                      const std::vector<std::string>& args) {
  std::vector<std::string> argv = {FindOnPath("python3"),
                                   std::string(BERTH_SOURCE_DIR) + "/tests/integration/" + script};
  argv.insert(argv.end(), args.begin(), args.end());
  return testing::RunCommand(argv, Env(), 300000);
}

testing::CommandResult AwsCli::Aws(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"cli", log_};
  argv.insert(argv.end(), args.begin(), args.end());
  return Python(argv);
}

Json AwsCli::AwsJson(const std::vector<std::string>& args) {
  std::vector<std::string> with_output = args;
  with_output.insert(with_output.end(), {"--output", "json"});
  testing::CommandResult r = Aws(with_output);
  INFO("aws " << args[0] << " " << (args.size() > 1 ? args[1] : "") << ": " << r.out << r.err);
  REQUIRE(r.exit_code == 0);
  if (r.out.find_first_not_of(" \n") == std::string::npos) return nullptr;
  return Json::parse(r.out);
}

Json AwsCli::Call(const std::string& op, const Json& params, int skew_s) {
  testing::CommandResult r = Python({"call", log_, op, params.dump(), std::to_string(skew_s)});
  INFO(op << ": " << r.out << r.err);
  REQUIRE(r.exit_code == 0);
  return Json::parse(r.out);
}

Json AwsCli::S3Call(const std::string& op, const Json& params, int skew_s) {
  testing::CommandResult r = Python({"s3", log_, op, params.dump(), std::to_string(skew_s)});
  INFO(op << ": " << r.out << r.err);
  REQUIRE(r.exit_code == 0);
  return Json::parse(r.out);
}

Json AwsCli::Raw(const std::string& target, const std::string& body) {
  testing::CommandResult r = Python({"raw", target, body});
  INFO(target << ": " << r.out << r.err);
  REQUIRE(r.exit_code == 0);
  return Json::parse(r.out);
}

Json AwsCli::CheckShapes() {
  testing::CommandResult r = Python({"check", log_});
  INFO(r.out << r.err);
  return Json::parse(r.out);
}

}  // namespace berth::itest
