#include "controller/s3/upload_body.h"

#include <memory>
#include <optional>

#include "common/secrets.h"
#include "common/sha256.h"
#include "controller/s3/aws_chunked.h"
#include "controller/s3/checksum.h"

namespace berth::s3 {
namespace {

constexpr char kUnsignedTrailer[] = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

// The checksum the upload carries: a trailer X-Amz-Trailer announces, or a header.
std::string DeclaredChecksum(const httplib::Request& req, bool* in_trailer) {
  *in_trailer = false;
  const std::string trailer = ChecksumName(req.get_header_value("X-Amz-Trailer"));
  if (!trailer.empty()) {
    *in_trailer = true;
    return trailer;
  }
  for (const auto& [name, value] : req.headers) {
    const std::string lower = ChecksumName(name);
    if (!lower.empty() && lower != "x-amz-checksum-algorithm" && lower != "x-amz-checksum-type") {
      return lower;
    }
  }
  return "";
}

}  // namespace

Result<ReceivedUpload> ReceiveUpload(Call& call) {
  if (call.reader == nullptr) return InvalidArgument("the request has no body");
  const httplib::Request& req = call.req;
  const sigv4::PendingRequest& pending = call.pending;
  const sigv4::PayloadMode mode = pending.payload_mode();
  const bool aws_chunked =
      req.get_header_value("Content-Encoding").find("aws-chunked") != std::string::npos ||
      mode == sigv4::PayloadMode::kStreaming;
  // Signed without the body's hash: the signature is checked before any byte is read.
  if (mode != sigv4::PayloadMode::kHashed) RETURN_IF_ERROR(pending.VerifyBodyHash(""));

  bool checksum_in_trailer = false;
  ReceivedUpload out;
  out.checksum_name = DeclaredChecksum(req, &checksum_in_trailer);
  std::unique_ptr<ChecksumCheck> checksum;
  if (!out.checksum_name.empty()) {
    ASSIGN_OR_RETURN(checksum, ChecksumCheck::For(out.checksum_name));
  }

  ASSIGN_OR_RETURN(std::unique_ptr<blobs::BlobWriter> writer, call.service->blobs()->NewWriter());
  Md5 md5;
  std::optional<Sha256> body_hash;
  if (mode == sigv4::PayloadMode::kHashed) body_hash.emplace();
  auto sink = [&](std::string_view data) -> Status {
    md5.Update(data);
    if (body_hash) body_hash->Update(data);
    if (checksum) checksum->Update(data);
    return writer->Append(data);
  };

  std::optional<ChunkSigning> signing;
  if (mode == sigv4::PayloadMode::kStreaming &&
      pending.claimed_payload_hash() != kUnsignedTrailer) {
    signing = ChunkSigning{pending.signing_key(), pending.amz_date(), pending.scope(),
                           pending.seed_signature()};
  }
  AwsChunkedDecoder decoder(signing, sink);
  Status failed;
  const bool complete = (*call.reader)([&](const char* data, size_t length) {
    failed = aws_chunked ? decoder.Feed({data, length}) : sink({data, length});
    return failed.ok();
  });
  call.body_read = complete && failed.ok();
  RETURN_IF_ERROR(failed);
  if (!complete) return InvalidArgument("the upload ended before the whole body arrived");
  if (aws_chunked) {
    RETURN_IF_ERROR(decoder.Finish());
    const std::string declared = req.get_header_value("X-Amz-Decoded-Content-Length");
    if (!declared.empty() && declared != std::to_string(decoder.decoded_bytes())) {
      return InvalidArgument("X-Amz-Decoded-Content-Length is " + declared.substr(0, 20) +
                             " but the chunks hold " + std::to_string(decoder.decoded_bytes()) +
                             " bytes");
    }
  }
  if (body_hash) RETURN_IF_ERROR(pending.VerifyBodyHash(body_hash->HexDigest()));

  const std::string md5_raw = md5.RawDigest();
  const std::string content_md5 = req.get_header_value("Content-MD5");
  if (!content_md5.empty() && content_md5 != Base64(md5_raw)) {
    return Status(Code::kInvalidArgument,
                  "Content-MD5 " + content_md5.substr(0, 40) +
                      " is not the MD5 of the bytes received (" + Base64(md5_raw) + ")",
                  Reason::kBadDigest);
  }
  if (checksum) {
    if (checksum_in_trailer) {
      auto found = decoder.trailers().find(out.checksum_name);
      if (found == decoder.trailers().end()) {
        return InvalidArgument("X-Amz-Trailer announced " + out.checksum_name +
                               " but the body's trailers do not carry it");
      }
      out.checksum_value = found->second;
    } else {
      out.checksum_value = req.get_header_value(out.checksum_name.c_str());
    }
    RETURN_IF_ERROR(WithReason(checksum->Verify(out.checksum_value), Reason::kBadDigest));
  }
  ASSIGN_OR_RETURN(out.bytes.blob, writer->Commit());
  out.bytes.md5_hex = HexOf(md5_raw);
  return out;
}

}  // namespace berth::s3
