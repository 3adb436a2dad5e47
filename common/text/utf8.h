// UTF-8 repair for text that crosses a wire whose schema says "string" (protobuf, JSON):
// bytes that are not well-formed UTF-8 would make the receiver refuse the whole message.
#pragma once

#include <string>
#include <string_view>

namespace berth::text {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
bool IsValidUtf8(std::string_view s);

// `s` with every maximal ill-formed subsequence replaced by U+FFFD (the Unicode
// "substitution of maximal subparts" practice); valid input is returned unchanged.
std::string ToValidUtf8(std::string_view s);

}  // namespace berth::text
