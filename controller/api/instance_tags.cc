#include "controller/api/service.h"

namespace berth::api {

Result<model::Instance> Service::TagInstance(const std::string& name, const model::Tags& add,
                                             const std::vector<std::string>& remove) {
  if (add.empty() && remove.empty()) return InvalidArgument("no tags to add or remove");
  for (const auto& [key, value] : add) {
    if (key.empty()) return InvalidArgument("instance tag with value \"" + value + "\" has no key");
  }
  for (const std::string& key : remove) {
    if (key.empty()) return InvalidArgument("a tag key to remove is empty");
  }
  model::Instance instance;
  Status s = store_->Transact([&]() -> Status {
    ASSIGN_OR_RETURN(instance, store_->GetInstanceByName(name));
    for (const auto& [key, value] : add) instance.tags[key] = value;
    for (const std::string& key : remove) instance.tags.erase(key);
    RETURN_IF_ERROR(store_->SetInstanceTags(instance.id, instance.tags));
    return engine_->UpdateNewInstance(instance.id).status();
  });
  if (!s.ok()) return s;
  std::vector<model::Instance> one = {instance};
  MarkUnreachable(one);
  return one.front();
}

}  // namespace berth::api
