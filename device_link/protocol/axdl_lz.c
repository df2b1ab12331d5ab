/* axdl_lz.c: the decoder of the upload compression (format in axdl_protocol.h). Freestanding,
 * no tables, no heap; every read and write is bounds-checked (fuzzed: tests/fuzz). */
#include "axdl_protocol.h"

#define LZ_ERROR ((size_t)-1)

/* Reads an extended length: 15 plus bytes until one is not 255. 0 on a truncated block. */
static int read_length(const uint8_t** ip, const uint8_t* end, size_t* length) {
  uint8_t b;
  do {
    if (*ip >= end) return 0;
    b = *(*ip)++;
    *length += b;
    if (*length > 0xFFFFFFu) return 0; /* no chunk is that long; stops overflow too */
  } while (b == 255u);
  return 1;
}

size_t axdl_lz_decode(const uint8_t* src, size_t n, uint8_t* dst, size_t capacity) {
  const uint8_t* ip = src;
  const uint8_t* const end = src + n;
  size_t out = 0;
  if (n == 0) return LZ_ERROR;
  while (ip < end) {
    const uint8_t token = *ip++;
    size_t literals = token >> 4;
    if (literals == 15u && !read_length(&ip, end, &literals)) return LZ_ERROR;
    if (literals > (size_t)(end - ip) || literals > capacity - out) return LZ_ERROR;
    for (size_t i = 0; i < literals; ++i) dst[out + i] = ip[i];
    ip += literals;
    out += literals;
    if (ip == end) return out; /* the last sequence: literals only */
    if (end - ip < 2) return LZ_ERROR;
    const size_t offset = (size_t)ip[0] | ((size_t)ip[1] << 8);
    ip += 2;
    if (offset == 0 || offset > out) return LZ_ERROR;
    size_t match = token & 15u;
    if (match == 15u && !read_length(&ip, end, &match)) return LZ_ERROR;
    match += AXDL_LZ_MIN_MATCH;
    if (match > capacity - out) return LZ_ERROR;
    for (size_t i = 0; i < match; ++i, ++out) dst[out] = dst[out - offset];
  }
  return LZ_ERROR; /* a block ends with a literal-only sequence */
}
