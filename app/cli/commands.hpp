// Subcommands that live in their own files (cmd_*.cpp). Each adds itself to the app and returns
// what to run when it was the one parsed.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

struct CliCommand {
  CLI::App* sub = nullptr;
  std::function<int()> run;
};

CliCommand add_convert_command(CLI::App& app);
CliCommand add_export_c_command(CLI::App& app);
CliCommand add_profile_command(CLI::App& app);
CliCommand add_bench_command(CLI::App& app);
CliCommand add_runs_command(CLI::App& app);
CliCommand add_compare_runs_command(CLI::App& app);
CliCommand add_generate_command(CLI::App& app);
CliCommand add_detect_command(CLI::App& app);
// `autox board generate --board URI ...` (the board's subcommand; call after add_board_commands).
CliCommand add_board_generate_command(CLI::App& board);
