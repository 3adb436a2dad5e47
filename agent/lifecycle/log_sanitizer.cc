#include "agent/lifecycle/log_sanitizer.h"

namespace berth::agent {
namespace {

constexpr char kEsc = '\x1b';
constexpr char kBel = '\x07';

// Index just past the escape sequence that starts at line[i] (an ESC).
size_t SkipEscape(std::string_view line, size_t i) {
  size_t n = line.size();
  if (i + 1 >= n) return n;
  char kind = line[i + 1];
  if (kind == '[') {  // CSI: parameter/intermediate bytes, then one final byte 0x40-0x7E
    size_t j = i + 2;
    while (j < n && static_cast<unsigned char>(line[j]) >= 0x20 &&
           static_cast<unsigned char>(line[j]) <= 0x3F) {
      ++j;
    }
    while (j < n && static_cast<unsigned char>(line[j]) >= 0x20 &&
           static_cast<unsigned char>(line[j]) <= 0x2F) {
      ++j;
    }
    return j < n ? j + 1 : n;
  }
  if (kind == ']' || kind == 'P' || kind == '_' || kind == '^' || kind == 'X') {
    // OSC/DCS/APC/PM/SOS: a string ended by BEL or ESC "\".
    for (size_t j = i + 2; j < n; ++j) {
      if (line[j] == kBel) return j + 1;
      if (line[j] == kEsc) return j + 1 < n && line[j + 1] == '\\' ? j + 2 : j;
    }
    return n;
  }
  return i + 2;
}

}  // namespace

std::string StripControlSequences(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  for (size_t i = 0; i < line.size();) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if (c == static_cast<unsigned char>(kEsc)) {
      i = SkipEscape(line, i);
      continue;
    }
    // UTF-8 encodings of U+0080..U+009F (C1 controls, 0x9B is an 8-bit CSI).
    if (c == 0xC2 && i + 1 < line.size() && static_cast<unsigned char>(line[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(line[i + 1]) <= 0x9F) {
      i += 2;
      continue;
    }
    if ((c < 0x20 && c != '\t') || c == 0x7F) {
      ++i;
      continue;
    }
    out.push_back(static_cast<char>(c));
    ++i;
  }
  return out;
}

}  // namespace berth::agent
