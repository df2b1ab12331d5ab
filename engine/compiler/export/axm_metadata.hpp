// Reading and editing the metadata of an .axm (model name, pre-processing recipe, labels)
// without recompiling the model: the studio edits a model's recipe and saves it back.
//
//   AxmMetadata md;
//   AXE_TRY(read_axm_metadata(bytes.data(), bytes.size(), &md));
//   md.preprocess.resize = "letterbox";
//   std::vector<uint8_t> edited;
//   AXE_TRY(replace_axm_metadata(bytes.data(), bytes.size(), md, &edited));
//
// replace_axm_metadata() appends the new metadata table after the existing bytes and points the
// model at it; operators, tensors and the weight blob keep their bytes and offsets (the weights
// stay 64-byte aligned). The old table stays in the file unreferenced, so each edit grows the
// file by the size of the metadata (labels included); a fresh `autox convert` drops them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "export/axm_export.hpp"
#include "ir/status.hpp"

namespace axe {

struct AxmMetadata {
  std::string model_name, producer, source;
  AxmPreprocess preprocess;
  std::vector<std::string> labels;
};

// Verifies the buffer like the runtime does, then reads its metadata (empty fields when the file
// has none).
Status read_axm_metadata(const void* data, size_t size, AxmMetadata* out);

// A copy of the .axm in `data` with `metadata` in place of its own. The result loads in the
// runtime exactly like the input (same operators, tensors, weights and arena).
Status replace_axm_metadata(const void* data, size_t size, const AxmMetadata& metadata,
                            std::vector<uint8_t>* out);

}  // namespace axe
