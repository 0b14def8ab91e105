/* hab-json.c
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-json"

#include "config.h"

#include "hab-json.h"

/**
 * hab_json_node_get_string:
 * @node: (nullable): a node read from a file
 *
 * Returns: (nullable): the string @node holds, or %NULL when @node is
 *   absent, null, or of another type.
 */
const char *
hab_json_node_get_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/**
 * hab_json_object_get_string:
 *
 * Returns: (nullable): the string member @member of @object, or %NULL when
 *   it is absent, null, or of another type.
 */
const char *
hab_json_object_get_string (JsonObject *object,
                            const char *member)
{
  return hab_json_node_get_string (object ? json_object_get_member (object, member) : NULL);
}
