// Enrollments and taggings (which run autoUpdate in their transaction) racing agents'
// polls and reports: nothing hangs, and every "command ready" notification comes after
// its command is committed (another connection to the database already sees it).
#include <atomic>
#include <future>
#include <set>
#include <thread>

#include "common/testing/temp_dir.h"
#include "controller/deploy/engine_fixture_for_test.h"

namespace berth::deploy {
namespace {

TEST_CASE("Engine: 1,000 enrollments and taggings race polls without a hang or an "
          "uncommitted command",
          "[engine][race]") {
  testing::TempDir dir;
  const std::string db = dir.Sub("berth.db");
  Fixture f(2, "AllAtOnce", db);
  // A last successful deployment: every host that joins the group gets autoUpdate.
  f.RunTargets(f.Deploy());
  auto observer = store::SqliteStore::Open(db);  // a second connection, as after a crash
  REQUIRE(observer.ok());
  // Hosts whose commands the polls take but never complete: a command of theirs, once
  // notified, stays open, so the observer must see it.
  std::mutex ids_mu;
  std::vector<std::string> ids = f.instances;
  std::set<std::string> never_completed;
  std::atomic<int> notified{0}, checked{0}, uncommitted{0};
  f.engine->SetCommandReadyCallback([&](const std::string& id) {
    ++notified;
    {
      std::lock_guard<std::mutex> lock(ids_mu);
      if (never_completed.count(id) == 0) return;
    }
    ++checked;
    auto open = (*observer)->NextOpenCommand(id);
    if (!open.ok() || !open->has_value()) ++uncommitted;
  });

  std::atomic<bool> enrolling{true};
  std::atomic<int> errors{0};
  auto enroll = [&](int first, int count) {
    for (int i = first; i < first + count; ++i) {
      auto e = f.service->Enroll({"new-" + std::to_string(i), {{"env", "prod"}}, "test"});
      if (!e.ok()) {
        ++errors;
        continue;
      }
      std::lock_guard<std::mutex> lock(ids_mu);
      ids.push_back(e->instance.id);
      if (i % 2 == 1) never_completed.insert(e->instance.id);
    }
  };
  auto tag = [&](int worker) {
    for (int i = 0; enrolling; ++i) {
      auto t = f.service->TagInstance("new-" + std::to_string((i * 7 + worker) % 200),
                                      {{"round", std::to_string(i)}}, {});
      if (!t.ok() && t.status().code() != Code::kNotFound) ++errors;
    }
  };
  auto poll = [&](int worker) {
    for (int i = 0; enrolling; ++i) {
      std::string id;
      bool complete = false;
      {
        std::lock_guard<std::mutex> lock(ids_mu);
        id = ids[(i * 13 + worker) % ids.size()];
        complete = never_completed.count(id) == 0;
      }
      auto c = f.engine->TakeCommand(id);
      if (!c.ok()) {
        ++errors;
        continue;
      }
      if (!c->has_value() || !complete) continue;
      if (!f.engine->CompleteCommand(id, (*c)->command.id, true, {"Success", "", "", ""}).ok()) {
        ++errors;
      }
    }
  };

  auto finished = std::async(std::launch::async, [&] {
    std::vector<std::thread> enrollers, others;
    for (int w = 0; w < 4; ++w) enrollers.emplace_back(enroll, w * 250, 250);
    for (int w = 0; w < 2; ++w) others.emplace_back(tag, w);
    for (int w = 0; w < 2; ++w) others.emplace_back(poll, w);
    for (auto& t : enrollers) t.join();
    enrolling = false;
    for (auto& t : others) t.join();
  });
  REQUIRE(finished.wait_for(std::chrono::minutes(3)) == std::future_status::ready);
  CHECK(errors == 0);
  CHECK(ids.size() == 1002);
  CHECK(notified > 0);
  CHECK(checked > 0);
  CHECK(uncommitted == 0);
}

}  // namespace
}  // namespace berth::deploy
