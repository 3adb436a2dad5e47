#include "agent/local/local_fetcher.h"

#include <filesystem>

#include "common/archive/archive.h"

namespace berth::agent {
namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

Result<model::BundleType> LocalFetcher::TypeOf(const std::string& source) {
  std::error_code ec;
  if (std::filesystem::is_directory(source, ec)) return model::BundleType::kTar;
  if (!std::filesystem::exists(source, ec)) return NotFound("bundle " + source + " does not exist");
  if (EndsWith(source, ".zip")) return model::BundleType::kZip;
  if (EndsWith(source, ".tar")) return model::BundleType::kTar;
  return model::BundleType::kTgz;
}

Status LocalFetcher::Fetch(const model::RevisionLocation&, const std::string& dest_path) {
  std::error_code ec;
  if (std::filesystem::is_directory(source_, ec)) {
    return archive::PackDirectory(source_, model::BundleType::kTar, dest_path)
        .WithContext("packing " + source_);
  }
  std::filesystem::copy_file(source_, dest_path,
                             std::filesystem::copy_options::overwrite_existing, ec);
  if (ec) {
    std::filesystem::remove(dest_path, ec);
    return Internal("cannot copy the bundle " + source_ + " to " + dest_path + ": " +
                    ec.message());
  }
  return Status::Ok();
}

}  // namespace berth::agent
