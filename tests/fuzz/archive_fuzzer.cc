// The bundle scanner and unpacker on arbitrary bytes: written to a file, unpacked into a
// fresh directory under small limits, then removed. Nothing may land outside it.
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "common/archive/archive.h"
#include "tests/fuzz/fuzz_target.h"
#include "tests/fuzz/work_dir.h"

namespace {


}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string& work = berth::fuzz::WorkDir();
  const std::string bundle = work + "/bundle";
  const std::string dest = work + "/out/dest";
  {
    std::ofstream out(bundle, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  berth::archive::UnpackLimits limits;
  limits.max_bytes = 8 << 20;
  limits.max_entries = 2000;
  for (auto type : {berth::model::BundleType::kTgz}) {
    berth::Status s = berth::archive::Unpack(bundle, type, dest, limits);
    (void)s;
  }
  std::error_code ec;
  std::filesystem::remove_all(work + "/out", ec);
  return 0;
}
