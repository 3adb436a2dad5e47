// The S3 face's operations over a real store and blob store: versions, listings, and
// that a refused write leaves no bytes behind.
#include <catch2/catch.hpp>

#include "controller/deploy/engine_fixture_for_test.h"

namespace berth::api {
namespace {

// `data` written to the fixture's blob store, as the face's upload reader would.
StoredBytes Upload(deploy::Fixture& f, const std::string& data) {
  auto writer = f.blobs.NewWriter();
  REQUIRE(writer.ok());
  REQUIRE((*writer)->Append(data).ok());
  auto info = (*writer)->Commit();
  REQUIRE(info.ok());
  return {*info, "md5-of-" + data};
}

TEST_CASE("s3: a PUT refused after its bytes arrived leaves no blob behind", "[s3]") {
  deploy::Fixture f(1, "AllAtOnce");
  REQUIRE(f.blobs.Init().ok());
  const StoredBytes bytes = Upload(f, "orphan");
  REQUIRE(f.blobs.Has(bytes.blob.sha256));
  Result<model::ObjectVersion> put = f.service->PutObject({"gone", "k", "text/plain", bytes});
  CHECK(put.status().code() == Code::kNotFound);
  CHECK(put.status().reason() == Reason::kBucket);
  CHECK_FALSE(f.blobs.Has(bytes.blob.sha256));

  REQUIRE(f.service->CreateBucket("files").ok());
  const StoredBytes part = Upload(f, "part");
  Result<model::UploadPart> refused = f.service->PutPart("files", "k", "no-such-upload", 1, part);
  CHECK(refused.status().reason() == Reason::kUpload);
  CHECK_FALSE(f.blobs.Has(part.blob.sha256));
}

TEST_CASE("s3: versions, delete markers and delimiter listings", "[s3]") {
  deploy::Fixture f(1, "AllAtOnce");
  REQUIRE(f.blobs.Init().ok());
  REQUIRE(f.service->CreateBucket("files").ok());
  CHECK(f.service->CreateBucket("api").status().reason() == Reason::kBucket);
  const StoredBytes one = Upload(f, "one");
  const StoredBytes two = Upload(f, "two");
  auto v1 = f.service->PutObject({"files", "a/x.txt", "text/plain", one});
  auto v2 = f.service->PutObject({"files", "a/x.txt", "text/plain", two});
  REQUIRE((v1.ok() && v2.ok()));
  REQUIRE(f.service->PutObject({"files", "a/y.txt", "text/plain", one}).ok());
  REQUIRE(f.service->PutObject({"files", "b.txt", "text/plain", one}).ok());
  CHECK(f.service->GetObject("files", "a/x.txt", "")->sha256 == two.blob.sha256);
  CHECK(f.service->GetObject("files", "a/x.txt", v1->version_id)->sha256 == one.blob.sha256);

  ObjectListRequest by_dir{.bucket = "files", .delimiter = "/"};
  auto listed = f.service->ListObjects(by_dir);
  REQUIRE(listed.ok());
  CHECK(listed->common_prefixes == std::vector<std::string>{"a/"});
  REQUIRE(listed->objects.size() == 1);
  CHECK(listed->objects[0].key == "b.txt");
  CHECK_FALSE(listed->truncated);
  by_dir.max_keys = 1;
  auto first = f.service->ListObjects(by_dir);
  REQUIRE(first.ok());
  CHECK(first->common_prefixes == std::vector<std::string>{"a/"});
  CHECK(first->truncated);
  by_dir.start_after = first->next_after;
  auto second = f.service->ListObjects(by_dir);
  REQUIRE(second.ok());
  REQUIRE(second->objects.size() == 1);
  CHECK(second->objects[0].key == "b.txt");
  CHECK_FALSE(second->truncated);

  auto marker = f.service->DeleteObject("files", "b.txt", "");
  REQUIRE(marker.ok());
  CHECK(marker->delete_marker);
  CHECK(f.service->GetObject("files", "b.txt", "").status().reason() == Reason::kObject);
  CHECK(f.service->DeleteBucket("files").code() == Code::kFailedPrecondition);
}

}  // namespace
}  // namespace berth::api
