// Editing an .axm's metadata (pre-processing recipe, labels) without recompiling: the edited file
// reads back what was written and runs exactly like the original.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>

#include "axe/engine.hpp"

using namespace axe;

namespace {

std::vector<uint8_t> mnist_axm() {
  Model model;
  Status s = Model::load(std::string(AXE_SHARED_MODELS_DIR) + "/mnist-8/mnist-8.onnx", &model);
  EXPECT_TRUE(s) << s.message();
  AxmExportOptions opt;
  opt.model_name = "mnist-8";
  opt.labels = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
  opt.preprocess = {"stretch", "GRAY", "NCHW", 1.0f, {}, {}};
  AxmExport out;
  s = export_axm(model.graph(), opt, &out);
  EXPECT_TRUE(s) << s.message();
  return out.bytes;
}

std::vector<float> run(const std::vector<uint8_t>& bytes) {
  AxmModel m;
  Status s = AxmModel::load_bytes(bytes.data(), bytes.size(), &m);
  EXPECT_TRUE(s) << s.message();
  if (!s) return {};
  Tensor in(DType::kFloat32, {1, 1, 28, 28});
  auto* p = in.data<float>();
  for (int i = 0; i < 28 * 28; ++i) p[i] = static_cast<float>((i * 37) % 255);
  std::vector<Tensor> outs;
  s = m.run({in}, &outs);
  EXPECT_TRUE(s) << s.message();
  if (!s) return {};
  return std::vector<float>(outs[0].data<float>(), outs[0].data<float>() + outs[0].numel());
}

}  // namespace

TEST(AxmMetadata, ReadsWhatTheExporterWrote) {
  const std::vector<uint8_t> bytes = mnist_axm();
  AxmMetadata md;
  Status s = read_axm_metadata(bytes.data(), bytes.size(), &md);
  ASSERT_TRUE(s) << s.message();
  EXPECT_EQ(md.model_name, "mnist-8");
  EXPECT_EQ(md.preprocess.resize, "stretch");
  EXPECT_EQ(md.preprocess.color_order, "GRAY");
  EXPECT_EQ(md.preprocess.layout, "NCHW");
  EXPECT_EQ(md.labels.size(), 10u);
}

TEST(AxmMetadata, ReplaceKeepsTheModelAndRunsIdentically) {
  const std::vector<uint8_t> original = mnist_axm();
  AxmMetadata md;
  ASSERT_TRUE(read_axm_metadata(original.data(), original.size(), &md));
  md.preprocess.resize = "letterbox";
  md.preprocess.color_order = "BGR";
  md.preprocess.scale = 1.0f / 255.0f;
  md.preprocess.mean = {0.5f, 0.25f, 0.125f};
  md.preprocess.std = {2.0f, 3.0f, 4.0f};
  md.labels = {"zero", "one", "two"};
  std::vector<uint8_t> edited;
  Status s = replace_axm_metadata(original.data(), original.size(), md, &edited);
  ASSERT_TRUE(s) << s.message();
  // Edit again (the table written last is replaced in turn).
  md.model_name = "digits";
  std::vector<uint8_t> twice;
  s = replace_axm_metadata(edited.data(), edited.size(), md, &twice);
  ASSERT_TRUE(s) << s.message();
  AxmMetadata back;
  ASSERT_TRUE(read_axm_metadata(twice.data(), twice.size(), &back));
  EXPECT_EQ(back.model_name, "digits");
  EXPECT_EQ(back.preprocess.resize, "letterbox");
  EXPECT_EQ(back.preprocess.color_order, "BGR");
  EXPECT_FLOAT_EQ(back.preprocess.scale, 1.0f / 255.0f);
  EXPECT_EQ(back.preprocess.mean, md.preprocess.mean);
  EXPECT_EQ(back.preprocess.std, md.preprocess.std);
  EXPECT_EQ(back.labels, md.labels);
  EXPECT_EQ(back.producer, md.producer);
  // The weights did not move: the runtime gives the same outputs, bit for bit.
  const std::vector<float> a = run(original), b = run(twice);
  ASSERT_EQ(a.size(), 10u);
  EXPECT_EQ(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)), 0);
  EXPECT_LT(twice.size(), original.size() + 2048);
}

TEST(AxmMetadata, RefusesWhatIsNotAnAxm) {
  std::vector<uint8_t> bytes = mnist_axm();
  AxmMetadata md;
  Status s = read_axm_metadata(bytes.data(), 7, &md);
  EXPECT_FALSE(s);
  EXPECT_NE(s.message().find("not an .axm"), std::string::npos) << s.message();
  std::vector<uint8_t> out;
  s = replace_axm_metadata(bytes.data(), bytes.size() / 2, md, &out);
  EXPECT_FALSE(s);
  EXPECT_NE(s.message().find("damaged"), std::string::npos) << s.message();
}
