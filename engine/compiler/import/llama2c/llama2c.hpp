// llama2.c checkpoints and tokenizers (Karpathy's llama2.c, "legacy" v0 format) into the engine.
//
//   llama2c::Checkpoint ckpt;
//   AXE_TRY(llama2c::read_checkpoint("stories260K.bin", &ckpt));
//   llama2c::Tokenizer tok;
//   AXE_TRY(llama2c::read_tokenizer("tok512.bin", ckpt.config.vocab_size, &tok));
//   Graph g;
//   AXE_TRY(llama2c::build_decode_graph(ckpt, &g));   // token, position -> logits
//   llama2c::Sampler sampler(ckpt.config.vocab_size, /*temperature*/ 0.8f, /*topp*/ 0.9f, seed);
//
// Checkpoint: 7 little-endian int32 (dim, hidden_dim, n_layers, n_heads, n_kv_heads,
// vocab_size, seq_len; a negative vocab_size means the classifier has its own weights), then
// float32 weights in run.c order: token_embedding [vocab, dim], rms_att [L, dim],
// wq [L, dim, dim], wk [L, kv_dim, dim], wv [L, kv_dim, dim], wo [L, dim, dim], rms_ffn [L, dim],
// w1 [L, hidden, dim], w2 [L, dim, hidden], w3 [L, hidden, dim], rms_final [dim],
// freq_cis_real/imag [seq_len, head_size / 2] (unused: RoPE is computed), wcls [vocab, dim]
// when not shared. Bytes after the last weight are refused (a version-1+ export or a wrong file).
//
// Tokenizer: int32 max_token_length, then per token float32 score, int32 length, bytes.
// Encoding and decoding follow run.c (BOS = 1, EOS = 2, byte fallback tokens <0xNN> at 3..258,
// a dummy-prefix space, greedy merges by score).
//
// The decode graph runs one token: inputs "token" and "position" (int64 [1]), output "logits"
// (float32 [1, vocab]); per layer the key/value caches are graph states ([seq_len, kv_dim]
// each) that the executor keeps in the arena between runs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ir/graph.hpp"
#include "ir/status.hpp"

namespace axe::llama2c {

struct Config {
  int dim = 0;
  int hidden_dim = 0;
  int n_layers = 0;
  int n_heads = 0;
  int n_kv_heads = 0;
  int vocab_size = 0;  // absolute value of the header's
  int seq_len = 0;
  bool shared_classifier = true;  // header vocab_size > 0

  int head_size() const { return n_heads > 0 ? dim / n_heads : 0; }
  int kv_dim() const { return n_heads > 0 ? dim * n_kv_heads / n_heads : 0; }
  // Floats the weights take in the file (freq_cis included), after the header.
  int64_t file_weight_floats() const;
  // Parameters the model uses (freq_cis excluded).
  int64_t parameter_count() const;
  // Bytes of both key/value caches over all layers.
  int64_t kv_cache_bytes() const {
    return int64_t{2} * n_layers * seq_len * kv_dim() * static_cast<int64_t>(sizeof(float));
  }
};

constexpr size_t kHeaderBytes = 7 * sizeof(int32_t);
constexpr int kBosToken = 1;
constexpr int kEosToken = 2;

struct Checkpoint {
  Config config;
  std::vector<float> weights;  // everything after the header, in file order
};

// Reads and validates a checkpoint; errors name the file and say what is wrong (header fields,
// expected vs actual byte counts).
Status read_checkpoint(const std::string& path, Checkpoint* out);
Status parse_checkpoint(const uint8_t* data, size_t size, const std::string& name, Checkpoint* out);

class Tokenizer {
 public:
  int max_token_length = 0;
  std::vector<std::string> vocab;
  std::vector<float> scores;

  // run.c's encode(): optional BOS, a dummy-prefix " " when text is not empty, UTF-8 code points
  // (byte fallback), then merges of the best-scoring adjacent pair; optional EOS.
  std::vector<int> encode(std::string_view text, bool bos, bool eos) const;
  // The text of `token` following `prev` (a leading space is dropped after BOS; <0xNN> becomes
  // the byte); empty for unprintable single bytes, as run.c's safe_printf prints nothing.
  std::string decode(int prev, int token) const;

 private:
  int lookup(std::string_view piece) const;
  mutable std::vector<int> sorted_;  // token ids sorted by piece, built on first encode()
};

Status read_tokenizer(const std::string& path, int vocab_size, Tokenizer* out);
Status parse_tokenizer(const uint8_t* data, size_t size, const std::string& name, int vocab_size,
                       Tokenizer* out);

// The one-token decode step as an engine graph (see above). `context` > 0 sizes the KV caches
// for that many positions instead of the model's seq_len (less memory on small boards).
Status build_decode_graph(const Checkpoint& ckpt, Graph* out, int context = 0);

// run.c's sampler: argmax at temperature 0, else softmax(logits / temperature) and a draw from
// all tokens (topp <= 0 or >= 1) or from the smallest set whose probability exceeds topp, with
// run.c's xorshift64* generator so that a seed gives run.c's tokens.
class Sampler {
 public:
  Sampler(int vocab_size, float temperature, float topp, uint64_t seed);
  // Picks the next token; overwrites logits with probabilities when temperature > 0.
  int sample(float* logits);
  uint32_t random_u32();
  float random_f32();  // [0, 1)

 private:
  struct ProbIndex {
    float prob;
    int index;
  };
  int vocab_size_;
  float temperature_;
  float topp_;
  uint64_t state_;
  std::vector<ProbIndex> candidates_;
};

}  // namespace axe::llama2c
