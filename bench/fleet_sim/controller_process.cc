#include "bench/fleet_sim/controller_process.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <httplib.h>

#include "common/fs.h"

namespace berth::bench {
namespace {

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace

ControllerProcess::~ControllerProcess() { Stop(); }

Status ControllerProcess::Start(const ControllerLaunch& launch) {
  std::error_code ec;
  std::filesystem::create_directories(launch.data_dir, ec);
  if (ec) return Internal("cannot create " + launch.data_dir + ": " + ec.message());
  const int api_port = testing::FreePort();
  const int grpc_port = testing::FreePort();
  api_address_ = "127.0.0.1:" + std::to_string(api_port);
  grpc_address_ = "127.0.0.1:" + std::to_string(grpc_port);
  std::vector<std::string> argv = {launch.binary, "--data-dir", launch.data_dir, "--http-listen",
                                   api_address_, "--grpc-listen", grpc_address_};
  const std::vector<std::string> flags = DefaultControllerFlags(launch.tls);
  argv.insert(argv.end(), flags.begin(), flags.end());
  argv.insert(argv.end(), launch.extra_flags.begin(), launch.extra_flags.end());
  data_dir_ = launch.data_dir;
  api_url_ = (launch.tls ? "https://" : "http://") + api_address_;
  std::map<std::string, std::string> env;
  if (!launch.fsync_counter_lib.empty()) {
    const std::string counter = launch.data_dir + "/fsync.counter";
    {
      std::ofstream out(counter, std::ios::binary | std::ios::trunc);
      const uint64_t zero = 0;
      out.write(reinterpret_cast<const char*>(&zero), sizeof(zero));
    }
    int fd = open(counter.c_str(), O_RDWR);
    if (fd < 0) return Internal("cannot open " + counter);
    void* p = mmap(nullptr, sizeof(uint64_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    if (p == MAP_FAILED) return Internal("cannot map " + counter);
    fsyncs_ = static_cast<volatile uint64_t*>(p);
    env["LD_PRELOAD"] = launch.fsync_counter_lib;
    env["BERTH_FSYNC_COUNTER"] = counter;
  }
  process_ = std::make_unique<testing::Subprocess>(argv, env, launch.data_dir + "/controller.log");
  // Any answer will do (401 included): the API is up, and with TLS its CA is written.
  const bool up = testing::WaitFor(
      [&] {
        if (launch.tls && !std::filesystem::exists(ca_cert_path())) return false;
        httplib::Client client(api_url_);
        if (launch.tls) client.set_ca_cert_path(ca_cert_path());
        client.set_connection_timeout(1, 0);
        auto r = client.Get("/api/v1/applications");
        return r && r->status != 0;
      },
      20000);
  if (!up) return Unavailable("controller did not answer on " + api_url_);
  if (launch.tls) {
    auto ca = fs::ReadFile(ca_cert_path());
    if (!ca.ok()) return ca.status();
    ca_cert_pem_ = *ca;
  }
  auto admin = fs::ReadFile(launch.data_dir + "/admin.token");
  auto enroll = fs::ReadFile(launch.data_dir + "/enroll.token");
  if (!admin.ok() || !enroll.ok()) return Internal("controller wrote no tokens");
  admin_token_ = Trim(*admin);
  enroll_token_ = Trim(*enroll);
  return Status::Ok();
}

std::string ControllerProcess::ca_cert_path() const { return data_dir_ + "/tls/ca.crt"; }

void ControllerProcess::Stop() {
  if (process_) process_->Stop();
  process_.reset();
}

Result<ProcessStats> ControllerProcess::Stats() const {
  if (!process_) return FailedPrecondition("controller not running");
  const std::string dir = "/proc/" + std::to_string(process_->pid());
  ProcessStats out;
  std::ifstream stat(dir + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return Unavailable("cannot read " + dir + "/stat");
  // Fields after the command name (which may hold spaces) start after the last ')'.
  std::istringstream rest(line.substr(line.rfind(')') + 2));
  std::vector<std::string> fields;
  for (std::string f; rest >> f;) fields.push_back(f);
  // utime and stime are fields 14 and 15 of stat(5); fields[0] here is field 3.
  if (fields.size() < 13) return Internal("short " + dir + "/stat");
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  out.cpu_seconds = (std::stod(fields[11]) + std::stod(fields[12])) / ticks;
  std::ifstream status(dir + "/status");
  while (std::getline(status, line)) {
    std::istringstream in(line);
    std::string key;
    int64_t value = 0;
    in >> key >> value;
    if (key == "VmRSS:") out.rss_kib = value;
    if (key == "VmHWM:") out.peak_rss_kib = value;
    if (key == "Threads:") out.threads = static_cast<int>(value);
  }
  return out;
}

uint64_t ControllerProcess::Fsyncs() const {
  return fsyncs_ != nullptr ? __atomic_load_n(fsyncs_, __ATOMIC_RELAXED) : 0;
}

}  // namespace berth::bench
