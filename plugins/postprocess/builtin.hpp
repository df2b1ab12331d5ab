// Registration of the built-in decoders (one file each).
#pragma once

#include "registry.hpp"

namespace autox::post {

void registerFastestDet(Registry& registry);
void registerUltraFace(Registry& registry);
void registerYolo(Registry& registry);
void registerTopK(Registry& registry);
void registerPpOcr(Registry& registry);

}  // namespace autox::post
