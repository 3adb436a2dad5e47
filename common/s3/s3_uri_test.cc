#include "common/s3/s3_uri.h"

#include <catch2/catch.hpp>

namespace berth::s3 {
namespace {

TEST_CASE("s3 URIs name bucket, key and an optional version", "[s3]") {
  auto r = ParseS3Uri("s3://bucket/dir/app.tgz#v123");
  REQUIRE(r.ok());
  CHECK(r->bucket == "bucket");
  CHECK(r->key == "dir/app.tgz");
  CHECK(r->version == "v123");
  CHECK(ToS3Uri(*r) == "s3://bucket/dir/app.tgz#v123");
  auto latest = ParseS3Uri("s3://b/k");
  REQUIRE(latest.ok());
  CHECK(latest->version.empty());
}

TEST_CASE("malformed s3 URIs are refused, quoted", "[s3]") {
  for (const char* bad : {"bucket/key", "s3://bucket", "s3://bucket/", "s3:///key",
                          "s3://b/k#", "https://b/k"}) {
    auto r = ParseS3Uri(bad);
    INFO(bad);
    CHECK(r.status().code() == Code::kInvalidArgument);
    CHECK_THAT(r.status().message(), Catch::Contains(bad));
  }
}

}  // namespace
}  // namespace berth::s3
