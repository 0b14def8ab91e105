/* hab-rules-actors.c
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-rules"

#include "config.h"

#include <string.h>

#include "hab-validator-private.h"

/* The people of the request (reference/domain.md d.1, the seed's "rôles des
 * parties prenantes"): the roles, their contact cards (contact.*), and the
 * DGFiP's optional extra contacts. */

static const HabRule rules[] = {
  { "actors.role_missing", HAB_SEVERITY_ERROR, HAB_STEP_ACTEURS,
    N_("A required role has no contact: demandeur, responsable de traitement, délégué à la "
       "protection des données, responsable technique, and the editor’s contact in editor "
       "mode") },
  { "actors.rt_is_dpo", HAB_SEVERITY_ERROR, HAB_STEP_ACTEURS,
    N_("The responsable de traitement and the délégué à la protection des données are the "
       "same person, which the DGFiP does not allow") },
  { "actors.contact_unresolved", HAB_SEVERITY_ERROR, HAB_STEP_ACTEURS,
    N_("A role’s contact card is neither in the file nor in this computer’s address book") },
  { "actors.editor_unused", HAB_SEVERITY_INFO, HAB_STEP_ACTEURS,
    N_("An editor’s contact is named although the software is developed in-house") },
  { "actors.extra_technical_email_invalid", HAB_SEVERITY_ERROR, HAB_STEP_ACTEURS,
    N_("The generic backup e-mail address of the technical contact is not a valid address") },
  { "actors.extra_technical_email_same", HAB_SEVERITY_INFO, HAB_STEP_ACTEURS,
    N_("The backup e-mail address of the technical contact is the responsable technique’s own "
       "address, so it is no backup") },
  { "actors.extra_contact_email_missing", HAB_SEVERITY_WARNING, HAB_STEP_ACTEURS,
    N_("The extra organisation contact has a name but no e-mail address") },
  { "actors.extra_contact_name_missing", HAB_SEVERITY_WARNING, HAB_STEP_ACTEURS,
    N_("The extra organisation contact has an e-mail address but no name") },
  { "actors.extra_contact_email_invalid", HAB_SEVERITY_ERROR, HAB_STEP_ACTEURS,
    N_("The e-mail address of the extra organisation contact is not a valid address") },

  { "contact.given_name_missing", HAB_SEVERITY_ERROR, HAB_STEP_ACTEURS,
    N_("A contact has no given name") },
  { "contact.family_name_missing", HAB_SEVERITY_ERROR, HAB_STEP_ACTEURS,
    N_("A contact has no family name") },
  { "contact.job_title_missing", HAB_SEVERITY_ERROR, HAB_STEP_ACTEURS,
    N_("A contact has no job title, which DataPass requires") },
  { "actors.dpo_copy", HAB_SEVERITY_INFO, HAB_STEP_ACTEURS,
    N_("The file is the copy made for the DPO: contact details are left out on purpose, so "
       "the contact cards are not checked") },
  { "contact.email_missing", HAB_SEVERITY_ERROR, HAB_STEP_ACTEURS,
    N_("A contact has no e-mail address") },
  { "contact.email_invalid", HAB_SEVERITY_ERROR, HAB_STEP_ACTEURS,
    N_("A contact’s e-mail address is not valid (one “@”, a domain with a dot, no spaces or "
       "accents, at most 254 characters)") },
  { "contact.email_free_domain_demandeur", HAB_SEVERITY_ERROR, HAB_STEP_ACTEURS,
    N_("The demandeur’s e-mail address is at a webmail or Internet provider, which ProConnect "
       "does not accept as a professional address") },
  { "contact.email_free_domain", HAB_SEVERITY_ERROR, HAB_STEP_ACTEURS,
    N_("The responsable de traitement’s, the DPO’s or the responsable technique’s e-mail "
       "address is at a webmail or Internet provider rather than at their organisation") },
  { "contact.email_free_domain_editor", HAB_SEVERITY_WARNING, HAB_STEP_ACTEURS,
    N_("The software editor’s contact e-mail address is at a webmail or Internet provider "
       "rather than at the editor’s company") },
  { "contact.email_generic_demandeur", HAB_SEVERITY_ERROR, HAB_STEP_ACTEURS,
    N_("The demandeur’s e-mail address is a shared mailbox: a generic address leads the DGFiP "
       "to refuse the request") },
  { "contact.email_generic", HAB_SEVERITY_WARNING, HAB_STEP_ACTEURS,
    N_("A contact’s e-mail address looks like a shared mailbox rather than a nominative one") },
  { "contact.phone_missing", HAB_SEVERITY_ERROR, HAB_STEP_ACTEURS,
    N_("A contact has no phone number, which DataPass requires") },
  { "contact.phone_invalid", HAB_SEVERITY_WARNING, HAB_STEP_ACTEURS,
    N_("A contact’s phone number is not a French or overseas number") },
  { "contact.birth_details_missing", HAB_SEVERITY_INFO, HAB_STEP_ACTEURS,
    N_("The birth date or place of the demandeur or of the editor’s contact is unknown, so the "
       "employer attestation will have blanks") },
};

/* Said before a contact's finding: "<role>: …". */
static const char *const role_labels[HAB_N_ROLES] = {
  N_("Demandeur"),
  N_("Responsable de traitement"),
  N_("Délégué à la protection des données"),
  N_("Responsable technique"),
  N_("Editor’s contact"),
};

#define EMAIL_MAX_LENGTH 254
#define EMAIL_LOCAL_MAX_LENGTH 63

/* Whether the role is asked for in this dossier. */
static gboolean
role_required (HabCheckContext *ctx,
               guint            r)
{
  return r != HAB_ROLE_INDEX_EDITEUR || ctx->editor_mode;
}

static void
report_role_missing (HabCheckContext *ctx,
                     guint            r)
{
  char field[64];

  g_snprintf (field, sizeof field, "actors.%s", _hab_role_keys[r]);

  switch (r)
    {
    case HAB_ROLE_INDEX_DEMANDEUR:
      _hab_check_add (ctx, "actors.role_missing", field,
                      _("Name the demandeur: the person who files the request on DataPass with "
                        "their ProConnect account, and whom the DGFiP contacts about it."));
      break;
    case HAB_ROLE_INDEX_RESPONSABLE_TRAITEMENT:
      _hab_check_add (ctx, "actors.role_missing", field,
                      _("Name the responsable de traitement: the person who decides the purposes "
                        "and means of the processing, e.g. the head of the department whose "
                        "agents will see the data."));
      break;
    case HAB_ROLE_INDEX_DELEGUE_PROTECTION_DONNEES:
      _hab_check_add (ctx, "actors.role_missing", field,
                      _("Name your organisation’s délégué à la protection des données (DPO); "
                        "it may be an external DPO, such as your centre de gestion."));
      break;
    case HAB_ROLE_INDEX_RESPONSABLE_TECHNIQUE:
      _hab_check_add (ctx, "actors.role_missing", field,
                      _("Name the responsable technique: the person who will call the API and "
                        "receive the access to the DGFiP’s API platform, in your IT department "
                        "or at your software editor."));
      break;
    case HAB_ROLE_INDEX_EDITEUR:
    default:
      _hab_check_add (ctx, "actors.role_missing", field,
                      _("Name your software editor’s contact: the editor’s employer attestation "
                        "is filled in from it."));
      break;
    }
}

/* E-mail addresses */

/* Checks the syntax of an address, trimmed of surrounding white space:
 * ProConnect's rules (exactly one "@", non-empty parts, local part at most
 * 63 bytes, whole address at most 254, reference/domain.md g.1) and the
 * characters DataPass accepts (Ruby's URI::MailTo::EMAIL_REGEXP: local part
 * of letters, digits and !#$%&'*+/=?^_`{|}~.-; domain of labels of letters,
 * digits and inner hyphens), plus a dot in the domain.
 *
 * On success, buffer holds the address with the "@" replaced by a NUL, and
 * local and domain point into it. */
static gboolean
email_parse (const char  *email,
             char         buffer[EMAIL_MAX_LENGTH + 1],
             const char **local,
             const char **domain)
{
  const char *start = email;
  const char *end;
  char *at = NULL;
  gsize len;
  guint label_len = 0;
  gboolean has_dot = FALSE;

  while (g_ascii_isspace (*start))
    start++;
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;

  len = end - start;
  if (len == 0 || len > EMAIL_MAX_LENGTH)
    return FALSE;

  memcpy (buffer, start, len);
  buffer[len] = '\0';

  for (char *p = buffer; *p != '\0'; p++)
    if (*p == '@')
      {
        if (at != NULL)
          return FALSE;
        at = p;
      }

  if (at == NULL || at == buffer || at - buffer > EMAIL_LOCAL_MAX_LENGTH || at[1] == '\0')
    return FALSE;

  for (const char *p = buffer; p < at; p++)
    if (!g_ascii_isalnum (*p) && strchr (".!#$%&'*+/=?^_`{|}~-", *p) == NULL)
      return FALSE;

  for (const char *p = at + 1; ; p++)
    {
      if (*p == '.' || *p == '\0')
        {
          if (label_len == 0 || p[-1] == '-' || label_len > 63)
            return FALSE;
          if (*p == '\0')
            break;
          has_dot = TRUE;
          label_len = 0;
        }
      else if (g_ascii_isalnum (*p) || (*p == '-' && label_len > 0))
        label_len++;
      else
        return FALSE;
    }

  if (!has_dot)
    return FALSE;

  *at = '\0';
  *local = buffer;
  *domain = at + 1;

  return TRUE;
}

/* Phone numbers: DataPass's FrenchPhoneNumberValidator (reference/domain.md
 * d.1): 0 then 1–9 then 8 digits; +33 and 9 digits; +590, +594, +596, +262
 * (Réunion and Mayotte) and 9 digits; +508, +681, +687 and 6 digits; +689
 * and 8 digits. Separators: space, dot, hyphen. We also accept 00 for +,
 * no-break spaces, and the "(0)" some people write after +33. */
static gboolean
phone_is_french (const char *phone)
{
  static const struct
  {
    const char *code;
    guint       n_digits;
  } codes[] = {
    { "33", 9 }, { "590", 9 }, { "594", 9 }, { "596", 9 }, { "262", 9 },
    { "508", 6 }, { "681", 6 }, { "687", 6 }, { "689", 8 },
  };
  const guchar *p = (const guchar *) phone;
  char digits[24];
  guint n = 0;
  gboolean international = FALSE;

  while (g_ascii_isspace (*p))
    p++;

  if (*p == '+')
    {
      international = TRUE;
      p++;
    }

  while (*p != '\0')
    {
      if (g_ascii_isdigit (*p))
        {
          if (n + 1 >= sizeof digits)
            return FALSE;
          digits[n++] = (char) *p++;
        }
      else if (*p == ' ' || *p == '.' || *p == '-' || *p == '\t')
        p++;
      else if (p[0] == 0xC2 && p[1] == 0xA0)
        p += 2;
      else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xAF || p[2] == 0x89))
        p += 3;
      else if (international && p[0] == '(' && p[1] == '0' && p[2] == ')')
        p += 3;
      else
        return FALSE;
    }
  digits[n] = '\0';

  if (!international && n > 2 && digits[0] == '0' && digits[1] == '0')
    {
      /* 00 33 … */
      memmove (digits, digits + 2, n - 1);
      n -= 2;
      international = TRUE;
    }

  if (!international)
    return n == 10 && digits[0] == '0' && digits[1] != '0';

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      gsize code_len = strlen (codes[i].code);

      if (strncmp (digits, codes[i].code, code_len) == 0 && n == code_len + codes[i].n_digits)
        return digits[code_len] != '0';
    }

  return FALSE;
}

/* Names and addresses compared without case, spaces around, or Unicode
 * composition differences. Both must be non-blank. */
static gboolean
same_text (const char *a,
           const char *b)
{
  g_autofree char *fold_a = NULL;
  g_autofree char *fold_b = NULL;
  g_autofree char *norm_a = NULL;
  g_autofree char *norm_b = NULL;

  if (_hab_str_blank (a) || _hab_str_blank (b))
    return FALSE;

  norm_a = g_utf8_normalize (a, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  norm_b = g_utf8_normalize (b, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  if (norm_a == NULL || norm_b == NULL)
    return FALSE;

  fold_a = g_utf8_casefold (norm_a, -1);
  fold_b = g_utf8_casefold (norm_b, -1);

  return g_str_equal (g_strstrip (fold_a), g_strstrip (fold_b));
}

static const char *
actor_contact_id (HabCheckContext *ctx,
                  guint            r)
{
  char path[96];

  g_snprintf (path, sizeof path, "actors.%s.contact_id", _hab_role_keys[r]);
  return hab_dossier_get_string (ctx->dossier, path);
}

static void
check_rt_is_dpo (HabCheckContext *ctx)
{
  const guint rt = HAB_ROLE_INDEX_RESPONSABLE_TRAITEMENT;
  const guint dpo = HAB_ROLE_INDEX_DELEGUE_PROTECTION_DONNEES;
  const HabContact *a = ctx->contacts[rt];
  const HabContact *b = ctx->contacts[dpo];
  const char *id_a = actor_contact_id (ctx, rt);
  const char *id_b = actor_contact_id (ctx, dpo);
  gboolean same = FALSE;

  if (!ctx->assigned[rt] || !ctx->assigned[dpo])
    return;

  if (!_hab_str_blank (id_a) && !_hab_str_blank (id_b) && g_str_equal (id_a, id_b))
    same = TRUE;
  else if (a != NULL && b != NULL)
    same = same_text (a->email, b->email)
           || (same_text (a->given_name, b->given_name)
               && same_text (a->family_name, b->family_name));

  if (same)
    _hab_check_add (ctx, "actors.rt_is_dpo", "actors.delegue_protection_donnees",
                    _("The responsable de traitement and the délégué à la protection des "
                      "données are the same person: the DGFiP does not allow it, since the DPO "
                      "must be able to check the processing independently. Name another person "
                      "for one of the two roles."));
}

/* Adds the words of @name (accents dropped, lower case) to @words. */
static void
add_name_words (GPtrArray  *words,
                const char *name)
{
  g_autofree char *folded = NULL;
  g_autofree char *ascii = NULL;
  g_auto(GStrv) parts = NULL;

  if (name == NULL)
    return;

  folded = g_str_to_ascii (name, "C");
  ascii = g_ascii_strdown (folded, -1);
  parts = g_strsplit_set (ascii, " -'.", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_ptr_array_add (words, g_strdup (parts[i]));
}

/* The local part without the person's own names: "bruno.le.maire" for
 * Bruno Le Maire is nominative, although "maire" is a generic word. */
static char *
local_without_names (const char       *local,
                     const HabContact *card)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *lower = g_ascii_strdown (local, -1);
  g_auto(GStrv) tokens = g_strsplit_set (lower, ".-_+", -1);
  GString *rest = g_string_new (NULL);

  if (card != NULL)
    {
      add_name_words (names, card->given_name);
      add_name_words (names, card->family_name);
    }

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      gboolean is_name = FALSE;

      for (guint j = 0; j < names->len && !is_name; j++)
        is_name = g_str_equal (tokens[i], g_ptr_array_index (names, j));

      if (is_name || *tokens[i] == '\0')
        continue;
      if (rest->len > 0)
        g_string_append_c (rest, '.');
      g_string_append (rest, tokens[i]);
    }

  return g_string_free (rest, FALSE);
}

static gboolean
is_generic_without_names (HabCheckContext *ctx,
                          guint            r,
                          const char      *local)
{
  g_autofree char *rest = local_without_names (local, ctx->contacts[r]);

  return *rest != '\0' && hab_catalogue_is_generic_mailbox (ctx->catalogue, rest);
}

static void
check_email (HabCheckContext *ctx,
             guint            r,
             const char      *email,
             const char      *label)
{
  char buffer[EMAIL_MAX_LENGTH + 1];
  const char *local, *domain;
  char field[96];

  g_snprintf (field, sizeof field, "actors.%s.email", _hab_role_keys[r]);

  if (_hab_str_blank (email))
    {
      _hab_check_add (ctx, "contact.email_missing", field,
                      _("%s: enter the person’s professional e-mail address."), label);
      return;
    }

  if (!email_parse (email, buffer, &local, &domain))
    {
      _hab_check_add (ctx, "contact.email_invalid", field,
                      _("%s: “%s” is not a valid e-mail address. Check it: one “@”, no spaces "
                        "or accented letters, and a domain such as mairie-exemple.fr."),
                      label, email);
      return;
    }

  if (hab_catalogue_is_free_email_domain (ctx->catalogue, domain))
    {
      if (r == HAB_ROLE_INDEX_DEMANDEUR)
        _hab_check_add (ctx, "contact.email_free_domain_demandeur", field,
                        _("%s: “%s” is a personal webmail or Internet provider address. The "
                          "DGFiP asks that the demandeur’s ProConnect account, with which the "
                          "request is filed, use a professional and nominative address: use "
                          "your address at your organisation."),
                        label, email);
      else
        _hab_check_add (ctx, r == HAB_ROLE_INDEX_EDITEUR ? "contact.email_free_domain_editor"
                                                         : "contact.email_free_domain",
                        field,
                        _("%s: “%s” is a personal webmail or Internet provider address; the "
                          "DGFiP expects a professional one. Use the person’s address at their "
                          "organisation."),
                        label, email);
    }

  if (hab_catalogue_is_generic_mailbox (ctx->catalogue, local)
      && is_generic_without_names (ctx, r, local))
    {
      if (r == HAB_ROLE_INDEX_DEMANDEUR)
        _hab_check_add (ctx, "contact.email_generic_demandeur", field,
                        _("%s: “%s” looks like a shared mailbox. A generic address leads the "
                          "DGFiP to refuse the request: the demandeur’s ProConnect account must "
                          "use a professional and nominative address, such as "
                          "prenom.nom@…"),
                        label, email);
      else
        _hab_check_add (ctx, "contact.email_generic", field,
                        _("%s: “%s” looks like a shared mailbox rather than the person’s own "
                          "address; the DGFiP expects a nominative address, such as "
                          "prenom.nom@…"),
                        label, email);
    }
}

static void
check_card (HabCheckContext  *ctx,
            guint             r,
            const HabContact *card)
{
  const char *label = _(role_labels[r]);
  const char *role = _hab_role_keys[r];
  char field[96];

  if (_hab_str_blank (card->given_name))
    {
      g_snprintf (field, sizeof field, "actors.%s.given_name", role);
      _hab_check_add (ctx, "contact.given_name_missing", field,
                      _("%s: enter the person’s given name."), label);
    }

  if (_hab_str_blank (card->family_name))
    {
      g_snprintf (field, sizeof field, "actors.%s.family_name", role);
      _hab_check_add (ctx, "contact.family_name_missing", field,
                      _("%s: enter the person’s family name."), label);
    }

  if (_hab_str_blank (card->job_title))
    {
      g_snprintf (field, sizeof field, "actors.%s.job_title", role);
      _hab_check_add (ctx, "contact.job_title_missing", field,
                      _("%s: enter the person’s job title (e.g. “Responsable du service "
                        "Enfance”); DataPass asks for it."),
                      label);
    }

  check_email (ctx, r, card->email, label);

  g_snprintf (field, sizeof field, "actors.%s.phone", role);
  if (_hab_str_blank (card->phone))
    _hab_check_add (ctx, "contact.phone_missing", field,
                    _("%s: enter a phone number where the DGFiP can reach the person; DataPass "
                      "asks for it."),
                    label);
  else if (!phone_is_french (card->phone))
    _hab_check_add (ctx, "contact.phone_invalid", field,
                    _("%s: “%s” is not a French phone number. Write it as 01 23 45 67 89 or "
                      "+33 1 23 45 67 89; overseas numbers start with +262, +590, +594, +596, "
                      "+508, +681, +687 or +689."),
                    label, card->phone);

  /* The seed's employer attestation: "[nom, prénom], né(e) le … à …", one
   * by the demandeur and one by the editor. */
  if ((r == HAB_ROLE_INDEX_DEMANDEUR || r == HAB_ROLE_INDEX_EDITEUR)
      && (_hab_str_blank (card->birth_date) || _hab_str_blank (card->birth_place)))
    {
      g_snprintf (field, sizeof field, "actors.%s.%s", role,
                  _hab_str_blank (card->birth_date) ? "birth_date" : "birth_place");
      _hab_check_add (ctx, "contact.birth_details_missing", field,
                      _("%s: the birth date and place are needed only for the employer "
                        "attestation, which will otherwise have blanks to fill in by hand."),
                      label);
    }
}

static void
check_extra_contacts (HabCheckContext *ctx)
{
  const char *backup = hab_dossier_get_string (ctx->dossier,
                                               "extra_contacts.contact_technique_extra_email");
  const char *name = hab_dossier_get_string (ctx->dossier,
                                             "extra_contacts.extra_organization_contact_name");
  const char *email = hab_dossier_get_string (ctx->dossier,
                                              "extra_contacts.extra_organization_contact_email");
  char buffer[EMAIL_MAX_LENGTH + 1];
  const char *local, *domain;

  /* A generic address is what is asked for here: no nominative check. */
  if (!_hab_str_blank (backup))
    {
      const HabContact *tech = ctx->contacts[HAB_ROLE_INDEX_RESPONSABLE_TECHNIQUE];

      if (!email_parse (backup, buffer, &local, &domain))
        _hab_check_add (ctx, "actors.extra_technical_email_invalid",
                        "extra_contacts.contact_technique_extra_email",
                        _("“%s” is not a valid e-mail address; enter the generic address of "
                          "the technical team (e.g. support-api@…), or leave the field empty."),
                        backup);
      else if (tech != NULL && same_text (tech->email, backup))
        _hab_check_add (ctx, "actors.extra_technical_email_same",
                        "extra_contacts.contact_technique_extra_email",
                        _("The backup address is the responsable technique’s own address; give "
                          "the technical team’s shared address, so that the DGFiP can reach "
                          "someone when that person is away, or leave the field empty."));
    }

  if (!_hab_str_blank (name) && _hab_str_blank (email))
    _hab_check_add (ctx, "actors.extra_contact_email_missing",
                    "extra_contacts.extra_organization_contact_email",
                    _("Enter the e-mail address of %s, the extra contact of the organisation, or "
                      "clear the name."),
                    name);
  else if (_hab_str_blank (name) && !_hab_str_blank (email))
    _hab_check_add (ctx, "actors.extra_contact_name_missing",
                    "extra_contacts.extra_organization_contact_name",
                    _("Enter the name of the extra contact of the organisation whose address is "
                      "“%s”, or clear the address."),
                    email);

  if (!_hab_str_blank (email) && !email_parse (email, buffer, &local, &domain))
    _hab_check_add (ctx, "actors.extra_contact_email_invalid",
                    "extra_contacts.extra_organization_contact_email",
                    _("“%s” is not a valid e-mail address; check the address of the extra "
                      "contact of the organisation."),
                    email);
}

static void
check_actors (HabCheckContext *ctx)
{
  gboolean dpo_copy = FALSE;

  /* The copy for the DPO carries names and job titles only (hab-review.c). */
  hab_dossier_get_boolean (ctx->dossier, "dpo_copy", &dpo_copy);

  for (guint r = 0; r < HAB_N_ROLES; r++)
    {
      char field[64];

      if (!role_required (ctx, r))
        {
          if (ctx->assigned[r] && g_strcmp0 (ctx->development, "in_house") == 0)
            {
              g_snprintf (field, sizeof field, "actors.%s", _hab_role_keys[r]);
              _hab_check_add (ctx, "actors.editor_unused", field,
                              _("The software is developed in-house, so the editor’s contact is "
                                "not used; remove it, or choose the editor mode in the Parcours "
                                "step."));
            }
          continue;
        }

      if (!ctx->assigned[r])
        {
          report_role_missing (ctx, r);
          continue;
        }

      if (ctx->contacts[r] == NULL)
        {
          char path[96];
          const char *display_name;

          g_snprintf (field, sizeof field, "actors.%s", _hab_role_keys[r]);
          g_snprintf (path, sizeof path, "actors.%s.display_name", _hab_role_keys[r]);
          display_name = hab_dossier_get_string (ctx->dossier, path);
          if (_hab_str_blank (display_name))
            display_name = actor_contact_id (ctx, r);
          if (display_name == NULL)
            display_name = "";

          _hab_check_add (ctx, "actors.contact_unresolved", field,
                          _("%s: the contact card of “%s” is neither in the file nor in the "
                            "address book of your keyring. If your keyring is locked or "
                            "unavailable, unlock it and try again; otherwise choose the person "
                            "again in the Acteurs step, or open the copy of the dossier that "
                            "carries the card."),
                          _(role_labels[r]), display_name);
          continue;
        }

      if (!dpo_copy)
        check_card (ctx, r, ctx->contacts[r]);
    }

  if (dpo_copy)
    _hab_check_add (ctx, "actors.dpo_copy", "actors",
                    _("This is the copy of the dossier made for the DPO: e-mail addresses, "
                      "phone numbers and birth data are left out on purpose, and the agent’s "
                      "own dossier keeps them. Review the data and approve them or ask for "
                      "changes in the DPO step."));

  check_rt_is_dpo (ctx);
  check_extra_contacts (ctx);
}

HAB_DEFINE_RULE_FAMILY (actors, rules, check_actors);
