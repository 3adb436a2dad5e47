// RAII owners for libarchive objects, shared by unpacking and packing.
//
// Internal to common/archive: the public contract is archive.h.
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <string>

#include "common/status.h"

namespace berth::archive::internal {

struct ReadFree {
  void operator()(struct archive* a) const { archive_read_free(a); }
};
// archive_write_free also frees archive_write_disk objects.
struct WriteFree {
  void operator()(struct archive* a) const { archive_write_free(a); }
};
struct EntryFree {
  void operator()(struct archive_entry* e) const { archive_entry_free(e); }
};
using ArchiveReader = std::unique_ptr<struct archive, ReadFree>;
using ArchiveWriter = std::unique_ptr<struct archive, WriteFree>;
using ArchiveEntry = std::unique_ptr<struct archive_entry, EntryFree>;

// libarchive's last error on `a`, never null.
std::string ErrorText(struct archive* a);

// Opens `path` for streaming reads with every format and filter libarchive knows, so
// the declared bundle type is only a hint. INVALID_ARGUMENT names the file when it is not
// an archive libarchive can read.
Result<ArchiveReader> OpenBundleForReading(const std::string& path);

}  // namespace berth::archive::internal
