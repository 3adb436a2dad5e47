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

std::vector<model::Target> MakeTargets(const std::string& deployment_id,
                                       const std::vector<model::Instance>& instances) {
  std::vector<model::Target> targets;
  for (const model::Instance& i : instances) {
    model::Target t;
    t.deployment_id = deployment_id;
    t.instance_id = i.id;
    t.instance_name = i.name;
    t.position = static_cast<int>(targets.size());
    int seq = 0;
    for (const std::string& name : model::InPlaceEvents()) {
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
