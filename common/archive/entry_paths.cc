#include "common/archive/entry_paths.h"

#include <vector>

namespace berth::archive::internal {
namespace {

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    std::string part = path.substr(start, slash - start);
    if (!part.empty() && part != ".") parts.push_back(std::move(part));
    start = slash + 1;
  }
  return parts;
}

std::string Join(const std::vector<std::string>& parts, std::size_t from) {
  std::string joined;
  for (std::size_t i = from; i < parts.size(); ++i) {
    if (i > from) joined += '/';
    joined += parts[i];
  }
  return joined;
}

bool StartsWith(const std::vector<std::string>& parts, const std::vector<std::string>& prefix) {
  if (parts.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (parts[i] != prefix[i]) return false;
  }
  return true;
}

}  // namespace

EntryPathVerdict NormalizeEntryPath(const std::string& name, std::string* normalized) {
  if (!name.empty() && name[0] == '/') return EntryPathVerdict::kAbsolute;
  std::vector<std::string> stack;
  for (std::string& part : Split(name)) {
    if (part != "..") {
      stack.push_back(std::move(part));
    } else if (stack.empty()) {
      return EntryPathVerdict::kEscapes;
    } else {
      stack.pop_back();
    }
  }
  *normalized = Join(stack, 0);
  return EntryPathVerdict::kInside;
}

LinkTargetVerdict ResolveLinkTarget(const std::string& link_path, const std::string& target,
                                    const std::string& root_dir,
                                    const std::function<bool(const std::string&)>& is_symlink) {
  const std::vector<std::string> root = Split(root_dir);
  std::vector<std::string> stack;
  if (target.empty() || target[0] != '/') {
    stack = root;
    std::vector<std::string> link = Split(link_path);
    if (!link.empty()) link.pop_back();  // resolve from the link's directory
    stack.insert(stack.end(), link.begin(), link.end());
  }
  for (std::string& part : Split(target)) {
    if (part != "..") {
      stack.push_back(std::move(part));
      continue;
    }
    if (stack.size() > root.size() && StartsWith(stack, root) &&
        is_symlink(Join(stack, root.size()))) {
      return LinkTargetVerdict::kThroughSymlink;
    }
    if (!stack.empty()) stack.pop_back();  // "/.." is "/"
  }
  return StartsWith(stack, root) ? LinkTargetVerdict::kInside : LinkTargetVerdict::kOutside;
}

}  // namespace berth::archive::internal
