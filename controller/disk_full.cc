#include "controller/disk_full.h"

#include <cerrno>

namespace berth {

Status DiskFull(const std::string& what) {
  return Unavailable("the controller's disk is full: " + what +
                     "; free space where the data dir lives and retry");
}

bool IsNoSpaceErrno(int error) { return error == ENOSPC || error == EDQUOT; }

}  // namespace berth
