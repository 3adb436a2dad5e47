// A moto_server on a free loopback port as the tests' S3 endpoint, with the AWS
// variables the CLI and agents read pointed at it. Stopped (and the variables restored)
// by the destructor, even when a test fails.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/testing/subprocess.h"

namespace berth::itest {

// Exit code ctest reports as "skipped" (SKIP_RETURN_CODE in tests/CMakeLists.txt).
constexpr int kSkipExitCode = 77;

// The path of `program` on PATH, or empty.
std::string FindOnPath(const std::string& program);

// When moto_server or aws is not on PATH: prints "SKIPPED: <reason>" and exits with
// kSkipExitCode (nothing has been started yet), so ctest shows the test as skipped,
// never as passed.
void SkipUnlessS3ToolsPresent();

class MotoServer {
 public:
  // `env` reaches moto_server (e.g. INITIAL_NO_AUTH_ACTION_COUNT to check credentials).
  explicit MotoServer(const std::string& log_path, std::map<std::string, std::string> env = {});
  ~MotoServer();

  const std::string& endpoint() const { return endpoint_; }
  // `aws --endpoint-url ENDPOINT args...`; REQUIREs success unless allow_failure.
  testing::CommandResult Aws(const std::vector<std::string>& args, bool allow_failure = false);
  void CreateBucket(const std::string& bucket, bool versioned);

 private:
  std::string endpoint_;
  std::unique_ptr<testing::Subprocess> process_;
  std::vector<std::pair<std::string, std::string>> saved_env_;
};

}  // namespace berth::itest
