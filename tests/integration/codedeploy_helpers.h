// The real aws CLI and botocore against a Cluster's CodeDeploy-compatible API
// (tests/integration/aws_shapes.py), every raw response recorded for the shape check.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "tests/integration/cluster.h"

namespace berth::itest {

struct AwsKey {
  std::string access_key_id;
  std::string secret_access_key;
};

// A new API token of `role` (POST /api/v1/tokens), as its SigV4 key pair.
AwsKey CreateAwsKey(Cluster& c, const std::string& role);

class AwsCli {
 public:
  AwsCli(Cluster& c, AwsKey key);

  // `aws ARGS...` (stdout, stderr, exit code), recorded.
  testing::CommandResult Aws(const std::vector<std::string>& args);
  // `aws ARGS... --output json`, required to exit 0; its JSON (null when it prints none).
  Json AwsJson(const std::vector<std::string>& args);
  // One botocore call of operation OP (CodeDeploy's name) with `params`, the signing
  // clock `skew_s` seconds off: {"status", "code", "message"|"body"}.
  Json Call(const std::string& op, const Json& params, int skew_s = 0);
  // The same for one S3 call (OP is S3's name, PutObject say), recorded. A
  // streaming Body is given as a string.
  Json S3Call(const std::string& op, const Json& params, int skew_s = 0);
  // A signed POST / with any X-Amz-Target: {"status", "body"}.
  Json Raw(const std::string& target, const std::string& body);
  // `python3 tests/integration/SCRIPT ARGS...` with this key, endpoint and CA; responses
  // the script records go to the same log.
  testing::CommandResult Script(const std::string& script, const std::vector<std::string>& args);
  const std::string& log() const { return log_; }
  // Every recorded body against botocore's shapes: {"checked", "operations", "problems"}.
  Json CheckShapes();

  void set_key(AwsKey key) { key_ = std::move(key); }

 private:
  std::map<std::string, std::string> Env() const;
  testing::CommandResult Python(const std::vector<std::string>& args) {
    return Script("aws_shapes.py", args);
  }

  Cluster& c_;
  AwsKey key_;
  std::string log_;
};

}  // namespace berth::itest
