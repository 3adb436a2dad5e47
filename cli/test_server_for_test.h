// A real HTTP server on a loopback port chosen at run time, for tests of the API client
// and of whole commands. Register handlers on server(), then Start().
#pragma once

#include <httplib.h>

#include <chrono>
#include <string>
#include <thread>

namespace berth::cli::testing {

class TestServer {
 public:
  TestServer() = default;
  ~TestServer() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  httplib::Server& server() { return server_; }

  // Binds 127.0.0.1:0 and serves on a thread until destruction.
  void Start() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace berth::cli::testing
