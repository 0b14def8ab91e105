/* hab-sha256.c
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SHA-256 (FIPS 180-4), for the bundle's SHA256SUMS, the attached files'
 * digests and the fingerprints. GLib's GChecksum takes some 54 instructions
 * a byte; an export hashes every document it makes, and the summary's
 * digest is on the way from its thread to the ZIP. Processors with the SHA
 * extensions (Intel since 2016 in Atoms and 2019 in Cores, AMD since Zen)
 * hash a block with them in a few dozen instructions; the others use the
 * portable rounds below. tests/test-sha256.c compares both with GChecksum.
 */

#include "config.h"

#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>
#define HAVE_SHA_INSTRUCTIONS 1
#endif

#include "hab-sha256.h"
#include "hab-sha256-private.h"

static const guint32 k[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

typedef void (*CompressFunc) (guint32 state[8], const guint8 *data, gsize blocks);

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

/* One round, the eight words' roles turning instead of the words moving:
 * the next round is ROUND (h, a, b, c, d, e, f, g). */
#define ROUND(a, b, c, d, e, f, g, h, t)                                                \
  G_STMT_START {                                                                      \
    guint32 t1 = (h) + (ROTR (e, 6) ^ ROTR (e, 11) ^ ROTR (e, 25)) + (((e) & (f)) ^ (~(e) & (g))) \
                 + k[t] + w[t];                                                       \
    (d) += t1;                                                                        \
    (h) = t1 + (ROTR (a, 2) ^ ROTR (a, 13) ^ ROTR (a, 22))                            \
          + (((a) & (b)) ^ ((a) & (c)) ^ ((b) & (c)));                                \
  } G_STMT_END

static void
compress_portable (guint32       state[8],
                   const guint8 *data,
                   gsize         blocks)
{
  for (; blocks > 0; blocks--, data += 64)
    {
      guint32 w[64];
      guint32 a = state[0], b = state[1], c = state[2], d = state[3];
      guint32 e = state[4], f = state[5], g = state[6], h = state[7];

      for (guint t = 0; t < 16; t++)
        w[t] = (guint32) data[4 * t] << 24 | (guint32) data[4 * t + 1] << 16
               | (guint32) data[4 * t + 2] << 8 | (guint32) data[4 * t + 3];
      for (guint t = 16; t < 64; t++)
        {
          guint32 s0 = ROTR (w[t - 15], 7) ^ ROTR (w[t - 15], 18) ^ (w[t - 15] >> 3);
          guint32 s1 = ROTR (w[t - 2], 17) ^ ROTR (w[t - 2], 19) ^ (w[t - 2] >> 10);

          w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }

      for (guint t = 0; t < 64; t += 8)
        {
          ROUND (a, b, c, d, e, f, g, h, t);
          ROUND (h, a, b, c, d, e, f, g, t + 1);
          ROUND (g, h, a, b, c, d, e, f, t + 2);
          ROUND (f, g, h, a, b, c, d, e, t + 3);
          ROUND (e, f, g, h, a, b, c, d, t + 4);
          ROUND (d, e, f, g, h, a, b, c, t + 5);
          ROUND (c, d, e, f, g, h, a, b, t + 6);
          ROUND (b, c, d, e, f, g, h, a, t + 7);
        }

      state[0] += a;
      state[1] += b;
      state[2] += c;
      state[3] += d;
      state[4] += e;
      state[5] += f;
      state[6] += g;
      state[7] += h;
    }
}

#ifdef HAVE_SHA_INSTRUCTIONS
/* Four rounds at a time: SHA256RNDS2 does two, on the state kept as
 * (a, b, e, f) and (c, d, g, h); SHA256MSG1 and SHA256MSG2 extend the
 * message schedule four words at a time. */
__attribute__ ((target ("sha,sse4.1")))
static void
compress_instructions (guint32       state[8],
                       const guint8 *data,
                       gsize         blocks)
{
  /* Big-endian words. */
  const __m128i swap = _mm_set_epi64x (0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
  __m128i dcba = _mm_loadu_si128 ((const __m128i *) &state[0]);
  __m128i hgfe = _mm_loadu_si128 ((const __m128i *) &state[4]);
  __m128i cdab = _mm_shuffle_epi32 (dcba, 0xb1);
  __m128i efgh = _mm_shuffle_epi32 (hgfe, 0x1b);
  __m128i abef = _mm_alignr_epi8 (cdab, efgh, 8);
  __m128i cdgh = _mm_blend_epi16 (efgh, cdab, 0xf0);

  for (; blocks > 0; blocks--, data += 64)
    {
      __m128i abef_start = abef;
      __m128i cdgh_start = cdgh;
      __m128i w[16];

      for (guint i = 0; i < 16; i++)
        {
          __m128i wk;

          if (i < 4)
            w[i] = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (data + 16 * i)), swap);
          else
            w[i] = _mm_sha256msg2_epu32 (_mm_add_epi32 (_mm_sha256msg1_epu32 (w[i - 4], w[i - 3]),
                                                        _mm_alignr_epi8 (w[i - 1], w[i - 2], 4)),
                                         w[i - 1]);

          wk = _mm_add_epi32 (w[i], _mm_loadu_si128 ((const __m128i *) &k[4 * i]));
          cdgh = _mm_sha256rnds2_epu32 (cdgh, abef, wk);
          abef = _mm_sha256rnds2_epu32 (abef, cdgh, _mm_shuffle_epi32 (wk, 0x0e));
        }

      abef = _mm_add_epi32 (abef, abef_start);
      cdgh = _mm_add_epi32 (cdgh, cdgh_start);
    }

  {
    __m128i feba = _mm_shuffle_epi32 (abef, 0x1b);
    __m128i dchg = _mm_shuffle_epi32 (cdgh, 0xb1);

    _mm_storeu_si128 ((__m128i *) &state[0], _mm_blend_epi16 (feba, dchg, 0xf0));
    _mm_storeu_si128 ((__m128i *) &state[4], _mm_alignr_epi8 (dchg, feba, 8));
  }
}
#endif

gboolean
hab_sha256_has_instructions (void)
{
#ifdef HAVE_SHA_INSTRUCTIONS
  static gsize checked = 0;
  static gboolean has = FALSE;

  if (g_once_init_enter (&checked))
    {
      unsigned int eax, ebx, ecx, edx;

      /* SHA (leaf 7, EBX bit 29) and SSE4.1 (leaf 1, ECX bit 19); SSSE3 and
       * SSE2 come with both. */
      has = __get_cpuid_count (7, 0, &eax, &ebx, &ecx, &edx) && (ebx & (1u << 29)) != 0
            && __get_cpuid (1, &eax, &ebx, &ecx, &edx) && (ecx & (1u << 19)) != 0;
      g_once_init_leave (&checked, 1);
    }

  return has;
#else
  return FALSE;
#endif
}

static int use_instructions = TRUE;

void
hab_sha256_set_instructions (gboolean use)
{
  g_atomic_int_set (&use_instructions, !!use);
}

static CompressFunc
get_compress (void)
{
#ifdef HAVE_SHA_INSTRUCTIONS
  if (g_atomic_int_get (&use_instructions) && hab_sha256_has_instructions ())
    return compress_instructions;
#endif
  return compress_portable;
}

void
hab_sha256_init (HabSha256 *self)
{
  static const guint32 initial[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  };

  memcpy (self->state, initial, sizeof initial);
  self->length = 0;
  self->buffered = 0;
}

void
hab_sha256_update (HabSha256    *self,
                   gconstpointer data,
                   gsize         length)
{
  const guint8 *bytes = data;
  CompressFunc compress;
  gsize blocks;

  if (length == 0)
    return;

  compress = get_compress ();
  self->length += length;

  if (self->buffered > 0)
    {
      gsize take = MIN (length, 64 - self->buffered);

      memcpy (self->block + self->buffered, bytes, take);
      self->buffered += take;
      bytes += take;
      length -= take;
      if (self->buffered < 64)
        return;
      compress (self->state, self->block, 1);
      self->buffered = 0;
    }

  blocks = length / 64;
  if (blocks > 0)
    compress (self->state, bytes, blocks);
  bytes += blocks * 64;
  length -= blocks * 64;

  memcpy (self->block, bytes, length);
  self->buffered = length;
}

/**
 * hab_sha256_finish_hex:
 *
 * Ends the digest; @self is to be initialised again before another.
 *
 * Returns: (transfer full): the digest in lower-case hexadecimal, as
 *   g_checksum_get_string() gives it
 */
char *
hab_sha256_finish_hex (HabSha256 *self)
{
  static const char hex[] = "0123456789abcdef";
  guint64 bits = self->length * 8;
  char *text = g_malloc (65);

  /* A one bit, zeros, and the length in bits on the last 8 bytes. */
  self->block[self->buffered++] = 0x80;
  if (self->buffered > 56)
    {
      memset (self->block + self->buffered, 0, 64 - self->buffered);
      get_compress () (self->state, self->block, 1);
      self->buffered = 0;
    }
  memset (self->block + self->buffered, 0, 56 - self->buffered);
  for (guint i = 0; i < 8; i++)
    self->block[56 + i] = (guint8) (bits >> (56 - 8 * i));
  get_compress () (self->state, self->block, 1);

  for (guint i = 0; i < 32; i++)
    {
      guint8 byte = (guint8) (self->state[i / 4] >> (24 - 8 * (i % 4)));

      text[2 * i] = hex[byte >> 4];
      text[2 * i + 1] = hex[byte & 0xf];
    }
  text[64] = '\0';

  return text;
}

/**
 * hab_sha256_hex:
 *
 * Returns: (transfer full): the SHA-256 of @data in lower-case hexadecimal
 */
char *
hab_sha256_hex (gconstpointer data,
                gsize         length)
{
  HabSha256 sha;

  hab_sha256_init (&sha);
  hab_sha256_update (&sha, data, length);

  return hab_sha256_finish_hex (&sha);
}

char *
hab_sha256_hex_bytes (GBytes *bytes)
{
  gsize length;
  gconstpointer data = g_bytes_get_data (bytes, &length);

  return hab_sha256_hex (data, length);
}
