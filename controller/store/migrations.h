// Versioned schema migrations (controller/store/migrations/NNNN_*.sql), embedded at build
// time. A store applies, in one transaction each, every migration newer than the
// database's PRAGMA user_version.
#pragma once

#include <string>
#include <vector>

namespace berth::store {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

const std::vector<Migration>& Migrations();

}  // namespace berth::store
