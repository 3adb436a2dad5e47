// Enrollments and taggings (which run autoUpdate in their transaction) racing agents'
// polls and reports: nothing hangs, and every "command ready" notification comes after
// its command is committed (another connection to the database already sees it).
#include <sqlite3.h>

#include <atomic>
#include <future>
#include <map>
#include <thread>

#include "common/testing/temp_dir.h"
#include "controller/store/sqlite_stmt.h"
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
  // A second connection, as a restarted controller would read the file: each
  // notification must find at least as many commands of its instance committed as there
  // were notifications for it (commands are never deleted).
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  std::unique_ptr<sqlite3, store::SqliteCloser> observer(raw);
  sqlite3_busy_timeout(raw, 5000);
  std::mutex observer_mu;
  std::map<std::string, int> notifications;
  std::atomic<int> notified{0}, uncommitted{0};
  f.engine->SetCommandReadyCallback([&](const std::string& id) {
    ++notified;
    std::lock_guard<std::mutex> lock(observer_mu);
    const int expected = ++notifications[id];
    store::Stmt count(observer.get(), "SELECT COUNT(*) FROM commands WHERE instance_id = ?1");
    auto row = count.Bind(id).Step();
    if (!row.ok() || !*row || count.Int(0) < expected) ++uncommitted;
  });
  std::mutex ids_mu;
  std::vector<std::string> ids = f.instances;

  std::atomic<bool> enrolling{true};
  std::atomic<int> errors{0};
  auto enroll = [&](int first, int count) {
    for (int i = first; i < first + count; ++i) {
      auto e = f.service->Enroll(
          {Fixture::kEnrollToken, "new-" + std::to_string(i), {{"env", "prod"}}, "test"});
      if (!e.ok()) {
        ++errors;
        continue;
      }
      std::lock_guard<std::mutex> lock(ids_mu);
      ids.push_back(e->instance.id);
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
      {
        std::lock_guard<std::mutex> lock(ids_mu);
        id = ids[(i * 13 + worker) % ids.size()];
      }
      auto c = f.engine->TakeCommand(id);
      if (!c.ok()) {
        ++errors;
        continue;
      }
      if (!c->has_value()) continue;
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
  CHECK(uncommitted == 0);
}

}  // namespace
}  // namespace berth::deploy
