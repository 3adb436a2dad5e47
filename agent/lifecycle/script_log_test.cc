#include "agent/lifecycle/script_log.h"

#include <catch2/catch.hpp>
#include <string>

#include "agent/lifecycle/log_rotation.h"
#include "common/fs.h"
#include "common/testing/temp_dir.h"

namespace berth::agent {
namespace {

// 54 bytes each: "[2023-11-14T22:13:20.123Z] [Install] [stdout] line N\n" with N < 10.
std::string Line(int n) {
  return "[2023-11-14T22:13:20.123Z] [Install] [stdout] line " + std::to_string(n) + "\n";
}

void WriteLines(const std::string& path, LogRotation rotation, int from, int to) {
  FakeClock clock(1'700'000'000'123);
  auto log = ScriptLog::Open(path, "Install", &clock, rotation);
  REQUIRE(log.ok());
  for (int i = from; i < to; ++i) (*log)->Write(OutputStream::kStdout, "line " + std::to_string(i));
  CHECK((*log)->status().ok());
}

TEST_CASE("scripts.log rotates at its size, keeping max_files files, across reopenings") {
  testing::TempDir dir;
  const std::string path = dir.Sub("logs/scripts.log");
  const LogRotation rotation{.max_bytes = 120, .max_files = 3};  // two lines a file
  WriteLines(path, rotation, 0, 7);
  CHECK(testing::ReadTestFile(path) == Line(6));
  CHECK(testing::ReadTestFile(path + ".1") == Line(4) + Line(5));
  CHECK(testing::ReadTestFile(path + ".2") == Line(2) + Line(3));
  CHECK_FALSE(fs::Exists(path + ".3"));  // lines 0 and 1 are gone

  // The next event's log continues the file's size.
  WriteLines(path, rotation, 7, 9);
  CHECK(testing::ReadTestFile(path) == Line(8));
  CHECK(testing::ReadTestFile(path + ".1") == Line(6) + Line(7));
  CHECK(testing::ReadTestFile(path + ".2") == Line(4) + Line(5));
}

TEST_CASE("With one file scripts.log starts again, and a longer line still goes whole") {
  testing::TempDir dir;
  const std::string path = dir.Sub("scripts.log");
  WriteLines(path, {.max_bytes = 60, .max_files = 1}, 0, 3);
  CHECK(testing::ReadTestFile(path) == Line(2));
  CHECK_FALSE(fs::Exists(path + ".1"));
  WriteLines(path, {.max_bytes = 10, .max_files = 2}, 3, 5);
  CHECK(testing::ReadTestFile(path) == Line(4));
  CHECK(testing::ReadTestFile(path + ".1") == Line(3));
}

TEST_CASE("The default rotation is 64 MiB times 8, as the CodeDeploy agent's") {
  LogRotation rotation;
  CHECK(rotation.max_bytes == 64ull * 1024 * 1024);
  CHECK(rotation.max_files == 8);
}

}  // namespace
}  // namespace berth::agent
