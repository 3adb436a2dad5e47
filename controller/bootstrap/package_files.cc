#include "controller/bootstrap/package_files.h"

#include <filesystem>
#include <system_error>

namespace berth::bootstrap {
namespace {

bool IsPlainName(std::string_view name) {
  if (name.empty() || name.size() > 255 || name.front() == '.') return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '+' || c == '~' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

Result<std::string> PackagePath(const std::string& packages_dir, std::string_view name) {
  const std::string shown = "no package " + std::string(IsPlainName(name) ? name : "of that name");
  if (packages_dir.empty()) {
    return NotFound(shown + ": the controller serves packages only with --packages-dir");
  }
  if (!IsPlainName(name)) return NotFound(shown + " (plain file names only)");
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path dir = fs::weakly_canonical(packages_dir, ec);
  if (ec) return NotFound(shown + " in the packages dir");
  const fs::path file = fs::weakly_canonical(dir / std::string(name), ec);
  if (ec || file.parent_path() != dir || !fs::is_regular_file(file, ec)) {
    return NotFound(shown + " in the packages dir");
  }
  return file.string();
}

}  // namespace berth::bootstrap
