// The op resolver with every kernel of the runtime (host builds, the studio, tests). Firmware
// uses the table `autox export-c` writes instead, so that only the model's kernels get linked.
#include "runtime_internal.hpp"

// Adding an op to axe_ops.h fails the build here until the runtime decides about it: give it a
// kernel in AXE_RUNTIME_OP_LIST (axe_kernels.h) or leave it out knowingly, then update N.
static_assert(AXE_OP_COUNT == 202, "axe_ops.h changed: review the runtime's op list");

namespace {

struct Table {
  axe_kernel_fn fn[AXE_OP_COUNT];
};

constexpr Table make_table() {
  Table t{};
#define AXE_TABLE_ENTRY(ID, FN) t.fn[AXE_OP_##ID] = axe_kernel_##FN;
  AXE_RUNTIME_OP_LIST(AXE_TABLE_ENTRY)
#undef AXE_TABLE_ENTRY
  return t;
}

constexpr Table kAll = make_table();
constexpr axe_op_resolver kResolver{kAll.fn, AXE_OP_COUNT};

}  // namespace

extern "C" const axe_op_resolver* axe_op_resolver_all(void) {
  return &kResolver;
}
