// Writing a downloaded bundle so that it appears only whole and checked: the bytes go to
// "<dest>.part", their sha256 is compared with the revision's, and only then is the file
// renamed to <dest>. On any failure the partial file is removed.
#pragma once

#include <cstdio>
#include <functional>
#include <string>

#include "common/sha256.h"
#include "common/status.h"

namespace berth::agent {

// Calls `write(out, hash)` to fill the temporary file, feeding every byte it writes to
// `hash`; then checks the digest against `expected_sha256` (INVALID_ARGUMENT
// "INVALID_REVISION: sha256 of <what> is X, the revision says Y" when it differs) and
// renames the file to `dest_path`.
Status WriteVerifiedFile(const std::string& dest_path, const std::string& expected_sha256,
                         const std::string& what,
                         const std::function<Status(FILE* out, Sha256* hash)>& write);

}  // namespace berth::agent
