// Makes hook output safe to store in scripts.log and to show in a terminal.
#pragma once

#include <string>
#include <string_view>

namespace berth::agent {

// Removes terminal escape sequences (CSI "ESC [ ... final", OSC "ESC ] ... BEL|ESC \",
// other two-byte "ESC x"), the 8-bit C1 controls (U+0080..U+009F) and every other
// control character except TAB, so a hook cannot forge or hide log lines. Other bytes,
// including non-UTF-8 ones, are kept.
std::string StripControlSequences(std::string_view line);

}  // namespace berth::agent
