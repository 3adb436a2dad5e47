// A TCP proxy for fault tests: it forwards 127.0.0.1:port() to 127.0.0.1:target_port and,
// as its ProxyFaults say, resets new connections at once, delays what it forwards and cuts
// established connections (reset, mid-stream). One thread with poll(); every decision
// comes from a generator seeded by the caller, so a run can be repeated. Stopped, with
// every socket closed, by the destructor.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

namespace berth::itest {

struct ProxyFaults {
  double drop_probability = 0;  // a new connection is reset before anything is forwarded
  int max_delay_ms = 0;         // each chunk waits 0..max_delay_ms (order is kept)
  double cut_probability = 0;   // a connection is reset after a random lifetime
  int min_life_ms = 100;        // of a connection that will be cut
  int max_life_ms = 2000;
};

struct ProxyCounts {
  int accepted = 0;
  int dropped = 0;
  int cut = 0;
  int64_t bytes = 0;  // forwarded, both ways
};

class FaultyProxy {
 public:
  FaultyProxy(int target_port, ProxyFaults faults, unsigned seed);
  ~FaultyProxy();
  FaultyProxy(const FaultyProxy&) = delete;
  FaultyProxy& operator=(const FaultyProxy&) = delete;

  int port() const { return port_; }
  // Applies from now on: to what is read next, to new connections, and to the open ones
  // (each may be cut, after a lifetime counted from now).
  void SetFaults(const ProxyFaults& faults);
  ProxyCounts counts() const;

 private:
  struct Loop;
  void Run();

  const int target_port_;
  int port_ = 0;
  int listen_fd_ = -1;
  int wake_[2] = {-1, -1};
  std::atomic<bool> stop_{false};
  mutable std::mutex mu_;
  ProxyFaults faults_;  // guarded by mu_
  bool faults_changed_ = false;  // guarded by mu_; the loop re-rolls open connections' cuts
  ProxyCounts counts_;  // guarded by mu_
  unsigned seed_;
  std::thread thread_;
};

}  // namespace berth::itest
