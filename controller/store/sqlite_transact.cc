// SqliteStore::Transact: group commit and commit hooks (see sqlite_store.h).
#include "controller/store/sqlite_store.h"

namespace berth::store {

Status SqliteStore::Transact(const std::function<Status()>& fn) {
  if (leader_.load() == std::this_thread::get_id()) return TransactNested(fn);
  QueuedTransaction me;
  me.fn = &fn;
  {
    std::unique_lock<std::mutex> lock(queue_mu_);
    queue_.push_back(&me);
    while (!me.done) {
      if (batch_running_) {
        queue_cv_.wait(lock);
        continue;
      }
      LeadBatch(lock);
    }
  }
  for (const CommitHook& hook : me.hooks) hook.run();
  return me.status;
}

void SqliteStore::LeadBatch(std::unique_lock<std::mutex>& lock) {
  batch_running_ = true;
  std::vector<QueuedTransaction*> batch(queue_.begin(), queue_.end());
  queue_.clear();
  lock.unlock();
  const bool committed = RunBatch(batch);
  metrics_->BatchCommitted(static_cast<int>(batch.size()), committed);
  const auto now = std::chrono::steady_clock::now();
  for (const QueuedTransaction* t : batch) {
    metrics_->TransactionDone(std::chrono::duration<double>(now - t->queued_at).count());
  }
  std::vector<QueuedTransaction*> async = AsyncOf(batch);
  lock.lock();
  for (QueuedTransaction* t : batch) t->done = true;  // their Transacts may return now
  batch_running_ = false;
  queue_cv_.notify_all();
  lock.unlock();
  if (!async.empty()) HandOff(std::move(async));
  lock.lock();
}

void SqliteStore::HandOff(std::vector<QueuedTransaction*> async) {
  std::lock_guard<std::mutex> lock(finish_mu_);
  if (!finisher_.joinable()) finisher_ = std::thread([this] { FinishLoop(); });
  to_finish_.push_back(std::move(async));
  finish_cv_.notify_one();
}

void SqliteStore::FinishLoop() {
  std::unique_lock<std::mutex> lock(finish_mu_);
  while (true) {
    if (to_finish_.empty()) {
      if (finisher_closing_) return;
      finish_cv_.wait(lock);
      continue;
    }
    std::vector<QueuedTransaction*> async = std::move(to_finish_.front());
    to_finish_.pop_front();
    lock.unlock();
    FinishAsync(async);
    lock.lock();
  }
}

void SqliteStore::TransactAsync(std::function<Status()> fn, std::function<void(Status)> done) {
  auto* t = new QueuedTransaction();  // freed by FinishAsync
  t->owned_fn = std::move(fn);
  t->fn = &t->owned_fn;
  t->on_done = std::move(done);
  {
    std::lock_guard<std::mutex> lock(queue_mu_);
    if (!closing_) {
      if (!committer_.joinable()) committer_ = std::thread([this] { CommitLoop(); });
      queue_.push_back(t);
      queue_cv_.notify_all();
      return;
    }
  }
  // Closing (an on_done on the finisher asking for more once the committer has gone):
  // refused, not queued where no thread would run it.
  t->on_done(Unavailable("the controller's store is closing"));
  delete t;
}

void SqliteStore::CommitLoop() {
  std::unique_lock<std::mutex> lock(queue_mu_);
  while (true) {
    if (queue_.empty() || batch_running_) {
      if (closing_ && queue_.empty()) return;
      queue_cv_.wait(lock);
      continue;
    }
    LeadBatch(lock);
  }
}

std::vector<SqliteStore::QueuedTransaction*> SqliteStore::AsyncOf(
    const std::vector<QueuedTransaction*>& batch) {
  std::vector<QueuedTransaction*> async;
  for (QueuedTransaction* t : batch) {
    if (t->on_done) async.push_back(t);  // a waiting Transact finishes itself
  }
  return async;
}

void SqliteStore::FinishAsync(const std::vector<QueuedTransaction*>& async) {
  for (QueuedTransaction* t : async) {
    for (const CommitHook& hook : t->hooks) hook.run();
    t->on_done(t->status);
    delete t;
  }
}

SqliteStore::~SqliteStore() {
  {
    std::lock_guard<std::mutex> lock(queue_mu_);
    closing_ = true;
    queue_cv_.notify_all();
  }
  if (committer_.joinable()) committer_.join();
  {
    std::lock_guard<std::mutex> lock(finish_mu_);
    finisher_closing_ = true;
    finish_cv_.notify_all();
  }
  if (finisher_.joinable()) finisher_.join();  // after the committer: nothing is handed off now
}

bool SqliteStore::RunBatch(const std::vector<QueuedTransaction*>& batch) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Status begin = Exec("BEGIN IMMEDIATE");
  if (!begin.ok()) {
    for (QueuedTransaction* t : batch) t->status = begin;
    return false;
  }
  leader_.store(std::this_thread::get_id());
  depth_ = 1;
  for (QueuedTransaction* t : batch) {
    hooks_ = &t->hooks;
    Status s = Exec("SAVEPOINT berth_batch");
    changes_at_batch_savepoint_ = sqlite3_total_changes64(db_.get());
    if (s.ok()) s = (*t->fn)();
    if (!s.ok()) {
      (void)Rollback("ROLLBACK TO berth_batch");
      t->hooks.clear();
    }
    Status released = Exec("RELEASE berth_batch");
    t->status = s.ok() ? released : s;
  }
  hooks_ = nullptr;
  depth_ = 0;
  leader_.store(std::thread::id());
  Status commit = Exec("COMMIT");
  if (commit.ok()) return true;
  // After a failed COMMIT the transaction may still be open (SQLITE_BUSY) or already
  // rolled back by SQLite; either way this leaves none of it behind.
  (void)Rollback("ROLLBACK");
  for (QueuedTransaction* t : batch) {
    if (t->status.ok()) t->status = commit;
    t->hooks.clear();
  }
  return false;
}

Status SqliteStore::Exec(const std::string& sql) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, sql.c_str());
  return stmt.Run();
}

Status SqliteStore::Rollback(const std::string& sql) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  deployment_memo_.Clear();
  instance_memo_.Clear();
  return Exec(sql);
}

Status SqliteStore::TransactNested(const std::function<Status()>& fn) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  const size_t hooks_before = hooks_ != nullptr ? hooks_->size() : 0;
  // The engine's outermost work is usually one Transact inside a batch's transaction
  // (an RPC's fn calls Engine::CompleteCommand, which calls Transact). When nothing was
  // written since the batch's savepoint, that savepoint already marks where this one
  // would: rolling back to it undoes exactly this call, so no second savepoint is made.
  if (depth_ == 1 && sqlite3_total_changes64(db_.get()) == changes_at_batch_savepoint_) {
    ++depth_;
    Status status = fn();
    --depth_;
    if (!status.ok()) {
      (void)Rollback("ROLLBACK TO berth_batch");
      if (hooks_ != nullptr) hooks_->resize(hooks_before);
    }
    return status;
  }
  const std::string savepoint = "berth_nested_" + std::to_string(depth_);
  RETURN_IF_ERROR(Exec("SAVEPOINT " + savepoint));
  ++depth_;
  Status status = fn();
  --depth_;
  if (!status.ok()) {
    (void)Rollback("ROLLBACK TO " + savepoint);
    if (hooks_ != nullptr) hooks_->resize(hooks_before);
  }
  Status released = Exec("RELEASE " + savepoint);
  return status.ok() ? released : status;
}

void SqliteStore::OnCommit(std::function<void()> hook, const void* once) {
  if (leader_.load() == std::this_thread::get_id()) {
    std::lock_guard<std::recursive_mutex> lock(mu_);
    if (hooks_ != nullptr) {
      if (once != nullptr) {
        for (const CommitHook& h : *hooks_) {
          if (h.once == once) return;
        }
      }
      hooks_->push_back({std::move(hook), once});
      return;
    }
  }
  hook();  // outside any transaction: nothing to wait for
}

}  // namespace berth::store
