// A scratch directory for fuzz targets that need files, made once per process.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <string>

namespace berth::fuzz {

inline const std::string& WorkDir() {
  static const std::string dir = [] {
    std::string tmpl = (std::filesystem::temp_directory_path() / "berth-fuzz-XXXXXX").string();
    return std::string(::mkdtemp(tmpl.data()));
  }();
  return dir;
}

}  // namespace berth::fuzz
