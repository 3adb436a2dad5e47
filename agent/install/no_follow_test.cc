// Install, permissions and cleanup never follow a symlink a service user put in the way,
// and a bundle cannot grant setuid, setgid or others-write.
#include "agent/install/no_follow.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "agent/install/cleanup_list.h"
#include "agent/install/installer.h"
#include "agent/install/permissions.h"
#include "agent/lifecycle/fake_process_runner.h"
#include "common/testing/temp_dir.h"

namespace berth::agent {
namespace {

constexpr uid_t kServiceUser = 65534;

struct Tree {
  testing::TempDir dir;
  FakeProcessRunner runner;
  std::string Bundle(const std::string& rel) const { return dir.Sub("bundle/" + rel); }
  std::string Root(const std::string& rel) const { return dir.Sub("root/" + rel); }
  std::string Outside(const std::string& rel) const { return dir.Sub("etc/" + rel); }

  Tree() {
    std::filesystem::create_directories(Root("opt/app"));
    testing::WriteTestFile(Outside("passwd"), "root:x:0:0", 0644);
  }
  // What a service user owning opt/app can do: replace a directory with a link to /etc.
  void PlantLink(const std::string& rel) {
    std::filesystem::remove_all(Root(rel));
    REQUIRE(::symlink(dir.Sub("etc").c_str(), Root(rel).c_str()) == 0);
    REQUIRE(::lchown(Root(rel).c_str(), kServiceUser, kServiceUser) == 0);
  }
  InstallOptions Options() {
    InstallOptions o;
    o.archive_dir = dir.Sub("bundle");
    o.install_root = dir.Sub("root");
    o.cleanup_list_path = dir.Sub("instructions/cleanup");
    o.deployment_file_exists_behavior = "OVERWRITE";
    o.runner = &runner;
    return o;
  }
  mode_t Mode(const std::string& path) const {
    struct stat st {};
    REQUIRE(::lstat(path.c_str(), &st) == 0);
    return st.st_mode & 07777;
  }
};

appspec::AppSpec Spec(std::vector<appspec::FileMapping> files,
                      std::vector<appspec::Permission> permissions = {}) {
  appspec::AppSpec spec;
  spec.version = "0.0";
  spec.os = "linux";
  spec.files = std::move(files);
  spec.permissions = std::move(permissions);
  return spec;
}

TEST_CASE("install: a service user's symlink in a destination is refused, nothing written") {
  Tree t;
  testing::WriteTestFile(t.Bundle("conf/passwd"), "owned", 0644);
  t.PlantLink("opt/app/conf");
  auto installed = InstallFiles(Spec({{"conf", "/opt/app/conf"}}), t.Options());
  REQUIRE_FALSE(installed.ok());
  CHECK(installed.status().code() == Code::kFailedPrecondition);
  CHECK(installed.status().message() == "refusing to follow the symlink " +
                                            t.Root("opt/app/conf") + " (owned by uid 65534)");
  CHECK(testing::ReadTestFile(t.Outside("passwd")) == "root:x:0:0");
}

TEST_CASE("install: a symlink below a destination is never followed") {
  Tree t;
  std::filesystem::create_directories(t.Root("opt/app/conf"));
  Result<ParentDir> parent = OpenParentNoFollow(t.Root("opt/app/conf/x"));
  REQUIRE(parent.ok());
  t.PlantLink("opt/app/conf");  // swapped after the plan was made
  Result<ParentDir> swapped = OpenParentNoFollow(t.Root("opt/app/conf/passwd"));
  CHECK(swapped.status().code() == Code::kFailedPrecondition);
  CHECK(swapped.status().message() ==
        "refusing to follow a symlink in " + t.Root("opt/app/conf/passwd"));
}

TEST_CASE("install: setuid, setgid and others-write are cleared unless permissions set them") {
  Tree t;
  testing::WriteTestFile(t.Bundle("bin/tool"), "#!/bin/sh\n", 0755);
  ::chmod(t.Bundle("bin/tool").c_str(), 04757);
  testing::WriteTestFile(t.Bundle("bin/other"), "#!/bin/sh\n", 0755);
  ::chmod(t.Bundle("bin/other").c_str(), 02755);
  appspec::Permission explicit_suid;
  explicit_suid.object = "/opt/app/bin";
  explicit_suid.pattern = "tool";
  explicit_suid.mode = 04755;
  auto installed =
      InstallFiles(Spec({{"bin", "/opt/app/bin"}}), t.Options());
  REQUIRE(installed.ok());
  CHECK(t.Mode(t.Root("opt/app/bin/tool")) == 0755);
  CHECK(t.Mode(t.Root("opt/app/bin/other")) == 0755);
  REQUIRE(InstallFiles(Spec({{"bin", "/opt/app/bin"}}, {explicit_suid}), t.Options()).ok());
  CHECK(t.Mode(t.Root("opt/app/bin/tool")) == 04755);
}

TEST_CASE("permissions: a target reached through a planted symlink is refused") {
  Tree t;
  appspec::Permission p;
  p.object = "/opt/app/conf";
  p.mode = 0666;
  t.PlantLink("opt/app/conf");
  PermissionOptions options{t.dir.Sub("root"), &t.runner};
  Status s = ApplyPermissions({p}, {t.Root("opt/app/conf/passwd")}, options);
  CHECK(s.code() == Code::kFailedPrecondition);
  CHECK(t.Mode(t.Outside("passwd")) == 0644);
}

TEST_CASE("cleanup: a listed path now reached through a symlink is left alone") {
  Tree t;
  t.PlantLink("opt/app/conf");
  REQUIRE(RemoveListedPaths({t.Root("opt/app/conf"), t.Root("opt/app/conf/passwd")}).ok());
  CHECK(testing::ReadTestFile(t.Outside("passwd")) == "root:x:0:0");
  // The link itself was listed (the previous install made it): it goes, its target stays.
  CHECK_FALSE(std::filesystem::exists(std::filesystem::symlink_status(t.Root("opt/app/conf"))));
  CHECK(std::filesystem::exists(t.Outside("passwd")));
}

}  // namespace
}  // namespace berth::agent
