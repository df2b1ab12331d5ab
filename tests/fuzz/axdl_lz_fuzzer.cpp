// libFuzzer target: the upload decompressor the board agent runs on every UPLOAD_CHUNK_LZ.
// Arbitrary bytes into axdl_lz_decode with the agent's chunk-sized output buffer: it must never
// read or write out of bounds (ASan), and whatever it accepts must be consistent. The same bytes,
// taken as data, must survive an encode/decode round trip.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

extern "C" {
#include "axdl_protocol.h"
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Exactly the agent's buffer (heap-allocated so ASan sees its end).
  std::vector<uint8_t> out(AXDL_MAX_CHUNK);
  const size_t n = axdl_lz_decode(data, size, out.data(), out.size());
  if (n != static_cast<size_t>(-1) && n > out.size()) std::abort();
  // Round trip of the input as a chunk.
  const size_t chunk = size < AXDL_MAX_CHUNK ? size : AXDL_MAX_CHUNK;
  if (chunk == 0) return 0;
  std::vector<uint8_t> packed(chunk + chunk / 255 + 16), back(chunk);
  const size_t z = axdl_lz_encode(data, chunk, packed.data(), packed.size());
  if (z == 0) std::abort();  // the worst-case bound always fits
  if (axdl_lz_decode(packed.data(), z, back.data(), back.size()) != chunk) std::abort();
  if (std::memcmp(back.data(), data, chunk) != 0) std::abort();
  return 0;
}
