#include "common/archive/entry_paths.h"

#include <catch2/catch.hpp>

namespace berth::archive::internal {
namespace {

std::string Normalized(const std::string& name) {
  std::string out = "<unset>";
  REQUIRE(NormalizeEntryPath(name, &out) == EntryPathVerdict::kInside);
  return out;
}

TEST_CASE("entry paths: names are normalized lexically", "[archive]") {
  CHECK(Normalized("a/b/c") == "a/b/c");
  CHECK(Normalized("./a//b/./c/") == "a/b/c");
  CHECK(Normalized("a/../b") == "b");
  CHECK(Normalized("./") == "");
  std::string out;
  CHECK(NormalizeEntryPath("../../etc/evil", &out) == EntryPathVerdict::kEscapes);
  CHECK(NormalizeEntryPath("a/../../b", &out) == EntryPathVerdict::kEscapes);
  CHECK(NormalizeEntryPath("/etc/passwd", &out) == EntryPathVerdict::kAbsolute);
}

TEST_CASE("entry paths: symlink targets resolve from the link's directory", "[archive]") {
  auto none = [](const std::string&) { return false; };
  const std::string root = "/srv/dest";
  CHECK(ResolveLinkTarget("a/link", "../b", root, none) == LinkTargetVerdict::kInside);
  CHECK(ResolveLinkTarget("link", "sub/file", root, none) == LinkTargetVerdict::kInside);
  CHECK(ResolveLinkTarget("link", ".", root, none) == LinkTargetVerdict::kInside);
  CHECK(ResolveLinkTarget("link", "../../outside", root, none) == LinkTargetVerdict::kOutside);
  CHECK(ResolveLinkTarget("a/link", "../..", root, none) == LinkTargetVerdict::kOutside);
  CHECK(ResolveLinkTarget("link", "../dest/x", root, none) == LinkTargetVerdict::kInside);
  CHECK(ResolveLinkTarget("link", "/srv/dest/x", root, none) == LinkTargetVerdict::kInside);
  CHECK(ResolveLinkTarget("link", "/etc/passwd", root, none) == LinkTargetVerdict::kOutside);
  CHECK(ResolveLinkTarget("link", "/srv/destination", root, none) == LinkTargetVerdict::kOutside);
}

TEST_CASE("entry paths: '..' after another symlink is refused, not guessed", "[archive]") {
  // "self -> ." then "up -> self/.." resolves, in the kernel, to the parent of the root.
  auto self_is_link = [](const std::string& path) { return path == "self"; };
  CHECK(ResolveLinkTarget("up", "self/..", "/srv/dest", self_is_link) ==
        LinkTargetVerdict::kThroughSymlink);
  CHECK(ResolveLinkTarget("down", "self/x", "/srv/dest", self_is_link) ==
        LinkTargetVerdict::kInside);
}

}  // namespace
}  // namespace berth::archive::internal
