#include "controller/s3/aws_chunked.h"

#include <catch2/catch.hpp>

#include "common/clock.h"
#include "controller/s3/checksum.h"
#include "controller/sigv4/verifier.h"

namespace berth::s3 {
namespace {

// AWS's published example of a signed streaming upload (S3 API reference, "Signature
// calculations for the Authorization header: transferring payload in multiple chunks"):
// 66,560 bytes of 'a' in a 64 KiB chunk, a 1 KiB chunk and the final empty one.
constexpr char kKeyId[] = "AKIAIOSFODNN7EXAMPLE";
constexpr char kSecret[] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
constexpr char kSeed[] = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
constexpr char kSig1[] = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";
constexpr char kSig2[] = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497";
constexpr char kSig3[] = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9";

std::string ExampleBody(const std::string& sig2 = kSig2) {
  return "10000;chunk-signature=" + std::string(kSig1) + "\r\n" + std::string(65536, 'a') +
         "\r\n400;chunk-signature=" + sig2 + "\r\n" + std::string(1024, 'a') +
         "\r\n0;chunk-signature=" + kSig3 + "\r\n\r\n";
}

ChunkSigning ExampleSigning() {
  return {sigv4::SigningKey(kSecret, "20130524", "us-east-1", "s3"), "20130524T000000Z",
          "20130524/us-east-1/s3/aws4_request", kSeed};
}

// Feeds `body` in pieces of `step` bytes; the decoded bytes go to *out.
Status Decode(AwsChunkedDecoder& decoder, const std::string& body, size_t step) {
  for (size_t at = 0; at < body.size(); at += step) {
    Status s = decoder.Feed(std::string_view(body).substr(at, step));
    if (!s.ok()) return s;
  }
  return decoder.Finish();
}

TEST_CASE("aws-chunked: AWS's signed example decodes, in any split", "[s3]") {
  for (size_t step : {size_t{1}, size_t{7}, size_t{4096}, size_t{1} << 20}) {
    std::string out;
    AwsChunkedDecoder decoder(ExampleSigning(), [&](std::string_view d) {
      out.append(d);
      return Status::Ok();
    });
    INFO("step " << step);
    REQUIRE(Decode(decoder, ExampleBody(), step).ok());
    CHECK(out == std::string(66560, 'a'));
    CHECK(decoder.decoded_bytes() == 66560);
  }
}

TEST_CASE("aws-chunked: a wrong chunk signature is refused", "[s3]") {
  std::string bad = kSig2;
  bad[0] = bad[0] == '0' ? '1' : '0';
  AwsChunkedDecoder decoder(ExampleSigning(), [](std::string_view) { return Status::Ok(); });
  Status s = Decode(decoder, ExampleBody(bad), 1 << 20);
  CHECK(s.code() == Code::kUnauthenticated);
  CHECK(s.reason() == Reason::kSignatureMismatch);
  // Chunk data altered in flight: the first chunk's signature no longer matches.
  std::string body = ExampleBody();
  body[100] = 'b';
  AwsChunkedDecoder again(ExampleSigning(), [](std::string_view) { return Status::Ok(); });
  CHECK(Decode(again, body, 1 << 20).reason() == Reason::kSignatureMismatch);
}

TEST_CASE("aws-chunked: the seed signature of AWS's example verifies", "[s3]") {
  FakeClock clock(1369353600000);  // 2013-05-24T00:00:00Z
  sigv4::Verifier verifier(
      [](const std::string&) -> Result<api::AccessKey> {
        return api::AccessKey{{kKeyId, model::Role::kDeployer}, kSecret};
      },
      &clock, {.services = {"s3"}});
  sigv4::SignedRequest r;
  r.method = "PUT";
  r.path = "/examplebucket/chunkObject.txt";
  r.headers = {{"Host", "s3.amazonaws.com"},
               {"x-amz-date", "20130524T000000Z"},
               {"x-amz-storage-class", "REDUCED_REDUNDANCY"},
               {"x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"},
               {"Content-Encoding", "aws-chunked"},
               {"x-amz-decoded-content-length", "66560"},
               {"Content-Length", "66824"},
               {"Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/"
                "aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-content-"
                "sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature=" +
                    std::string(kSeed)}};
  Result<sigv4::PendingRequest> pending = verifier.Begin(r);
  REQUIRE(pending.ok());
  CHECK(pending->payload_mode() == sigv4::PayloadMode::kStreaming);
  CHECK(pending->VerifyBodyHash("").ok());
  CHECK(ExampleBody().size() == 66824);
}

TEST_CASE("aws-chunked: unsigned chunks with a CRC32 trailer, as the aws CLI sends", "[s3]") {
  const std::string data = "hello, berth";
  auto crc = ChecksumCheck::For("x-amz-checksum-crc32");
  REQUIRE(crc.ok());
  (*crc)->Update(data);
  // A trailer value that is not the bytes' CRC32 is refused.
  const std::string body = "c\r\n" + data + "\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n";
  std::string out;
  AwsChunkedDecoder decoder(std::nullopt, [&](std::string_view d) {
    out.append(d);
    return Status::Ok();
  });
  REQUIRE(Decode(decoder, body, 5).ok());
  CHECK(out == data);
  CHECK(decoder.trailers().at("x-amz-checksum-crc32") == "AAAAAA==");
  CHECK((*crc)->Verify("AAAAAA==").code() == Code::kInvalidArgument);
}

TEST_CASE("aws-chunked: CRC32 is zlib's, big-endian, base64", "[s3]") {
  auto crc = ChecksumCheck::For("x-amz-checksum-crc32");
  REQUIRE(crc.ok());
  (*crc)->Update("123456789");  // the CRC-32 check value: 0xCBF43926
  CHECK((*crc)->Verify("y/Q5Jg==").ok());
  CHECK(ChecksumCheck::For("x-amz-checksum-crc64nvme").status().code() == Code::kUnimplemented);
}

TEST_CASE("aws-chunked: broken framing names the problem", "[s3]") {
  struct Case {
    std::string body;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {"zz\r\nab\r\n0\r\n\r\n", "chunk size \"zz\" is not hexadecimal"},
           {"2\nab\r\n0\r\n\r\n", "a line does not end in CRLF"},
           {"2\r\nabc\r\n0\r\n\r\n", "chunk data is longer than its size"},
           {"2\r\nab\r\n", "ended before its last chunk"},
           {"0\r\n\r\nmore", "bytes after the final empty line"},
           {"0\r\nnocolon\r\n\r\n", "has no ':'"},
       }) {
    AwsChunkedDecoder decoder(std::nullopt, [](std::string_view) { return Status::Ok(); });
    Status s = Decode(decoder, c.body, 3);
    INFO(c.body);
    CHECK(s.code() == Code::kInvalidArgument);
    CHECK_THAT(s.message(), Catch::Contains(c.message));
  }
}

}  // namespace
}  // namespace berth::s3
