// autox generate MODEL.bin --tokenizer TOK.bin [--prompt P] [--steps N] [--temperature T]
// [--topp P] [--seed S] [--threads N]: text from a llama2.c checkpoint, streamed to stdout as it
// is produced (like llama2.c's run); tokens/s and memory go to stderr.
//   --export-axm OUT.axm   writes the decode step for the runtime/boards (`autox flash` it)
//   --board URI|sim|qemu   runs each decode step on the board's flashed model; sampling and the
//                          tokenizer stay on the host
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>

#include "axdl_host.hpp"
#include "axe/engine.hpp"
#include "axe/llm.hpp"
#include "cmd_board_sim.hpp"
#include "commands.hpp"

namespace {

struct GenerateArgs {
  std::string model, tokenizer;
  axe::GenerateOptions options;
  bool quiet = false;
  std::string export_axm, board;
  int timeout_ms = 0;
  int context = 0;
};

std::string kib(double bytes) {
  return fmt::format("{:.1f} KiB", bytes / 1024.0);
}

int export_axm(const axe::LanguageModel& lm, const std::string& path) {
  axe::AxmExport ex;
  if (axe::Status s = lm.export_axm(&ex); !s) {
    std::cerr << "autox: " << s.message() << "\n";
    return 1;
  }
  std::ofstream f(path, std::ios::binary);
  f.write(reinterpret_cast<const char*>(ex.bytes.data()),
          static_cast<std::streamsize>(ex.bytes.size()));
  if (!f) {
    std::cerr << "autox: cannot write " << path << "\n";
    return 1;
  }
  std::cout << fmt::format(
      "wrote {}: {} bytes, {} operators, arena {} (KV cache {}), weights {}\n", path,
      ex.bytes.size(), ex.operator_count, kib(static_cast<double>(ex.arena_bytes)),
      kib(static_cast<double>(lm.kv_cache_bytes())), kib(static_cast<double>(ex.weight_bytes)));
  return 0;
}

// Each decode step on the board: token and position in (int64 [1] each), logits out.
int generate_on_board(const GenerateArgs& a, const axe::LanguageModel& lm,
                      const std::function<bool(const std::string&)>& print) {
  auto fail = [&](const std::string& m) {
    std::cerr << "autox: " << a.board << ": " << m << "\n";
    return 1;
  };
  std::string uri = a.board;
  axdl::Status rs;
  if (uri == "sim" || uri.rfind("sim?", 0) == 0)
    rs = resolve_sim_board(&uri);
  else if (uri == "qemu")
    rs = resolve_qemu_board(&uri);
  if (!rs) return fail(rs.message());
  axdl::LinkOptions lo;
  lo.timeout_ms = a.timeout_ms > 0 ? a.timeout_ms : (a.board == "qemu" ? 30000 : 5000);
  std::unique_ptr<axdl::Session> session;
  if (axdl::Status s = axdl::Session::open(uri, lo, &session); !s) return fail(s.message());
  std::vector<axdl_tensor_info> ins, outs;
  if (axdl::Status s = session->tensors(0, &ins); !s) return fail(s.message());
  if (axdl::Status s = session->tensors(1, &outs); !s) return fail(s.message());
  auto c = lm.config();
  c.seq_len = lm.context();
  if (ins.size() != 2 || outs.size() != 1 || ins[0].bytes != 8 || ins[1].bytes != 8 ||
      outs[0].bytes != static_cast<uint32_t>(c.vocab_size) * 4)
    return fail(fmt::format(
        "the board's active model is not this checkpoint's decode step (it takes {} input(s) and "
        "gives {} output(s); expected token, position -> {} logits). Flash it first: autox "
        "generate {} --tokenizer {} --export-axm M.axm && autox flash M.axm --board {}",
        ins.size(), outs.size(), c.vocab_size, a.model, a.tokenizer, a.board));
  uint64_t cycles = 0;
  double link_seconds = 0;
  axe::DecodeStep step = [&](int token, int position, std::vector<float>* logits) {
    std::vector<std::vector<uint8_t>> in(2, std::vector<uint8_t>(8)), out;
    const int64_t t = token, p = position;
    std::memcpy(in[0].data(), &t, 8);
    std::memcpy(in[1].data(), &p, 8);
    axdl::RunStats rs2;
    if (axdl::Status s = session->run(in, &out, &rs2); !s)
      return axe::Status::error_text(s.message());
    cycles += rs2.cycles;
    link_seconds += rs2.seconds;
    logits->resize(out[0].size() / 4);
    std::memcpy(logits->data(), out[0].data(), logits->size() * 4);
    return axe::Status::ok();
  };
  axe::GenerateStats stats;
  axe::Status s = axe::generate_tokens(lm.tokenizer(), c, a.options, step, print, &stats);
  std::fputs("\n", stdout);
  std::fflush(stdout);
  if (!s) return fail(s.message());
  if (!a.quiet)
    std::cerr << fmt::format(
        "board {}: {:.1f} tok/s with transfers ({} positions, {} sampled); "
        "board counts {} ({} per position)\n",
        session->info().board, stats.tokens_per_second, stats.positions, stats.generated, cycles,
        stats.positions ? cycles / static_cast<uint64_t>(stats.positions) : 0);
  return 0;
}

int run_generate(const GenerateArgs& a) {
  axe::LanguageModel lm;
  if (axe::Status s = axe::LanguageModel::load(a.model, a.tokenizer, &lm, a.context); !s) {
    std::cerr << "autox: " << s.message() << "\n";
    return 1;
  }
  if (!a.export_axm.empty()) return export_axm(lm, a.export_axm);
  auto print = [](const std::string& piece) {
    std::fwrite(piece.data(), 1, piece.size(), stdout);
    std::fflush(stdout);
    return true;
  };
  axe::GenerateStats stats;
  if (!a.board.empty()) return generate_on_board(a, lm, print);
  axe::Status s = lm.generate(a.options, print, &stats);
  std::fputs("\n", stdout);
  std::fflush(stdout);
  if (!s) {
    std::cerr << "autox: " << s.message() << "\n";
    return 1;
  }
  if (a.quiet) return 0;
  const auto& c = lm.config();
  std::cerr << fmt::format(
      "achieved tok/s: {:.1f} ({} positions, {} sampled, {:.3f} s after the "
      "first; seed {})\n",
      stats.tokens_per_second, stats.positions, stats.generated, stats.seconds, stats.seed);
  const double lower = static_cast<double>(lm.arena_lower_bound_bytes());
  std::cerr << fmt::format(
      "model: dim {} hidden {} layers {} heads {}/{} kv vocab {} context {}; weights {} "
      "(float32, outside the arena)\n"
      "memory: arena {} = KV cache {} + activations {}; lower bound {} ({:.1f}% above)\n",
      c.dim, c.hidden_dim, c.n_layers, c.n_heads, c.n_kv_heads, c.vocab_size, lm.context(),
      kib(static_cast<double>(lm.weight_bytes())), kib(static_cast<double>(lm.arena_bytes())),
      kib(static_cast<double>(lm.kv_cache_bytes())),
      kib(static_cast<double>(lm.arena_bytes()) - static_cast<double>(lm.kv_cache_bytes())),
      kib(lower),
      lower > 0 ? 100.0 * (static_cast<double>(lm.arena_bytes()) - lower) / lower : 0.0);
  return 0;
}

void add_generate_options(CLI::App* c, GenerateArgs* a) {
  c->add_option("model", a->model, "llama2.c checkpoint (.bin, legacy float32 format)")->required();
  c->add_option("--tokenizer", a->tokenizer, "llama2.c tokenizer (.bin), e.g. tok512.bin")
      ->required();
  c->add_option("--prompt", a->options.prompt, "Text to start from");
  c->add_option("--steps", a->options.steps, "Positions to run, prompt included (0: context)")
      ->check(CLI::Range(0, 1 << 20));
  c->add_option("--temperature", a->options.temperature, "0 = greedy; default 1.0")
      ->check(CLI::Range(0.0f, 100.0f));
  c->add_option("--topp", a->options.topp, "Top-p (nucleus) sampling; 1 = off; default 0.9")
      ->check(CLI::Range(0.0f, 1.0f));
  c->add_option("--seed", a->options.seed, "Random seed (default: the clock)");
  c->add_flag("--quiet", a->quiet, "Only the text (no tok/s and memory lines on stderr)");
  c->add_option("--context", a->context,
                "Positions the KV cache holds (default: the model's); smaller saves memory")
      ->check(CLI::Range(1, 1 << 20));
}

}  // namespace

CliCommand add_generate_command(CLI::App& app) {
  auto args = std::make_shared<GenerateArgs>();
  auto* c = app.add_subcommand("generate", "Generate text with a llama2.c checkpoint (tiny LLMs)");
  add_generate_options(c, args.get());
  c->add_option("--threads", args->options.threads, "Threads")->check(CLI::Range(1, 256));
  c->add_option("--export-axm", args->export_axm,
                "Write the decode step as .axm (for autox flash) and exit");
  c->add_option("--board", args->board,
                "Run the decode steps on a board (sim, qemu or a URI) with this model flashed");
  c->add_option("--timeout-ms", args->timeout_ms, "Board reply timeout per step");
  return {c, [args] { return run_generate(*args); }};
}

CliCommand add_board_generate_command(CLI::App& board) {
  auto args = std::make_shared<GenerateArgs>();
  auto* c = board.add_subcommand(
      "generate",
      "Generate text with each decode step on the board (flash the --export-axm model first)");
  add_generate_options(c, args.get());
  c->add_option("--board", args->board,
                "sim | qemu | serial:/dev/ttyACM0?baud=921600 | tcp:127.0.0.1:PORT | usb:VID:PID")
      ->required();
  c->add_option("--timeout-ms", args->timeout_ms, "Board reply timeout per step");
  return {c, [args] { return run_generate(*args); }};
}
