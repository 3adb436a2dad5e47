#include "agent/lifecycle/line_splitter.h"

namespace berth::agent {

const char* OutputStreamName(OutputStream stream) {
  return stream == OutputStream::kStdout ? "stdout" : "stderr";
}

void LineSplitter::Append(std::string_view data) {
  while (!data.empty()) {
    size_t nl = data.find('\n');
    std::string_view chunk = data.substr(0, nl);
    size_t room = kMaxLine - pending_.size();
    if (chunk.size() >= room) {
      pending_.append(chunk.substr(0, room));
      Emit(pending_);
      pending_.clear();
      data.remove_prefix(room);
      continue;
    }
    if (nl == std::string_view::npos) {
      pending_.append(chunk);
      return;
    }
    pending_.append(chunk);
    Emit(pending_);
    pending_.clear();
    data.remove_prefix(nl + 1);
  }
}

void LineSplitter::Flush() {
  if (pending_.empty()) return;
  Emit(pending_);
  pending_.clear();
}

void LineSplitter::Emit(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (callback_ && *callback_) (*callback_)(stream_, line);
}

}  // namespace berth::agent
