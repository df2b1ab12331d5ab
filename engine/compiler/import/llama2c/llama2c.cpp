#include "import/llama2c/llama2c.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>

namespace axe::llama2c {

namespace {

constexpr uint32_t kVersionedMagic = 0x616b3432;  // "ak42": llama2.c export version >= 1
constexpr int kMaxDim = 1 << 16;                  // sanity bounds: larger is not a tiny llama

Status read_file(const std::string& path, const char* what, std::vector<uint8_t>* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::error("cannot open {} '{}': {}", what, path, std::strerror(errno));
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) return Status::error("cannot read {} '{}'", what, path);
  return Status::ok();
}

int32_t read_i32(const uint8_t* p) {
  int32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

}  // namespace

int64_t Config::file_weight_floats() const {
  const int64_t d = dim, h = hidden_dim, l = n_layers, v = vocab_size, kv = kv_dim();
  const int64_t hs = head_size();
  int64_t n = v * d;                   // token embedding
  n += l * d;                          // rms_att
  n += l * d * d + 2 * l * d * kv;     // wq, wk, wv
  n += l * d * d;                      // wo
  n += l * d;                          // rms_ffn
  n += 3 * l * d * h;                  // w1, w2, w3
  n += d;                              // rms_final
  n += int64_t{seq_len} * hs / 2 * 2;  // freq_cis_real, freq_cis_imag
  if (!shared_classifier) n += v * d;  // wcls
  return n;
}

int64_t Config::parameter_count() const {
  return file_weight_floats() - int64_t{seq_len} * (head_size() / 2) * 2;
}

Status parse_checkpoint(const uint8_t* data, size_t size, const std::string& name,
                        Checkpoint* out) {
  if (size < kHeaderBytes)
    return Status::error(
        "{}: {} bytes, too short for the {}-byte llama2.c header; is it a llama2.c "
        "checkpoint (.bin from export.py --version 0)?",
        name, size, kHeaderBytes);
  if (static_cast<uint32_t>(read_i32(data)) == kVersionedMagic)
    return Status::error(
        "{}: a llama2.c export of version {} (magic 'ak42'); only the legacy "
        "float32 format is read: export it with `export.py --version 0`",
        name, read_i32(data + 4));
  int32_t h[7];
  for (int i = 0; i < 7; ++i) h[i] = read_i32(data + 4 * i);
  Config c;
  c.dim = h[0];
  c.hidden_dim = h[1];
  c.n_layers = h[2];
  c.n_heads = h[3];
  c.n_kv_heads = h[4];
  c.vocab_size = h[5] == INT32_MIN ? 0 : std::abs(h[5]);
  c.shared_classifier = h[5] > 0;
  c.seq_len = h[6];
  const std::string header = fmt::format(
      "dim={} hidden_dim={} n_layers={} n_heads={} n_kv_heads={} vocab_size={} "
      "seq_len={}",
      h[0], h[1], h[2], h[3], h[4], h[5], h[6]);
  auto bad = [&](const std::string& what) {
    return Status::error(
        "{}: not a valid llama2.c header ({}): {}; is it a llama2.c checkpoint "
        "(.bin from export.py --version 0)?",
        name, header, what);
  };
  const struct {
    const char* field;
    int value;
  } positive[] = {
      {"dim", c.dim},         {"hidden_dim", c.hidden_dim}, {"n_layers", c.n_layers},
      {"n_heads", c.n_heads}, {"n_kv_heads", c.n_kv_heads}, {"vocab_size", c.vocab_size},
      {"seq_len", c.seq_len}};
  for (const auto& f : positive)
    if (f.value <= 0 || f.value > kMaxDim * 16)
      return bad(fmt::format("{} = {} is out of range (1..{})", f.field, f.value, kMaxDim * 16));
  if (c.vocab_size < 3)  // <unk>, BOS and EOS at least (generation starts from BOS = 1)
    return bad(
        fmt::format("vocab_size = {} is too small (a llama2.c vocabulary has <unk>, <s> "
                    "and </s> first)",
                    c.vocab_size));
  if (c.dim > kMaxDim || c.hidden_dim > 4 * kMaxDim || c.n_layers > 1024 || c.n_heads > c.dim)
    return bad("sizes beyond any llama2.c model");
  if (c.dim % c.n_heads != 0)
    return bad(fmt::format("dim {} is not a multiple of n_heads {}", c.dim, c.n_heads));
  if (c.head_size() % 2 != 0)
    return bad(fmt::format("head size dim / n_heads = {} must be even for RoPE", c.head_size()));
  if (c.n_kv_heads > c.n_heads || c.n_heads % c.n_kv_heads != 0)
    return bad(
        fmt::format("n_heads {} must be a multiple of n_kv_heads {}", c.n_heads, c.n_kv_heads));
  const int64_t floats = c.file_weight_floats();
  const uint64_t expected = kHeaderBytes + static_cast<uint64_t>(floats) * sizeof(float);
  if (size < expected)
    return Status::error(
        "{}: truncated: the header ({}) needs {} bytes of float32 weights, {} "
        "bytes in all, but the file has {} bytes ({} missing); download or "
        "export it again",
        name, header, expected - kHeaderBytes, expected, size, expected - size);
  if (size > expected)
    return Status::error(
        "{}: {} bytes after the last weight: the header ({}) describes {} bytes "
        "but the file has {}; is it another format (a llama2.c version >= 1 "
        "export, a quantized or GGUF file)?",
        name, size - expected, header, expected, size);
  out->config = c;
  out->weights.resize(static_cast<size_t>(floats));
  std::memcpy(out->weights.data(), data + kHeaderBytes, static_cast<size_t>(floats) * 4);
  for (float w : out->weights)
    if (!std::isfinite(w))
      return Status::error("{}: the weights hold NaN or infinite values; the file is damaged",
                           name);
  return Status::ok();
}

Status read_checkpoint(const std::string& path, Checkpoint* out) {
  std::vector<uint8_t> bytes;
  AXE_TRY(read_file(path, "llama2.c checkpoint", &bytes));
  return parse_checkpoint(bytes.data(), bytes.size(), path, out);
}

// ---------------------------------------------------------------------------------------------
// Tokenizer

Status parse_tokenizer(const uint8_t* data, size_t size, const std::string& name, int vocab_size,
                       Tokenizer* out) {
  if (size < 4)
    return Status::error(
        "{}: {} bytes, too short for a llama2.c tokenizer (int32 "
        "max_token_length first)",
        name, size);
  if (vocab_size < 3)
    return Status::error("{}: a vocabulary of {} tokens is too small (<unk>, <s> and </s> first)",
                         name, vocab_size);
  Tokenizer t;
  t.max_token_length = read_i32(data);
  if (t.max_token_length <= 0 || t.max_token_length > 1 << 16)
    return Status::error(
        "{}: max_token_length = {} is not plausible; is it a llama2.c "
        "tokenizer .bin (from tokenizer.py export)?",
        name, t.max_token_length);
  size_t at = 4;
  for (int i = 0; i < vocab_size; ++i) {
    if (size - at < 8)
      return Status::error(
          "{}: truncated at token {} of {} (offset {} of {} bytes); the model's "
          "vocabulary needs {} tokens: is this the tokenizer the model was "
          "trained with?",
          name, i, vocab_size, at, size, vocab_size);
    float score;
    std::memcpy(&score, data + at, 4);
    const int32_t len = read_i32(data + at + 4);
    at += 8;
    if (len < 0 || len > t.max_token_length || static_cast<size_t>(len) > size - at)
      return Status::error(
          "{}: token {} has length {} (max_token_length {}, {} bytes left); the "
          "file is damaged or not a llama2.c tokenizer",
          name, i, len, t.max_token_length, size - at);
    t.scores.push_back(score);
    t.vocab.emplace_back(reinterpret_cast<const char*>(data + at), static_cast<size_t>(len));
    at += static_cast<size_t>(len);
  }
  if (at != size)
    return Status::error(
        "{}: {} bytes left after the model's {} tokens: the tokenizer has a "
        "larger vocabulary than the model; use the tokenizer the model was "
        "trained with",
        name, size - at, vocab_size);
  *out = std::move(t);
  return Status::ok();
}

Status read_tokenizer(const std::string& path, int vocab_size, Tokenizer* out) {
  std::vector<uint8_t> bytes;
  AXE_TRY(read_file(path, "llama2.c tokenizer", &bytes));
  return parse_tokenizer(bytes.data(), bytes.size(), path, vocab_size, out);
}

int Tokenizer::lookup(std::string_view piece) const {
  if (sorted_.size() != vocab.size()) {
    sorted_.resize(vocab.size());
    for (size_t i = 0; i < vocab.size(); ++i) sorted_[i] = static_cast<int>(i);
    std::stable_sort(sorted_.begin(), sorted_.end(), [&](int a, int b) {
      return vocab[static_cast<size_t>(a)] < vocab[static_cast<size_t>(b)];
    });
  }
  auto it =
      std::lower_bound(sorted_.begin(), sorted_.end(), piece, [&](int id, std::string_view s) {
        return std::string_view(vocab[static_cast<size_t>(id)]) < s;
      });
  if (it != sorted_.end() && vocab[static_cast<size_t>(*it)] == piece) return *it;
  return -1;
}

std::vector<int> Tokenizer::encode(std::string_view text, bool bos, bool eos) const {
  std::vector<int> tokens;
  if (bos) tokens.push_back(kBosToken);
  if (!text.empty()) {
    const int space = lookup(" ");
    if (space >= 0) tokens.push_back(space);
  }
  for (size_t i = 0; i < text.size();) {
    // One UTF-8 code point: a lead byte and at most three continuation bytes.
    size_t len = 1;
    while (i + len < text.size() && (static_cast<uint8_t>(text[i + len]) & 0xC0) == 0x80 && len < 4)
      ++len;
    const std::string_view cp = text.substr(i, len);
    const int id = lookup(cp);
    if (id >= 0) {
      tokens.push_back(id);
    } else {
      // Byte fallback: <0xNN> is token NN + 3 in llama2.c vocabularies; one too small to hold
      // byte tokens (fuzz finding: ids past the vocabulary) gets <unk> (0) instead.
      const int vocab_size = static_cast<int>(vocab.size());
      for (char ch : cp) {
        const int byte_token = static_cast<uint8_t>(ch) + 3;
        tokens.push_back(byte_token < vocab_size ? byte_token : 0);
      }
    }
    i += len;
  }
  std::string pair;
  for (;;) {
    float best_score = -1e10f;
    int best_id = -1;
    size_t best_at = 0;
    for (size_t i = 0; i + 1 < tokens.size(); ++i) {
      const size_t a = static_cast<size_t>(tokens[i]), b = static_cast<size_t>(tokens[i + 1]);
      if (a >= vocab.size() || b >= vocab.size()) continue;
      pair = vocab[a] + vocab[b];
      const int id = lookup(pair);
      if (id >= 0 && scores[static_cast<size_t>(id)] > best_score) {
        best_score = scores[static_cast<size_t>(id)];
        best_id = id;
        best_at = i;
      }
    }
    if (best_id < 0) break;
    tokens[best_at] = best_id;
    tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(best_at) + 1);
  }
  if (eos) tokens.push_back(kEosToken);
  return tokens;
}

std::string Tokenizer::decode(int prev, int token) const {
  if (token < 0 || static_cast<size_t>(token) >= vocab.size()) return {};
  std::string_view piece = vocab[static_cast<size_t>(token)];
  if (prev == kBosToken && !piece.empty() && piece[0] == ' ') piece.remove_prefix(1);
  // Raw byte tokens look like <0x0A>.
  if (piece.size() == 6 && piece.substr(0, 3) == "<0x" && piece[5] == '>') {
    auto hex = [](char ch) {
      if (ch >= '0' && ch <= '9') return ch - '0';
      if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
      if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
      return -1;
    };
    const int hi = hex(piece[3]), lo = hex(piece[4]);
    if (hi >= 0 && lo >= 0) {
      const unsigned char byte = static_cast<unsigned char>(hi * 16 + lo);
      if (!std::isprint(byte) && !std::isspace(byte)) return {};
      return std::string(1, static_cast<char>(byte));
    }
  }
  if (piece.size() == 1) {
    const unsigned char byte = static_cast<unsigned char>(piece[0]);
    if (!std::isprint(byte) && !std::isspace(byte)) return {};
  }
  return std::string(piece);
}

// ---------------------------------------------------------------------------------------------
// Decode graph

Status build_decode_graph(const Checkpoint& ckpt, Graph* out, int context) {
  const Config& c = ckpt.config;
  if (static_cast<int64_t>(ckpt.weights.size()) != c.file_weight_floats())
    return Status::error("llama2.c checkpoint holds {} floats, its header needs {}",
                         ckpt.weights.size(), c.file_weight_floats());
  if (context < 0 || context > c.seq_len)
    return Status::error("a context of {} positions is outside the model's 1..{}", context,
                         c.seq_len);
  const int64_t positions = context > 0 ? context : c.seq_len;
  Graph g;
  g.name = "llama2c";
  g.opsets[""] = 13;
  g.opsets["ai.autox"] = 1;
  const int64_t d = c.dim, hd = c.hidden_dim, kv = c.kv_dim(), v = c.vocab_size;
  const float* p = ckpt.weights.data();
  // Weights as constants: slices of the file's stacked [layer, ...] arrays.
  auto constant = [&](const std::string& name, Shape shape, const float* src) {
    Tensor t(DType::kFloat32, shape);
    std::memcpy(t.raw(), src, t.nbytes());
    const int id = g.add_value(name, TypeInfo::tensor(DType::kFloat32, std::move(shape)));
    g.values[static_cast<size_t>(id)].constant = std::move(t);
    return id;
  };
  const int64_t L = c.n_layers;
  const float* tok_emb = p;
  const float* rms_att = tok_emb + v * d;
  const float* wq = rms_att + L * d;
  const float* wk = wq + L * d * d;
  const float* wv = wk + L * kv * d;
  const float* wo = wv + L * kv * d;
  const float* rms_ffn = wo + L * d * d;
  const float* w1 = rms_ffn + L * d;
  const float* w2 = w1 + L * hd * d;
  const float* w3 = w2 + L * d * hd;
  const float* rms_final = w3 + L * hd * d;
  const float* wcls =
      c.shared_classifier ? tok_emb : rms_final + d + int64_t{c.seq_len} * (c.head_size() / 2) * 2;

  auto act = [&](const std::string& name, int64_t n) {
    return g.add_value(name, TypeInfo::tensor(DType::kFloat32, {1, n}));
  };
  auto node = [&](axe_op op, const char* type, const std::string& name, std::vector<int> inputs,
                  int output) {
    const int n = g.add_node(type, name, std::move(inputs), {output});
    Node& nd = g.nodes[static_cast<size_t>(n)];
    nd.op = op;
    const bool onnx = op == AXE_OP_GATHER || op == AXE_OP_ADD;
    nd.domain = onnx ? "" : "ai.autox";
    nd.opset = onnx ? 13 : 1;
    return n;
  };
  auto set_int = [&](int n, const char* key, int64_t value) {
    Attribute a;
    a.type = Attribute::Type::kInt;
    a.i = value;
    g.nodes[static_cast<size_t>(n)].attrs[key] = a;
  };
  auto set_float = [&](int n, const char* key, float value) {
    Attribute a;
    a.type = Attribute::Type::kFloat;
    a.f = value;
    g.nodes[static_cast<size_t>(n)].attrs[key] = a;
  };

  const int token = g.add_value("token", TypeInfo::tensor(DType::kInt64, {1}));
  const int position = g.add_value("position", TypeInfo::tensor(DType::kInt64, {1}));
  g.inputs = {token, position};
  const int emb = constant("token_embedding", {v, d}, tok_emb);
  int x = act("x0", d);
  set_int(node(AXE_OP_GATHER, "Gather", "embedding", {emb, token}, x), "axis", 0);
  for (int64_t l = 0; l < L; ++l) {
    const std::string pre = fmt::format("layer{}.", l);
    auto w = [&](const char* name, Shape shape, const float* base) {
      const int64_t n = shape_numel(shape);
      return constant(pre + name, std::move(shape), base + l * n);
    };
    const int xb = act(pre + "attention_norm", d);
    set_float(node(AXE_OP_RMS_NORMALIZATION, "RMSNormalization", pre + "attention_norm",
                   {x, w("rms_att", {d}, rms_att)}, xb),
              "epsilon", 1e-5f);
    const int q = act(pre + "q", d), k = act(pre + "k", kv), val = act(pre + "v", kv);
    node(AXE_OP_LINEAR, "Linear", pre + "wq", {xb, w("wq", {d, d}, wq)}, q);
    node(AXE_OP_LINEAR, "Linear", pre + "wk", {xb, w("wk", {kv, d}, wk)}, k);
    node(AXE_OP_LINEAR, "Linear", pre + "wv", {xb, w("wv", {kv, d}, wv)}, val);
    const int qr = act(pre + "q_rope", d), kr = act(pre + "k_rope", kv);
    set_int(node(AXE_OP_ROPE, "Rope", pre + "rope_q", {q, position}, qr), "head_size",
            c.head_size());
    set_int(node(AXE_OP_ROPE, "Rope", pre + "rope_k", {k, position}, kr), "head_size",
            c.head_size());
    const int kc =
        g.add_value(pre + "key_cache", TypeInfo::tensor(DType::kFloat32, {positions, kv}));
    const int vc =
        g.add_value(pre + "value_cache", TypeInfo::tensor(DType::kFloat32, {positions, kv}));
    g.states.push_back(kc);
    g.states.push_back(vc);
    const int att = act(pre + "attention", d);
    const int an = node(AXE_OP_CACHED_ATTENTION, "CachedAttention", pre + "attention",
                        {qr, kr, val, position, kc, vc}, att);
    set_int(an, "num_heads", c.n_heads);
    set_int(an, "num_kv_heads", c.n_kv_heads);
    const int o = act(pre + "attention_out", d);
    node(AXE_OP_LINEAR, "Linear", pre + "wo", {att, w("wo", {d, d}, wo)}, o);
    const int x1 = act(pre + "residual1", d);
    node(AXE_OP_ADD, "Add", pre + "residual1", {x, o}, x1);
    const int fb = act(pre + "ffn_norm", d);
    set_float(node(AXE_OP_RMS_NORMALIZATION, "RMSNormalization", pre + "ffn_norm",
                   {x1, w("rms_ffn", {d}, rms_ffn)}, fb),
              "epsilon", 1e-5f);
    const int h1 = act(pre + "w1_out", hd), h3 = act(pre + "w3_out", hd);
    node(AXE_OP_LINEAR, "Linear", pre + "w1", {fb, w("w1", {hd, d}, w1)}, h1);
    node(AXE_OP_LINEAR, "Linear", pre + "w3", {fb, w("w3", {hd, d}, w3)}, h3);
    const int h = act(pre + "swiglu", hd);
    node(AXE_OP_SWIGLU, "SwiGLU", pre + "swiglu", {h1, h3}, h);
    const int f = act(pre + "ffn_out", d);
    node(AXE_OP_LINEAR, "Linear", pre + "w2", {h, w("w2", {d, hd}, w2)}, f);
    const int x2 = act(pre + "residual2", d);
    node(AXE_OP_ADD, "Add", pre + "residual2", {x1, f}, x2);
    x = x2;
  }
  const int xf = act("final_norm", d);
  set_float(node(AXE_OP_RMS_NORMALIZATION, "RMSNormalization", "final_norm",
                 {x, constant("rms_final", {d}, rms_final)}, xf),
            "epsilon", 1e-5f);
  const int logits = act("logits", v);
  const int cls = c.shared_classifier ? emb : constant("classifier", {v, d}, wcls);
  node(AXE_OP_LINEAR, "Linear", "classifier", {xf, cls}, logits);
  g.outputs = {logits};
  *out = std::move(g);
  return Status::ok();
}

// ---------------------------------------------------------------------------------------------
// Sampler

Sampler::Sampler(int vocab_size, float temperature, float topp, uint64_t seed)
    : vocab_size_(vocab_size),
      temperature_(temperature),
      topp_(topp),
      state_(seed),
      candidates_(static_cast<size_t>(vocab_size)) {}

uint32_t Sampler::random_u32() {
  state_ ^= state_ >> 12;
  state_ ^= state_ << 25;
  state_ ^= state_ >> 27;
  return static_cast<uint32_t>((state_ * 0x2545F4914F6CDD1Dull) >> 32);
}

float Sampler::random_f32() {
  return static_cast<float>(random_u32() >> 8) / 16777216.0f;
}

int Sampler::sample(float* logits) {
  const int n = vocab_size_;
  if (temperature_ == 0.0f) {
    int best = 0;
    for (int i = 1; i < n; ++i)
      if (logits[i] > logits[best]) best = i;
    return best;
  }
  for (int i = 0; i < n; ++i) logits[i] /= temperature_;
  float max_val = logits[0];
  for (int i = 1; i < n; ++i) max_val = std::max(max_val, logits[i]);
  float sum = 0.0f;
  for (int i = 0; i < n; ++i) {
    logits[i] = expf(logits[i] - max_val);
    sum += logits[i];
  }
  for (int i = 0; i < n; ++i) logits[i] /= sum;
  const float coin = random_f32();
  if (topp_ <= 0.0f || topp_ >= 1.0f) {
    float cdf = 0.0f;
    for (int i = 0; i < n; ++i) {
      cdf += logits[i];
      if (coin < cdf) return i;
    }
    return n - 1;
  }
  // Top-p: candidates above (1 - topp) / (n - 1) only, by probability (stable, like glibc's
  // merge-sort qsort), cut where the cumulative probability exceeds topp.
  const float cutoff = (1.0f - topp_) / static_cast<float>(n - 1);
  size_t count = 0;
  for (int i = 0; i < n; ++i)
    if (logits[i] >= cutoff) candidates_[count++] = {logits[i], i};
  std::stable_sort(candidates_.begin(), candidates_.begin() + static_cast<std::ptrdiff_t>(count),
                   [](const ProbIndex& a, const ProbIndex& b) { return a.prob > b.prob; });
  float cumulative = 0.0f;
  size_t last = count - 1;
  for (size_t i = 0; i < count; ++i) {
    cumulative += candidates_[i].prob;
    if (cumulative > topp_) {
      last = i;
      break;
    }
  }
  const float r = coin * cumulative;
  float cdf = 0.0f;
  for (size_t i = 0; i <= last; ++i) {
    cdf += candidates_[i].prob;
    if (r < cdf) return candidates_[i].index;
  }
  return candidates_[last].index;
}

}  // namespace axe::llama2c
