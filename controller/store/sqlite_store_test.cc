// SqliteStore: opening, migrations, transactions, error mapping, and the round trip of
// applications, deployment groups, instances and revisions.
#include "controller/store/sqlite_store.h"

#include <sqlite3.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "common/testing/temp_dir.h"
#include "controller/store/migrations.h"

namespace berth::store {
namespace {

std::unique_ptr<SqliteStore> OpenMemory() {
  auto store = SqliteStore::Open(":memory:");
  REQUIRE(store.ok());
  return std::move(store).value();
}

model::Application MakeApp(const std::string& name) { return {"app-" + name, name, 1700000000000}; }

model::DeploymentGroup MakeGroup(const model::Application& app, const std::string& name) {
  model::DeploymentGroup g;
  g.id = "dg-" + app.name + "-" + name;
  g.application_id = app.id;
  g.name = name;
  g.config_name = "CodeDeployDefault.HalfAtATime";
  g.tag_set = {{{"env", "prod", model::TagFilterType::kKeyAndValue},
                {"canary", "", model::TagFilterType::kKeyOnly}},
               {{"", "web", model::TagFilterType::kValueOnly}}};
  g.file_exists_behavior = "OVERWRITE";
  g.last_successful_deployment_id = "d-AAAAAAAAA";
  g.create_time = 1700000000001;
  return g;
}

model::Instance MakeInstance(const std::string& name) {
  model::Instance i;
  i.id = "i-" + name;
  i.name = name;
  i.tags = {{"env", "prod"}, {"role", "web"}};
  i.agent_version = "0.1.0";
  i.register_time = 1700000000002;
  i.last_seen = 1700000000003;
  return i;
}

// The latest schema version this binary embeds.
int LatestVersion() {
  int latest = 0;
  for (const Migration& m : Migrations()) latest = std::max(latest, m.version);
  return latest;
}

// Runs one SQL statement on `path` through a separate raw connection and returns the
// first column of its first row, or "" (for pokes the Store API does not offer).
std::string RawQuery(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  std::unique_ptr<sqlite3, SqliteCloser> owner(db);
  sqlite3_stmt* raw = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr) == SQLITE_OK);
  std::unique_ptr<sqlite3_stmt, SqliteFinalizer> stmt(raw);
  int rc = sqlite3_step(raw);
  REQUIRE((rc == SQLITE_ROW || rc == SQLITE_DONE));
  if (rc != SQLITE_ROW) return "";
  const unsigned char* text = sqlite3_column_text(raw, 0);
  return text ? reinterpret_cast<const char*>(text) : "";
}

TEST_CASE("open applies migrations and data survives reopen", "[store]") {
  testing::TempDir dir;
  const std::string path = dir.Sub("berth.db");
  {
    auto store = OpenMemory();  // a fresh in-memory store is migrated too
    CHECK(store->SchemaVersion().value() == LatestVersion());
  }
  {
    auto store = SqliteStore::Open(path);
    REQUIRE(store.ok());
    REQUIRE((*store)->CreateApplication(MakeApp("web")).ok());
  }
  CHECK(RawQuery(path, "PRAGMA journal_mode") == "wal");
  CHECK(RawQuery(path, "PRAGMA user_version") == std::to_string(LatestVersion()));

  auto reopened = SqliteStore::Open(path);
  REQUIRE(reopened.ok());
  CHECK((*reopened)->SchemaVersion().value() == LatestVersion());
  auto app = (*reopened)->GetApplicationByName("web");
  REQUIRE(app.ok());
  CHECK(app->id == "app-web");
  CHECK(app->create_time == 1700000000000);
}

TEST_CASE("open refuses a database from a newer schema", "[store]") {
  testing::TempDir dir;
  const std::string path = dir.Sub("berth.db");
  { REQUIRE(SqliteStore::Open(path).ok()); }
  RawQuery(path, "PRAGMA user_version = " + std::to_string(LatestVersion() + 1));

  auto store = SqliteStore::Open(path);
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().code() == Code::kFailedPrecondition);
  CHECK(store.status().message() ==
        "database " + path + ": schema version " + std::to_string(LatestVersion() + 1) +
            " is newer than this binary knows (" + std::to_string(LatestVersion()) +
            "); run a newer berth-controller");
}

TEST_CASE("open reports a path that cannot be opened", "[store]") {
  testing::TempDir dir;
  auto store = SqliteStore::Open(dir.Sub("no/such/dir/berth.db"));
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().code() == Code::kInternal);
  CHECK(store.status().message().find(dir.Sub("no/such/dir/berth.db")) != std::string::npos);
}

TEST_CASE("applications round trip and duplicates are ALREADY_EXISTS", "[store]") {
  auto store = OpenMemory();
  REQUIRE(store->CreateApplication(MakeApp("web")).ok());
  REQUIRE(store->CreateApplication(MakeApp("api")).ok());

  auto by_name = store->GetApplicationByName("web");
  REQUIRE(by_name.ok());
  CHECK(by_name->id == "app-web");
  CHECK(by_name->name == "web");
  CHECK(by_name->create_time == 1700000000000);
  auto by_id = store->GetApplication("app-api");
  REQUIRE(by_id.ok());
  CHECK(by_id->name == "api");

  auto all = store->ListApplications();
  REQUIRE(all.ok());
  REQUIRE(all->size() == 2);
  CHECK((*all)[0].name == "api");  // by name
  CHECK((*all)[1].name == "web");

  model::Application dup = MakeApp("web");
  dup.id = "app-other";
  Status s = store->CreateApplication(dup);
  CHECK(s.code() == Code::kAlreadyExists);
  CHECK(s.message() == "application \"web\" already exists");

  auto missing = store->GetApplicationByName("nope");
  CHECK(missing.status().code() == Code::kNotFound);
  CHECK(missing.status().message() == "application \"nope\" does not exist");
  CHECK(store->GetApplication("app-nope").status().message() ==
        "application app-nope does not exist");
}

TEST_CASE("deployment groups round trip with tag set and application name", "[store]") {
  auto store = OpenMemory();
  model::Application web = MakeApp("web");
  REQUIRE(store->CreateApplication(web).ok());
  model::DeploymentGroup prod = MakeGroup(web, "prod");
  REQUIRE(store->CreateDeploymentGroup(prod).ok());

  auto got = store->GetDeploymentGroup(web.id, "prod");
  REQUIRE(got.ok());
  CHECK(got->id == prod.id);
  CHECK(got->application_id == web.id);
  CHECK(got->application_name == "web");
  CHECK(got->config_name == "CodeDeployDefault.HalfAtATime");
  REQUIRE(got->tag_set.size() == 2);
  REQUIRE(got->tag_set[0].size() == 2);
  CHECK(got->tag_set[0][0].key == "env");
  CHECK(got->tag_set[0][0].value == "prod");
  CHECK(got->tag_set[0][0].type == model::TagFilterType::kKeyAndValue);
  CHECK(got->tag_set[0][1].key == "canary");
  CHECK(got->tag_set[0][1].type == model::TagFilterType::kKeyOnly);
  REQUIRE(got->tag_set[1].size() == 1);
  CHECK(got->tag_set[1][0].value == "web");
  CHECK(got->tag_set[1][0].type == model::TagFilterType::kValueOnly);
  CHECK(got->file_exists_behavior == "OVERWRITE");
  CHECK(got->last_successful_deployment_id == "d-AAAAAAAAA");
  CHECK(got->create_time == 1700000000001);

  prod.config_name = "CodeDeployDefault.AllAtOnce";
  prod.tag_set = {};
  prod.last_successful_deployment_id = "d-BBBBBBBBB";
  REQUIRE(store->UpdateDeploymentGroup(prod).ok());
  auto updated = store->GetDeploymentGroupById(prod.id);
  REQUIRE(updated.ok());
  CHECK(updated->application_name == "web");
  CHECK(updated->config_name == "CodeDeployDefault.AllAtOnce");
  CHECK(updated->tag_set.empty());
  CHECK(updated->last_successful_deployment_id == "d-BBBBBBBBB");

  REQUIRE(store->CreateDeploymentGroup(MakeGroup(web, "staging")).ok());
  auto list = store->ListDeploymentGroups(web.id);
  REQUIRE(list.ok());
  REQUIRE(list->size() == 2);
  CHECK((*list)[0].name == "prod");
  CHECK((*list)[1].name == "staging");
  CHECK((*list)[1].application_name == "web");

  model::DeploymentGroup renamed = MakeGroup(web, "staging");
  renamed.name = "prod";
  Status s = store->UpdateDeploymentGroup(renamed);
  CHECK(s.code() == Code::kAlreadyExists);
  CHECK(s.message() == "deployment group \"prod\" already exists in application \"web\"");
}

TEST_CASE("deployment group errors name the group and application", "[store]") {
  auto store = OpenMemory();
  model::Application web = MakeApp("web");
  REQUIRE(store->CreateApplication(web).ok());
  REQUIRE(store->CreateDeploymentGroup(MakeGroup(web, "prod")).ok());

  model::DeploymentGroup dup = MakeGroup(web, "prod");
  dup.id = "dg-other";
  Status s = store->CreateDeploymentGroup(dup);
  CHECK(s.code() == Code::kAlreadyExists);
  CHECK(s.message() == "deployment group \"prod\" already exists in application \"web\"");

  // The same name in another application is a different group.
  model::Application api = MakeApp("api");
  REQUIRE(store->CreateApplication(api).ok());
  CHECK(store->CreateDeploymentGroup(MakeGroup(api, "prod")).ok());

  model::DeploymentGroup orphan = MakeGroup(MakeApp("ghost"), "prod");
  s = store->CreateDeploymentGroup(orphan);
  CHECK(s.code() == Code::kNotFound);
  CHECK(s.message() == "application app-ghost does not exist");

  auto missing = store->GetDeploymentGroup(web.id, "nope");
  CHECK(missing.status().code() == Code::kNotFound);
  CHECK(missing.status().message() ==
        "deployment group \"nope\" does not exist in application \"web\"");
  CHECK(store->GetDeploymentGroupById("dg-nope").status().code() == Code::kNotFound);
  s = store->UpdateDeploymentGroup(MakeGroup(web, "nope"));
  CHECK(s.code() == Code::kNotFound);
  CHECK(s.message() == "deployment group dg-web-nope does not exist");
}

TEST_CASE("instances round trip, update, touch and credential lookup", "[store]") {
  auto store = OpenMemory();
  model::Instance host = MakeInstance("host-1");
  REQUIRE(store->CreateInstance(host, "hash-1").ok());

  auto got = store->GetInstance(host.id);
  REQUIRE(got.ok());
  CHECK(got->name == "host-1");
  CHECK(got->tags == model::Tags{{"env", "prod"}, {"role", "web"}});
  CHECK(got->registration_status == "Registered");
  CHECK(got->agent_version == "0.1.0");
  CHECK(got->register_time == 1700000000002);
  CHECK(got->last_seen == 1700000000003);
  CHECK(store->GetInstanceByName("host-1")->id == host.id);
  CHECK(store->GetInstanceByCredentialHash("hash-1")->id == host.id);

  host.tags = {{"env", "staging"}};
  host.agent_version = "0.2.0";
  host.registration_status = "Deregistered";
  REQUIRE(store->UpdateInstance(host, "hash-2").ok());
  REQUIRE(store->TouchInstance(host.id, 1700000009999).ok());
  got = store->GetInstanceByCredentialHash("hash-2");
  REQUIRE(got.ok());
  CHECK(got->tags == model::Tags{{"env", "staging"}});
  CHECK(got->agent_version == "0.2.0");
  CHECK(got->registration_status == "Deregistered");
  CHECK(got->last_seen == 1700000009999);
  CHECK(store->GetInstanceByCredentialHash("hash-1").status().code() == Code::kNotFound);
  CHECK(store->GetInstanceByCredentialHash("").status().code() == Code::kNotFound);

  model::Instance dup = MakeInstance("host-1");
  dup.id = "i-other";
  Status s = store->CreateInstance(dup, "hash-3");
  CHECK(s.code() == Code::kAlreadyExists);
  CHECK(s.message() == "instance \"host-1\" already exists");

  REQUIRE(store->CreateInstance(MakeInstance("host-0"), "hash-0").ok());
  auto list = store->ListInstances();
  REQUIRE(list.ok());
  REQUIRE(list->size() == 2);
  CHECK((*list)[0].name == "host-0");
  CHECK((*list)[1].name == "host-1");

  s = store->TouchInstance("i-nope", 1);
  CHECK(s.code() == Code::kNotFound);
  CHECK(s.message() == "instance i-nope does not exist");
  CHECK(store->UpdateInstance(MakeInstance("nope"), "h").code() == Code::kNotFound);
  CHECK(store->GetInstanceByName("nope").status().message() == "instance \"nope\" does not exist");
}

TEST_CASE("an instance read by its credential again shows every change and no rolled-back one",
          "[store]") {
  auto store = OpenMemory();
  model::Instance host = MakeInstance("host-1");
  REQUIRE(store->CreateInstance(host, "hash-1").ok());
  REQUIRE(store->GetInstanceByCredentialHash("hash-1").ok());  // read once: remembered

  REQUIRE(store->TouchInstance(host.id, 1700000005555).ok());
  CHECK(store->GetInstanceByCredentialHash("hash-1")->last_seen == 1700000005555);

  Status s = store->Transact([&]() -> Status {
    model::Instance changed = host;
    changed.registration_status = "Deregistered";
    RETURN_IF_ERROR(store->UpdateInstance(changed, "hash-1"));
    if (store->GetInstanceByCredentialHash("hash-1")->registration_status != "Deregistered") {
      return Internal("the transaction does not see its own change");
    }
    return FailedPrecondition("changed my mind");
  });
  CHECK(s.message() == "changed my mind");
  CHECK(store->GetInstanceByCredentialHash("hash-1")->registration_status == "Registered");

  // Another instance's change leaves this one's entry alone, and both read right.
  REQUIRE(store->CreateInstance(MakeInstance("host-2"), "hash-2").ok());
  REQUIRE(store->GetInstanceByCredentialHash("hash-2").ok());
  host.agent_version = "0.3.0";
  REQUIRE(store->UpdateInstance(host, "hash-1").ok());
  CHECK(store->GetInstanceByCredentialHash("hash-1")->agent_version == "0.3.0");
  CHECK(store->GetInstanceByCredentialHash("hash-2")->name == "host-2");
}

TEST_CASE("instances touched in one flush keep the latest time each", "[store]") {
  auto store = OpenMemory();
  model::Instance a = MakeInstance("host-a");
  a.id = "i-a";
  model::Instance b = MakeInstance("host-b");
  b.id = "i-b";
  REQUIRE(store->CreateInstance(a, "hash-a").ok());
  REQUIRE(store->CreateInstance(b, "hash-b").ok());
  // MakeInstance's last_seen is 1700000000003: an older time leaves it, a newer one wins,
  // the later of two times for one instance counts, and an unknown id changes nothing.
  REQUIRE(store
              ->TouchInstances({{"i-a", 1700000000001},
                                {"i-b", 1700000000500},
                                {"i-b", 1700000000900},
                                {"i-b", 1700000000700},
                                {"i-nope", 1800000000000}})
              .ok());
  CHECK(store->GetInstance("i-a")->last_seen == 1700000000003);
  CHECK(store->GetInstance("i-b")->last_seen == 1700000000900);
  CHECK(store->TouchInstances({}).ok());
}

TEST_CASE("revisions round trip every location field", "[store]") {
  auto store = OpenMemory();
  model::Application web = MakeApp("web");
  REQUIRE(store->CreateApplication(web).ok());
  model::Revision s3{"rev-1", web.id, "", {}, "first", 1700000000010};
  s3.location.type = model::RevisionType::kS3;
  s3.location.bundle_type = model::BundleType::kZip;
  s3.location.bucket = "bucket";
  s3.location.key = "app/web.zip";
  s3.location.version = "v1";
  s3.location.etag = "\"etag\"";
  model::Revision git{"rev-2", web.id, "", {}, "second", 1700000000020};
  git.location.type = model::RevisionType::kGit;
  git.location.repository = "https://example.com/web.git";
  git.location.commit_id = "abc123";
  git.location.sha256 = "ff00";
  git.location.url = "https://example.com/x";
  REQUIRE(store->CreateRevision(s3).ok());
  REQUIRE(store->CreateRevision(git).ok());

  auto got = store->GetRevision("rev-1");
  REQUIRE(got.ok());
  CHECK(got->application_id == web.id);
  CHECK(got->application_name == "web");
  CHECK(got->description == "first");
  CHECK(got->register_time == 1700000000010);
  CHECK(got->location.type == model::RevisionType::kS3);
  CHECK(got->location.bundle_type == model::BundleType::kZip);
  CHECK(got->location.bucket == "bucket");
  CHECK(got->location.key == "app/web.zip");
  CHECK(got->location.version == "v1");
  CHECK(got->location.etag == "\"etag\"");

  auto list = store->ListRevisions(web.id);
  REQUIRE(list.ok());
  REQUIRE(list->size() == 2);
  const model::Revision& newest = (*list)[0];  // newest first
  CHECK(newest.id == "rev-2");
  CHECK(newest.application_name == "web");
  CHECK(newest.location.type == model::RevisionType::kGit);
  CHECK(newest.location.bundle_type == model::BundleType::kTgz);
  CHECK(newest.location.repository == "https://example.com/web.git");
  CHECK(newest.location.commit_id == "abc123");
  CHECK(newest.location.sha256 == "ff00");
  CHECK(newest.location.url == "https://example.com/x");

  CHECK(store->CreateRevision(s3).code() == Code::kAlreadyExists);
  model::Revision orphan = s3;
  orphan.id = "rev-3";
  orphan.application_id = "app-ghost";
  CHECK(store->CreateRevision(orphan).message() == "application app-ghost does not exist");
  CHECK(store->GetRevision("rev-9").status().message() == "revision rev-9 does not exist");
}

TEST_CASE("a failed Transact writes nothing; a successful one commits", "[store]") {
  auto store = OpenMemory();
  Status s = store->Transact([&] {
    RETURN_IF_ERROR(store->CreateApplication(MakeApp("web")));
    return Status(Code::kAborted, "changed my mind");
  });
  CHECK(s.code() == Code::kAborted);
  CHECK(s.message() == "changed my mind");
  CHECK(store->GetApplicationByName("web").status().code() == Code::kNotFound);

  REQUIRE(store->Transact([&] { return store->CreateApplication(MakeApp("web")); }).ok());
  CHECK(store->GetApplicationByName("web").ok());
}

TEST_CASE("nested Transact joins the outer transaction", "[store]") {
  auto store = OpenMemory();
  SECTION("outer failure undoes the inner's committed-looking work") {
    Status s = store->Transact([&] {
      RETURN_IF_ERROR(store->Transact([&] { return store->CreateApplication(MakeApp("a")); }));
      CHECK(store->GetApplicationByName("a").ok());  // visible inside the transaction
      return Internal("outer fails");
    });
    CHECK(s.code() == Code::kInternal);
    CHECK(store->GetApplicationByName("a").status().code() == Code::kNotFound);
  }
  SECTION("inner failure undoes only the inner part when the outer goes on") {
    Status s = store->Transact([&] {
      RETURN_IF_ERROR(store->CreateApplication(MakeApp("outer")));
      Status inner = store->Transact([&] {
        RETURN_IF_ERROR(store->CreateApplication(MakeApp("inner")));
        return Internal("inner fails");
      });
      CHECK(inner.message() == "inner fails");
      return Status::Ok();
    });
    REQUIRE(s.ok());
    CHECK(store->GetApplicationByName("outer").ok());
    CHECK(store->GetApplicationByName("inner").status().code() == Code::kNotFound);
  }
}

TEST_CASE("another thread waits for a transaction and never sees its writes", "[store]") {
  auto store = OpenMemory();
  std::atomic<bool> inside{false};
  std::thread writer([&] {
    Status s = store->Transact([&] {
      RETURN_IF_ERROR(store->CreateApplication(MakeApp("web")));
      inside = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      return Internal("roll back");
    });
    CHECK(s.code() == Code::kInternal);
  });
  while (!inside) std::this_thread::yield();
  // Same connection: without the store's lock this read would see the uncommitted row.
  CHECK(store->GetApplicationByName("web").status().code() == Code::kNotFound);
  writer.join();
}

}  // namespace
}  // namespace berth::store
