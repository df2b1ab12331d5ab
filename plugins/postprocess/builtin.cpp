#include "builtin.hpp"

namespace autox::post {

void registerBuiltinDecoders(Registry& registry) {
  registerFastestDet(registry);  // the default
  registerUltraFace(registry);
  registerYolo(registry);
  registerTopK(registry);
  registerPpOcr(registry);
}

}  // namespace autox::post
