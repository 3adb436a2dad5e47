#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <set>

#include "common/archive/archive.h"
#include "common/testing/temp_dir.h"

namespace berth::archive {
namespace {

using model::BundleType;

struct TestEntry {
  std::string name;
  unsigned int type = AE_IFREG;
  std::string data;
  std::string link;      // symlink target
  std::string hardlink;  // hard link target
  unsigned int perm = 0;  // 0: 0755 for directories, 0644 otherwise
};

TestEntry File(const std::string& name, const std::string& data) {
  return {name, AE_IFREG, data, "", ""};
}
TestEntry Dir(const std::string& name) { return {name, AE_IFDIR, "", "", ""}; }
TestEntry Symlink(const std::string& name, const std::string& target) {
  return {name, AE_IFLNK, "", target, ""};
}
TestEntry HardLink(const std::string& name, const std::string& target) {
  return {name, AE_IFREG, "", "", target};
}
TestEntry Special(const std::string& name, unsigned int type) { return {name, type, "", "", ""}; }

// Writes an archive with libarchive, which takes any pathname: the way to build the
// malicious bundles Unpack must refuse.
void WriteTestArchive(const std::string& path, BundleType format,
                      const std::vector<TestEntry>& entries) {
  struct archive* a = archive_write_new();
  if (format == BundleType::kZip) {
    archive_write_set_format_zip(a);
  } else {
    archive_write_set_format_pax_restricted(a);
    if (format == BundleType::kTgz) archive_write_add_filter_gzip(a);
  }
  REQUIRE(archive_write_open_filename(a, path.c_str()) == ARCHIVE_OK);
  for (const TestEntry& e : entries) {
    struct archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, e.name.c_str());
    archive_entry_set_filetype(entry, e.type);
    archive_entry_set_perm(entry, e.perm ? e.perm : e.type == AE_IFDIR ? 0755 : 0644);
    if (!e.link.empty()) archive_entry_set_symlink(entry, e.link.c_str());
    if (!e.hardlink.empty()) archive_entry_set_hardlink(entry, e.hardlink.c_str());
    archive_entry_set_size(entry, static_cast<la_int64_t>(e.data.size()));
    REQUIRE(archive_write_header(a, entry) == ARCHIVE_OK);
    if (!e.data.empty()) archive_write_data(a, e.data.data(), e.data.size());
    archive_entry_free(entry);
  }
  archive_write_close(a);
  archive_write_free(a);
}

TestEntry WithMode(TestEntry entry, unsigned int perm) {
  entry.perm = perm;
  return entry;
}

std::set<std::string> ListTree(const std::string& dir) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    names.insert(entry.path().lexically_relative(dir).string());
  }
  return names;
}

// A work dir with the destination two levels down, so "../../x" would land inside
// `outside()` where the test can see it.
struct Sandbox {
  testing::TempDir tmp;
  std::string archive = tmp.Sub("bundle");
  std::string dest = tmp.Sub("a/b/dest");
  std::string outside() const { return tmp.path(); }

  std::string RefusedWith(BundleType type, const std::vector<TestEntry>& entries) {
    WriteTestArchive(archive, type, entries);
    Status status = Unpack(archive, type, dest);
    REQUIRE_FALSE(status.ok());
    CHECK(status.code() == Code::kInvalidArgument);
    // Nothing written anywhere: the destination is empty and nothing appeared beside it.
    CHECK(ListTree(outside()) == std::set<std::string>{"bundle", "a", "a/b", "a/b/dest"});
    return status.message();
  }
};

TEST_CASE("unpack: a tar entry climbing out with '..' is refused", "[archive]") {
  Sandbox box;
  CHECK(box.RefusedWith(BundleType::kTar,
                        {File("appspec.yml", "version: 0.0\n"), File("../../etc/evil", "owned")}) ==
        "bundle entry \"../../etc/evil\" escapes the archive directory");
  CHECK_FALSE(std::filesystem::exists(box.tmp.Sub("a/etc/evil")));
}

TEST_CASE("unpack: a zip entry with an absolute path is refused", "[archive]") {
  Sandbox box;
  std::string evil = box.tmp.Sub("abs-evil");
  CHECK(box.RefusedWith(BundleType::kZip,
                        {File("appspec.yml", "version: 0.0\n"), File(evil, "owned")}) ==
        "bundle entry \"" + evil + "\" has an absolute path");
  CHECK_FALSE(std::filesystem::exists(evil));
}

TEST_CASE("unpack: a symlink pointing outside is refused", "[archive]") {
  Sandbox box;
  CHECK(box.RefusedWith(BundleType::kTar, {Symlink("link", "../../outside")}) ==
        "bundle entry \"link\" is a symlink to \"../../outside\", which points outside the "
        "archive directory");
  CHECK(box.RefusedWith(BundleType::kTgz, {Symlink("abs", "/etc/passwd")}) ==
        "bundle entry \"abs\" is a symlink to \"/etc/passwd\", which points outside the "
        "archive directory");
}

TEST_CASE("unpack: writing through the bundle's own symlink is refused", "[archive]") {
  Sandbox box;
  CHECK(box.RefusedWith(BundleType::kTar,
                        {Dir("dir"), Symlink("link", "dir"), File("link/file", "x")}) ==
        "bundle entry \"link/file\" goes through the bundle's own symlink \"link\"");
  CHECK(box.RefusedWith(BundleType::kTar, {Symlink("self", "."), Symlink("up", "self/..")}) ==
        "bundle entry \"up\" is a symlink to \"self/..\", which climbs out of another "
        "symlink with \"..\"");
}

TEST_CASE("unpack: hard links outside and special files are refused", "[archive]") {
  Sandbox box;
  CHECK(box.RefusedWith(BundleType::kTar, {HardLink("passwd", "../../../etc/passwd")}) ==
        "bundle entry \"passwd\" is a hard link to \"../../../etc/passwd\", which escapes the "
        "archive directory");
  CHECK(box.RefusedWith(BundleType::kTar, {Special("pipe", AE_IFIFO)}) ==
        "bundle entry \"pipe\" is a fifo; a bundle holds only files, directories and links");
  CHECK(box.RefusedWith(BundleType::kTar, {Special("disk", AE_IFBLK)}) ==
        "bundle entry \"disk\" is a block device; a bundle holds only files, directories and "
        "links");
}

TEST_CASE("unpack: '..' that stays inside and hard links inside are fine", "[archive]") {
  Sandbox box;
  WriteTestArchive(box.archive, BundleType::kTar,
                   {File("a/../b.txt", "b"), HardLink("c.txt", "b.txt"), Symlink("up", "sub/..")});
  Status status = Unpack(box.archive, BundleType::kTar, box.dest);
  INFO(status.message());
  REQUIRE(status.ok());
  CHECK(testing::ReadTestFile(box.dest + "/b.txt") == "b");
  CHECK(testing::ReadTestFile(box.dest + "/c.txt") == "b");
  CHECK(ListTree(box.dest) == std::set<std::string>{"b.txt", "c.txt", "up"});
}

TEST_CASE("unpack: a single top-level directory holding the appspec is stripped", "[archive]") {
  Sandbox box;
  WriteTestArchive(box.archive, BundleType::kTgz,
                   {Dir("app/"), File("app/appspec.yml", "version: 0.0\n"),
                    File("app/scripts/run.sh", "#!/bin/sh\n"), Symlink("app/current", "scripts")});
  REQUIRE(Unpack(box.archive, BundleType::kTgz, box.dest).ok());
  CHECK(ListTree(box.dest) ==
        std::set<std::string>{"appspec.yml", "scripts", "scripts/run.sh", "current"});
  CHECK(testing::ReadTestFile(box.dest + "/appspec.yml") == "version: 0.0\n");
}

TEST_CASE("unpack: a top-level directory without an appspec is kept", "[archive]") {
  Sandbox box;
  WriteTestArchive(box.archive, BundleType::kZip, {File("data/appspec.txt", "x")});
  REQUIRE(Unpack(box.archive, BundleType::kZip, box.dest).ok());
  CHECK(ListTree(box.dest) == std::set<std::string>{"data", "data/appspec.txt"});
}

TEST_CASE("unpack: a stripped symlink may not climb out of the new root", "[archive]") {
  Sandbox box;
  // Inside the archive "app/link -> ../x" is fine; once "app" is stripped it is not.
  CHECK(box.RefusedWith(BundleType::kTar,
                        {File("app/appspec.yml", "v"), Symlink("app/link", "../x")}) ==
        "bundle entry \"app/link\" is a symlink to \"../x\", which points outside the "
        "archive directory");
}

TEST_CASE(
    "unpack: refuses a destination that is not empty and a file that is not an "
    "archive",
    "[archive]") {
  Sandbox box;
  WriteTestArchive(box.archive, BundleType::kTar, {File("f", "x")});
  testing::WriteTestFile(box.dest + "/old", "old");
  Status busy = Unpack(box.archive, BundleType::kTar, box.dest);
  CHECK(busy.code() == Code::kFailedPrecondition);
  CHECK(busy.message() == "cannot unpack into " + box.dest + ": it is not empty");
  CHECK(testing::ReadTestFile(box.dest + "/old") == "old");

  std::string junk = box.tmp.Sub("junk");
  testing::WriteTestFile(junk, "this is not an archive, just text\n");
  std::string empty_dest = box.tmp.Sub("empty");
  Status bad = Unpack(junk, BundleType::kZip, empty_dest);
  CHECK(bad.code() == Code::kInvalidArgument);
  CHECK(bad.message().rfind("cannot read bundle " + junk + ": ", 0) == 0);
  CHECK(ListTree(empty_dest).empty());
}

TEST_CASE("unpack: setuid, setgid and others-write are cleared, other bits kept", "[archive]") {
  Sandbox box;
  WriteTestArchive(box.archive, BundleType::kTgz,
                   {WithMode(File("suid", "x"), 04755), WithMode(File("sgid", "x"), 02775),
                    WithMode(File("world", "x"), 0666), WithMode(Dir("shared"), 03777)});
  REQUIRE(Unpack(box.archive, BundleType::kTgz, box.dest).ok());
  auto mode = [&](const std::string& name) {
    struct stat st {};
    REQUIRE(::lstat((box.dest + "/" + name).c_str(), &st) == 0);
    return st.st_mode & 07777;
  };
  CHECK(mode("suid") == 0755);
  CHECK(mode("sgid") == 0775);
  CHECK(mode("world") == 0664);
  CHECK(mode("shared") == 01775);
}

TEST_CASE("unpack: formats other than tar, tgz and zip are refused", "[archive]") {
  Sandbox box;
  struct archive* a = archive_write_new();
  archive_write_set_format_cpio_newc(a);
  REQUIRE(archive_write_open_filename(a, box.archive.c_str()) == ARCHIVE_OK);
  struct archive_entry* entry = archive_entry_new();
  archive_entry_set_pathname(entry, "appspec.yml");
  archive_entry_set_filetype(entry, AE_IFREG);
  archive_entry_set_perm(entry, 0644);
  archive_entry_set_size(entry, 1);
  REQUIRE(archive_write_header(a, entry) == ARCHIVE_OK);
  archive_write_data(a, "x", 1);
  archive_entry_free(entry);
  archive_write_close(a);
  archive_write_free(a);
  Status status = Unpack(box.archive, BundleType::kTar, box.dest);
  CHECK(status.code() == Code::kInvalidArgument);
  CHECK(status.message() ==
        "cannot read bundle " + box.archive + ": Unrecognized archive format");
  CHECK(ListTree(box.outside()) == std::set<std::string>{"bundle", "a", "a/b", "a/b/dest"});
}

TEST_CASE("unpack: a bundle past a limit is refused naming the limit", "[archive]") {
  Sandbox box;
  auto refused = [&](BundleType type, const std::vector<TestEntry>& entries,
                     const UnpackLimits& limits) {
    WriteTestArchive(box.archive, type, entries);
    Status status = Unpack(box.archive, type, box.dest, limits);
    CHECK(status.code() == Code::kResourceExhausted);
    CHECK(ListTree(box.outside()) == std::set<std::string>{"bundle", "a", "a/b", "a/b/dest"});
    return status.message();
  };
  UnpackLimits entries;
  entries.max_entries = 2;
  CHECK(refused(BundleType::kTar, {File("a", "1"), File("b", "2"), File("c", "3")}, entries) ==
        "the bundle has more than 2 entries (the limit set by --max-bundle-entries)");
  UnpackLimits bytes;
  bytes.max_bytes = 10;
  CHECK(refused(BundleType::kZip, {File("a", "123456"), File("b", "123456")}, bytes) ==
        "the bundle unpacks to more than 10 bytes (the limit set by --max-bundle-bytes)");
  std::string zeros(40 << 20, '\0');
  std::string message = refused(BundleType::kTgz, {File("zeros", zeros)}, UnpackLimits{});
  CHECK_THAT(message, Catch::Matchers::StartsWith("the bundle unpacks to more than 1000 times"));
  CHECK_THAT(message,
             Catch::Matchers::EndsWith("(the compression ratio limit set by --max-bundle-ratio)"));
  UnpackLimits space;
  space.max_bytes = int64_t{1} << 62;
  space.max_ratio = 0;
  {  // a sparse tar whose one entry is larger than any test disk
    std::vector<char> header(64 * 1024);
    size_t used = 0;
    struct archive* a = archive_write_new();
    archive_write_set_format_pax_restricted(a);
    archive_write_set_bytes_per_block(a, 0);
    REQUIRE(archive_write_open_memory(a, header.data(), header.size(), &used) == ARCHIVE_OK);
    struct archive_entry* huge = archive_entry_new();
    archive_entry_set_pathname(huge, "huge");
    archive_entry_set_filetype(huge, AE_IFREG);
    archive_entry_set_perm(huge, 0644);
    archive_entry_set_size(huge, int64_t{1} << 42);
    REQUIRE(archive_write_header(a, huge) == ARCHIVE_OK);
    archive_entry_free(huge);
    size_t header_bytes = used;
    archive_write_free(a);
    FILE* out = std::fopen(box.archive.c_str(), "wb");
    REQUIRE(out != nullptr);
    std::fwrite(header.data(), 1, header_bytes, out);
    std::fclose(out);
    REQUIRE(::truncate(box.archive.c_str(), static_cast<off_t>(header_bytes + (int64_t{1} << 42) + 1024)) == 0);
  }
  Status status = Unpack(box.archive, BundleType::kTar, box.dest, space);
  CHECK(status.code() == Code::kResourceExhausted);
  CHECK_THAT(status.message(), Catch::Matchers::Contains("bytes free"));
  CHECK(ListTree(box.outside()) == std::set<std::string>{"bundle", "a", "a/b", "a/b/dest"});
}

}  // namespace
}  // namespace berth::archive
