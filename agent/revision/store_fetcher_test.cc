// The store fetcher asks again for a chunk lost on the network, from the same offset,
// and gives up on other errors at once.
#include "agent/revision/store_fetcher.h"

#include <catch2/catch.hpp>

#include "agent/fake_controller_client.h"
#include "common/sha256.h"
#include "common/testing/temp_dir.h"

namespace berth::agent {
namespace {

// Serves `blob` in chunks of 4 bytes, failing the calls whose (1-based) numbers are in
// `failures` with the given status.
class FlakyStore : public FakeControllerClient {
 public:
  std::string blob = "0123456789abcdef0123";
  std::map<int, Status> failures;
  std::vector<int64_t> offsets;  // asked for, in order

  Result<BlobChunk> FetchBlob(const std::string&, int64_t offset, int) override {
    offsets.push_back(offset);
    auto failure = failures.find(static_cast<int>(offsets.size()));
    if (failure != failures.end()) return failure->second;
    return BlobChunk{blob.substr(static_cast<size_t>(offset), 4),
                     static_cast<int64_t>(blob.size())};
  }
};

model::RevisionLocation StoreLocation(const std::string& content) {
  model::RevisionLocation location;
  location.type = model::RevisionType::kStore;
  location.sha256 = Sha256Hex(content);
  return location;
}

StoreFetcherOptions Quick() { return {.first_pause = std::chrono::milliseconds(1)}; }

TEST_CASE("store fetcher: a chunk cut off on the network is fetched again from its offset") {
  testing::TempDir dir;
  FlakyStore store;
  store.failures = {{2, Unavailable("recvmsg:Connection reset by peer")},
                    {3, DeadlineExceeded("deadline exceeded")},
                    {5, Unavailable("failed to connect to all addresses")}};
  StoreFetcher fetcher(&store, Quick());
  REQUIRE(fetcher.Fetch(StoreLocation(store.blob), dir.Sub("bundle")).ok());
  CHECK(testing::ReadTestFile(dir.Sub("bundle")) == store.blob);
  CHECK(store.offsets == std::vector<int64_t>{0, 4, 4, 4, 8, 8, 12, 16});
}

TEST_CASE("store fetcher: other errors, and a network that stays down, fail the fetch") {
  testing::TempDir dir;
  FlakyStore missing;
  missing.failures = {{1, NotFound("blob does not exist")}};
  StoreFetcher once(&missing, Quick());
  CHECK(once.Fetch(StoreLocation(missing.blob), dir.Sub("a")).code() == Code::kNotFound);
  CHECK(missing.offsets.size() == 1);

  FlakyStore down;
  for (int i = 1; i <= 3; ++i) down.failures[i] = Unavailable("controller down");
  StoreFetcherOptions three = Quick();
  three.attempts_per_chunk = 3;
  StoreFetcher fetcher(&down, three);
  Status s = fetcher.Fetch(StoreLocation(down.blob), dir.Sub("b"));
  CHECK(s.code() == Code::kUnavailable);
  CHECK(s.message().find("controller down") != std::string::npos);
  CHECK(down.offsets.size() == 3);
}

}  // namespace
}  // namespace berth::agent
