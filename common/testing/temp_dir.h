// A directory under $TMPDIR that is removed, with everything in it, on destruction.
#pragma once

#include <string>

namespace berth::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path() + "/" + relative.
  std::string Sub(const std::string& relative) const;

 private:
  std::string path_;
};

// Writes `content` to `path`, creating parent directories; `mode` applies.
void WriteTestFile(const std::string& path, const std::string& content, int mode = 0644);
// The whole file, or "<missing>" if it cannot be read.
std::string ReadTestFile(const std::string& path);

}  // namespace berth::testing
