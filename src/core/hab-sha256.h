/* hab-sha256.h: SHA-256 digests, with the processor's SHA instructions
 * where it has them.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* On the stack; no allocation. */
typedef struct
{
  guint32 state[8];
  guint64 length;         /* bytes hashed so far */
  guint8  block[64];      /* the start of the next block */
  guint   buffered;
} HabSha256;

void  hab_sha256_init       (HabSha256    *self);
void  hab_sha256_update     (HabSha256    *self,
                             gconstpointer data,
                             gsize         length);
char *hab_sha256_finish_hex (HabSha256    *self);

char *hab_sha256_hex        (gconstpointer data,
                             gsize         length);
char *hab_sha256_hex_bytes  (GBytes       *bytes);

G_END_DECLS
