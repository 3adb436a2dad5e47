// Downloads and unpacks a large bundle from an S3-compatible endpoint the way the agent
// does (S3Fetcher, then archive::Unpack) and reports throughput and this process's peak
// RSS. Usage (AWS_* variables give credentials and region):
//   s3_fetch_bench --endpoint http://127.0.0.1:PORT --bucket B [--mib 512] [--dir DIR]
// It creates a tgz of one incompressible file of --mib MiB, uploads it (multipart) with
// the same client, then times the fetch and the unpack separately.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <random>
#include <string>

#include "agent/revision/s3_fetcher.h"
#include "common/archive/archive.h"
#include "common/fs.h"
#include "common/s3/s3_client.h"

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

long PeakRssKiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

bool WriteRandomFile(const std::string& path, long mib) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return false;
  std::mt19937_64 rng(42);
  std::string block(1 << 20, '\0');
  for (long i = 0; i < mib; ++i) {
    for (size_t j = 0; j + 8 <= block.size(); j += 8) {
      uint64_t v = rng();
      std::memcpy(&block[j], &v, 8);
    }
    std::fwrite(block.data(), 1, block.size(), f);
  }
  return std::fclose(f) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string endpoint, bucket, dir = "/tmp/berth-s3-bench";
  long mib = 512;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--endpoint") endpoint = argv[i + 1];
    if (flag == "--bucket") bucket = argv[i + 1];
    if (flag == "--mib") mib = std::atol(argv[i + 1]);
    if (flag == "--dir") dir = argv[i + 1];
  }
  if (bucket.empty()) {
    std::cerr << "usage: s3_fetch_bench --endpoint URL --bucket B [--mib N] [--dir DIR]\n";
    return 2;
  }
  berth::s3::ClientOptions options = berth::s3::OptionsFromEnv(berth::s3::RealEnv);
  if (!endpoint.empty()) options.endpoint = endpoint;
  auto fail = [](const berth::Status& s) {
    std::cerr << "s3_fetch_bench: " << s.ToString() << "\n";
    return 1;
  };
  if (auto s = berth::fs::RemoveAll(dir); !s.ok()) return fail(s);
  if (auto s = berth::fs::MakeDirs(dir + "/src"); !s.ok()) return fail(s);
  if (auto s = berth::fs::WriteFileAtomic(dir + "/src/appspec.yml", "version: 0.0\nos: linux\n");
      !s.ok()) {
    return fail(s);
  }
  if (!WriteRandomFile(dir + "/src/payload.bin", mib)) return fail(berth::Internal("write"));
  const std::string bundle = dir + "/bundle.tgz";
  if (auto s = berth::archive::PackDirectory(dir + "/src", berth::model::BundleType::kTgz,
                                             bundle);
      !s.ok()) {
    return fail(s);
  }
  berth::fs::RemoveAll(dir + "/src");
  auto credentials = berth::s3::LoadCredentials(berth::s3::RealEnv);
  if (!credentials.ok()) return fail(credentials.status());
  auto start = std::chrono::steady_clock::now();
  auto put = berth::s3::NewCurlClient(options, *credentials)->Put(bucket, "bench/bundle.tgz", bundle);
  if (!put.ok()) return fail(put.status());
  double upload_s = Seconds(start);
  std::remove(bundle.c_str());
  long rss_before_fetch = PeakRssKiB();

  berth::agent::S3Fetcher fetcher(berth::agent::S3Fetcher::RealClients(options));
  berth::model::RevisionLocation location;
  location.type = berth::model::RevisionType::kS3;
  location.bucket = bucket;
  location.key = "bench/bundle.tgz";
  location.etag = put->etag;
  start = std::chrono::steady_clock::now();
  if (auto s = fetcher.Fetch(location, bundle); !s.ok()) return fail(s);
  double fetch_s = Seconds(start);
  start = std::chrono::steady_clock::now();
  if (auto s = berth::archive::Unpack(bundle, berth::model::BundleType::kTgz, dir + "/out");
      !s.ok()) {
    return fail(s);
  }
  double unpack_s = Seconds(start);
  double size_mib = put->size / (1024.0 * 1024.0);
  std::printf("bundle            %.1f MiB (tgz of %ld MiB random data)\n", size_mib, mib);
  std::printf("upload (multipart) %.2f s  %.1f MiB/s\n", upload_s, size_mib / upload_s);
  std::printf("download          %.2f s  %.1f MiB/s\n", fetch_s, size_mib / fetch_s);
  std::printf("unpack            %.2f s  %.1f MiB/s\n", unpack_s, size_mib / unpack_s);
  std::printf("download+unpack   %.2f s  %.1f MiB/s\n", fetch_s + unpack_s,
              size_mib / (fetch_s + unpack_s));
  std::printf("peak RSS          %.1f MiB (after upload: %.1f MiB)\n", PeakRssKiB() / 1024.0,
              rss_before_fetch / 1024.0);
  berth::fs::RemoveAll(dir);
  return PeakRssKiB() < 64 * 1024 ? 0 : 3;
}
