// Receives an object's bytes (PutObject, UploadPart) into the blob store as they stream:
// plain or aws-chunked (signed chunks checked, trailers read), the payload hash or
// signature, Content-MD5 and an x-amz-checksum-* header or trailer checked. Nothing is
// committed to the blob store unless every check passed.
#pragma once

#include <string>

#include "controller/s3/call.h"

namespace berth::s3 {

struct ReceivedUpload {
  api::StoredBytes bytes;
  std::string checksum_name;   // "x-amz-checksum-crc32" when the client sent one (checked)
  std::string checksum_value;  // its base64 value, to echo
};

Result<ReceivedUpload> ReceiveUpload(Call& call);

}  // namespace berth::s3
