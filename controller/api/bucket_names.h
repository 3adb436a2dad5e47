// The first path segments the API listener keeps for itself (api::IsReservedBucketName in
// service.h): the REST API, the dashboard, /metrics, the bootstrap script and packages,
// and the health check. No S3 bucket may be named so.
#pragma once

#include <vector>

namespace berth::api {

const std::vector<const char*>& ReservedBucketNames();

}  // namespace berth::api
