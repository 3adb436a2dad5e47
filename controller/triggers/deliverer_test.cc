// Deliverer: backoff, delivered/abandoned bookkeeping, one receiver never holding up
// another, the first pass after a restart, and shutdown, with a fake sender and clock.
#include "controller/triggers/deliverer.h"

#include <catch2/catch.hpp>
#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "common/testing/subprocess.h"
#include "controller/store/sqlite_store.h"

namespace berth::triggers {
namespace {

// Answers per URL: "ok" URLs succeed, "fail" URLs fail at once, "hang" URLs block until
// Release() (or the request is cancelled).
class FakeSender : public WebhookSender {
 public:
  struct Call {
    std::string url;
    std::string message_id;
    std::string body;
  };

  Status Post(const WebhookRequest& request) override {
    std::unique_lock<std::mutex> lock(mu_);
    calls_.push_back({request.url, request.message_id, request.body});
    const std::string mode = modes_.count(request.url) ? modes_[request.url] : "ok";
    if (mode == "fail") return Unavailable("HTTP 503: busy");
    if (mode == "hang") {
      ++hanging_;
      cv_.wait(lock, [&] {
        return released_ || (request.cancelled && request.cancelled->load());
      });
      --hanging_;
      if (!released_) return DeadlineExceeded("cancelled");
    }
    return Status::Ok();
  }

  void SetMode(const std::string& url, const std::string& mode) {
    std::lock_guard<std::mutex> lock(mu_);
    modes_[url] = mode;
  }
  void Release() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      released_ = true;
    }
    cv_.notify_all();
  }
  // Wakes waiters that check a cancellation flag.
  void Poke() { cv_.notify_all(); }
  std::vector<Call> calls() {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_;
  }
  int CallsTo(const std::string& url) {
    int n = 0;
    for (const Call& c : calls()) n += c.url == url;
    return n;
  }
  int hanging() {
    std::lock_guard<std::mutex> lock(mu_);
    return hanging_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, std::string> modes_;
  std::vector<Call> calls_;
  bool released_ = false;
  int hanging_ = 0;
};

struct Fixture {
  Fixture() {
    auto opened = store::SqliteStore::Open(":memory:");
    REQUIRE(opened.ok());
    store = std::move(opened).value();
    options.initial_retry_ms = 1000;
    options.max_retry_ms = 300'000;
    options.poll_interval_ms = 20;
  }

  int64_t Enqueue(const std::string& url, const std::string& event,
                  const std::string& deployment = "d-1", int64_t next_attempt = -1) {
    store::TriggerMessage m;
    m.deployment_id = deployment;
    m.trigger_name = "t";
    m.url = url;
    m.event = event;
    m.body = nlohmann::json{{"text", event}, {"messageId", "m-" + std::to_string(++ids)}}.dump();
    m.create_time = clock.NowMs();
    m.next_attempt_time = next_attempt < 0 ? clock.NowMs() : next_attempt;
    REQUIRE(store->EnqueueTrigger(m).ok());
    return ids;
  }

  std::vector<store::TriggerMessage> Messages(const std::string& deployment = "d-1") {
    auto list = store->ListTriggers(deployment);
    REQUIRE(list.ok());
    return *list;
  }

  std::unique_ptr<store::SqliteStore> store;
  FakeSender sender;
  FakeClock clock;
  DelivererOptions options;
  int ids = 0;
};

TEST_CASE("RetryDelayMs doubles from the initial delay up to the cap", "[triggers]") {
  DelivererOptions o;
  o.initial_retry_ms = 1000;
  o.max_retry_ms = 300'000;
  CHECK(RetryDelayMs(1, o) == 1000);
  CHECK(RetryDelayMs(2, o) == 2000);
  CHECK(RetryDelayMs(3, o) == 4000);
  CHECK(RetryDelayMs(9, o) == 256'000);
  CHECK(RetryDelayMs(10, o) == 300'000);
  CHECK(RetryDelayMs(1000, o) == 300'000);
}

TEST_CASE("Delivered messages are recorded and not sent again", "[triggers]") {
  Fixture f;
  Deliverer d(f.store.get(), &f.sender, &f.clock, f.options);
  f.Enqueue("http://a/hook", "DeploymentStart");
  f.Enqueue("http://a/hook", "DeploymentSuccess");
  CHECK(d.DeliverDue() == 2);
  auto calls = f.sender.calls();
  REQUIRE(calls.size() == 2);
  CHECK(calls[0].message_id == "m-1");  // X-Berth-Message-Id comes from the body
  CHECK(calls[1].message_id == "m-2");
  CHECK(nlohmann::json::parse(calls[0].body)["text"] == "DeploymentStart");
  for (const auto& m : f.Messages()) {
    CHECK(m.delivered_time == f.clock.NowMs());
    CHECK(m.attempts == 1);
    CHECK_FALSE(m.abandoned);
  }
  f.clock.AdvanceMs(3'600'000);
  CHECK(d.DeliverDue(/*all=*/true) == 0);
  CHECK(f.sender.calls().size() == 2);
}

TEST_CASE("A failed POST is retried with exponential backoff", "[triggers]") {
  Fixture f;
  Deliverer d(f.store.get(), &f.sender, &f.clock, f.options);
  f.sender.SetMode("http://b/hook", "fail");
  const int64_t t0 = f.clock.NowMs();
  f.Enqueue("http://b/hook", "DeploymentStart");

  CHECK(d.DeliverDue() == 1);
  auto m = f.Messages()[0];
  CHECK(m.attempts == 1);
  CHECK(m.last_error == "HTTP 503: busy");
  CHECK(m.next_attempt_time == t0 + 1000);
  CHECK(m.delivered_time == 0);

  CHECK(d.DeliverDue() == 0);  // not due yet
  f.clock.AdvanceMs(999);
  CHECK(d.DeliverDue() == 0);
  f.clock.AdvanceMs(1);
  CHECK(d.DeliverDue() == 1);
  m = f.Messages()[0];
  CHECK(m.attempts == 2);
  CHECK(m.next_attempt_time == t0 + 1000 + 2000);

  f.clock.AdvanceMs(2000);
  CHECK(d.DeliverDue() == 1);
  CHECK(f.Messages()[0].next_attempt_time == t0 + 3000 + 4000);

  f.sender.SetMode("http://b/hook", "ok");
  f.clock.AdvanceMs(4000);
  CHECK(d.DeliverDue() == 1);
  m = f.Messages()[0];
  CHECK(m.attempts == 4);
  CHECK(m.delivered_time == t0 + 7000);
  CHECK_FALSE(m.abandoned);
  CHECK(f.sender.CallsTo("http://b/hook") == 4);
}

TEST_CASE("A message is abandoned after the maximum attempts", "[triggers]") {
  Fixture f;
  f.options.max_attempts = 3;
  Deliverer d(f.store.get(), &f.sender, &f.clock, f.options);
  f.sender.SetMode("http://b/hook", "fail");
  f.Enqueue("http://b/hook", "DeploymentFailure");
  for (int i = 0; i < 3; ++i) {
    CHECK(d.DeliverDue(/*all=*/true) == 1);
  }
  auto m = f.Messages()[0];
  CHECK(m.attempts == 3);
  CHECK(m.abandoned);
  CHECK(m.delivered_time == 0);
  CHECK(d.DeliverDue(/*all=*/true) == 0);
  f.clock.AdvanceMs(3'600'000);
  CHECK(d.DeliverDue() == 0);
  CHECK(f.sender.CallsTo("http://b/hook") == 3);
}

TEST_CASE("A message is abandoned when its next attempt would pass the maximum age",
          "[triggers]") {
  Fixture f;
  f.options.initial_retry_ms = 4000;
  f.options.max_age_ms = 10'000;
  Deliverer d(f.store.get(), &f.sender, &f.clock, f.options);
  f.sender.SetMode("http://b/hook", "fail");
  f.Enqueue("http://b/hook", "DeploymentStart");
  CHECK(d.DeliverDue() == 1);  // next at +4 s: within the age
  CHECK_FALSE(f.Messages()[0].abandoned);
  f.clock.AdvanceMs(4000);
  CHECK(d.DeliverDue() == 1);  // next would be at +12 s: past it
  auto m = f.Messages()[0];
  CHECK(m.attempts == 2);
  CHECK(m.abandoned);
}

TEST_CASE("A message older than the maximum age is abandoned without a POST", "[triggers]") {
  Fixture f;
  f.options.max_age_ms = 10'000;
  Deliverer d(f.store.get(), &f.sender, &f.clock, f.options);
  f.Enqueue("http://a/hook", "DeploymentStart");
  f.clock.AdvanceMs(10'001);  // e.g. the controller was down that long
  d.DeliverDue();
  CHECK(f.sender.calls().empty());
  auto m = f.Messages()[0];
  CHECK(m.abandoned);
  CHECK(m.attempts == 0);
  CHECK_FALSE(m.last_error.empty());
}

TEST_CASE("A failing receiver's backoff does not hold up another receiver", "[triggers]") {
  Fixture f;
  Deliverer d(f.store.get(), &f.sender, &f.clock, f.options);
  f.sender.SetMode("http://down/hook", "fail");
  f.Enqueue("http://down/hook", "DeploymentStart");
  f.Enqueue("http://up/hook", "DeploymentStart");
  CHECK(d.DeliverDue() == 2);
  f.Enqueue("http://down/hook", "InstanceStart");
  f.Enqueue("http://up/hook", "InstanceStart");
  CHECK(d.DeliverDue() == 2);  // the new "down" message is tried too, and "up" goes out
  for (const auto& m : f.Messages()) {
    if (m.url == "http://up/hook") {
      CHECK(m.delivered_time != 0);
    } else {
      CHECK(m.delivered_time == 0);
      CHECK(m.attempts == 1);
    }
  }
}

TEST_CASE("A hanging receiver does not block another receiver's messages", "[triggers]") {
  Fixture f;
  Deliverer d(f.store.get(), &f.sender, &f.clock, f.options);
  f.sender.SetMode("http://slow/hook", "hang");
  f.Enqueue("http://slow/hook", "DeploymentStart");
  f.Enqueue("http://slow/hook", "InstanceStart");
  f.Enqueue("http://fast/hook", "DeploymentStart");
  d.Start();
  REQUIRE(testing::WaitFor([&] { return f.sender.hanging() == 1; }, 5000));
  // Queued while the slow receiver still holds its first message.
  f.Enqueue("http://fast/hook", "InstanceStart");
  d.Wake();
  REQUIRE(testing::WaitFor(
      [&] {
        int delivered = 0;
        for (const auto& m : f.Messages()) {
          delivered += m.url == "http://fast/hook" && m.delivered_time != 0;
        }
        return delivered == 2;
      },
      5000));
  CHECK(f.sender.CallsTo("http://slow/hook") == 1);  // one at a time per receiver
  f.sender.Release();
  REQUIRE(testing::WaitFor(
      [&] {
        for (const auto& m : f.Messages()) {
          if (m.delivered_time == 0) return false;
        }
        return true;
      },
      5000));
  d.Stop();
  CHECK(f.sender.calls().size() == 4);  // each exactly once
}

TEST_CASE("The first pass sends every pending message, due or not", "[triggers]") {
  Fixture f;
  Deliverer d(f.store.get(), &f.sender, &f.clock, f.options);
  // Left by a previous controller in the middle of its backoff.
  f.Enqueue("http://a/hook", "DeploymentSuccess", "d-1", f.clock.NowMs() + 60'000);
  d.Start();
  REQUIRE(testing::WaitFor([&] { return f.Messages()[0].delivered_time != 0; }, 5000));
  // Later messages go out when the engine wakes the deliverer.
  f.Enqueue("http://a/hook", "DeploymentStart", "d-2");
  d.Wake();
  REQUIRE(testing::WaitFor([&] { return f.Messages("d-2")[0].delivered_time != 0; }, 5000));
  d.Stop();
  CHECK(f.sender.calls().size() == 2);
}

TEST_CASE("Retries happen in the background when the clock reaches them", "[triggers]") {
  Fixture f;
  Deliverer d(f.store.get(), &f.sender, &f.clock, f.options);
  f.sender.SetMode("http://b/hook", "fail");
  f.Enqueue("http://b/hook", "DeploymentStart");
  d.Start();
  REQUIRE(testing::WaitFor([&] { return f.Messages()[0].attempts == 1; }, 5000));
  f.sender.SetMode("http://b/hook", "ok");
  f.clock.AdvanceMs(1000);  // the poll interval picks it up without a Wake()
  REQUIRE(testing::WaitFor([&] { return f.Messages()[0].delivered_time != 0; }, 5000));
  d.Stop();
  CHECK(f.Messages()[0].attempts == 2);
}

TEST_CASE("Stop cancels a POST in flight and leaves its message pending", "[triggers]") {
  Fixture f;
  Deliverer d(f.store.get(), &f.sender, &f.clock, f.options);
  f.sender.SetMode("http://slow/hook", "hang");
  f.Enqueue("http://slow/hook", "DeploymentStart");
  d.Start();
  REQUIRE(testing::WaitFor([&] { return f.sender.hanging() == 1; }, 5000));
  std::thread poker([&] {
    // The fake checks the cancellation flag when woken.
    testing::WaitFor([&] { f.sender.Poke(); return f.sender.hanging() == 0; }, 5000);
  });
  d.Stop();
  poker.join();
  auto m = f.Messages()[0];
  CHECK(m.attempts == 0);
  CHECK(m.delivered_time == 0);
  CHECK_FALSE(m.abandoned);
}

}  // namespace
}  // namespace berth::triggers
