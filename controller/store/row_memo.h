// Rows the store read by a key, kept until their row changes: a hot path that reads the
// same row on every call (an agent's instance by its credential, an outcome's
// deployment) decodes it once. SqliteStore forgets an entry from its update hook when
// the row changes and empties the memo on every rollback, so a memo never holds what
// the connection would not read now. Not thread-safe: used under the store's lock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>

namespace berth::store {

template <typename T>
class RowMemo {
 public:
  // Holds at most `capacity` rows; a full memo starts again empty.
  explicit RowMemo(size_t capacity) : capacity_(capacity) {}

  // The row remembered under `key`, or null.
  const T* Find(const std::string& key) const {
    auto it = by_key_.find(key);
    return it == by_key_.end() ? nullptr : &it->second.value;
  }

  // Remembers `value`, the row `rowid` of its table, under `key`.
  void Put(const std::string& key, int64_t rowid, T value) {
    if (by_key_.size() >= capacity_) Clear();
    Forget(rowid);
    if (auto it = by_key_.find(key); it != by_key_.end()) key_of_rowid_.erase(it->second.rowid);
    key_of_rowid_[rowid] = key;
    by_key_.insert_or_assign(key, Entry{rowid, std::move(value)});
  }

  // Row `rowid` changed or went.
  void Forget(int64_t rowid) {
    auto it = key_of_rowid_.find(rowid);
    if (it == key_of_rowid_.end()) return;
    by_key_.erase(it->second);
    key_of_rowid_.erase(it);
  }

  void Clear() {
    by_key_.clear();
    key_of_rowid_.clear();
  }

 private:
  struct Entry {
    int64_t rowid;
    T value;
  };
  size_t capacity_;
  std::unordered_map<std::string, Entry> by_key_;
  std::unordered_map<int64_t, std::string> key_of_rowid_;
};

}  // namespace berth::store
