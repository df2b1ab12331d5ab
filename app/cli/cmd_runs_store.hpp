// Storing a profile document in the run history from the CLI (every bench/profile run unless
// --no-history). Without Qt's SQL module the CLI builds without a history and this does nothing.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace autox {

// Stores `profile`; on success sets profile["history_id"] and returns the id. When the history
// cannot be opened it prints one warning line on stderr and returns 0 (the measurement itself
// still counts). A damaged database moved aside is reported on stderr too.
long long store_in_history(nlohmann::ordered_json* profile, const std::vector<std::string>& tags);

}  // namespace autox
