/* hab-application.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HAB_TYPE_APPLICATION (hab_application_get_type ())

G_DECLARE_FINAL_TYPE (HabApplication, hab_application, HAB, APPLICATION, AdwApplication)

HabApplication *hab_application_new (void);

G_END_DECLS
