/* hab-a11y.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void hab_a11y_track_stack        (GtkStack       *stack);
void hab_a11y_name_buttons       (GtkWidget      *root);
void hab_a11y_watch_children     (GtkWidget      *widget);
void hab_a11y_button_set_label   (GtkButton      *button,
                                  const char     *label);

G_END_DECLS
