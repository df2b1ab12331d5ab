#include <algorithm>
#include <chrono>

#include "axe/llm.hpp"
#include "exec/executor.hpp"
#include "export/axm_export.hpp"
#include "plan/memory_plan.hpp"

namespace axe {

struct LanguageModel::Impl {
  llama2c::Config config;
  llama2c::Tokenizer tokenizer;
  std::shared_ptr<Graph> graph;
  std::unique_ptr<Executor> executor;
  int threads = 1;
  int context = 0;
  int64_t weight_bytes = 0;
  std::vector<RtValue> inputs;
  std::vector<RtValue> outputs;
};

LanguageModel::LanguageModel() = default;
LanguageModel::~LanguageModel() = default;
LanguageModel::LanguageModel(LanguageModel&&) noexcept = default;
LanguageModel& LanguageModel::operator=(LanguageModel&&) noexcept = default;

Status LanguageModel::load(const std::string& checkpoint_path, const std::string& tokenizer_path,
                           LanguageModel* out, int context) {
  auto impl = std::make_unique<Impl>();
  llama2c::Checkpoint ckpt;
  AXE_TRY(llama2c::read_checkpoint(checkpoint_path, &ckpt));
  AXE_TRY(llama2c::read_tokenizer(tokenizer_path, ckpt.config.vocab_size, &impl->tokenizer));
  impl->config = ckpt.config;
  impl->graph = std::make_shared<Graph>();
  AXE_TRY(llama2c::build_decode_graph(ckpt, impl->graph.get(), context));
  impl->context = context > 0 ? context : ckpt.config.seq_len;
  for (const Value& v : impl->graph->values)
    if (v.constant) impl->weight_bytes += static_cast<int64_t>(v.constant->nbytes());
  impl->executor = std::make_unique<Executor>(impl->graph, Executor::Options{});
  impl->inputs = {RtValue::of(Tensor(DType::kInt64, {1})), RtValue::of(Tensor(DType::kInt64, {1}))};
  out->impl_ = std::move(impl);
  return Status::ok();
}

Status LanguageModel::step(int token, int position, std::vector<float>* logits) {
  Impl& m = *impl_;
  if (token < 0 || token >= m.config.vocab_size)
    return Status::error("token {} is outside the vocabulary of {} tokens", token,
                         m.config.vocab_size);
  if (position < 0 || position >= m.context)
    return Status::error("position {} is beyond the context of {} tokens", position, m.context);
  m.inputs[0].tensor.data<int64_t>()[0] = token;
  m.inputs[1].tensor.data<int64_t>()[0] = position;
  AXE_TRY(m.executor->run(m.inputs, &m.outputs));
  const Tensor& out = m.outputs[0].tensor;
  logits->assign(out.data<float>(), out.data<float>() + out.numel());
  return Status::ok();
}

void LanguageModel::reset() {
  impl_->executor->reset_state();
}

Status generate_tokens(const llama2c::Tokenizer& tokenizer, const llama2c::Config& config,
                       const GenerateOptions& options, const DecodeStep& step,
                       const std::function<bool(const std::string&)>& on_piece,
                       GenerateStats* stats) {
  GenerateStats st;
  st.seed = options.seed != 0
                ? options.seed
                : static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                            std::chrono::system_clock::now().time_since_epoch())
                                            .count());  // run.c: time(NULL)
  const int steps =
      options.steps <= 0 || options.steps > config.seq_len ? config.seq_len : options.steps;
  const std::vector<int> prompt = tokenizer.encode(options.prompt, true, false);
  llama2c::Sampler sampler(config.vocab_size, options.temperature, options.topp, st.seed);
  std::vector<float> logits;
  int token = prompt[0];
  st.tokens.push_back(token);
  auto start = std::chrono::steady_clock::now();
  for (int pos = 0; pos < steps; ++pos) {
    AXE_TRY(step(token, pos, &logits));
    if (static_cast<int>(logits.size()) != config.vocab_size)
      return Status::error("the decode step gave {} logits for a vocabulary of {}", logits.size(),
                           config.vocab_size);
    int next;
    if (pos + 1 < static_cast<int>(prompt.size())) {
      next = prompt[static_cast<size_t>(pos) + 1];
    } else {
      next = sampler.sample(logits.data());
      ++st.generated;
    }
    st.positions = pos + 1;
    if (pos == 0) start = std::chrono::steady_clock::now();  // run.c times from the 2nd step
    if (next == llama2c::kBosToken) break;
    st.tokens.push_back(next);
    const std::string piece = tokenizer.decode(token, next);
    token = next;
    if (on_piece && !piece.empty() && !on_piece(piece)) break;
  }
  st.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (st.positions > 1 && st.seconds > 0) st.tokens_per_second = (st.positions - 1) / st.seconds;
  if (stats) *stats = std::move(st);
  return Status::ok();
}

Status LanguageModel::generate(const GenerateOptions& options,
                               const std::function<bool(const std::string&)>& on_piece,
                               GenerateStats* stats) {
  Impl& m = *impl_;
  if (std::max(1, options.threads) != m.threads) {
    // Executor options are fixed at construction: a new thread count gets a new executor.
    m.threads = std::max(1, options.threads);
    Executor::Options eo;
    eo.threads = m.threads;
    m.executor = std::make_unique<Executor>(m.graph, eo);
  }
  reset();
  llama2c::Config limited = m.config;
  limited.seq_len = m.context;
  return generate_tokens(
      m.tokenizer, limited, options,
      [this](int token, int position, std::vector<float>* logits) {
        return step(token, position, logits);
      },
      on_piece, stats);
}

Status LanguageModel::export_axm(AxmExport* out) const {
  AxmExportOptions options;
  options.model_name = "llama2c";
  options.producer = "autox generate (llama2.c checkpoint)";
  return axe::export_axm(*impl_->graph, options, out);
}

const llama2c::Config& LanguageModel::config() const {
  return impl_->config;
}
const llama2c::Tokenizer& LanguageModel::tokenizer() const {
  return impl_->tokenizer;
}
int64_t LanguageModel::weight_bytes() const {
  return impl_->weight_bytes;
}
int64_t LanguageModel::kv_cache_bytes() const {
  llama2c::Config limited = impl_->config;
  limited.seq_len = impl_->context;
  return limited.kv_cache_bytes();
}
int LanguageModel::context() const {
  return impl_->context;
}
size_t LanguageModel::arena_bytes() const {
  return impl_->executor->arena_bytes();
}
size_t LanguageModel::arena_lower_bound_bytes() const {
  const MemoryPlan* p = impl_->executor->memory_plan();
  return p ? p->lower_bound_bytes : 0;
}
const MemoryPlan* LanguageModel::memory_plan() const {
  return impl_->executor->memory_plan();
}

}  // namespace axe
