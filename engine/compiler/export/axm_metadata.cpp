// Same alignment limit as axm_export.cpp (one definition of the flatbuffers inline code).
#define FLATBUFFERS_MAX_ALIGNMENT 64
#include "export/axm_metadata.hpp"

#include <cstring>

#include "axm_generated.h"

namespace axe {

namespace {

std::string str(const flatbuffers::String* s) {
  return s ? s->str() : std::string();
}

std::vector<float> floats(const flatbuffers::Vector<float>* v) {
  return v ? std::vector<float>(v->begin(), v->end()) : std::vector<float>();
}

Status verified_model(const void* data, size_t size, const axm::Model** out) {
  if (size < 8 || !flatbuffers::BufferHasIdentifier(data, axm::ModelIdentifier()))
    return Status::error(
        "not an .axm model (the file identifier 'AXM0' is missing); convert the model with "
        "`autox convert`");
  flatbuffers::Verifier verifier(static_cast<const uint8_t*>(data), size, 64, 1000000);
  if (!axm::VerifyModelBuffer(verifier))
    return Status::error("the .axm is damaged (bad offsets or sizes); convert the model again");
  *out = axm::GetModel(data);
  return Status::ok();
}

}  // namespace

Status read_axm_metadata(const void* data, size_t size, AxmMetadata* out) {
  const axm::Model* model = nullptr;
  AXE_TRY(verified_model(data, size, &model));
  AxmMetadata md;
  if (const axm::Metadata* m = model->metadata()) {
    md.model_name = str(m->model_name());
    md.producer = str(m->producer());
    md.source = str(m->source());
    if (const axm::Preprocess* p = m->preprocess()) {
      md.preprocess.resize = str(p->resize());
      md.preprocess.color_order = str(p->color_order());
      md.preprocess.layout = str(p->layout());
      md.preprocess.scale = p->scale();
      md.preprocess.mean = floats(p->mean());
      md.preprocess.std = floats(p->std());
    }
    if (m->labels())
      for (const flatbuffers::String* l : *m->labels()) md.labels.push_back(str(l));
  }
  *out = std::move(md);
  return Status::ok();
}

Status replace_axm_metadata(const void* data, size_t size, const AxmMetadata& metadata,
                            std::vector<uint8_t>* out) {
  const axm::Model* model = nullptr;
  AXE_TRY(verified_model(data, size, &model));
  // Generated tables derive privately from flatbuffers::Table; the layout is the same.
  const flatbuffers::voffset_t field =
      reinterpret_cast<const flatbuffers::Table*>(model)->GetOptionalFieldOffset(
          axm::Model::VT_METADATA);
  if (field == 0)
    return Status::error(
        "this .axm was written without a metadata table, so it cannot take one; convert the "
        "model again with `autox convert`");
  const auto* base = static_cast<const uint8_t*>(data);
  const size_t field_pos =
      static_cast<size_t>(reinterpret_cast<const uint8_t*>(model) - base) + field;

  // The new table as a buffer of its own: every offset inside it is relative, so it stays valid
  // wherever it is copied as long as the copy keeps its alignment (16 covers every scalar).
  flatbuffers::FlatBufferBuilder b(1024);
  const AxmPreprocess& pp = metadata.preprocess;
  auto pre = axm::CreatePreprocess(b, b.CreateString(pp.resize), b.CreateString(pp.color_order),
                                   b.CreateString(pp.layout), pp.scale, b.CreateVector(pp.mean),
                                   b.CreateVector(pp.std));
  auto labels = b.CreateVectorOfStrings(metadata.labels);
  auto meta =
      axm::CreateMetadata(b, b.CreateString(metadata.model_name), b.CreateString(metadata.producer),
                          b.CreateString(metadata.source), pre, labels);
  b.Finish(meta);

  std::vector<uint8_t> bytes(base, base + size);
  bytes.resize((bytes.size() + 15) / 16 * 16, 0);
  const size_t block = bytes.size();
  bytes.insert(bytes.end(), b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize());
  const size_t table =
      block + flatbuffers::ReadScalar<flatbuffers::uoffset_t>(b.GetBufferPointer());
  if (table - field_pos > static_cast<size_t>(INT32_MAX))
    return Status::error("the .axm is too large to take new metadata");
  flatbuffers::WriteScalar<flatbuffers::uoffset_t>(
      bytes.data() + field_pos, static_cast<flatbuffers::uoffset_t>(table - field_pos));

  const axm::Model* check = nullptr;
  if (Status s = verified_model(bytes.data(), bytes.size(), &check); !s)
    return Status::error("internal error: the edited .axm does not verify ({})", s.message());
  *out = std::move(bytes);
  return Status::ok();
}

}  // namespace axe
