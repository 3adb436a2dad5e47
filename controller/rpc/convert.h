// proto <-> model conversion for the agent protocol. The only place that knows both.
#pragma once

#include <grpcpp/grpcpp.h>

#include "berth/v1/agent.pb.h"
#include "common/model/deployment.h"
#include "common/status.h"
#include "controller/deploy/engine.h"

namespace berth::rpc {

grpc::Status ToGrpc(const Status& status);
void ToProto(const deploy::DispatchedCommand& command, v1::HostCommand* out);
model::Diagnostics FromProto(const v1::Diagnostics& diagnostics);

}  // namespace berth::rpc
