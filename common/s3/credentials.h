// AWS credentials for the S3 client, found the way the AWS CLI finds them.
#pragma once

#include <functional>
#include <string>

#include "common/status.h"

namespace berth::s3 {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty unless temporary credentials
};

// Reads one environment variable; empty when unset. A seam so tests need not touch the
// process environment.
using EnvLookup = std::function<std::string(const std::string&)>;
std::string RealEnv(const std::string& name);

// AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN) when both are set;
// otherwise profile AWS_PROFILE (default "default") of AWS_SHARED_CREDENTIALS_FILE
// (default $HOME/.aws/credentials). NOT_FOUND, naming where it looked, when neither has
// them. Never logs a secret.
Result<Credentials> LoadCredentials(const EnvLookup& env);

// Parses the INI text of a credentials file and returns `profile`'s keys.
Result<Credentials> CredentialsFromIni(const std::string& text, const std::string& profile);

}  // namespace berth::s3
