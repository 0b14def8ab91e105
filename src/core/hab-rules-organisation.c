/* hab-rules-organisation.c
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-rules"

#include "config.h"

#include <string.h>

#include "hab-validator-private.h"

/* The organisation the request is made for: DataPass identifies it by its
 * SIRET (reference/domain.md a.0). */

static const HabRule rules[] = {
  { "organisation.name_missing", HAB_SEVERITY_ERROR, HAB_STEP_ACTEURS,
    N_("The name of the organisation is missing") },
  { "organisation.siret_missing", HAB_SEVERITY_ERROR, HAB_STEP_ACTEURS,
    N_("The SIRET of the organisation is missing") },
  { "organisation.siret_format", HAB_SEVERITY_ERROR, HAB_STEP_ACTEURS,
    N_("The SIRET is not made of 14 digits (spaces are allowed)") },
  { "organisation.siret_checksum", HAB_SEVERITY_ERROR, HAB_STEP_ACTEURS,
    N_("The SIRET fails INSEE’s check digit (Luhn formula; for La Poste’s establishments, "
       "SIREN 356000000, a digit sum that is a multiple of 5)") },
  { "organisation.kind_missing", HAB_SEVERITY_ERROR, HAB_STEP_ACTEURS,
    N_("The kind of organisation (commune, EPCI, département…) is not chosen") },
  { "organisation.address_missing", HAB_SEVERITY_WARNING, HAB_STEP_ACTEURS,
    N_("The address of the organisation is missing; the DGFiP documents and the security "
       "questionnaire ask for it") },
};

#define SIRET_LENGTH 14
#define LA_POSTE_SIREN "356000000"

/* Copies the digits of str into digits (at most max), skipping spaces and
 * no-break spaces. Returns the number of digits, or -1 if str holds
 * anything else or too many digits. */
static int
collect_digits (const char *str,
                char       *digits,
                int         max)
{
  const guchar *p = (const guchar *) str;
  int n = 0;

  while (*p != '\0')
    {
      if (g_ascii_isdigit (*p))
        {
          if (n == max)
            return -1;
          digits[n++] = (char) *p++;
        }
      else if (g_ascii_isspace (*p))
        p++;
      else if (p[0] == 0xC2 && p[1] == 0xA0)                    /* U+00A0 */
        p += 2;
      else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xAF || p[2] == 0x89))
        p += 3;                                                 /* U+202F, U+2009 */
      else
        return -1;
    }

  digits[n] = '\0';
  return n;
}

static gboolean
luhn_valid (const char *digits,
            int         n)
{
  int sum = 0;

  for (int i = 0; i < n; i++)
    {
      int d = digits[n - 1 - i] - '0';

      if (i % 2 == 1)
        {
          d *= 2;
          if (d > 9)
            d -= 9;
        }
      sum += d;
    }

  return sum % 10 == 0;
}

/* INSEE: a SIRET passes the Luhn formula, except those of La Poste's
 * establishments (SIREN 356000000), whose NIC keeps no Luhn key: their digit
 * sum is a multiple of 5 instead. La Poste's head office (35600000000048) passes
 * Luhn; either test is accepted. */
static gboolean
siret_checksum_valid (const char *digits)
{
  /* INSEE never gives the SIREN 000000000, although it passes Luhn. */
  if (strncmp (digits, "000000000", 9) == 0)
    return FALSE;

  if (luhn_valid (digits, SIRET_LENGTH))
    return TRUE;

  if (strncmp (digits, LA_POSTE_SIREN, 9) == 0)
    {
      int sum = 0;

      for (int i = 0; i < SIRET_LENGTH; i++)
        sum += digits[i] - '0';

      return sum % 5 == 0;
    }

  return FALSE;
}

static void
check_siret (HabCheckContext *ctx)
{
  const char *siret = hab_dossier_get_string (ctx->dossier, "organisation.siret");
  char digits[SIRET_LENGTH + 1];
  int n;

  if (_hab_str_blank (siret))
    {
      _hab_check_add (ctx, "organisation.siret_missing", "organisation.siret",
                      _("Enter the SIRET of your organisation (14 digits): DataPass files the "
                        "request for the organisation with that SIRET."));
      return;
    }

  n = collect_digits (siret, digits, SIRET_LENGTH);
  if (n != SIRET_LENGTH)
    {
      _hab_check_add (ctx, "organisation.siret_format", "organisation.siret",
                      _("“%s” is not a SIRET: a SIRET has 14 digits. Copy it from the "
                        "Annuaire des entreprises or from a pay slip."),
                      siret);
      return;
    }

  if (!siret_checksum_valid (digits))
    _hab_check_add (ctx, "organisation.siret_checksum", "organisation.siret",
                    _("The SIRET “%s” is not valid: its check digit is wrong, so a digit was "
                      "probably mistyped. Copy it again from the Annuaire des entreprises."),
                    siret);
}

static void
check_organisation (HabCheckContext *ctx)
{
  if (_hab_str_blank (hab_dossier_get_string (ctx->dossier, "organisation.name")))
    _hab_check_add (ctx, "organisation.name_missing", "organisation.name",
                    _("Enter the name of your organisation, as registered with INSEE "
                      "(e.g. “Commune de Villeneuve”)."));

  check_siret (ctx);

  if (_hab_str_blank (hab_dossier_get_string (ctx->dossier, "organisation.kind")))
    _hab_check_add (ctx, "organisation.kind_missing", "organisation.kind",
                    _("Choose the kind of your organisation (commune, EPCI, département, "
                      "CCAS…)."));

  if (_hab_str_blank (hab_dossier_get_string (ctx->dossier, "organisation.address")))
    _hab_check_add (ctx, "organisation.address_missing", "organisation.address",
                    _("Enter the postal address of your organisation: the employer attestation "
                      "and the security questionnaire ask for it."));
}

HAB_DEFINE_RULE_FAMILY (organisation, rules, check_organisation);
