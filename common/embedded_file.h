// A file compiled into a binary by cmake/embed_files.cmake (the dashboard's assets,
// install.sh).
#pragma once

#include <string_view>

namespace berth {

struct EmbeddedFile {
  std::string_view path;  // relative to the embedded directory, '/'-separated ("app/main.js")
  std::string_view data;  // the file's bytes, exactly (may hold NUL)
};

}  // namespace berth
