#include "agent/revision/git_fetcher.h"

#include <git2.h>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "common/archive/archive.h"
#include "common/fs.h"
#include "common/text/url_redact.h"

namespace berth::agent {
namespace {

std::string LastGitError() {
  const git_error* e = git_error_last();
  return e && e->message ? e->message : "unknown libgit2 error";
}

struct RepoCloser {
  void operator()(git_repository* r) const { git_repository_free(r); }
};
struct ObjectCloser {
  void operator()(git_object* o) const { git_object_free(o); }
};

int SshCredentials(git_credential** out, const char*, const char* user, unsigned int allowed,
                   void*) {
  if (allowed & GIT_CREDENTIAL_SSH_KEY) {
    return git_credential_ssh_key_from_agent(out, user ? user : "git");
  }
  return GIT_PASSTHROUGH;
}

}  // namespace

std::string GitRemoteUrl(const std::string& repository) {
  bool has_scheme = repository.find("://") != std::string::npos;
  bool scp_like = repository.find(':') != std::string::npos;
  size_t slashes = std::count(repository.begin(), repository.end(), '/');
  if (!has_scheme && !scp_like && slashes == 1 && repository.front() != '/' &&
      repository.front() != '.') {
    return "https://github.com/" + repository + ".git";
  }
  return repository;
}

GitFetcher::GitFetcher(GitFetcherOptions options) : options_(std::move(options)) {
  git_libgit2_init();
}

GitFetcher::~GitFetcher() { git_libgit2_shutdown(); }

Status GitFetcher::Fetch(const model::RevisionLocation& location, const std::string& dest_path) {
  if (location.type != model::RevisionType::kGit) {
    return InvalidArgument(std::string("the git fetcher cannot fetch a ") +
                           model::RevisionTypeName(location.type) + " revision");
  }
  const std::string work = dest_path + ".git.d";
  const std::string clone_dir = work + "/repo.git";
  const std::string tree_dir = work + "/tree";
  const std::string url = GitRemoteUrl(location.repository);
  const std::string shown = text::RedactUserinfo(url);  // for messages: no credentials
  Status s = [&]() -> Status {
    RETURN_IF_ERROR(fs::RemoveAll(work));
    RETURN_IF_ERROR(fs::MakeDirs(tree_dir));
    git_clone_options clone_opts = GIT_CLONE_OPTIONS_INIT;
    clone_opts.bare = 1;
    clone_opts.checkout_opts.checkout_strategy = GIT_CHECKOUT_NONE;
    clone_opts.fetch_opts.callbacks.credentials = SshCredentials;
    if (!options_.proxy.empty()) {
      clone_opts.fetch_opts.proxy_opts.type = GIT_PROXY_SPECIFIED;
      clone_opts.fetch_opts.proxy_opts.url = options_.proxy.c_str();
    }
    git_repository* raw_repo = nullptr;
    if (git_clone(&raw_repo, url.c_str(), clone_dir.c_str(), &clone_opts) != 0) {
      return Unavailable("cloning " + shown + ": " + LastGitError());
    }
    std::unique_ptr<git_repository, RepoCloser> repo(raw_repo);
    git_object* raw_commit = nullptr;
    std::string spec = location.commit_id + "^{commit}";
    if (git_revparse_single(&raw_commit, repo.get(), spec.c_str()) != 0) {
      return NotFound("REVISION_MISSING: commit " + location.commit_id + " is not in " + shown +
                      ": " + LastGitError());
    }
    std::unique_ptr<git_object, ObjectCloser> commit(raw_commit);
    git_checkout_options checkout = GIT_CHECKOUT_OPTIONS_INIT;
    checkout.checkout_strategy = GIT_CHECKOUT_FORCE;
    checkout.target_directory = tree_dir.c_str();
    if (git_checkout_tree(repo.get(), commit.get(), &checkout) != 0) {
      return Internal("checking out " + location.commit_id + " of " + shown + ": " + LastGitError());
    }
    return archive::PackDirectory(tree_dir, model::BundleType::kTar, dest_path);
  }();
  Status cleaned = fs::RemoveAll(work);
  if (!s.ok()) {
    std::remove(dest_path.c_str());
    return s;
  }
  return cleaned;
}

}  // namespace berth::agent
