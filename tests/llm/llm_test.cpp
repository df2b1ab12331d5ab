// Tiny LLMs (llama2.c): checkpoint/tokenizer readers refuse bad files, the decoder kernels agree
// with plain double-precision formulas, the x86 linear agrees with the reference, KV caches are
// planned arena states kept across runs, and the model reproduces llama2.c's documented texts.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>

#include "axe/llm.hpp"
#include "exec/executor.hpp"
#include "export/axm_export.hpp"
#include "export/axm_host.hpp"
#include "plan/memory_plan.hpp"
#include "ref/decoder.hpp"
#if defined(AXE_HAVE_X86_KERNELS)
#include "x86/activation_x86.hpp"
#include "x86/attention_x86.hpp"
#include "x86/linear_x86.hpp"
#endif

namespace axe {
namespace {

const std::string kDir = AXE_LLAMA2C_DIR;

std::vector<uint8_t> file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void put_i32(std::vector<uint8_t>* b, size_t at, int32_t v) {
  std::memcpy(b->data() + at, &v, 4);
}

Status parse(const std::vector<uint8_t>& b, llama2c::Checkpoint* c) {
  return llama2c::parse_checkpoint(b.data(), b.size(), "m.bin", c);
}

// ---------------------------------------------------------------------------------------------
// Readers

TEST(Llama2cCheckpoint, ReadsStories260K) {
  llama2c::Checkpoint c;
  ASSERT_TRUE(llama2c::read_checkpoint(kDir + "/stories260K.bin", &c));
  EXPECT_EQ(c.config.dim, 64);
  EXPECT_EQ(c.config.hidden_dim, 172);
  EXPECT_EQ(c.config.n_layers, 5);
  EXPECT_EQ(c.config.n_heads, 8);
  EXPECT_EQ(c.config.n_kv_heads, 4);
  EXPECT_EQ(c.config.vocab_size, 512);
  EXPECT_EQ(c.config.seq_len, 512);
  EXPECT_TRUE(c.config.shared_classifier);
  EXPECT_EQ(llama2c::kHeaderBytes + c.weights.size() * 4, 1056540u);
}

TEST(Llama2cCheckpoint, RefusesTruncatedWeightsSayingExpectedAndActualBytes) {
  std::vector<uint8_t> b = file_bytes(kDir + "/stories260K.bin");
  b.resize(b.size() - 1000);
  llama2c::Checkpoint c;
  Status s = parse(b, &c);
  ASSERT_FALSE(s);
  EXPECT_NE(s.message().find("truncated"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("1056540 bytes in all"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("the file has 1055540 bytes (1000 missing)"), std::string::npos)
      << s.message();
}

TEST(Llama2cCheckpoint, RefusesWrongHeaders) {
  const std::vector<uint8_t> good = file_bytes(kDir + "/stories260K.bin");
  struct Case {
    size_t field;
    int32_t value;
    const char* says;
  } cases[] = {{3, 0, "n_heads = 0 is out of range"},
               {0, 65, "dim 65 is not a multiple of n_heads 8"},
               {4, 3, "n_heads 8 must be a multiple of n_kv_heads 3"},
               {6, -5, "seq_len = -5 is out of range"},
               {2, 6, "truncated"},
               {2, 4, "bytes after the last weight"}};
  for (const Case& k : cases) {
    std::vector<uint8_t> b = good;
    put_i32(&b, 4 * k.field, k.value);
    llama2c::Checkpoint c;
    Status s = parse(b, &c);
    ASSERT_FALSE(s) << k.says;
    EXPECT_NE(s.message().find(k.says), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("m.bin"), std::string::npos) << s.message();
  }
  std::vector<uint8_t> v1 = good;
  put_i32(&v1, 0, 0x616b3432);
  llama2c::Checkpoint c;
  Status s = parse(v1, &c);
  ASSERT_FALSE(s);
  EXPECT_NE(s.message().find("--version 0"), std::string::npos) << s.message();
  std::vector<uint8_t> tiny(10, 0);
  s = parse(tiny, &c);
  ASSERT_FALSE(s);
  EXPECT_NE(s.message().find("too short"), std::string::npos) << s.message();
  EXPECT_FALSE(llama2c::read_checkpoint(kDir + "/missing.bin", &c));
}

TEST(Llama2cTokenizer, ReadsTok512AndRoundTrips) {
  llama2c::Tokenizer t;
  ASSERT_TRUE(llama2c::read_tokenizer(kDir + "/tok512.bin", 512, &t));
  EXPECT_EQ(t.max_token_length, 7);
  EXPECT_EQ(t.vocab[1], "\n<s>\n");  // as tok512 stores it
  EXPECT_EQ(t.vocab[3 + '\n'], "<0x0A>");
  const std::string text = "Once upon a time, Lily saw a big red ball.\nZebra!";
  const std::vector<int> ids = t.encode(text, true, true);
  ASSERT_GE(ids.size(), 4u);
  EXPECT_EQ(ids.front(), llama2c::kBosToken);
  EXPECT_EQ(ids.back(), llama2c::kEosToken);
  EXPECT_LT(ids.size(), text.size());  // merges happened
  std::string decoded;
  for (size_t i = 1; i + 1 < ids.size(); ++i) decoded += t.decode(ids[i - 1], ids[i]);
  EXPECT_EQ(decoded, text);  // the dummy prefix " " after BOS is dropped by decode
  // A code point outside the vocabulary (an emoji) falls back to its UTF-8 bytes (tokens 3..258).
  const std::vector<int> emoji = t.encode("\xF0\x9F\x98\x80", false, false);
  ASSERT_EQ(emoji.size(), 5u);
  EXPECT_EQ(emoji[1], 0xF0 + 3);
  EXPECT_EQ(emoji[4], 0x80 + 3);
}

TEST(Llama2cTokenizer, ByteFallbackStaysInsideASmallVocabulary) {
  // 8 tokens: no room for <0xNN> byte tokens (3..258), so unknown bytes encode as <unk>.
  llama2c::Tokenizer t;
  t.max_token_length = 2;
  t.vocab = {"<unk>", "\n<s>\n", "\n</s>\n", " ", "a", "b", "ab", " a"};
  t.scores = {0, 0, 0, -1, -2, -3, -4, -5};
  const std::vector<int> ids = t.encode("abz", false, false);
  for (int id : ids) {
    EXPECT_GE(id, 0);
    EXPECT_LT(id, 8);
  }
  EXPECT_EQ(ids, (std::vector<int>{3, 6, 0}));  // " ", "ab", <unk> for "z" (byte token 125)
}

TEST(Llama2cTokenizer, RefusesBadFiles) {
  const std::vector<uint8_t> good = file_bytes(kDir + "/tok512.bin");
  llama2c::Tokenizer t;
  Status s = llama2c::parse_tokenizer(good.data(), good.size() - 7, "t.bin", 512, &t);
  ASSERT_FALSE(s);
  EXPECT_NE(s.message().find("truncated at token"), std::string::npos) << s.message();
  s = llama2c::parse_tokenizer(good.data(), good.size(), "t.bin", 600, &t);
  ASSERT_FALSE(s);
  EXPECT_NE(s.message().find("truncated at token 512 of 600"), std::string::npos) << s.message();
  s = llama2c::parse_tokenizer(good.data(), good.size(), "t.bin", 500, &t);
  ASSERT_FALSE(s);
  EXPECT_NE(s.message().find("larger vocabulary"), std::string::npos) << s.message();
  std::vector<uint8_t> bad = good;
  put_i32(&bad, 0, -1);
  s = llama2c::parse_tokenizer(bad.data(), bad.size(), "t.bin", 512, &t);
  ASSERT_FALSE(s);
  EXPECT_NE(s.message().find("max_token_length = -1"), std::string::npos) << s.message();
}

// ---------------------------------------------------------------------------------------------
// Kernels against double-precision formulas

std::vector<float> random_floats(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> d(-1.0f, 1.0f);
  std::vector<float> v(n);
  for (float& x : v) x = d(rng);
  return v;
}

TEST(DecoderKernels, LinearMatchesDoubleAndX86MatchesReference) {
  for (int64_t rows : {1, 3})
    for (int64_t in : {1, 5, 8, 13, 16, 35, 64, 67})
      for (int64_t out : {1, 3, 4, 7, 9, 33}) {
        const auto x = random_floats(static_cast<size_t>(rows * in), 1);
        const auto w = random_floats(static_cast<size_t>(out * in), 2);
        std::vector<float> ref(static_cast<size_t>(rows * out));
        ref::linear_f32(x.data(), w.data(), ref.data(), rows, in, out);
        for (int64_t r = 0; r < rows; ++r)
          for (int64_t o = 0; o < out; ++o) {
            double sum = 0;
            for (int64_t i = 0; i < in; ++i) sum += double{x[r * in + i]} * w[o * in + i];
            ASSERT_NEAR(ref[r * out + o], sum, 1e-5 * in) << rows << "x" << in << "->" << out;
          }
#if defined(AXE_HAVE_X86_KERNELS)
        std::vector<x86::LinearPath> paths = {x86::LinearPath::kGeneric};
        if (x86::linear_has_avx2()) paths.push_back(x86::LinearPath::kAvx2);
        if (x86::linear_has_avx512()) paths.push_back(x86::LinearPath::kAvx512);
        for (x86::LinearPath path : paths) {
          const int p = static_cast<int>(path);
          std::vector<float> fast(static_cast<size_t>(rows * out), NAN);
          x86::linear_f32_path(path, x.data(), w.data(), fast.data(), rows, in, 0, out, out);
          for (size_t i = 0; i < fast.size(); ++i)
            ASSERT_NEAR(fast[i], ref[i], 1e-5 * in)
                << "path " << p << " " << rows << "x" << in << "->" << out;
          // A sub-range of outputs writes only those.
          std::vector<float> part(static_cast<size_t>(rows * out), -7.0f);
          x86::linear_f32_path(path, x.data(), w.data(), part.data(), rows, in, out / 2, out, out);
          for (int64_t r = 0; r < rows; ++r)
            for (int64_t o = 0; o < out; ++o)
              if (o < out / 2)
                ASSERT_EQ(part[r * out + o], -7.0f) << "path " << p;
              else
                ASSERT_NEAR(part[r * out + o], ref[r * out + o], 1e-5 * in) << "path " << p;
        }
#endif
      }
}

TEST(DecoderKernels, RmsNormRopeSwiGlu) {
  const int64_t n = 13;
  const auto x = random_floats(n, 3), w = random_floats(n, 4);
  std::vector<float> y(n);
  ref::rms_norm_f32(x.data(), w.data(), y.data(), 1, n, 1e-5f);
  double ss = 0;
  for (float v : x) ss += double{v} * v;
  const double inv = 1.0 / std::sqrt(ss / n + 1e-5);
  for (int64_t i = 0; i < n; ++i) EXPECT_NEAR(y[i], w[i] * x[i] * inv, 1e-6);

  const int64_t size = 12, head = 6, pos = 5;
  auto r = random_floats(size, 5);
  const auto r0 = r;
  ref::rope_f32(r.data(), size, head, pos, 10000.0f);
  for (int64_t i = 0; i < size; i += 2) {
    const double angle = pos * std::pow(10000.0, -double(i % head) / head);
    EXPECT_NEAR(r[i], r0[i] * std::cos(angle) - r0[i + 1] * std::sin(angle), 1e-5);
    EXPECT_NEAR(r[i + 1], r0[i] * std::sin(angle) + r0[i + 1] * std::cos(angle), 1e-5);
  }
  const auto g = random_floats(n, 6), u = random_floats(n, 7);
  ref::swiglu_f32(g.data(), u.data(), y.data(), n);
  for (int64_t i = 0; i < n; ++i)
    EXPECT_NEAR(y[i], g[i] / (1 + std::exp(-double{g[i]})) * u[i], 1e-6);
}

TEST(DecoderKernels, CachedAttentionWithGroupedHeads) {
  const int64_t heads = 6, kv_heads = 2, hs = 4, positions = 5, kv = kv_heads * hs;
  std::vector<float> kc(positions * kv, 0), vc(positions * kv, 0);
  std::vector<std::vector<float>> ks, vs;
  std::vector<float> out(heads * hs), scores(positions);
  for (int64_t pos = 0; pos < 3; ++pos) {
    const auto q = random_floats(heads * hs, 10 + pos);
    ks.push_back(random_floats(kv, 20 + pos));
    vs.push_back(random_floats(kv, 30 + pos));
    ref::cached_attention_f32(q.data(), ks.back().data(), vs.back().data(), kc.data(), vc.data(),
                              pos, heads, kv_heads, hs, scores.data(), out.data());
    for (int64_t h = 0; h < heads; ++h) {
      const int64_t g = h / (heads / kv_heads);
      std::vector<double> s(pos + 1);
      double mx = -1e30, sum = 0;
      for (int64_t t = 0; t <= pos; ++t) {
        for (int64_t i = 0; i < hs; ++i) s[t] += double{q[h * hs + i]} * ks[t][g * hs + i];
        s[t] /= std::sqrt(double(hs));
        mx = std::max(mx, s[t]);
      }
      for (double& e : s) sum += (e = std::exp(e - mx));
      for (int64_t i = 0; i < hs; ++i) {
        double o = 0;
        for (int64_t t = 0; t <= pos; ++t) o += s[t] / sum * vs[t][g * hs + i];
        EXPECT_NEAR(out[h * hs + i], o, 1e-5) << "pos " << pos << " head " << h;
      }
    }
  }
  EXPECT_EQ(kc[2 * kv + 1], ks[2][1]);  // row `pos` of the cache holds that step's key
}

#if defined(AXE_HAVE_X86_KERNELS)
TEST(DecoderKernels, X86CachedAttentionMatchesReference) {
  // head sizes 8 and 48 take the AVX2 path, 6 the reference fallback; 21 positions cover the
  // vector exp's 8-wide blocks and its scalar tail.
  for (int64_t hs : {6, 8, 48}) {
    const int64_t heads = 4, kv_heads = 2, kv = kv_heads * hs, positions = 21;
    std::vector<float> kc_ref(positions * kv), vc_ref(positions * kv), kc(positions * kv),
        vc(positions * kv), scores(positions), out_ref(heads * hs), out(heads * hs);
    for (int64_t pos = 0; pos < positions; ++pos) {
      const auto q = random_floats(heads * hs, 40 + pos), k = random_floats(kv, 60 + pos),
                 v = random_floats(kv, 80 + pos);
      ref::cached_attention_f32(q.data(), k.data(), v.data(), kc_ref.data(), vc_ref.data(), pos,
                                heads, kv_heads, hs, scores.data(), out_ref.data());
      x86::cached_attention_f32(q.data(), k.data(), v.data(), kc.data(), vc.data(), pos, heads,
                                kv_heads, hs, scores.data(), out.data());
      for (size_t i = 0; i < out.size(); ++i)
        ASSERT_NEAR(out[i], out_ref[i], 2e-6) << "head_size " << hs << " pos " << pos;
    }
    EXPECT_EQ(kc, kc_ref);
    EXPECT_EQ(vc, vc_ref);
  }
}
#endif

#if defined(AXE_HAVE_X86_KERNELS)
TEST(DecoderKernels, X86SwiGluMatchesReference) {
  // 8-wide blocks and a tail; gates far out in both directions (exp clamps, silu -> 0 or gate).
  for (int64_t n : {1, 8, 13, 29}) {
    auto g = random_floats(static_cast<size_t>(n), 90),
         u = random_floats(static_cast<size_t>(n), 91);
    for (int64_t i = 0; i < n; ++i) g[static_cast<size_t>(i)] *= (i % 3 == 0) ? 120.0f : 8.0f;
    std::vector<float> ref(static_cast<size_t>(n)), fast(static_cast<size_t>(n));
    ref::swiglu_f32(g.data(), u.data(), ref.data(), n);
    x86::swiglu_f32(g.data(), u.data(), fast.data(), n);
    for (size_t i = 0; i < ref.size(); ++i)
      ASSERT_NEAR(fast[i], ref[i], 1e-6f * (1.0f + std::fabs(ref[i])))
          << "n " << n << " i " << i << " gate " << g[i];
  }
}
#endif

// ---------------------------------------------------------------------------------------------
// KV caches: graph states planned in the arena, kept across runs, zeroed by reset_state()

TEST(GraphStates, PlannedForTheWholeProgramAndKeptAcrossRuns) {
  llama2c::Checkpoint ckpt;
  ASSERT_TRUE(llama2c::read_checkpoint(kDir + "/stories260K.bin", &ckpt));
  auto g = std::make_shared<Graph>();
  ASSERT_TRUE(llama2c::build_decode_graph(ckpt, g.get()));
  ASSERT_EQ(g->states.size(), 10u);
  Executor exec(g, {});
  auto inputs = [](int64_t token, int64_t pos) {
    return std::vector<RtValue>{RtValue::of(Tensor::from_int64s({token})),
                                RtValue::of(Tensor::from_int64s({pos}))};
  };
  std::vector<RtValue> first, again, second, after_reset;
  ASSERT_TRUE(exec.run(inputs(1, 0), &first));
  const MemoryPlan& plan = *exec.memory_plan();
  ASSERT_TRUE(check_plan(plan));
  const size_t steps = plan.schedule.size();
  size_t state_bytes = 0;
  for (const PlannedTensor& t : plan.tensors)
    for (int s : g->states)
      if (t.value == s) {
        EXPECT_EQ(t.first_step, 0);
        EXPECT_EQ(t.last_step, static_cast<int>(steps));
        state_bytes += t.size;
      }
  EXPECT_EQ(static_cast<int64_t>(state_bytes), ckpt.config.kv_cache_bytes());
  EXPECT_GE(plan.lower_bound_bytes, state_bytes);
  EXPECT_GE(plan.peak_bytes, plan.lower_bound_bytes);
  // Position 1 after position 0 sees the cache; the same step after a reset does not.
  ASSERT_TRUE(exec.run(inputs(300, 1), &second));
  exec.reset_state();
  ASSERT_TRUE(exec.run(inputs(300, 1), &after_reset));
  EXPECT_NE(0, std::memcmp(second[0].tensor.raw(), after_reset[0].tensor.raw(),
                           second[0].tensor.nbytes()));
  exec.reset_state();
  ASSERT_TRUE(exec.run(inputs(1, 0), &again));
  EXPECT_EQ(0, std::memcmp(first[0].tensor.raw(), again[0].tensor.raw(), first[0].tensor.nbytes()));
  // A position beyond the cache is refused with what is wrong.
  std::vector<RtValue> out;
  Status s = exec.run(inputs(1, ckpt.config.seq_len), &out);
  ASSERT_FALSE(s);
  EXPECT_NE(s.message().find("outside the key/value cache of 512 positions"), std::string::npos)
      << s.message();
}

// ---------------------------------------------------------------------------------------------
// Sampler and golden texts (llama2.c doc/stories260K.md)

TEST(Llama2cSampler, XorshiftMatchesRunC) {
  // run.c: x ^= x >> 12; x ^= x << 25; x ^= x >> 27; (x * 0x2545F4914F6CDD1D) >> 32.
  llama2c::Sampler s(4, 1.0f, 0.9f, 42);
  uint64_t x = 42;
  for (int i = 0; i < 1000; ++i) {
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    ASSERT_EQ(s.random_u32(), static_cast<uint32_t>((x * 0x2545F4914F6CDD1Dull) >> 32));
  }
  std::vector<float> logits = {0.1f, 3.0f, -1.0f, 2.9f};
  EXPECT_EQ(llama2c::Sampler(4, 0.0f, 0.9f, 1).sample(logits.data()), 1);
}

std::string generate(float temperature, float topp, uint64_t seed, GenerateStats* stats) {
  LanguageModel lm;
  Status s = LanguageModel::load(kDir + "/stories260K.bin", kDir + "/tok512.bin", &lm);
  EXPECT_TRUE(s) << s.message();
  if (!s) return {};
  GenerateOptions o;
  o.temperature = temperature;
  o.topp = topp;
  o.seed = seed;
  std::string text;
  s = lm.generate(
      o, [&](const std::string& piece) { return text += piece, true; }, stats);
  EXPECT_TRUE(s) << s.message();
  EXPECT_EQ(lm.arena_bytes(), lm.arena_lower_bound_bytes());
  return text;
}

std::string doc_block(const std::string& command) {
  const std::vector<uint8_t> b = file_bytes(kDir + "/stories260K.md");
  const std::string doc(b.begin(), b.end());
  const size_t at = doc.find(command + "\n");
  if (at == std::string::npos) return "<no block for " + command + ">";
  const size_t begin = at + command.size() + 1;
  return doc.substr(begin, doc.find("```", begin) - begin - 1);  // without the final newline
}

TEST(Llama2cGolden, GreedyTextOfStories260K) {
  GenerateStats stats;
  EXPECT_EQ(generate(0.0f, 0.9f, 1, &stats),
            doc_block("$ ./run stories260K/stories260K.bin -z stories260K/tok512.bin -t 0.0"));
  EXPECT_EQ(stats.positions, 256);
}

TEST(Llama2cGolden, SeededTopPTextMatchesRunC) {
  GenerateStats stats;
  EXPECT_EQ(generate(1.0f, 0.9f, 133742, &stats),
            doc_block("$ ./run stories260K/stories260K.bin -z stories260K/tok512.bin -t 1.0 -p "
                      "0.9 -s 133742"));
}

// The .axm path (the runtime boards run): export the decode graph with its KV-cache states,
// run it step by step in the portable runtime, get the same greedy text.
TEST(Llama2cAxm, PortableRuntimeReproducesGreedyText) {
  llama2c::Checkpoint ckpt;
  ASSERT_TRUE(llama2c::read_checkpoint(kDir + "/stories260K.bin", &ckpt));
  llama2c::Tokenizer tok;
  ASSERT_TRUE(llama2c::read_tokenizer(kDir + "/tok512.bin", 512, &tok));
  Graph g;
  ASSERT_TRUE(llama2c::build_decode_graph(ckpt, &g));
  AxmExport ex;
  Status s = export_axm(g, {}, &ex);
  ASSERT_TRUE(s) << s.message();
  EXPECT_GE(ex.arena_bytes, static_cast<uint64_t>(ckpt.config.kv_cache_bytes()));
  AxmModel m;
  s = AxmModel::load_bytes(ex.bytes.data(), ex.bytes.size(), &m);
  ASSERT_TRUE(s) << s.message();
  llama2c::Sampler greedy(512, 0.0f, 0.9f, 1);
  std::string text;
  int token = llama2c::kBosToken;
  std::vector<Tensor> outputs;
  for (int pos = 0; pos < 256; ++pos) {
    s = m.run({Tensor::from_int64s({token}), Tensor::from_int64s({pos})}, &outputs);
    ASSERT_TRUE(s) << s.message();
    const int next = greedy.sample(outputs[0].data<float>());
    if (next == llama2c::kBosToken) break;
    text += tok.decode(token, next);
    token = next;
  }
  EXPECT_EQ(text,
            doc_block("$ ./run stories260K/stories260K.bin -z stories260K/tok512.bin -t 0.0"));
}

}  // namespace
}  // namespace axe
