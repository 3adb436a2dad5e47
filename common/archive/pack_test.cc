#include <fcntl.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "common/archive/archive.h"
#include "common/testing/temp_dir.h"

namespace berth::archive {
namespace {

using model::BundleType;

// A bundle with the things a round trip must keep: contents, an executable script, a
// symlink, nested and empty directories, an mtime.
void MakeBundleDir(const std::string& dir) {
  testing::WriteTestFile(dir + "/appspec.yml", "version: 0.0\nos: linux\n");
  testing::WriteTestFile(dir + "/scripts/start.sh", "#!/bin/sh\necho hi\n", 0755);
  testing::WriteTestFile(dir + "/web/static/index.html", "<h1>hi</h1>\n", 0640);
  std::filesystem::create_directories(dir + "/empty");
  std::filesystem::create_symlink("scripts/start.sh", dir + "/start");
  struct timespec times[2] = {{1600000000, 0}, {1600000000, 0}};
  REQUIRE(::utimensat(AT_FDCWD, (dir + "/web/static/index.html").c_str(), times, 0) == 0);
}

int ModeOf(const std::string& path) {
  struct stat st;
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

TEST_CASE("pack: a directory round-trips through every bundle type", "[archive]") {
  BundleType type = GENERATE(BundleType::kTar, BundleType::kTgz, BundleType::kZip);
  INFO(model::BundleTypeName(type));
  testing::TempDir tmp;
  MakeBundleDir(tmp.Sub("src"));
  std::string bundle = tmp.Sub("out/bundle");
  std::filesystem::create_directories(tmp.Sub("out"));
  Status packed = PackDirectory(tmp.Sub("src"), type, bundle);
  INFO(packed.message());
  REQUIRE(packed.ok());
  // Written atomically: only the bundle, no temp file left beside it.
  CHECK(std::distance(std::filesystem::directory_iterator(tmp.Sub("out")),
                      std::filesystem::directory_iterator()) == 1);

  std::string dest = tmp.Sub("dest");
  Status unpacked = Unpack(bundle, type, dest);
  INFO(unpacked.message());
  REQUIRE(unpacked.ok());
  CHECK(testing::ReadTestFile(dest + "/appspec.yml") == "version: 0.0\nos: linux\n");
  CHECK(testing::ReadTestFile(dest + "/scripts/start.sh") == "#!/bin/sh\necho hi\n");
  CHECK(ModeOf(dest + "/scripts/start.sh") == 0755);
  CHECK(::access((dest + "/scripts/start.sh").c_str(), X_OK) == 0);
  CHECK(ModeOf(dest + "/web/static/index.html") == 0640);
  CHECK(testing::ReadTestFile(dest + "/web/static/index.html") == "<h1>hi</h1>\n");
  CHECK(std::filesystem::is_directory(dest + "/empty"));
  REQUIRE(std::filesystem::is_symlink(dest + "/start"));
  CHECK(std::filesystem::read_symlink(dest + "/start") == "scripts/start.sh");
  struct stat st;
  REQUIRE(::stat((dest + "/web/static/index.html").c_str(), &st) == 0);
  CHECK(st.st_mtim.tv_sec == 1600000000);
}

TEST_CASE("pack: the output may live inside the packed directory", "[archive]") {
  testing::TempDir tmp;
  MakeBundleDir(tmp.path());
  std::string bundle = tmp.Sub("bundle.tgz");
  REQUIRE(PackDirectory(tmp.path(), BundleType::kTgz, bundle).ok());
  REQUIRE(PackDirectory(tmp.path(), BundleType::kTgz, bundle).ok());  // again, over it
  testing::TempDir out;
  REQUIRE(Unpack(bundle, BundleType::kTgz, out.Sub("dest")).ok());
  CHECK_FALSE(std::filesystem::exists(out.Sub("dest/bundle.tgz")));
  CHECK(std::filesystem::exists(out.Sub("dest/appspec.yml")));
}

TEST_CASE("pack: a missing directory is NOT_FOUND", "[archive]") {
  testing::TempDir tmp;
  Status status = PackDirectory(tmp.Sub("nope"), BundleType::kTar, tmp.Sub("out.tar"));
  CHECK(status.code() == Code::kNotFound);
  CHECK(status.message() == "cannot pack " + tmp.Sub("nope") + ": not a directory");
  CHECK_FALSE(std::filesystem::exists(tmp.Sub("out.tar")));
}

}  // namespace
}  // namespace berth::archive
