// Auto-X Engine facade for tiny language models (llama2.c checkpoints): load, then generate
// text token by token through the engine's executor (one decode-step graph, KV caches as arena
// states). No exceptions cross it.
//
//   axe::LanguageModel lm;
//   if (axe::Status s = axe::LanguageModel::load("stories260K.bin", "tok512.bin", &lm); !s) ...
//   axe::GenerateOptions opt;  opt.temperature = 0;  opt.steps = 256;
//   axe::GenerateStats stats;
//   lm.generate(opt, [](const std::string& piece) { std::cout << piece; return true; }, &stats);
//   stats.tokens_per_second;  lm.arena_bytes();  lm.weight_bytes();  lm.kv_cache_bytes();
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "import/llama2c/llama2c.hpp"
#include "ir/status.hpp"

namespace axe {

struct MemoryPlan;
struct AxmExport;

struct GenerateOptions {
  std::string prompt;        // may be empty: generation starts from BOS
  int steps = 256;           // positions to run, prompt included (run.c's -n); <= 0: seq_len
  float temperature = 1.0f;  // 0: greedy
  float topp = 0.9f;         // nucleus sampling; <= 0 or >= 1: sample from all tokens
  uint64_t seed = 0;         // 0: from the clock
  int threads = 1;
};

struct GenerateStats {
  int positions = 0;             // decode steps run (prompt included)
  int generated = 0;             // tokens sampled (not forced by the prompt)
  double seconds = 0;            // wall time after the first step (as run.c measures)
  double tokens_per_second = 0;  // (positions - 1) / seconds, as run.c reports
  uint64_t seed = 0;             // the seed used
  std::vector<int> tokens;       // every token fed or produced, BOS first
};

// One decode step anywhere (the engine's executor, a board over the device link): the logits of
// the token after `token` at `position`.
using DecodeStep = std::function<Status(int token, int position, std::vector<float>* logits)>;

// run.c's generation loop over any decode step: BOS then the prompt's tokens (forced), then
// sampled tokens until `steps` positions or BOS; decoded pieces go to on_piece as they come.
Status generate_tokens(const llama2c::Tokenizer& tokenizer, const llama2c::Config& config,
                       const GenerateOptions& options, const DecodeStep& step,
                       const std::function<bool(const std::string& piece)>& on_piece,
                       GenerateStats* stats);

class LanguageModel {
 public:
  LanguageModel();
  ~LanguageModel();
  LanguageModel(LanguageModel&&) noexcept;
  LanguageModel& operator=(LanguageModel&&) noexcept;

  // context > 0: KV caches for that many positions (default: the model's seq_len).
  static Status load(const std::string& checkpoint_path, const std::string& tokenizer_path,
                     LanguageModel* out, int context = 0);

  // Runs up to options.steps positions; on_piece receives each decoded piece as it is produced
  // (return false to stop). Stops at BOS like run.c.
  Status generate(const GenerateOptions& options,
                  const std::function<bool(const std::string& piece)>& on_piece,
                  GenerateStats* stats);

  // One decode step: logits of the token after `token` at `position` (the KV cache holds the
  // earlier positions of this sequence). reset() starts a new sequence.
  Status step(int token, int position, std::vector<float>* logits);
  void reset();

  // The decode step as a .axm for the portable runtime and boards (KV caches as arena states).
  Status export_axm(AxmExport* out) const;

  const llama2c::Config& config() const;
  int context() const;  // positions the KV caches hold
  const llama2c::Tokenizer& tokenizer() const;
  int64_t weight_bytes() const;    // float32 parameters the graph holds
  int64_t kv_cache_bytes() const;  // both caches over all layers
  size_t arena_bytes() const;      // the executor's planned arena (0 before the first step)
  size_t arena_lower_bound_bytes() const;
  const MemoryPlan* memory_plan() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace axe
