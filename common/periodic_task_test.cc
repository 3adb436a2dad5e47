#include "common/periodic_task.h"

#include <atomic>
#include <catch2/catch.hpp>

namespace berth {
namespace {

TEST_CASE("PeriodicTask ticks until stopped, and never after", "[periodic_task]") {
  std::atomic<int> ticks{0};
  std::mutex mu;
  std::condition_variable cv;
  PeriodicTask task(std::chrono::milliseconds(1), [&] {
    ++ticks;
    cv.notify_all();
  });
  task.Start();
  {
    std::unique_lock<std::mutex> lock(mu);
    REQUIRE(cv.wait_for(lock, std::chrono::seconds(30), [&] { return ticks.load() >= 3; }));
  }
  task.Stop();
  const int at_stop = ticks.load();
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK(ticks.load() == at_stop);
  task.Stop();  // idempotent
}

TEST_CASE("PeriodicTask's Stop does not wait out a long interval", "[periodic_task]") {
  int ticks = 0;
  PeriodicTask task(std::chrono::hours(1), [&] { ++ticks; });
  task.Start();
  task.Stop();  // would hang the test for an hour if it waited for the interval
  CHECK(ticks == 0);
}

}  // namespace
}  // namespace berth
