#include "controller/deploy/targets.h"

#include <algorithm>

#include "common/model/lifecycle.h"

namespace berth::deploy {

std::vector<model::Instance> SelectTargets(const model::DeploymentGroup& group,
                                           const std::vector<model::Instance>& instances) {
  std::vector<model::Instance> out;
  for (const model::Instance& i : instances) {
    if (i.registration_status == "Registered" && model::Matches(group.tag_set, i.tags)) {
      out.push_back(i);
    }
  }
  std::sort(out.begin(), out.end(),
            [](const model::Instance& a, const model::Instance& b) { return a.name < b.name; });
  return out;
}

std::map<std::string, HostHistory> SummarizeHistory(
    const std::vector<store::GroupTargetRecord>& records) {
  std::map<std::string, HostHistory> out;
  for (const store::GroupTargetRecord& r : records) {
    HostHistory& h = out[r.instance_id];
    switch (r.status) {
      case model::TargetStatus::kSucceeded:
        h.failed_last_time = false;
        h.current_revision_id = r.revision_id;
        break;
      case model::TargetStatus::kFailed:
      case model::TargetStatus::kUnknown:
        h.failed_last_time = true;
        break;
      default:
        break;
    }
  }
  return out;
}

void OrderTargets(std::vector<model::Instance>& instances,
                  const std::map<std::string, HostHistory>& history,
                  const std::string& revision_id) {
  auto rank = [&](const model::Instance& i) {
    auto h = history.find(i.id);
    if (h == history.end()) return 1;
    if (h->second.failed_last_time) return 0;
    return h->second.current_revision_id == revision_id ? 2 : 1;
  };
  std::stable_sort(instances.begin(), instances.end(),
                   [&](const model::Instance& a, const model::Instance& b) {
                     int ra = rank(a), rb = rank(b);
                     return ra != rb ? ra < rb : a.name < b.name;
                   });
}

std::vector<model::Instance> ChooseTargets(const model::Deployment& d,
                                           const model::DeploymentGroup& group,
                                           const std::vector<model::Instance>& instances,
                                           const std::map<std::string, HostHistory>& history) {
  std::vector<model::Instance> selected;
  if (d.target_instance_ids.empty()) {
    selected = SelectTargets(group, instances);
  } else {
    for (const model::Instance& i : instances) {
      if (i.registration_status == "Registered" &&
          std::find(d.target_instance_ids.begin(), d.target_instance_ids.end(), i.id) !=
              d.target_instance_ids.end()) {
        selected.push_back(i);
      }
    }
  }
  if (d.update_outdated_only) {
    std::erase_if(selected, [&](const model::Instance& i) {
      auto h = history.find(i.id);
      return h != history.end() && h->second.current_revision_id == d.revision_id;
    });
  }
  OrderTargets(selected, history, d.revision_id);
  return selected;
}

std::vector<model::Target> MakeTargets(const std::string& deployment_id,
                                       const std::vector<model::Instance>& instances,
                                       const std::vector<std::string>& events) {
  std::vector<model::Target> targets;
  for (const model::Instance& i : instances) {
    model::Target t;
    t.deployment_id = deployment_id;
    t.instance_id = i.id;
    t.instance_name = i.name;
    t.position = static_cast<int>(targets.size());
    int seq = 0;
    for (const std::string& name : events) {
      model::LifecycleEvent e;
      e.seq = seq++;
      e.name = name;
      t.events.push_back(e);
    }
    targets.push_back(std::move(t));
  }
  return targets;
}

}  // namespace berth::deploy
