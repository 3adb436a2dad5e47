#include "agent/install/installer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "agent/install/cleanup_list.h"
#include "agent/lifecycle/fake_process_runner.h"
#include "common/testing/temp_dir.h"

namespace berth::agent {
namespace {

struct InstallFixture {
  testing::TempDir dir;
  FakeProcessRunner runner;

  std::string Bundle(const std::string& rel = "") const { return dir.Sub("bundle/" + rel); }
  std::string Root(const std::string& rel = "") const { return dir.Sub("root/" + rel); }

  InstallOptions Options(const std::string& behavior = "DISALLOW") {
    ::mkdir(Root().c_str(), 0755);
    InstallOptions o;
    o.archive_dir = dir.Sub("bundle");
    o.install_root = dir.Sub("root");
    o.cleanup_list_path = dir.Sub("instructions/g-1-cleanup");
    o.deployment_file_exists_behavior = behavior;
    o.runner = &runner;
    return o;
  }
};

appspec::AppSpec Files(std::vector<appspec::FileMapping> files, std::string behavior = "") {
  appspec::AppSpec spec;
  spec.version = "0.0";
  spec.os = "linux";
  spec.files = std::move(files);
  spec.file_exists_behavior = std::move(behavior);
  return spec;
}

TEST_CASE_METHOD(InstallFixture, "A file source lands in destination/<basename> with its mode") {
  testing::WriteTestFile(Bundle("config/app.conf"), "conf", 0640);
  auto installed = InstallFiles(Files({{"config/app.conf", "/etc/app"}}), Options());
  REQUIRE(installed.ok());
  CHECK(testing::ReadTestFile(Root("etc/app/app.conf")) == "conf");
  struct stat st {};
  REQUIRE(::stat(Root("etc/app/app.conf").c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0640);
  auto list = ReadCleanupList(dir.Sub("instructions/g-1-cleanup"));
  REQUIRE(list.ok());
  CHECK(*list == std::vector<std::string>{Root("etc"), Root("etc/app"), Root("etc/app/app.conf")});
}

TEST_CASE_METHOD(InstallFixture, "A directory source is copied recursively, symlinks kept") {
  testing::WriteTestFile(Bundle("site/index.html"), "hi");
  testing::WriteTestFile(Bundle("site/js/app.js"), "js", 0755);
  REQUIRE(::symlink("index.html", Bundle("site/home.html").c_str()) == 0);
  struct timespec times[2] = {{1000000000, 0}, {1000000000, 0}};
  ::utimensat(AT_FDCWD, Bundle("site/js/app.js").c_str(), times, 0);
  REQUIRE(InstallFiles(Files({{"site", "/var/www"}}), Options()).ok());
  CHECK(testing::ReadTestFile(Root("var/www/js/app.js")) == "js");
  char target[64] = {};
  REQUIRE(::readlink(Root("var/www/home.html").c_str(), target, sizeof(target)) > 0);
  CHECK(std::string(target) == "index.html");
  struct stat st {};
  REQUIRE(::stat(Root("var/www/js/app.js").c_str(), &st) == 0);
  CHECK(st.st_mtim.tv_sec == 1000000000);
  CHECK((st.st_mode & 0777) == 0755);
}

TEST_CASE_METHOD(InstallFixture, "Two sources onto one destination are refused before copying") {
  testing::WriteTestFile(Bundle("a/app.conf"), "a");
  testing::WriteTestFile(Bundle("b/app.conf"), "b");
  testing::WriteTestFile(Bundle("c/other"), "c");
  auto r = InstallFiles(
      Files({{"c/other", "/etc"}, {"a/app.conf", "/etc"}, {"b/app.conf", "/etc"}}), Options());
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().find(Root("etc/app.conf")) != std::string::npos);
  CHECK_FALSE(::access(Root("etc").c_str(), F_OK) == 0);
}

TEST_CASE_METHOD(InstallFixture, "DISALLOW refuses an existing file and copies nothing") {
  testing::WriteTestFile(Bundle("new.txt"), "new");
  testing::WriteTestFile(Bundle("app.txt"), "new");
  testing::WriteTestFile(Root("opt/app.txt"), "old");
  auto r = InstallFiles(Files({{"new.txt", "/opt"}, {"app.txt", "/opt"}}), Options("DISALLOW"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message() ==
        "a specified file already exists at this location: " + Root("opt/app.txt"));
  CHECK_FALSE(::access(Root("opt/new.txt").c_str(), F_OK) == 0);
  CHECK(testing::ReadTestFile(Root("opt/app.txt")) == "old");
}

TEST_CASE_METHOD(InstallFixture,
                 "OVERWRITE and RETAIN; the appspec's value beats the deployment's") {
  testing::WriteTestFile(Bundle("app.txt"), "new");
  testing::WriteTestFile(Root("opt/app.txt"), "old");
  SECTION("appspec OVERWRITE over deployment DISALLOW replaces and records") {
    REQUIRE(InstallFiles(Files({{"app.txt", "/opt"}}, "OVERWRITE"), Options("DISALLOW")).ok());
    CHECK(testing::ReadTestFile(Root("opt/app.txt")) == "new");
    CHECK(*ReadCleanupList(dir.Sub("instructions/g-1-cleanup")) ==
          std::vector<std::string>{Root("opt/app.txt")});
  }
  SECTION("appspec RETAIN over deployment OVERWRITE keeps and does not record") {
    REQUIRE(InstallFiles(Files({{"app.txt", "/opt"}}, "RETAIN"), Options("OVERWRITE")).ok());
    CHECK(testing::ReadTestFile(Root("opt/app.txt")) == "old");
    CHECK(ReadCleanupList(dir.Sub("instructions/g-1-cleanup"))->empty());
  }
  SECTION("deployment value applies when the appspec has none") {
    REQUIRE(InstallFiles(Files({{"app.txt", "/opt"}}), Options("OVERWRITE")).ok());
    CHECK(testing::ReadTestFile(Root("opt/app.txt")) == "new");
  }
  SECTION("an unknown value names the three") {
    auto r = InstallFiles(Files({{"app.txt", "/opt"}}, "MERGE"), Options());
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message().find("DISALLOW, OVERWRITE, RETAIN") != std::string::npos);
  }
}

TEST_CASE_METHOD(InstallFixture,
                 "The previous install is removed first, a torn last line ignored") {
  testing::WriteTestFile(Bundle("app.txt"), "v2");
  testing::WriteTestFile(Root("opt/app/app.txt"), "v1");
  testing::WriteTestFile(Root("opt/app/old.txt"), "v1");
  testing::WriteTestFile(Root("opt/app/keep.txt"), "not ours");
  testing::WriteTestFile(Root("opt/torn.txt"), "torn");
  testing::WriteTestFile(dir.Sub("instructions/g-1-cleanup"),
                         Root("opt/app") + "\n" + Root("opt/app/app.txt") + "\n" +
                             Root("opt/app/old.txt") + "\n" + Root("opt/torn.t"));
  REQUIRE(InstallFiles(Files({{"app.txt", "/opt/app"}}), Options("DISALLOW")).ok());
  CHECK(testing::ReadTestFile(Root("opt/app/app.txt")) == "v2");
  CHECK_FALSE(::access(Root("opt/app/old.txt").c_str(), F_OK) == 0);
  CHECK(testing::ReadTestFile(Root("opt/app/keep.txt")) == "not ours");
  CHECK(testing::ReadTestFile(Root("opt/torn.txt")) == "torn");
}

TEST_CASE("ReadCleanupList ignores a half-written last line") {
  testing::TempDir dir;
  testing::WriteTestFile(dir.Sub("list"), "/a\n/b\n/c-half");
  CHECK(*ReadCleanupList(dir.Sub("list")) == std::vector<std::string>{"/a", "/b"});
  CHECK(ReadCleanupList(dir.Sub("missing"))->empty());
}

TEST_CASE_METHOD(InstallFixture, "Permissions apply only to installed paths that match") {
  testing::WriteTestFile(Bundle("app/run.sh"), "x", 0644);
  testing::WriteTestFile(Bundle("app/data.txt"), "x", 0644);
  testing::WriteTestFile(Bundle("app/skip.sh"), "x", 0644);
  testing::WriteTestFile(Root("srv/app/preexisting.sh"), "x", 0644);
  appspec::AppSpec spec = Files({{"app", "/srv/app"}}, "OVERWRITE");
  appspec::Permission perm;
  perm.object = "/srv/app";
  perm.pattern = "*.sh";
  perm.except = {"skip*"};
  perm.types = {appspec::ObjectType::kFile};
  perm.mode = 0750;
  spec.permissions = {perm};
  REQUIRE(InstallFiles(spec, Options()).ok());
  auto mode_of = [](const std::string& p) {
    struct stat st {};
    ::stat(p.c_str(), &st);
    return st.st_mode & 07777;
  };
  CHECK(mode_of(Root("srv/app/run.sh")) == 0750);
  CHECK(mode_of(Root("srv/app/data.txt")) == 0644);
  CHECK(mode_of(Root("srv/app/skip.sh")) == 0644);
  CHECK(mode_of(Root("srv/app/preexisting.sh")) == 0644);
}

TEST_CASE_METHOD(InstallFixture, "acls without setfacl are refused as unsupported") {
  testing::WriteTestFile(Bundle("f.txt"), "x");
  appspec::AppSpec spec = Files({{"f.txt", "/opt"}});
  appspec::Permission perm;
  perm.object = "/opt/f.txt";
  perm.acls = {"u:nobody:r"};
  spec.permissions = {perm};
  InstallOptions options = Options();
  options.tool_dirs = {dir.Sub("no-tools")};
  auto r = InstallFiles(spec, options);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message() ==
        "permissions for /opt/f.txt: acls are not supported on this host (setfacl not found)");

  testing::WriteTestFile(dir.Sub("tools/setfacl"), "#!/bin/sh\n", 0755);
  options.tool_dirs = {dir.Sub("tools")};
  ::unlink(Root("opt/f.txt").c_str());
  REQUIRE(InstallFiles(spec, options).ok());
  REQUIRE(runner.runs().size() == 1);
  CHECK(runner.runs()[0].argv ==
        std::vector<std::string>{dir.Sub("tools/setfacl"), "-m", "u:nobody:r", Root("opt/f.txt")});
}

}  // namespace
}  // namespace berth::agent
