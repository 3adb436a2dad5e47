// The S3 face on the API listener (docs/codedeploy-compat.md "The S3 face"): path-style S3 requests
// over the built-in store, SigV4-signed with an API token's key pair, the token's role applied
// (reads need viewer, writes deployer). The key id, scope and date are checked before any of a body
// is read; uploads stream into the blob store.
#pragma once

#include "common/clock.h"
#include "controller/api/service.h"
#include "controller/http/router.h"

namespace berth::s3 {

// Register after every other route of the listener (Router::Fallback).
void RegisterS3Face(http::Router& router, api::Service* service, Clock* clock);

}  // namespace berth::s3
