#include "common/model/rollout.h"

#include <cctype>

namespace berth::model {

std::string FormatWaveSize(const WaveSize& size) {
  return std::to_string(size.value) + (size.percent ? "%" : "");
}

bool ParseWaveSize(const std::string& text, WaveSize* out) {
  std::string digits = text;
  bool percent = !digits.empty() && digits.back() == '%';
  if (percent) digits.pop_back();
  if (digits.empty() || digits.size() > 9) return false;
  for (char ch : digits) {
    if (!std::isdigit(static_cast<unsigned char>(ch))) return false;
  }
  int value = std::stoi(digits);
  if (value < 1 || (percent && value > 100)) return false;
  *out = {value, percent};
  return true;
}

const char* ApprovalTimeoutActionName(ApprovalTimeoutAction a) {
  return a == ApprovalTimeoutAction::kContinue ? "CONTINUE" : "STOP";
}

bool ParseApprovalTimeoutAction(const std::string& name, ApprovalTimeoutAction* out) {
  if (name == "STOP") {
    *out = ApprovalTimeoutAction::kStop;
  } else if (name == "CONTINUE") {
    *out = ApprovalTimeoutAction::kContinue;
  } else {
    return false;
  }
  return true;
}

const char* WaitKindName(WaitKind w) {
  switch (w) {
    case WaitKind::kNone:
      return "";
    case WaitKind::kBake:
      return "Bake";
    case WaitKind::kApproval:
      return "Approval";
  }
  return "";
}

bool ParseWaitKind(const std::string& name, WaitKind* out) {
  for (WaitKind w : {WaitKind::kNone, WaitKind::kBake, WaitKind::kApproval}) {
    if (name == WaitKindName(w)) {
      *out = w;
      return true;
    }
  }
  return false;
}

}  // namespace berth::model
