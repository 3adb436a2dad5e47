#include "cli/control_stripping_buf.h"

namespace berth::cli {

ControlStrippingBuf::int_type ControlStrippingBuf::overflow(int_type ch) {
  if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
  const unsigned char c = static_cast<unsigned char>(traits_type::to_char_type(ch));
  if (pending_c2_) {
    pending_c2_ = false;
    if (c >= 0x80 && c <= 0x9F) return ch;  // a C1 control: dropped with its lead byte
    if (dest_->sputc(static_cast<char>(0xC2)) == traits_type::eof()) return traits_type::eof();
  }
  if (c == 0xC2) {
    pending_c2_ = true;
    return ch;
  }
  if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) return ch;
  return dest_->sputc(static_cast<char>(c)) == traits_type::eof() ? traits_type::eof() : ch;
}

int ControlStrippingBuf::sync() {
  if (pending_c2_) {
    pending_c2_ = false;
    dest_->sputc(static_cast<char>(0xC2));
  }
  return dest_->pubsync();
}

}  // namespace berth::cli
