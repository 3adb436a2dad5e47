#include "agent/lifecycle/log_sanitizer.h"

#include <catch2/catch.hpp>

#include "agent/lifecycle/line_splitter.h"
#include "agent/lifecycle/script_log.h"
#include "common/testing/temp_dir.h"

namespace berth::agent {
namespace {

TEST_CASE("StripControlSequences removes escapes and control characters") {
  CHECK(StripControlSequences("\x1b[31mred\x1b[0m text") == "red text");
  CHECK(StripControlSequences("a\x1b]0;title\x07z") == "az");
  CHECK(StripControlSequences("a\x1b]8;;http://x\x1b\\link") == "alink");
  CHECK(StripControlSequences("fake\r[2020] [Install] [stdout] forged") ==
        "fake[2020] [Install] [stdout] forged");
  CHECK(StripControlSequences("bell\x07 back\x08 del\x7f tab\tok") == "bell back del tab\tok");
  CHECK(StripControlSequences("c1\xc2\x9b"
                              "31m") == "c131m");
  CHECK(StripControlSequences("caf\xc3\xa9") == "caf\xc3\xa9");
  CHECK(StripControlSequences("\x1b") == "");
}

TEST_CASE("LineSplitter joins chunks and flushes the unterminated tail") {
  std::vector<std::string> lines;
  LineSplitter::Callback cb = [&lines](OutputStream, std::string_view l) { lines.emplace_back(l); };
  LineSplitter splitter(OutputStream::kStdout, &cb);
  splitter.Append("ab");
  splitter.Append("c\r\nde\n\nf");
  splitter.Flush();
  CHECK(lines == std::vector<std::string>{"abc", "de", "", "f"});
  lines.clear();
  splitter.Append(std::string(LineSplitter::kMaxLine + 10, 'x'));
  splitter.Flush();
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].size() == LineSplitter::kMaxLine);
}

TEST_CASE("ScriptLog writes stamped lines and keeps a bounded tail of whole lines") {
  testing::TempDir dir;
  FakeClock clock(1'700'000'000'123);
  auto log = ScriptLog::Open(dir.Sub("logs/scripts.log"), "AfterInstall", &clock);
  REQUIRE(log.ok());
  (*log)->Write(OutputStream::kStderr, "\x1b[1mbold\x1b[0m");
  CHECK(testing::ReadTestFile(dir.Sub("logs/scripts.log")) ==
        "[2023-11-14T22:13:20.123Z] [AfterInstall] [stderr] bold\n");
  for (int i = 0; i < 1000; ++i) (*log)->Write(OutputStream::kStdout, "line " + std::to_string(i));
  std::string tail = (*log)->Tail();
  CHECK(tail.size() >= ScriptLog::kTailMinBytes);
  CHECK(tail.size() <= 2 * ScriptLog::kTailMinBytes + 64);
  CHECK(tail.rfind("[stdout] line", 0) == 0);  // starts on a whole line
  CHECK(tail.find("[stdout] line 999\n") != std::string::npos);
}

}  // namespace
}  // namespace berth::agent
