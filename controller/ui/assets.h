// The dashboard's files (controller/ui/assets/), embedded into the controller at build time
// by cmake/embed_files.cmake. Paths are relative to assets/ ("index.html", "app/main.js").
#pragma once

#include <vector>

#include "common/embedded_file.h"

namespace berth::ui {

const std::vector<EmbeddedFile>& Assets();

}  // namespace berth::ui
