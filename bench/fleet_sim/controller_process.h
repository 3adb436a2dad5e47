// fleet_sim's controller: a real berth-controller process on ports chosen at run time,
// with its CPU time, memory, threads and fsyncs read from /proc and a preloaded counter.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/testing/subprocess.h"

namespace berth::bench {

// The flags fleet_sim passes to every controller it starts, besides --data-dir and the
// listen addresses: the one place to change when the controller's defaults change.
// Without `tls`: plaintext on loopback (--insecure), where the benchmark measures the
// engine and the virtual agents are identified by their bearer credential alone. With
// it: the controller's defaults, TLS and client certificates on every agent call.
inline std::vector<std::string> DefaultControllerFlags(bool tls = false) {
  std::vector<std::string> flags = {"--log-level", "warn"};
  if (!tls) flags.insert(flags.begin(), "--insecure");
  return flags;
}

struct ControllerLaunch {
  std::string binary;    // path of berth-controller
  std::string data_dir;  // created if missing
  bool tls = false;      // see DefaultControllerFlags
  std::vector<std::string> extra_flags;  // after DefaultControllerFlags(tls)
  std::string fsync_counter_lib;  // libfsync_counter.so; empty: fsyncs are not counted
};

struct ProcessStats {
  double cpu_seconds = 0;  // user + system
  int64_t rss_kib = 0;
  int64_t peak_rss_kib = 0;
  int threads = 0;
};

class ControllerProcess {
 public:
  ~ControllerProcess();  // Stop()

  // Starts the controller and waits until its API answers; its admin and enroll tokens
  // are generated into the data dir.
  Status Start(const ControllerLaunch& launch);
  void Stop();

  const std::string& api_address() const { return api_address_; }   // HOST:PORT
  const std::string& grpc_address() const { return grpc_address_; } // HOST:PORT
  const std::string& admin_token() const { return admin_token_; }
  const std::string& enroll_token() const { return enroll_token_; }
  // With TLS: the controller's CA certificate (PEM) and its path; empty without.
  const std::string& ca_cert_pem() const { return ca_cert_pem_; }
  std::string ca_cert_path() const;
  // "http://HOST:PORT" or, with TLS, "https://HOST:PORT".
  const std::string& api_url() const { return api_url_; }

  Result<ProcessStats> Stats() const;
  // fsync + fdatasync calls so far (0 without the counter library).
  uint64_t Fsyncs() const;

 private:
  std::unique_ptr<testing::Subprocess> process_;
  std::string api_address_, grpc_address_, admin_token_, enroll_token_;
  std::string data_dir_, ca_cert_pem_, api_url_;
  volatile uint64_t* fsyncs_ = nullptr;
};

}  // namespace berth::bench
