// Group commit and commit hooks (sqlite_transact.cc).
#include <atomic>
#include <catch2/catch.hpp>
#include <future>
#include <thread>
#include <vector>

#include "common/testing/temp_dir.h"
#include "controller/store/sqlite_store.h"

namespace berth::store {
namespace {

std::unique_ptr<SqliteStore> OpenIn(const testing::TempDir& dir) {
  auto store = SqliteStore::Open(dir.Sub("berth.db"));
  REQUIRE(store.ok());
  return std::move(store).value();
}

model::Application App(const std::string& name) { return {"app-" + name, name, 1}; }

TEST_CASE("commit hooks run after the commit and not for a rollback", "[store][commit]") {
  testing::TempDir dir;
  auto store = OpenIn(dir);
  auto observer = OpenIn(dir);  // another connection: sees only what is committed
  std::vector<std::string> seen;
  REQUIRE(store
              ->Transact([&]() -> Status {
                RETURN_IF_ERROR(store->CreateApplication(App("web")));
                store->OnCommit(
                    [&] { seen.push_back(observer->GetApplicationByName("web").ok() ? "yes" : "no"); },
                    nullptr);
                // A nested transaction that fails drops its own hooks only.
                Status nested = store->Transact([&]() -> Status {
                  store->OnCommit([&] { seen.push_back("rolled back"); }, nullptr);
                  return Internal("no");
                });
                CHECK(nested.code() == Code::kInternal);
                CHECK(seen.empty());  // nothing runs before the commit
                return Status::Ok();
              })
              .ok());
  CHECK(seen == std::vector<std::string>{"yes"});

  seen.clear();
  Status failed = store->Transact([&]() -> Status {
    store->OnCommit([&] { seen.push_back("ran"); }, nullptr);
    return Internal("refused");
  });
  CHECK(failed.code() == Code::kInternal);
  CHECK(seen.empty());
}

TEST_CASE("a nested transaction that fails undoes only its own writes, first or later",
          "[store][commit]") {
  testing::TempDir dir;
  auto store = OpenIn(dir);
  // First thing in the outer one (no savepoint of its own is made), then after a write.
  REQUIRE(store
              ->Transact([&]() -> Status {
                Status first = store->Transact([&]() -> Status {
                  RETURN_IF_ERROR(store->CreateApplication(App("undone-1")));
                  return Internal("no");
                });
                CHECK(first.code() == Code::kInternal);
                RETURN_IF_ERROR(store->CreateApplication(App("kept")));
                Status later = store->Transact([&]() -> Status {
                  RETURN_IF_ERROR(store->CreateApplication(App("undone-2")));
                  return Internal("no");
                });
                CHECK(later.code() == Code::kInternal);
                return Status::Ok();
              })
              .ok());
  auto reopened = OpenIn(dir);
  CHECK(reopened->GetApplicationByName("kept").ok());
  CHECK(reopened->GetApplicationByName("undone-1").status().code() == Code::kNotFound);
  CHECK(reopened->GetApplicationByName("undone-2").status().code() == Code::kNotFound);
}

TEST_CASE("hooks with the same once key run once per transaction", "[store][commit]") {
  auto opened = SqliteStore::Open(":memory:");
  REQUIRE(opened.ok());
  auto& store = *opened;
  int runs = 0;
  const int key = 0;
  REQUIRE(store
              ->Transact([&]() -> Status {
                for (int i = 0; i < 3; ++i) store->OnCommit([&] { ++runs; }, &key);
                return Status::Ok();
              })
              .ok());
  CHECK(runs == 1);
}

TEST_CASE("concurrent transactions share commits, each answered after its own is durable",
          "[store][commit]") {
  testing::TempDir dir;
  auto store = OpenIn(dir);
  constexpr int kThreads = 8, kEach = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const std::string name = "a" + std::to_string(t) + "-" + std::to_string(i);
        Status s = store->Transact([&] { return store->CreateApplication(App(name)); });
        // Refused inside a batch: only this one is undone, the batch goes on.
        Status dup = store->Transact([&] { return store->CreateApplication(App(name)); });
        if (!s.ok() || dup.code() != Code::kAlreadyExists) ++failures;
      }
    });
  }
  // And the same through TransactAsync, answered on the finisher thread.
  std::promise<Status> async_done;
  store->TransactAsync([&] { return store->CreateApplication(App("async")); },
                       [&](Status s) { async_done.set_value(s); });
  for (auto& t : threads) t.join();
  CHECK(async_done.get_future().get().ok());
  CHECK(failures == 0);
  // A fresh connection sees every one: all were committed before Transact returned.
  auto reopened = OpenIn(dir);
  auto apps = reopened->ListApplications();
  REQUIRE(apps.ok());
  CHECK(apps->size() == kThreads * kEach + 1);
}

}  // namespace
}  // namespace berth::store
