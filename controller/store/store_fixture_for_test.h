// A store for tests: in memory, with application "web" (app-web) and its group "prod"
// (dg-prod, the default config), the rows most store and API tests start from.
#pragma once

#include <catch2/catch.hpp>
#include <memory>

#include "controller/store/sqlite_store.h"

namespace berth::store {

inline std::unique_ptr<SqliteStore> StoreWithWebProd(
    const std::string& last_successful_deployment_id = "") {
  std::unique_ptr<SqliteStore> store = std::move(SqliteStore::Open(":memory:")).value();
  REQUIRE(store->CreateApplication({"app-web", "web", 1}).ok());
  model::DeploymentGroup group;
  group.id = "dg-prod";
  group.application_id = "app-web";
  group.name = "prod";
  group.config_name = model::kDefaultConfigName;
  group.last_successful_deployment_id = last_successful_deployment_id;
  REQUIRE(store->CreateDeploymentGroup(group).ok());
  return store;
}

}  // namespace berth::store
