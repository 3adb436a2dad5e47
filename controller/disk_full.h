// The one refusal for a full data dir. UNAVAILABLE (HTTP 503) because nothing is wrong
// with the request: the same call succeeds once there is room, and agents retry their
// reports whole on UNAVAILABLE rather than cutting them down as malformed.
#pragma once

#include <string>

#include "common/status.h"

namespace berth {

// UNAVAILABLE "the controller's disk is full: <what>; free space where the data dir
// lives and retry". `what` names the file and the failed operation.
Status DiskFull(const std::string& what);

// ENOSPC or EDQUOT: an errno that means the file system has no room (for this user).
bool IsNoSpaceErrno(int error);

}  // namespace berth
