// Lexical checks on archive entry names and link targets: the rules that keep a bundle
// inside its directory (DESIGN.md 5, 7). Pure string logic, no file system access.
//
// Internal to common/archive: the public contract is archive.h.
#pragma once

#include <functional>
#include <string>

namespace berth::archive::internal {

enum class EntryPathVerdict { kInside, kAbsolute, kEscapes };

// Normalizes an entry name relative to the archive root: drops empty and "." components
// and a trailing '/', applies "..". `*normalized` is "" for the root itself, else
// "a/b/c". A ".." that would climb above the root gives kEscapes.
EntryPathVerdict NormalizeEntryPath(const std::string& name, std::string* normalized);

enum class LinkTargetVerdict { kInside, kOutside, kThroughSymlink };

// Where the symlink at `link_path` (normalized, relative to the root) pointing at
// `target` lands, for a root that will live at the absolute, symlink-free `root_dir`.
// A relative target is resolved from the link's directory, an absolute one as is.
// `is_symlink(path)` says whether a normalized root-relative path is itself a symlink in
// the archive: a ".." right after such a path would be resolved by the kernel from that
// link's target, not lexically, so it gives kThroughSymlink instead of a guess.
LinkTargetVerdict ResolveLinkTarget(const std::string& link_path, const std::string& target,
                                    const std::string& root_dir,
                                    const std::function<bool(const std::string&)>& is_symlink);

}  // namespace berth::archive::internal
