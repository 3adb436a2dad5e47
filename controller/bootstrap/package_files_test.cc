// GET /packages/<name>: plain names in the packages dir, nothing else.
#include "controller/bootstrap/package_files.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "common/testing/temp_dir.h"

namespace berth::bootstrap {
namespace {

TEST_CASE("A package is a regular file named plainly in the packages dir") {
  testing::TempDir tmp;
  const std::string dir = tmp.Sub("packages");
  testing::WriteTestFile(dir + "/berth-agent_0.1.0_amd64.deb", "deb");
  testing::WriteTestFile(dir + "/.hidden", "x");
  testing::WriteTestFile(tmp.Sub("secret"), "outside");
  REQUIRE(::symlink(tmp.Sub("secret").c_str(), (dir + "/link.deb").c_str()) == 0);
  REQUIRE(::mkdir((dir + "/sub").c_str(), 0755) == 0);

  auto path = PackagePath(dir, "berth-agent_0.1.0_amd64.deb");
  REQUIRE(path.ok());
  CHECK(testing::ReadTestFile(*path) == "deb");

  for (const char* bad : {"", ".hidden", "..", "../secret", "sub", "link.deb", "a/b", "a\\b",
                          "missing.deb", "x%2f..", "berth agent.deb"}) {
    INFO(bad);
    auto refused = PackagePath(dir, bad);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.status().code() == Code::kNotFound);
  }
  CHECK(PackagePath(dir, "../secret").status().message() ==
        "no package of that name (plain file names only)");
  CHECK(PackagePath(dir, "missing.deb").status().message() ==
        "no package missing.deb in the packages dir");
}

TEST_CASE("Without --packages-dir every package is 404 with the reason") {
  auto path = PackagePath("", "berth-agent_0.1.0_amd64.deb");
  REQUIRE_FALSE(path.ok());
  CHECK(path.status().code() == Code::kNotFound);
  CHECK(path.status().message() ==
        "no package berth-agent_0.1.0_amd64.deb: the controller serves packages only with "
        "--packages-dir");
}

}  // namespace
}  // namespace berth::bootstrap
