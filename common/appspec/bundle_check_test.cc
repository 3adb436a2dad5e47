// CheckBundleContents: every hook script and files source must exist in the bundle.
#include "common/appspec/bundle_check.h"

#include <catch2/catch.hpp>

#include "common/appspec/parser.h"
#include "common/testing/temp_dir.h"

namespace berth::appspec {
namespace {

using testing::WriteTestFile;

constexpr char kSpec[] = R"(version: 0.0
os: linux
files:
  - source: /
    destination: /opt/app
  - source: config/app.conf
    destination: /etc/app
hooks:
  AfterInstall:
    - location: scripts/after.sh
  ApplicationStart:
    - location: scripts/start.sh
)";

TEST_CASE("bundle check: a complete bundle passes", "[appspec]") {
  testing::TempDir dir;
  WriteTestFile(dir.Sub("config/app.conf"), "x\n");
  WriteTestFile(dir.Sub("scripts/after.sh"), "#!/bin/sh\n", 0755);
  WriteTestFile(dir.Sub("scripts/start.sh"), "#!/bin/sh\n", 0755);
  auto spec = Parse(kSpec);
  REQUIRE(spec.ok());
  CHECK(CheckBundleContents(*spec, dir.path()).ok());
}

TEST_CASE("bundle check: every missing script and source is named at once", "[appspec]") {
  testing::TempDir dir;
  WriteTestFile(dir.Sub("scripts/after.sh"), "#!/bin/sh\n", 0755);
  auto spec = Parse(kSpec);
  REQUIRE(spec.ok());
  Status s = CheckBundleContents(*spec, dir.path(), "b/appspec.yml");
  REQUIRE(s.code() == Code::kInvalidArgument);
  CHECK(s.message().find("b/appspec.yml: files[1].source: \"config/app.conf\" does not exist "
                         "in the bundle (" + dir.path() + "/config/app.conf)") !=
        std::string::npos);
  CHECK(s.message().find("hooks.ApplicationStart[0].location: \"scripts/start.sh\" does not "
                         "exist in the bundle") != std::string::npos);
  CHECK(s.message().find("after.sh") == std::string::npos);
}

TEST_CASE("bundle check: a path climbing out or a directory as a script is refused",
          "[appspec]") {
  testing::TempDir dir;
  WriteTestFile(dir.Sub("b/scripts/start.sh/keep"), "");
  auto spec = Parse(R"(version: 0.0
os: linux
files:
  - source: ../outside
    destination: /opt
hooks:
  ApplicationStart:
    - location: scripts/start.sh
)");
  REQUIRE(spec.ok());
  Status s = CheckBundleContents(*spec, dir.Sub("b"));
  CHECK(s.message().find("files[0].source: \"../outside\" points outside the bundle") !=
        std::string::npos);
  CHECK(s.message().find("\"scripts/start.sh\" is not a regular file") != std::string::npos);
}

}  // namespace
}  // namespace berth::appspec
