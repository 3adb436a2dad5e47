#include "bench/fleet_sim/virtual_fleet.h"

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <functional>
#include <queue>
#include <thread>

#include "common/model/lifecycle.h"
#include "common/pki/pki.h"

namespace berth::bench {
namespace {

constexpr int kEnrollWindow = 64;  // enrollments in flight at once
constexpr int kFirstOwnChannelId = 1 << 20;  // agents' own channels, apart from shared ones

// Runs functions at a time in the future on one thread (event delays, retries).
class Timer {
 public:
  Timer() : thread_([this] { Loop(); }) {}
  ~Timer() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  void After(int ms, std::function<void()> fn) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      queue_.push({std::chrono::steady_clock::now() + std::chrono::milliseconds(ms), seq_++,
                   std::move(fn)});
    }
    cv_.notify_all();
  }

 private:
  struct Item {
    SteadyTime at;
    uint64_t seq;
    std::function<void()> fn;
    bool operator>(const Item& o) const { return at != o.at ? at > o.at : seq > o.seq; }
  };
  void Loop() {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stopping_) {
      if (queue_.empty()) {
        cv_.wait(lock);
        continue;
      }
      if (cv_.wait_until(lock, queue_.top().at) != std::cv_status::timeout &&
          std::chrono::steady_clock::now() < queue_.top().at) {
        continue;
      }
      Item item = queue_.top();
      queue_.pop();
      lock.unlock();
      item.fn();
      lock.lock();
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::priority_queue<Item, std::vector<Item>, std::greater<Item>> queue_;
  uint64_t seq_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

Timer& Timers() {
  static Timer* timer = new Timer();  // lives until exit: callbacks may still use it
  return *timer;
}

}  // namespace

struct VirtualFleet::Agent {
  int index = 0;
  std::string name;
  v1::AgentService::Stub* stub = nullptr;
  std::string secret;
  // With TLS: its key, and its own connection once it has a certificate.
  std::string key_pem;
  std::shared_ptr<grpc::Channel> own_channel;
  std::unique_ptr<v1::AgentService::Stub> own_stub;
  int fail_at = -1;  // index of the event this host fails, -1: none
  std::map<std::string, int> events_seen;  // per deployment
  std::string last_command;                // a re-delivered command is not a new event
  // The RPC in flight (one at a time per agent).
  std::unique_ptr<grpc::ClientContext> ctx;
  v1::EnrollRequest enroll_req;
  v1::EnrollResponse enroll_resp;
  v1::PollCommandRequest poll_req;
  v1::PollCommandResponse poll_resp;
  v1::AckCommandRequest ack_req;
  v1::AckCommandResponse ack_resp;
  v1::CompleteCommandRequest complete_req;
  v1::CompleteCommandResponse complete_resp;

  grpc::ClientContext* NewContext(int timeout_s) {
    ctx = std::make_unique<grpc::ClientContext>();
    if (!secret.empty()) ctx->AddMetadata("authorization", "Bearer " + secret);
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(timeout_s));
    return ctx.get();
  }
};

VirtualFleet::VirtualFleet(FleetOptions options) : options_(std::move(options)) {
  for (int i = 0; i < std::max(1, options_.channels); ++i) {
    channels_.push_back(NewChannel(i, "", ""));
    stubs_.push_back(v1::AgentService::NewStub(channels_.back()));
  }
  std::mt19937 rng(options_.seed);
  std::uniform_real_distribution<double> coin(0, 1);
  const int events = static_cast<int>(model::InPlaceEvents().size());
  std::uniform_int_distribution<int> which(0, events - 1);
  for (int i = 0; i < options_.agents; ++i) {
    auto a = std::make_unique<Agent>();
    a->index = i;
    a->name = Name(i);
    a->stub = stubs_[i % stubs_.size()].get();
    if (coin(rng) < options_.failure_rate) a->fail_at = which(rng);
    agents_.push_back(std::move(a));
  }
}

VirtualFleet::~VirtualFleet() { Stop(); }

std::shared_ptr<grpc::Channel> VirtualFleet::NewChannel(int id, const std::string& key_pem,
                                                        const std::string& cert_pem) const {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);  // one connection per channel
  args.SetInt("grpc.channel_id", id);                   // keeps the channels apart
  std::shared_ptr<grpc::ChannelCredentials> credentials = grpc::InsecureChannelCredentials();
  if (options_.tls) {
    grpc::SslCredentialsOptions tls;
    tls.pem_root_certs = options_.ca_cert_pem;
    tls.pem_private_key = key_pem;
    tls.pem_cert_chain = cert_pem;
    credentials = grpc::SslCredentials(tls);
  }
  return grpc::CreateCustomChannel(options_.grpc_address, credentials, args);
}

std::string VirtualFleet::Name(int index) const {
  return options_.name_prefix + std::to_string(index);
}

Status VirtualFleet::Start() {
  for (auto& a : agents_) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return enrolling_ < kEnrollWindow; });
      ++enrolling_;
    }
    Enroll(a.get());
  }
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait_for(lock, std::chrono::minutes(5), [this] {
    return parked_.load() + errors_.load() >= options_.agents;
  });
  if (errors_.load() > 0) return Internal(std::to_string(errors_.load()) + " agents failed");
  return Status::Ok();
}

void VirtualFleet::Stop() {
  if (stopping_.exchange(true)) return;
  for (auto& a : agents_) {
    // Cancelling a parked poll ends it at once.
    std::lock_guard<std::mutex> lock(mu_);
    if (a->ctx) a->ctx->TryCancel();
  }
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait_for(lock, std::chrono::seconds(30), [this] { return outstanding_.load() == 0; });
}

void VirtualFleet::Done(Agent* a) {
  (void)a;
  std::lock_guard<std::mutex> lock(mu_);  // so a waiter cannot miss the change
  outstanding_.fetch_sub(1);
  cv_.notify_all();
}

void VirtualFleet::Enroll(Agent* a) {
  a->enroll_req.set_enroll_token(options_.enroll_token);
  a->enroll_req.set_name(a->name);
  (*a->enroll_req.mutable_tags())["fleet"] = "sim";
  (*a->enroll_req.mutable_tags())["sim-host"] = a->name;
  a->enroll_req.set_agent_version("fleet_sim");
  if (options_.tls) {
    auto key = pki::GenerateKey();
    auto csr = key.ok() ? pki::MakeCsr(*key, a->name) : Result<std::string>(key.status());
    if (!csr.ok()) {
      std::lock_guard<std::mutex> lock(mu_);
      --enrolling_;
      errors_.fetch_add(1);
      cv_.notify_all();
      return;
    }
    a->key_pem = *key;
    a->enroll_req.set_csr_pem(*csr);
  }
  outstanding_.fetch_add(1);
  grpc::ClientContext* ctx;
  {
    std::lock_guard<std::mutex> lock(mu_);
    ctx = a->NewContext(120);
  }
  a->stub->async()->Enroll(ctx, &a->enroll_req, &a->enroll_resp, [this, a](grpc::Status s) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      --enrolling_;
    }
    if (!s.ok()) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        errors_.fetch_add(1);
      }
      Done(a);
      return;
    }
    a->secret = a->enroll_resp.credential();
    if (options_.tls) {
      // From now on, its own connection with its own certificate (every call is mTLS).
      a->own_channel = NewChannel(kFirstOwnChannelId + a->index, a->key_pem,
                                  a->enroll_resp.certificate_pem());
      a->own_stub = v1::AgentService::NewStub(a->own_channel);
      a->stub = a->own_stub.get();
    }
    Done(a);
    Poll(a);
  });
}

void VirtualFleet::Retry(Agent* a) {
  Timers().After(200, [this, a] { Poll(a); });
}

void VirtualFleet::Poll(Agent* a) {
  if (stopping_) return;
  a->poll_req.set_wait_seconds(options_.poll_seconds);
  a->poll_resp.Clear();
  grpc::ClientContext* ctx;
  {
    std::lock_guard<std::mutex> lock(mu_);
    outstanding_.fetch_add(1);
    parked_.fetch_add(1);
    ctx = a->NewContext(options_.poll_seconds + 15);
    cv_.notify_all();
  }
  a->stub->async()->PollCommand(ctx, &a->poll_req, &a->poll_resp, [this, a](grpc::Status s) {
    const SteadyTime now = std::chrono::steady_clock::now();
    {
      std::lock_guard<std::mutex> lock(mu_);
      parked_.fetch_sub(1);
    }
    Done(a);
    if (stopping_) return;
    if (!s.ok()) return Retry(a);
    if (!a->poll_resp.has_command()) return Poll(a);
    OnReceived(a, a->poll_resp.command(), now);
  });
}

void VirtualFleet::OnReceived(Agent* a, const v1::HostCommand& c, SteadyTime now) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    const std::string& d = c.deployment().deployment_id();
    if (c.command_id() != a->last_command) {
      if (a->events_seen[d] == 0) {
        max_in_flight_[d] = std::max(max_in_flight_[d], ++in_flight_[d]);
      }
      log_[a->name].push_back({d, c.lifecycle_event(), now});
    }
    cv_.notify_all();
  }
  OnCommand(a, c);
}

void VirtualFleet::OnCommand(Agent* a, const v1::HostCommand& command) {
  const std::string id = command.command_id();
  const std::string deployment = command.deployment().deployment_id();
  const bool repeat = id == a->last_command;
  a->last_command = id;
  const int seq = repeat ? a->events_seen[deployment] - 1 : a->events_seen[deployment]++;
  const bool fails = seq == a->fail_at;
  const bool last = fails || command.lifecycle_event() == model::InPlaceEvents().back();
  a->ack_req.set_command_id(id);
  outstanding_.fetch_add(1);
  grpc::ClientContext* ctx;
  {
    std::lock_guard<std::mutex> lock(mu_);
    ctx = a->NewContext(30);
  }
  a->stub->async()->AckCommand(
      ctx, &a->ack_req, &a->ack_resp, [this, a, id, deployment, last, fails](grpc::Status s) {
        Done(a);
        if (stopping_) return;
        if (!s.ok()) return Retry(a);  // the next poll hands the command again
        auto complete = [this, a, id, deployment, last, fails] {
          Complete(a, id, deployment, last, !fails);
        };
        if (options_.event_delay_ms > 0) {
          Timers().After(options_.event_delay_ms, complete);
        } else {
          complete();
        }
      });
}

void VirtualFleet::Complete(Agent* a, std::string command_id, std::string deployment_id,
                            bool last, bool succeeded) {
  a->complete_req.set_command_id(command_id);
  a->complete_req.set_succeeded(succeeded);
  v1::Diagnostics* d = a->complete_req.mutable_diagnostics();
  d->set_error_code(succeeded ? "Success" : "ScriptFailed");
  d->set_message(succeeded ? "" : "fleet_sim: injected failure");
  a->complete_resp.Clear();
  outstanding_.fetch_add(1);
  grpc::ClientContext* ctx;
  {
    std::lock_guard<std::mutex> lock(mu_);
    ctx = a->NewContext(30);
  }
  a->stub->async()->CompleteCommand(
      ctx, &a->complete_req, &a->complete_resp,
      [this, a, deployment_id, last](grpc::Status s) {
        Done(a);
        if (stopping_) return;
        if (!s.ok()) return Retry(a);  // re-delivered by the next poll, completed again
        if (last) {
          std::lock_guard<std::mutex> lock(mu_);
          --in_flight_[deployment_id];
          ++finished_[deployment_id];
        }
        // Like the agent: a command handed over with the answer runs without a poll.
        if (a->complete_resp.has_next_command()) {
          return OnReceived(a, a->complete_resp.next_command(), std::chrono::steady_clock::now());
        }
        Poll(a);
      });
}

Result<SteadyTime> VirtualFleet::WaitFirstCommand(const std::string& name,
                                                  const std::string& deployment_id,
                                                  int timeout_ms) {
  std::unique_lock<std::mutex> lock(mu_);
  SteadyTime at;
  auto found = [&] {
    auto it = log_.find(name);
    if (it == log_.end()) return false;
    for (const Received& r : it->second) {
      if (r.deployment_id == deployment_id) {
        at = r.at;
        return true;
      }
    }
    return false;
  };
  if (!cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms), found)) {
    return Status(Code::kDeadlineExceeded,
                  name + " got no command of " + deployment_id + " in " +
                      std::to_string(timeout_ms) + " ms");
  }
  return at;
}

std::map<std::string, std::string> VirtualFleet::Failures() const {
  std::map<std::string, std::string> out;
  for (const auto& a : agents_) {
    if (a->fail_at >= 0) out[a->name] = model::InPlaceEvents()[a->fail_at];
  }
  return out;
}

std::map<std::string, std::vector<Received>> VirtualFleet::Log() const {
  std::lock_guard<std::mutex> lock(mu_);
  return log_;
}

int VirtualFleet::MaxInFlight(const std::string& deployment_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = max_in_flight_.find(deployment_id);
  return it == max_in_flight_.end() ? 0 : it->second;
}

int VirtualFleet::Finished(const std::string& deployment_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = finished_.find(deployment_id);
  return it == finished_.end() ? 0 : it->second;
}

}  // namespace berth::bench
