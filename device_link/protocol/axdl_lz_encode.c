/* axdl_lz_encode.c: the host's compressor for UPLOAD_CHUNK_LZ (format in axdl_protocol.h).
 * Greedy LZ77 with a 4-byte hash of the last position, like LZ4's fast mode; not needed on the
 * board, so it lives apart from the decoder. */
#include <string.h>

#include "axdl_protocol.h"

#define HASH_BITS 12u

static uint32_t read32(const uint8_t* p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static uint32_t hash4(const uint8_t* p) {
  return (read32(p) * 2654435761u) >> (32u - HASH_BITS);
}

/* Writes length - base in the token nibble's extension bytes. 0 when out of room. */
static int put_length(uint8_t** op, const uint8_t* end, size_t length) {
  while (length >= 255u) {
    if (*op >= end) return 0;
    *(*op)++ = 255u;
    length -= 255u;
  }
  if (*op >= end) return 0;
  *(*op)++ = (uint8_t)length;
  return 1;
}

/* One sequence: literals [lit, lit + nlit), then (when match >= MIN) offset and match. */
static int put_sequence(uint8_t** op, const uint8_t* end, const uint8_t* lit, size_t nlit,
                        size_t offset, size_t match) {
  if (*op >= end) return 0;
  uint8_t* token = (*op)++;
  const size_t m = match ? match - AXDL_LZ_MIN_MATCH : 0;
  *token = (uint8_t)(((nlit < 15u ? nlit : 15u) << 4) | (m < 15u ? m : 15u));
  if (nlit >= 15u && !put_length(op, end, nlit - 15u)) return 0;
  if (nlit > (size_t)(end - *op)) return 0;
  memcpy(*op, lit, nlit);
  *op += nlit;
  if (!match) return 1;
  if (end - *op < 2) return 0;
  *(*op)++ = (uint8_t)offset;
  *(*op)++ = (uint8_t)(offset >> 8);
  if (m >= 15u && !put_length(op, end, m - 15u)) return 0;
  return 1;
}

size_t axdl_lz_encode(const uint8_t* src, size_t n, uint8_t* dst, size_t capacity) {
  uint16_t table[1u << HASH_BITS]; /* position + 1 of the last 4-byte sequence with a hash */
  uint8_t* op = dst;
  const uint8_t* const end = dst + capacity;
  if (n == 0 || n > 0xFFFFu) return 0;
  memset(table, 0, sizeof table);
  size_t anchor = 0, i = 0;
  while (n >= AXDL_LZ_MIN_MATCH && i + AXDL_LZ_MIN_MATCH <= n) {
    const uint32_t h = hash4(src + i);
    const size_t candidate = table[h];
    table[h] = (uint16_t)(i + 1);
    if (candidate == 0 || read32(src + candidate - 1) != read32(src + i)) {
      ++i;
      continue;
    }
    const size_t from = candidate - 1;
    size_t match = AXDL_LZ_MIN_MATCH;
    while (i + match < n && src[from + match] == src[i + match]) ++match;
    if (!put_sequence(&op, end, src + anchor, i - anchor, i - from, match)) return 0;
    /* Index the positions inside the match too (cheap, improves later matches). */
    for (size_t k = i + 1; k < i + match && k + AXDL_LZ_MIN_MATCH <= n; k += 2)
      table[hash4(src + k)] = (uint16_t)(k + 1);
    i += match;
    anchor = i;
  }
  if (!put_sequence(&op, end, src + anchor, n - anchor, 0, 0)) return 0;
  return (size_t)(op - dst);
}
