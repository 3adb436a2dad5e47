// What `berth` prints comes largely from the server (names, messages, hook output an
// agent reported): a stream buffer that drops terminal control characters on the way to
// the terminal, so no escape sequence from the network reaches the operator's screen.
#pragma once

#include <streambuf>

namespace berth::cli {

// Forwards to `dest` every byte except C0 controls (all but newline and tab), DEL, and
// the UTF-8 encodings of the C1 controls U+0080..U+009F (U+009B is an 8-bit CSI).
// `dest` is not owned and must outlive this buffer.
class ControlStrippingBuf : public std::streambuf {
 public:
  explicit ControlStrippingBuf(std::streambuf* dest) : dest_(dest) {}
  ~ControlStrippingBuf() override { sync(); }

 protected:
  int_type overflow(int_type ch) override;
  int sync() override;

 private:
  std::streambuf* dest_;
  bool pending_c2_ = false;  // saw 0xC2; the next byte decides whether it is a C1 control
};

}  // namespace berth::cli
