/* hab-json.h: typed reads of JSON members that never trust the file.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

const char *hab_json_node_get_string   (JsonNode   *node);
const char *hab_json_object_get_string (JsonObject *object,
                                        const char *member);

gboolean    hab_json_int64_from_string (const char *text,
                                        gint64     *value);

JsonNode   *hab_json_parse             (const char *data,
                                        gsize       length,
                                        GError    **error);

G_END_DECLS
