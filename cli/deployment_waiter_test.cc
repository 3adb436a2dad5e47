#include "cli/deployment_waiter.h"

#include <catch2/catch.hpp>
#include <deque>
#include <memory>
#include <sstream>
#include <string>

#include "cli/deployment_fixtures_for_test.h"

namespace berth::cli {
namespace {

// Answers each request with the next queued response; the last one repeats.
class FakeTransport : public HttpTransport {
 public:
  void Push(Result<HttpResponse> response) { responses_.push_back(std::move(response)); }
  Result<HttpResponse> Send(const HttpRequest& request) override {
    urls.push_back(request.url);
    Result<HttpResponse> next = responses_.front();
    if (responses_.size() > 1) responses_.pop_front();
    return next;
  }
  std::vector<std::string> urls;

 private:
  std::deque<Result<HttpResponse>> responses_;
};

HttpResponse Ok(const nlohmann::json& body) { return {200, body.dump()}; }

struct WaitFixture {
  WaitFixture() : api({"http://controller:8080", "t"}, MakeTransport(&transport)) {
    ctx.api = &api;
    ctx.out = &out;
    ctx.err = &err;
    ctx.clock = &clock;
    ctx.sleep_ms = [this](int64_t ms) {
      clock.AdvanceMs(ms);
      ++sleeps;
    };
  }
  static std::unique_ptr<HttpTransport> MakeTransport(FakeTransport** out) {
    auto transport = std::make_unique<FakeTransport>();
    *out = transport.get();
    return transport;
  }

  FakeTransport* transport = nullptr;
  ApiClient api;
  FakeClock clock;
  std::ostringstream out, err;
  int sleeps = 0;
  Context ctx;
};

TEST_CASE("waiting rides out a controller that is briefly unreachable", "[wait]") {
  WaitFixture f;
  f.transport->Push(Unavailable("connection refused"));
  f.transport->Push(Unavailable("connection refused"));
  f.transport->Push(Ok(testing::MakeDeployment("InProgress", {})));
  f.transport->Push(Ok(testing::MakeDeployment("Stopped", {})));

  Result<nlohmann::json> final_state = PollUntilFinal(f.ctx, "d-ABCDEFGHI", nullptr);
  REQUIRE(final_state.ok());
  CHECK((*final_state)["status"] == "Stopped");
  CHECK(ExitCodeFor(*final_state) == 1);
  CHECK(f.sleeps == 3);
  CHECK(f.transport->urls.back() == "http://controller:8080/api/v1/deployments/d-ABCDEFGHI");
  CHECK(f.err.str() ==
        "berth: UNAVAILABLE: cannot reach controller at http://controller:8080: connection "
        "refused (retrying)\n"
        "berth: controller reachable again\n");
}

TEST_CASE("waiting gives up once the controller stays unreachable", "[wait]") {
  WaitFixture f;
  f.transport->Push(Unavailable("connection refused"));
  Result<nlohmann::json> final_state = PollUntilFinal(f.ctx, "d-ABCDEFGHI", nullptr, 10'000);
  REQUIRE_FALSE(final_state.ok());
  CHECK(final_state.status().code() == Code::kUnavailable);
  CHECK(f.sleeps == 20);  // 10 s of 500 ms polls
}

TEST_CASE("waiting stops at once on an error that retrying cannot fix", "[wait]") {
  WaitFixture f;
  f.transport->Push(
      HttpResponse{404, R"({"code": "NOT_FOUND", "message": "deployment d-X does not exist"})"});
  Result<nlohmann::json> final_state = PollUntilFinal(f.ctx, "d-X", nullptr);
  REQUIRE_FALSE(final_state.ok());
  CHECK(final_state.status().ToString() == "NOT_FOUND: deployment d-X does not exist");
  CHECK(f.sleeps == 0);
}

TEST_CASE("each look asks only for the targets changed since the previous one", "[wait]") {
  testing::UseUtc();
  WaitFixture f;
  nlohmann::json running = testing::MakeTarget(
      "web-1", "InProgress", {testing::MakeEvent("ApplicationStop", "Succeeded", 1000, 1100)});
  nlohmann::json done = testing::MakeTarget(
      "web-1", "Succeeded", {testing::MakeEvent("ApplicationStop", "Succeeded", 1000, 1100)});
  f.transport->Push(Ok(testing::MakeDeployment("InProgress", {running})));
  f.transport->Push(Ok({{"targets", {running}}, {"changeCursor", "5"}, {"hasMore", true}}));
  f.transport->Push(Ok({{"targets", nlohmann::json::array()}, {"changeCursor", "7"}}));
  f.transport->Push(Ok(testing::MakeDeployment("Succeeded", {done})));
  f.transport->Push(Ok({{"targets", {done}}, {"changeCursor", "9"}}));
  ProgressPrinter printer(f.out, &f.clock);
  Result<nlohmann::json> final_state = PollUntilFinal(f.ctx, "d-ABCDEFGHI", &printer);
  REQUIRE(final_state.ok());
  CHECK((*final_state)["status"] == "Succeeded");
  const std::string base = "http://controller:8080/api/v1/deployments/d-ABCDEFGHI";
  CHECK(f.transport->urls == std::vector<std::string>{
                                 base,
                                 base + "/targets?changedSince=0&limit=1000",
                                 base + "/targets?changedSince=5&limit=1000",
                                 base,
                                 base + "/targets?changedSince=7&limit=1000",
                             });
  CHECK(f.out.str().find("web-1  ApplicationStop") != std::string::npos);
  CHECK(f.out.str().find("web-1  host Succeeded") != std::string::npos);
}

}  // namespace
}  // namespace berth::cli
