/* test-sha256.c: hab_sha256_*() give the digests GLib's GChecksum gives,
 * with the processor's SHA instructions and with the portable rounds.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "hab-sha256.h"
#include "hab-sha256-private.h"

typedef struct
{
  gboolean skipped;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  gboolean instructions = GPOINTER_TO_INT (data);

  if (instructions && !hab_sha256_has_instructions ())
    {
      g_test_skip ("This processor has no SHA instructions");
      fixture->skipped = TRUE;
      return;
    }
  hab_sha256_set_instructions (instructions);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  hab_sha256_set_instructions (TRUE);
}

static char *
glib_hex (const guint8 *data,
          gsize         length)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, length);
}

/* FIPS 180-4's examples, and the million "a" of its test vectors. */
static void
test_known (Fixture       *fixture,
            gconstpointer  data)
{
  static const struct { const char *text; const char *digest; } vectors[] = {
    { "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
    { "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
    { "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
    { "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
  };
  g_autofree char *million = g_strnfill (1000000, 'a');
  g_autofree char *digest = NULL;

  if (fixture->skipped)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autofree char *hex = hab_sha256_hex (vectors[i].text, strlen (vectors[i].text));

      g_assert_cmpstr (hex, ==, vectors[i].digest);
    }

  digest = hab_sha256_hex (million, 1000000);
  g_assert_cmpstr (digest, ==, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* Every length around the block's and the padding's edges, hashed at once
 * and in random pieces. */
static void
test_lengths (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);
  guint8 buffer[1100];

  if (fixture->skipped)
    return;

  for (guint i = 0; i < sizeof buffer; i++)
    buffer[i] = (guint8) g_rand_int (rand);

  for (gsize length = 0; length <= sizeof buffer; length++)
    {
      g_autofree char *expected = glib_hex (buffer, length);
      g_autofree char *whole = hab_sha256_hex (buffer, length);
      g_autofree char *pieces = NULL;
      HabSha256 sha;
      gsize done = 0;

      g_assert_cmpstr (whole, ==, expected);

      hab_sha256_init (&sha);
      while (done < length)
        {
          gsize piece = (gsize) g_rand_int_range (rand, 0, 150);

          piece = MIN (piece, length - done);

          hab_sha256_update (&sha, buffer + done, piece);
          done += piece;
        }
      pieces = hab_sha256_finish_hex (&sha);
      g_assert_cmpstr (pieces, ==, expected);
    }
}

/* Random contents of random lengths, as bytes too. */
static void
test_random (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  if (fixture->skipped)
    return;

  for (guint round = 0; round < 200; round++)
    {
      gsize length = g_rand_int_range (rand, 0, 70000);
      g_autofree guint8 *buffer = g_malloc (length + 1);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *ours = NULL;

      for (gsize i = 0; i < length; i++)
        buffer[i] = (guint8) g_rand_int (rand);
      bytes = g_bytes_new (buffer, length);
      expected = glib_hex (buffer, length);
      ours = hab_sha256_hex_bytes (bytes);
      g_assert_cmpstr (ours, ==, expected);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sha256/instructions/known", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_known, fixture_tear_down);
  g_test_add ("/sha256/instructions/lengths", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_lengths, fixture_tear_down);
  g_test_add ("/sha256/instructions/random", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_random, fixture_tear_down);
  g_test_add ("/sha256/portable/known", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_known, fixture_tear_down);
  g_test_add ("/sha256/portable/lengths", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_lengths, fixture_tear_down);
  g_test_add ("/sha256/portable/random", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_random, fixture_tear_down);

  return g_test_run ();
}
