// libFuzzer target for the llama2.c readers: the first byte picks the reader, the rest is the
// file. A checkpoint either is refused with a message or parses and builds its decode graph; a
// tokenizer either is refused with a message or parses, then encodes and decodes text with it.
#include <stdint.h>
#include <stdlib.h>

#include <string>

#include "import/llama2c/llama2c.hpp"
#include "ir/graph.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const uint8_t mode = data[0];
  data += 1;
  size -= 1;
  if ((mode & 1) == 0) {
    axe::llama2c::Checkpoint ckpt;
    axe::Status s = axe::llama2c::parse_checkpoint(data, size, "fuzz.bin", &ckpt);
    if (!s) {
      if (s.message().empty()) abort();  // every refusal must say why
      return 0;
    }
    const auto& c = ckpt.config;
    // Keep graph building cheap: the readers' checks are what is fuzzed.
    if (static_cast<int64_t>(c.n_layers) * c.seq_len * c.dim > (int64_t{1} << 20)) return 0;
    axe::Graph g;
    axe::Status b = axe::llama2c::build_decode_graph(ckpt, &g, (mode >> 1) & 7);
    if (!b && b.message().empty()) abort();
    return 0;
  }
  const int vocab_size = 1 + (mode >> 1);  // 1..128
  axe::llama2c::Tokenizer tok;
  axe::Status s = axe::llama2c::parse_tokenizer(data, size, "fuzz_tok.bin", vocab_size, &tok);
  if (!s) {
    if (s.message().empty()) abort();
    return 0;
  }
  const std::string text(reinterpret_cast<const char*>(data), size < 64 ? size : 64);
  const std::vector<int> ids = tok.encode(text, true, true);
  int prev = axe::llama2c::kBosToken;
  for (int id : ids) {
    if (id < 0 || id >= vocab_size) abort();
    (void)tok.decode(prev, id);
    prev = id;
  }
  return 0;
}
