#include "tests/integration/moto.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <iostream>
#include <sstream>

namespace berth::itest {
namespace {

constexpr const char* kVars[][2] = {{"AWS_ACCESS_KEY_ID", "berth-test"},
                                    {"AWS_SECRET_ACCESS_KEY", "berth-test-secret"},
                                    {"AWS_REGION", "us-east-1"},
                                    {"AWS_DEFAULT_REGION", "us-east-1"}};

}  // namespace

std::string FindOnPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    std::string candidate = dir + "/" + program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

void SkipUnlessS3ToolsPresent() {
  for (const char* tool : {"moto_server", "aws"}) {
    if (FindOnPath(tool).empty()) {
      std::cout << "SKIPPED: " << tool << " is not on PATH; the S3 integration tests need it"
                << std::endl;
      std::_Exit(kSkipExitCode);
    }
  }
}

MotoServer::MotoServer(const std::string& log_path, std::map<std::string, std::string> env) {
  int port = testing::FreePort();
  endpoint_ = "http://127.0.0.1:" + std::to_string(port);
  process_ = std::make_unique<testing::Subprocess>(
      std::vector<std::string>{FindOnPath("moto_server"), "-H", "127.0.0.1", "-p",
                               std::to_string(port)},
      std::move(env), log_path);
  auto set = [&](const std::string& name, const std::string& value) {
    const char* old = std::getenv(name.c_str());
    saved_env_.emplace_back(name, old ? old : std::string("\x01unset"));
    ::setenv(name.c_str(), value.c_str(), 1);
  };
  for (const auto& var : kVars) set(var[0], var[1]);
  set("AWS_ENDPOINT_URL_S3", endpoint_);
  bool up = testing::WaitFor(
      [&] {
        return testing::RunCommand({FindOnPath("curl"), "-s", "-o", "/dev/null", endpoint_ + "/"},
                                   {}, 2000)
                   .exit_code == 0;
      },
      20000);
  REQUIRE(up);
}

MotoServer::~MotoServer() {
  process_->Stop();
  for (const auto& [name, value] : saved_env_) {
    if (value == "\x01unset") {
      ::unsetenv(name.c_str());
    } else {
      ::setenv(name.c_str(), value.c_str(), 1);
    }
  }
}

testing::CommandResult MotoServer::Aws(const std::vector<std::string>& args, bool allow_failure) {
  std::vector<std::string> argv = {FindOnPath("aws"), "--endpoint-url", endpoint_};
  argv.insert(argv.end(), args.begin(), args.end());
  testing::CommandResult r = testing::RunCommand(argv, {}, 60000);
  if (!allow_failure) {
    INFO("aws " << args[0] << " " << args[1] << ": " << r.out << r.err);
    REQUIRE(r.exit_code == 0);
  }
  return r;
}

void MotoServer::CreateBucket(const std::string& bucket, bool versioned) {
  Aws({"s3api", "create-bucket", "--bucket", bucket});
  if (versioned) {
    Aws({"s3api", "put-bucket-versioning", "--bucket", bucket, "--versioning-configuration",
         "Status=Enabled"});
  }
}

}  // namespace berth::itest
