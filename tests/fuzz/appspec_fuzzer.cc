// The appspec parser on arbitrary text: errors are fine, crashes and hangs are not.
#include "common/appspec/parser.h"
#include "tests/fuzz/fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto spec = berth::appspec::Parse(text);
  (void)spec;
  return 0;
}
