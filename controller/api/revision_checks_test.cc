// Revision checks at registration: pinned git commits, secure git URLs, S3 bucket names.
#include "controller/api/revision_checks.h"

#include <catch2/catch.hpp>

#include "common/text/url_redact.h"

namespace berth::api {
namespace {

model::RevisionLocation Git(const std::string& repository, const std::string& commit) {
  model::RevisionLocation loc;
  loc.type = model::RevisionType::kGit;
  loc.repository = repository;
  loc.commit_id = commit;
  return loc;
}

const std::string kCommit(40, 'a');

TEST_CASE("revisions: a git commitId must be 40 hex characters") {
  Status s = CheckRevisionLocation(Git("https://github.com/o/r.git", "main"), false);
  CHECK(s.code() == Code::kInvalidArgument);
  CHECK(s.message() ==
        "gitHubLocation.commitId \"main\" is not a 40-character commit id; branches and tags "
        "move, so a revision names the commit itself (git rev-parse)");
  CHECK_FALSE(CheckRevisionLocation(Git("o/r", std::string(39, 'a')), false).ok());
  CHECK(CheckRevisionLocation(Git("o/r", kCommit), false).ok());
}

TEST_CASE("revisions: only https and ssh git URLs unless --allow-insecure-git") {
  for (const char* ok : {"https://github.com/o/r.git", "ssh://git@host/o/r", "git@host:o/r.git",
                         "o/r"}) {
    INFO(ok);
    CHECK(CheckRevisionLocation(Git(ok, kCommit), false).ok());
  }
  Status s = CheckRevisionLocation(Git("http://user:hunter2@git.example/r.git", kCommit), false);
  CHECK(s.code() == Code::kInvalidArgument);
  CHECK(s.message() ==
        "gitHubLocation.repository http://***@git.example/r.git is not an https:// or ssh "
        "repository; the controller accepts http://, git:// and file:// only with "
        "--allow-insecure-git");
  for (const char* bad : {"git://host/r", "file:///srv/r", "/srv/r"}) {
    INFO(bad);
    CHECK_FALSE(CheckRevisionLocation(Git(bad, kCommit), false).ok());
    CHECK(CheckRevisionLocation(Git(bad, kCommit), true).ok());
  }
}

TEST_CASE("revisions: S3 bucket names follow S3's rules") {
  for (const char* ok : {"my-bucket", "a.b.c", "abc", "bucket-2024"}) {
    CHECK(IsValidS3BucketName(ok));
  }
  for (const char* bad : {"ab", "My-Bucket", "-lead", "trail-", "a..b", "192.168.0.1", "xn--abc",
                          "b-s3alias", "has/slash", "under_score"}) {
    INFO(bad);
    CHECK_FALSE(IsValidS3BucketName(bad));
  }
  model::RevisionLocation s3;
  s3.type = model::RevisionType::kS3;
  s3.bucket = "../etc";
  s3.key = "k";
  CHECK(CheckRevisionLocation(s3, false).message() ==
        "s3Location.bucket \"../etc\" is not a valid S3 bucket name (3-63 characters of a-z, "
        "0-9, '.' and '-', starting and ending with a letter or digit)");
}

TEST_CASE("revisions: userinfo never shows in a URL") {
  CHECK(text::RedactUserinfo("https://user:tok@github.com/o/r.git") ==
        "https://***@github.com/o/r.git");
  CHECK(text::RedactUserinfo("https://github.com/o/r@v1") == "https://github.com/o/r@v1");
  CHECK(text::RedactUserinfo("git@github.com:o/r.git") == "git@github.com:o/r.git");
}

}  // namespace
}  // namespace berth::api
