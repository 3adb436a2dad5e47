// The agent's handling of a HostCommand from a hostile controller: the bytes parsed as the
// proto, converted, and run by the event executor against a fresh deployment root with a
// fetcher that has nothing and hooks that run nothing. Ids must be refused, not used as
// paths outside the root.
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "agent/host_command.h"
#include "agent/lifecycle/event_executor.h"
#include "agent/lifecycle/fake_process_runner.h"
#include "tests/fuzz/fuzz_target.h"
#include "tests/fuzz/work_dir.h"

namespace {

class NoFetcher : public berth::agent::BundleFetcher {
 public:
  berth::Status Fetch(const berth::model::RevisionLocation&, const std::string&) override {
    return berth::Unavailable("the fuzzer fetches nothing");
  }
};


}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  berth::v1::HostCommand command;
  if (!command.ParseFromArray(data, static_cast<int>(size))) return 0;
  berth::agent::EventRequest request = berth::agent::EventRequestFromProto(command);
  const std::string root = berth::fuzz::WorkDir() + "/root";
  NoFetcher fetcher;
  berth::agent::FakeProcessRunner runner;
  berth::agent::ExecutorOptions options;
  options.root = root;
  options.install_root = berth::fuzz::WorkDir() + "/install";
  options.base_env = std::vector<std::string>{};
  berth::agent::EventExecutor executor(options, &fetcher, &runner);
  berth::agent::EventResult result = executor.Run(request);
  (void)result;
  std::error_code ec;
  std::filesystem::remove_all(root, ec);
  return 0;
}
