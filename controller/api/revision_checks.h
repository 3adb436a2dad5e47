// What a registered revision may name (docs/security.md "Limits"): checked once at
// registration, so an agent never fetches a moving target or a plaintext repository.
#pragma once

#include <string>

#include "common/model/revision.h"
#include "common/status.h"

namespace berth::api {

// INVALID_ARGUMENT naming the field when: a git commitId is not 40 hex characters (a
// branch or tag would move under a deployment), a git repository is not https://, ssh://
// or scp-like user@host:path (http://, git:// and file:// only with allow_insecure_git),
// or an S3 bucket name breaks the S3 naming rules. (An https revision may be http://:
// its sha256 pins the content.) Messages never show userinfo.
Status CheckRevisionLocation(const model::RevisionLocation& location, bool allow_insecure_git);

// S3's rules for a bucket name: 3-63 characters of a-z 0-9 . -, starting and ending with a
// letter or digit, no "..", not shaped like an IPv4 address, no "xn--" prefix and no
// "-s3alias" suffix.
bool IsValidS3BucketName(const std::string& name);

}  // namespace berth::api
