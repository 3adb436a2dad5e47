#include "agent/revision/dispatching_fetcher.h"

#include <catch2/catch.hpp>

#include "agent/revision/git_fetcher.h"

namespace berth::agent {
namespace {

class RecordingFetcher : public BundleFetcher {
 public:
  Status Fetch(const model::RevisionLocation& location, const std::string& dest) override {
    ++calls;
    return Status::Ok();
  }
  int calls = 0;
};

TEST_CASE("the dispatcher routes by location type and names a type it cannot fetch", "[revision]") {
  RecordingFetcher s3, git;
  DispatchingFetcher fetcher;
  fetcher.Register(model::RevisionType::kS3, &s3);
  fetcher.Register(model::RevisionType::kGit, &git);
  model::RevisionLocation location;
  location.type = model::RevisionType::kGit;
  CHECK(fetcher.Fetch(location, "/tmp/x").ok());
  CHECK(git.calls == 1);
  CHECK(s3.calls == 0);
  location.type = model::RevisionType::kHttps;
  Status s = fetcher.Fetch(location, "/tmp/x");
  CHECK(s.code() == Code::kUnimplemented);
  CHECK_THAT(s.message(), Catch::Contains("Https"));
}

TEST_CASE("owner/repo means GitHub over https; URLs pass through", "[revision]") {
  CHECK(GitRemoteUrl("acme/shop") == "https://github.com/acme/shop.git");
  CHECK(GitRemoteUrl("file:///srv/repo") == "file:///srv/repo");
  CHECK(GitRemoteUrl("ssh://git@host/r.git") == "ssh://git@host/r.git");
  CHECK(GitRemoteUrl("git@github.com:acme/shop.git") == "git@github.com:acme/shop.git");
  CHECK(GitRemoteUrl("/srv/repo") == "/srv/repo");
}

}  // namespace
}  // namespace berth::agent
