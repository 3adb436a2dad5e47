#include "tests/integration/tcp_proxy.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <list>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace berth::itest {
namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kMaxQueued = 1 << 20;  // per direction; reading pauses above it

void SetNonBlocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

// Closes with a reset (RST), as a broken network or a crashed middlebox would.
void Reset(int fd) {
  linger l{1, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
  ::close(fd);
}

sockaddr_in Loopback(int port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return addr;
}

struct Chunk {
  Clock::time_point due;
  std::string data;
  size_t sent = 0;
};

// One direction of a connection: bytes read from `from`, waiting to be written to `to`.
struct Pipe {
  int from = -1;
  int to = -1;
  std::deque<Chunk> queue;
  size_t queued = 0;
  Clock::time_point last_due;
};

struct Connection {
  Pipe up, down;  // client -> target, target -> client
  Clock::time_point cut_at = Clock::time_point::max();
  bool dead = false;
};

}  // namespace

struct FaultyProxy::Loop {
  std::list<Connection> connections;
  std::mt19937 random;
};

FaultyProxy::FaultyProxy(int target_port, ProxyFaults faults, unsigned seed)
    : target_port_(target_port), faults_(faults), seed_(seed) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  sockaddr_in addr = Loopback(0);
  socklen_t len = sizeof(addr);
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      ::listen(listen_fd_, 64) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0 ||
      ::pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) {
    throw std::runtime_error("the test proxy cannot listen");
  }
  port_ = ntohs(addr.sin_port);
  SetNonBlocking(listen_fd_);
  thread_ = std::thread([this] { Run(); });
}

FaultyProxy::~FaultyProxy() {
  stop_ = true;
  (void)!::write(wake_[1], "x", 1);
  thread_.join();
  ::close(listen_fd_);
  ::close(wake_[0]);
  ::close(wake_[1]);
}

void FaultyProxy::SetFaults(const ProxyFaults& faults) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    faults_ = faults;
    faults_changed_ = true;
  }
  (void)!::write(wake_[1], "x", 1);
}

ProxyCounts FaultyProxy::counts() const {
  std::lock_guard<std::mutex> lock(mu_);
  return counts_;
}

void FaultyProxy::Run() {
  Loop loop;
  loop.random.seed(seed_);
  auto chance = [&](double p) { return std::uniform_real_distribution<>(0, 1)(loop.random) < p; };
  auto between = [&](int lo, int hi) {
    return std::uniform_int_distribution<>(lo, std::max(lo, hi))(loop.random);
  };

  auto maybe_cut = [&](Connection& c, const ProxyFaults& f) {
    c.cut_at = Clock::time_point::max();
    if (chance(f.cut_probability)) {
      c.cut_at = Clock::now() + std::chrono::milliseconds(between(f.min_life_ms, f.max_life_ms));
    }
  };

  auto accept_one = [&] {
    int client = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) return;
    ProxyFaults f;
    {
      std::lock_guard<std::mutex> lock(mu_);
      f = faults_;
      ++counts_.accepted;
      if (chance(f.drop_probability)) {
        ++counts_.dropped;
        Reset(client);
        return;
      }
    }
    int target = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr = Loopback(target_port_);
    if (::connect(target, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
      Reset(client);  // the target is down: as if it refused
      ::close(target);
      return;
    }
    SetNonBlocking(client);
    SetNonBlocking(target);
    Connection& c = loop.connections.emplace_back();
    c.up.from = c.down.to = client;
    c.up.to = c.down.from = target;
    maybe_cut(c, f);
  };

  // Reads what `p.from` has; false when the connection ended.
  auto read_side = [&](Pipe& p) {
    char buf[65536];
    ssize_t n = ::read(p.from, buf, sizeof(buf));
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) return false;
    if (n < 0) return true;
    int max_delay;
    {
      std::lock_guard<std::mutex> lock(mu_);
      max_delay = faults_.max_delay_ms;
    }
    Clock::time_point due = Clock::now() + std::chrono::milliseconds(between(0, max_delay));
    p.last_due = std::max(p.last_due, due);
    p.queue.push_back({p.last_due, std::string(buf, static_cast<size_t>(n))});
    p.queued += static_cast<size_t>(n);
    return true;
  };

  // Writes what is due; false when the connection ended.
  auto write_side = [&](Pipe& p, Clock::time_point now) {
    while (!p.queue.empty() && p.queue.front().due <= now) {
      Chunk& chunk = p.queue.front();
      ssize_t n = ::send(p.to, chunk.data.data() + chunk.sent, chunk.data.size() - chunk.sent,
                         MSG_NOSIGNAL);
      if (n < 0) return errno == EAGAIN || errno == EINTR;
      chunk.sent += static_cast<size_t>(n);
      {
        std::lock_guard<std::mutex> lock(mu_);
        counts_.bytes += n;
      }
      if (chunk.sent < chunk.data.size()) return true;
      p.queued -= chunk.data.size();
      p.queue.pop_front();
    }
    return true;
  };

  while (!stop_) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (faults_changed_) {
        for (Connection& c : loop.connections) maybe_cut(c, faults_);
        faults_changed_ = false;
      }
    }
    const Clock::time_point now = Clock::now();
    Clock::time_point wake_at = now + std::chrono::milliseconds(100);
    std::vector<pollfd> fds = {{listen_fd_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    std::vector<std::pair<Connection*, Pipe*>> sides;  // per pollfd after the first two
    for (Connection& c : loop.connections) {
      wake_at = std::min(wake_at, c.cut_at);
      for (Pipe* p : {&c.up, &c.down}) {
        short events = p->queued < kMaxQueued ? POLLIN : 0;
        if (!p->queue.empty()) {
          if (p->queue.front().due <= now) {
            fds.push_back({p->to, POLLOUT, 0});
            sides.push_back({&c, p});
          } else {
            wake_at = std::min(wake_at, p->queue.front().due);
          }
        }
        fds.push_back({p->from, events, 0});
        sides.push_back({&c, p});
      }
    }
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(wake_at - now);
    ::poll(fds.data(), fds.size(), static_cast<int>(std::max<int64_t>(0, wait.count())) + 1);
    if (fds[0].revents & POLLIN) accept_one();
    if (fds[1].revents & POLLIN) {
      char drain[64];
      while (::read(wake_[0], drain, sizeof(drain)) > 0) {
      }
    }
    for (size_t i = 2; i < fds.size(); ++i) {
      auto [c, p] = sides[i - 2];
      if (c->dead || fds[i].revents == 0) continue;
      if (fds[i].fd == p->from && (fds[i].revents & (POLLIN | POLLHUP | POLLERR))) {
        if (!read_side(*p)) c->dead = true;
      }
    }
    const Clock::time_point after = Clock::now();
    for (Connection& c : loop.connections) {
      if (!c.dead && (!write_side(c.up, after) || !write_side(c.down, after))) c.dead = true;
      if (!c.dead && after >= c.cut_at) {
        c.dead = true;
        std::lock_guard<std::mutex> lock(mu_);
        ++counts_.cut;
      }
    }
    for (auto it = loop.connections.begin(); it != loop.connections.end();) {
      if (!it->dead) {
        ++it;
        continue;
      }
      Reset(it->up.from);
      Reset(it->up.to);
      it = loop.connections.erase(it);
    }
  }
  for (Connection& c : loop.connections) {
    Reset(c.up.from);
    Reset(c.up.to);
  }
}

}  // namespace berth::itest
