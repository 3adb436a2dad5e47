#include "common/archive/libarchive_handles.h"

namespace berth::archive::internal {

std::string ErrorText(struct archive* a) {
  const char* text = archive_error_string(a);
  return text ? text : "unknown libarchive error";
}

Result<ArchiveReader> OpenBundleForReading(const std::string& path) {
  ArchiveReader reader(archive_read_new());
  if (!reader) return Internal("cannot allocate an archive reader");
  // Bundles are tar, tgz or zip (DESIGN.md 5): every other format and filter libarchive
  // knows (RAR, 7z, ISO, xz, ...) is more parser exposed to hostile bytes for nothing.
  archive_read_support_filter_gzip(reader.get());
  archive_read_support_format_tar(reader.get());
  archive_read_support_format_zip(reader.get());
  // 64 KiB blocks: memory stays flat whatever the bundle's size.
  if (archive_read_open_filename(reader.get(), path.c_str(), 64 * 1024) != ARCHIVE_OK) {
    return InvalidArgument("cannot read bundle " + path + ": " + ErrorText(reader.get()));
  }
  return reader;
}

}  // namespace berth::archive::internal
