// The flags that name where a revision lives (--s3, --git, --url + --sha256, --bundle),
// shared by `deploy` and `revision register`, turned into the API's revision JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "cli/command.h"

namespace berth::cli {

struct RevisionSourceFlags {
  std::string s3;      // s3://bucket/key[#version]
  std::string etag;    // optional, with --s3
  std::string git;     // REPO@COMMIT
  std::string url;     // with sha256
  std::string sha256;
  std::string bundle;  // a local bundle file, uploaded to the controller's store
  std::string bundle_type;  // default: from the key, URL or file name; else tgz
};

void AddRevisionSourceFlags(CLI::App* cmd, RevisionSourceFlags* flags);

// How many of --s3, --git, --url, --bundle are set.
int CountRevisionSources(const RevisionSourceFlags& flags);

// The API's revision object for the one source set ("revisionType" + its location).
// --bundle uploads the file to the controller's store first. INVALID_ARGUMENT for a
// malformed flag, naming it.
Result<nlohmann::json> RevisionLocationJson(Context& ctx, const RevisionSourceFlags& flags);

// Registers `location` as a revision of `app`; returns the API's revision object.
Result<nlohmann::json> RegisterRevision(Context& ctx, const std::string& app,
                                        const nlohmann::json& location,
                                        const std::string& description);

// zip, tar or tgz from a file name, key or URL path; `fallback` when it says nothing.
std::string BundleTypeFromName(const std::string& name, const std::string& fallback);

}  // namespace berth::cli
