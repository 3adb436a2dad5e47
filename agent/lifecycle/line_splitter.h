// Splits a byte stream into lines for ProcessSpec::on_output.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "agent/lifecycle/process_runner.h"

namespace berth::agent {

class LineSplitter {
 public:
  using Callback = std::function<void(OutputStream, std::string_view)>;
  static constexpr size_t kMaxLine = 64 * 1024;

  // `callback` may be empty (output is then discarded).
  LineSplitter(OutputStream stream, const Callback* callback)
      : stream_(stream), callback_(callback) {}

  // Delivers every complete line in data (plus pending bytes from earlier calls); a
  // line that reaches kMaxLine bytes is delivered in pieces.
  void Append(std::string_view data);
  // Delivers what is left as a final line, if anything.
  void Flush();

 private:
  void Emit(std::string_view line);

  OutputStream stream_;
  const Callback* callback_;
  std::string pending_;
};

}  // namespace berth::agent
