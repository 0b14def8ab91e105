/* hab-cli.c: habilitation-cli, the command line over the core (DESIGN §8).
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "habilitation-cli"

#include "config.h"

#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "hab-bundle.h"
#include "hab-contact-store.h"
#include "hab-datapass.h"
#include "hab-fingerprint.h"
#include "hab-i18n.h"
#include "hab-pdf.h"
#include "hab-review.h"
#include "hab-validator.h"

enum {
  EXIT_OK = 0,
  EXIT_FINDINGS = 1,   /* errors in the dossier, or refused */
  EXIT_INVALID = 2,    /* unreadable or invalid file, or wrong usage */
};

typedef struct
{
  const char *name;
  const char *parameter;
  const char *summary;
  int       (*run) (int argc, char **argv);
} Command;

static const Command *find_command (const char *name);

static void
print_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static void
print_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("habilitation-cli: %s\n", message);
}

/* Parses the command's options; on failure prints one line and returns FALSE. */
static gboolean
parse_options (const Command *command,
               GOptionEntry  *entries,
               int           *argc,
               char        ***argv)
{
  g_autofree char *prgname = g_strdup_printf ("habilitation-cli %s", command->name);
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;

  /* "Usage: habilitation-cli check [OPTION…] FILE…" */
  g_set_prgname (prgname);
  context = g_option_context_new (*command->parameter ? _(command->parameter) : NULL);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(command->summary));
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      print_error ("%s", error->message);
      return FALSE;
    }

  return TRUE;
}

static HabDossier *
load_dossier (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  HabDossier *dossier = hab_dossier_new_from_file (file, NULL, &error);

  if (dossier == NULL)
    print_error ("%s", error->message);

  return dossier;
}

static gboolean
parse_today (const char *text,
             GDate      *date)
{
  guint year, month, day;
  char end;

  if (text == NULL || strlen (text) != 10
      || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3
      || text[4] != '-' || text[7] != '-'
      || !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static const char *
severity_label (HabSeverity severity)
{
  switch (severity)
    {
    case HAB_SEVERITY_ERROR:
      return _("error");
    case HAB_SEVERITY_WARNING:
      return _("warning");
    case HAB_SEVERITY_INFO:
    default:
      return _("info");
    }
}

/* check */

static JsonNode *
check_result_to_json (const char *path,
                      const GDate *today,
                      GPtrArray  *findings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  char today_text[16];
  guint counts[3];

  g_date_strftime (today_text, sizeof today_text, "%Y-%m-%d", today);
  hab_findings_count (findings, &counts[0], &counts[1], &counts[2]);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "format_version");
  json_builder_add_int_value (builder, HAB_DOSSIER_FORMAT_VERSION);
  json_builder_set_member_name (builder, "today");
  json_builder_add_string_value (builder, today_text);

  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < findings->len; i++)
    {
      const HabFinding *finding = g_ptr_array_index (findings, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rule");
      json_builder_add_string_value (builder, finding->rule->id);
      json_builder_set_member_name (builder, "severity");
      json_builder_add_string_value (builder, hab_severity_to_string (finding->rule->severity));
      json_builder_set_member_name (builder, "step");
      json_builder_add_string_value (builder, hab_step_to_string (finding->rule->step));
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, finding->field);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, finding->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_int_value (builder, counts[0]);
  json_builder_set_member_name (builder, "warning");
  json_builder_add_int_value (builder, counts[1]);
  json_builder_set_member_name (builder, "info");
  json_builder_add_int_value (builder, counts[2]);
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
print_check_text (const char *path,
                  GPtrArray  *findings)
{
  guint n_errors, n_warnings, n_infos;
  g_autofree char *errors = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *infos = NULL;

  hab_findings_count (findings, &n_errors, &n_warnings, &n_infos);
  errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", n_errors), n_errors);
  warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", n_warnings),
                              n_warnings);
  infos = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes", n_infos), n_infos);

  /* Translators: file name, then "2 errors, 1 warning, 0 notes" */
  g_print (_("%s: %s, %s, %s\n"), path, errors, warnings, infos);

  for (guint i = 0; i < findings->len; i++)
    {
      const HabFinding *finding = g_ptr_array_index (findings, i);

      g_print ("  %s · %s · %s (%s)\n      %s\n",
               severity_label (finding->rule->severity),
               hab_step_get_title (finding->rule->step),
               finding->field,
               finding->rule->id,
               finding->message);
    }
}

/* The keyring, for check and contacts: the store's calls are asynchronous
 * and bounded by a timeout; the command waits for them. */

#define CHECK_KEYRING_TIMEOUT_MS 5000

static void
keep_result_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

/* Whether a role names a contact_id whose card the file does not carry. */
static gboolean
needs_keyring_cards (HabDossier *dossier)
{
  static const char *const roles[] = {
    HAB_ROLE_DEMANDEUR, HAB_ROLE_RESPONSABLE_TRAITEMENT, HAB_ROLE_DELEGUE_PROTECTION_DONNEES,
    HAB_ROLE_RESPONSABLE_TECHNIQUE, HAB_ROLE_EDITEUR,
  };

  for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
    {
      g_autofree char *id_path = g_strdup_printf ("actors.%s.contact_id", roles[r]);
      g_autofree char *card_path = g_strdup_printf ("actors.%s.contact", roles[r]);
      const char *contact_id = hab_dossier_get_string (dossier, id_path);

      if (contact_id != NULL && *contact_id != '\0'
          && hab_dossier_get_object (dossier, card_path) == NULL)
        return TRUE;
    }

  return FALSE;
}

/* check resolves the cards of the keyring when one answers in time; else
 * it reads the file's inline cards only, and says so once. */
static void
use_keyring_cards (HabValidator     *validator,
                   HabDossier       *dossier,
                   HabContactStore **store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (*store != NULL || !needs_keyring_cards (dossier))
    return;

  *store = hab_contact_store_new ();
  hab_contact_store_set_timeout (*store, CHECK_KEYRING_TIMEOUT_MS);
  hab_contact_store_load_async (*store, FALSE, NULL, keep_result_cb, &result);
  if (!hab_contact_store_load_finish (*store, wait_for_result (&result), &error))
    {
      g_printerr (_("habilitation-cli: note: %s Contact cards are read from the files only.\n"),
                  error->message);
      return;
    }

  hab_validator_set_contact_lookup (validator, hab_contact_store_lookup_func,
                                    g_object_ref (*store), g_object_unref);
}

static int
run_check (int    argc,
           char **argv)
{
  static gboolean json = FALSE;
  static char *today_text = NULL;
  static GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the findings as JSON"), NULL },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text,
      N_("Take this date as today for every date rule"), N_("YYYY-MM-DD") },
    { NULL }
  };
  g_autoptr(HabValidator) validator = NULL;
  g_autoptr(HabContactStore) store = NULL;
  g_autoptr(JsonArray) results = NULL;
  GDate today;
  int status = EXIT_OK;

  if (!parse_options (find_command ("check"), entries, &argc, &argv))
    return EXIT_INVALID;

  if (argc < 2)
    {
      print_error (_("check: name at least one dossier file"));
      return EXIT_INVALID;
    }

  if (today_text != NULL)
    {
      if (!parse_today (today_text, &today))
        {
          print_error (_("check: “%s” is not a date; write --today YYYY-MM-DD"), today_text);
          return EXIT_INVALID;
        }
    }
  else
    {
      g_date_clear (&today, 1);
      g_date_set_time_t (&today, time (NULL));
    }

  validator = hab_validator_new (NULL);
  hab_validator_set_today (validator, &today);
  results = json_array_new ();

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(HabDossier) dossier = load_dossier (argv[i]);
      g_autoptr(GPtrArray) findings = NULL;
      guint n_errors;

      if (dossier == NULL)
        {
          status = EXIT_INVALID;
          continue;
        }

      use_keyring_cards (validator, dossier, &store);
      findings = hab_validator_validate (validator, dossier);
      hab_findings_count (findings, &n_errors, NULL, NULL);
      if (n_errors > 0 && status == EXIT_OK)
        status = EXIT_FINDINGS;

      if (json)
        json_array_add_element (results, check_result_to_json (argv[i], &today, findings));
      else
        print_check_text (argv[i], findings);
    }

  if (json && json_array_get_length (results) > 0)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      /* One file: one object; several: an array of them. */
      if (argc == 2)
        root = json_node_ref (json_array_get_element (results, 0));
      else
        root = json_node_init_array (json_node_alloc (), results);

      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
    }

  return status;
}

/* fingerprint */

static int
run_fingerprint (int    argc,
                 char **argv)
{
  g_autoptr(HabDossier) dossier = NULL;
  g_autofree char *fingerprint = NULL;

  if (!parse_options (find_command ("fingerprint"), NULL, &argc, &argv))
    return EXIT_INVALID;

  if (argc != 2)
    {
      print_error (_("fingerprint: name one dossier file"));
      return EXIT_INVALID;
    }

  dossier = load_dossier (argv[1]);
  if (dossier == NULL)
    return EXIT_INVALID;

  fingerprint = hab_fingerprint_compute (dossier);
  g_print ("%s\n", fingerprint);

  return EXIT_OK;
}

/* datapass-url */

static int
run_datapass_url (int    argc,
                  char **argv)
{
  g_autoptr(HabDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  if (!parse_options (find_command ("datapass-url"), NULL, &argc, &argv))
    return EXIT_INVALID;

  if (argc != 2)
    {
      print_error (_("datapass-url: name one dossier file"));
      return EXIT_INVALID;
    }

  dossier = load_dossier (argv[1]);
  if (dossier == NULL)
    return EXIT_INVALID;

  url = hab_datapass_build_url (dossier, NULL, &error);
  if (url == NULL)
    {
      print_error ("%s: %s", argv[1], error->message);
      return EXIT_INVALID;
    }

  g_print ("%s\n", url);
  return EXIT_OK;
}

/* rules */

static int
run_rules (int    argc,
           char **argv)
{
  static gboolean json = FALSE;
  static GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the rules as JSON"), NULL },
    { NULL }
  };
  const HabRule *rules;
  guint n_rules;
  int width = 0;

  if (!parse_options (find_command ("rules"), entries, &argc, &argv))
    return EXIT_INVALID;

  if (argc != 1)
    {
      print_error (_("rules: takes no file"));
      return EXIT_INVALID;
    }

  rules = hab_rules_get_all (&n_rules);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < n_rules; i++)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "rule");
          json_builder_add_string_value (builder, rules[i].id);
          json_builder_set_member_name (builder, "severity");
          json_builder_add_string_value (builder, hab_severity_to_string (rules[i].severity));
          json_builder_set_member_name (builder, "step");
          json_builder_add_string_value (builder, hab_step_to_string (rules[i].step));
          json_builder_set_member_name (builder, "description");
          json_builder_add_string_value (builder, g_dgettext (GETTEXT_PACKAGE, rules[i].description));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
      return EXIT_OK;
    }

  for (guint i = 0; i < n_rules; i++)
    width = MAX (width, (int) strlen (rules[i].id));

  for (guint i = 0; i < n_rules; i++)
    g_print ("%-*s  %-8s %-16s %s\n",
             width, rules[i].id,
             severity_label (rules[i].severity),
             hab_step_get_title (rules[i].step),
             g_dgettext (GETTEXT_PACKAGE, rules[i].description));

  return EXIT_OK;
}

/* review */

static int
run_review (int    argc,
            char **argv)
{
  static char *reviewer = NULL;
  static gboolean approve = FALSE;
  static gboolean request_changes = FALSE;
  static char *comment = NULL;
  static char **item_comments = NULL;
  static GOptionEntry entries[] = {
    { "reviewer", 0, 0, G_OPTION_ARG_STRING, &reviewer,
      N_("The name of the reviewer, normally the DPO named in the dossier"), N_("NAME") },
    { "approve", 0, 0, G_OPTION_ARG_NONE, &approve, N_("Approve the requested data"), NULL },
    { "request-changes", 0, 0, G_OPTION_ARG_NONE, &request_changes,
      N_("Ask for changes to the requested data"), NULL },
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, N_("An overall comment"), N_("TEXT") },
    { "item-comment", 0, 0, G_OPTION_ARG_STRING_ARRAY, &item_comments,
      N_("A comment on one data item (may be repeated)"), N_("KEY=TEXT") },
    { NULL }
  };
  g_autoptr(HabDossier) dossier = NULL;
  g_autoptr(GHashTable) comments = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  g_autoptr(GFile) file = NULL;

  if (!parse_options (find_command ("review"), entries, &argc, &argv))
    return EXIT_INVALID;

  if (argc != 2)
    {
      print_error (_("review: name one dossier file"));
      return EXIT_INVALID;
    }

  if (approve == request_changes)
    {
      print_error (_("review: give either --approve or --request-changes"));
      return EXIT_INVALID;
    }

  if (reviewer == NULL || *g_strstrip (reviewer) == '\0')
    {
      print_error (_("review: give the reviewer’s name with --reviewer NAME"));
      return EXIT_INVALID;
    }

  comments = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; item_comments != NULL && item_comments[i] != NULL; i++)
    {
      char *equal = strchr (item_comments[i], '=');

      if (equal == NULL || equal == item_comments[i])
        {
          print_error (_("review: “%s” is not KEY=TEXT, e.g. --item-comment "
                         "dgfip_rfr=\"Justified by the tariff grid\""),
                       item_comments[i]);
          return EXIT_INVALID;
        }
      *equal = '\0';
      g_hash_table_insert (comments, item_comments[i], equal + 1);
    }

  dossier = load_dossier (argv[1]);
  if (dossier == NULL)
    return EXIT_INVALID;

  if (!hab_review_append (dossier, reviewer,
                          approve ? HAB_REVIEW_DECISION_APPROVED : HAB_REVIEW_DECISION_CHANGES_REQUESTED,
                          comment, comments, NULL, NULL, &error))
    {
      print_error ("%s", error->message);
      return EXIT_INVALID;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  if (!hab_dossier_save (dossier, file, NULL, &error))
    {
      print_error ("%s", error->message);
      return EXIT_INVALID;
    }

  fingerprint = hab_fingerprint_compute (dossier);
  /* Translators: a file name, then the data fingerprint */
  g_print (approve ? _("%s: approval recorded, bound to %s\n")
                   : _("%s: request for changes recorded, bound to %s\n"),
           argv[1], fingerprint);

  return EXIT_OK;
}

/* contacts */

enum {
  EXIT_KEYRING_UNAVAILABLE = 1,   /* contacts: no keyring answers, or it is locked */
};

static const struct
{
  const char *key;
  const char *label;
} contact_roles[] = {
  { HAB_ROLE_DEMANDEUR, N_("demandeur") },
  { HAB_ROLE_RESPONSABLE_TRAITEMENT, N_("responsable de traitement") },
  { HAB_ROLE_DELEGUE_PROTECTION_DONNEES, N_("DPO") },
  { HAB_ROLE_RESPONSABLE_TECHNIQUE, N_("responsable technique") },
  { HAB_ROLE_EDITEUR, N_("editor’s contact") },
};

static gboolean
text_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

/* The keyring did not answer, or is locked: exit status 1. */
static gboolean
is_keyring_error (const GError *error)
{
  return error->domain == HAB_CONTACT_STORE_ERROR
         && (error->code == HAB_CONTACT_STORE_ERROR_UNAVAILABLE
             || error->code == HAB_CONTACT_STORE_ERROR_LOCKED
             || error->code == HAB_CONTACT_STORE_ERROR_TIMED_OUT);
}

static char *
role_hints (char **roles)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    for (guint r = 0; r < G_N_ELEMENTS (contact_roles); r++)
      if (g_str_equal (roles[i], contact_roles[r].key))
        {
          if (text->len > 0)
            g_string_append (text, ", ");
          g_string_append (text, _(contact_roles[r].label));
        }

  return g_string_free (text, FALSE);
}

static gboolean
load_address_book (HabContactStore *store,
                   const char      *command)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  hab_contact_store_load_async (store, FALSE, NULL, keep_result_cb, &result);
  if (!hab_contact_store_load_finish (store, wait_for_result (&result), &error))
    {
      /* Translators: the command, then why the keyring cannot be used */
      print_error (_("%s: the address book is unavailable: %s"), command, error->message);
      return FALSE;
    }

  return TRUE;
}

static int
contacts_list (gboolean json)
{
  g_autoptr(HabContactStore) store = hab_contact_store_new ();
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) hints = NULL;
  int name_width = 0, hint_width = 0;

  if (!load_address_book (store, "contacts list"))
    return EXIT_KEYRING_UNAVAILABLE;

  cards = hab_contact_store_list (store);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < cards->len; i++)
        {
          const HabContact *card = g_ptr_array_index (cards, i);
          g_auto(GStrv) roles = hab_contact_store_dup_roles (store, card->contact_id);
          g_autofree char *display_name = hab_contact_dup_display_name (card);
          g_autoptr(JsonNode) node = hab_contact_to_json (card);
          JsonObject *object = json_node_get_object (node);
          JsonArray *array = json_array_new ();

          json_object_set_string_member (object, "display_name", display_name ? display_name : "");
          for (guint r = 0; roles != NULL && roles[r] != NULL; r++)
            json_array_add_string_element (array, roles[r]);
          json_object_set_array_member (object, "roles", array);
          json_builder_add_value (builder, json_node_ref (node));
        }
      json_builder_end_array (builder);

      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
      return EXIT_OK;
    }

  if (cards->len == 0)
    {
      g_print ("%s\n", _("The address book is empty."));
      return EXIT_OK;
    }

  names = g_ptr_array_new_with_free_func (g_free);
  hints = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < cards->len; i++)
    {
      const HabContact *card = g_ptr_array_index (cards, i);
      g_auto(GStrv) roles = hab_contact_store_dup_roles (store, card->contact_id);
      char *name = hab_contact_dup_display_name (card);
      char *hint = role_hints (roles);

      if (name == NULL)
        name = g_strdup (_("(no name)"));
      if (*hint == '\0')
        {
          g_free (hint);
          hint = g_strdup ("—");
        }
      g_ptr_array_add (names, name);
      g_ptr_array_add (hints, hint);
      name_width = MAX (name_width, (int) g_utf8_strlen (g_ptr_array_index (names, i), -1));
      hint_width = MAX (hint_width, (int) g_utf8_strlen (g_ptr_array_index (hints, i), -1));
    }

  for (guint i = 0; i < cards->len; i++)
    {
      const HabContact *card = g_ptr_array_index (cards, i);
      const char *name = g_ptr_array_index (names, i);
      const char *hint = g_ptr_array_index (hints, i);

      /* Padded by characters, not bytes: names have accents. */
      g_print ("%s%*s  %s%*s  %s\n",
               name, name_width - (int) g_utf8_strlen (name, -1), "",
               hint, hint_width - (int) g_utf8_strlen (hint, -1), "",
               card->email ? card->email : "");
    }

  return EXIT_OK;
}

static int
contacts_import (const char *path)
{
  g_autoptr(HabContactStore) store = hab_contact_store_new ();
  g_autoptr(HabDossier) dossier = load_dossier (path);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  guint n_imported = 0;

  if (dossier == NULL)
    return EXIT_INVALID;

  if (hab_contact_store_count_inline_cards (store, dossier) == 0)
    {
      g_print (_("%s: the file carries no contact card; nothing to import\n"), path);
      return EXIT_OK;
    }

  hab_contact_store_import_async (store, dossier, NULL, keep_result_cb, &result);
  if (!hab_contact_store_import_finish (store, wait_for_result (&result), &n_imported, &error))
    {
      print_error (_("contacts import: %s was left as it was: %s"), path, error->message);
      return is_keyring_error (error) ? EXIT_KEYRING_UNAVAILABLE : EXIT_INVALID;
    }

  /* The keyring holds them now: the file keeps contact_id and display_name. */
  hab_contact_store_strip_cards (store, dossier);
  file = g_file_new_for_commandline_arg (path);
  g_clear_error (&error);
  if (!hab_contact_store_save_dossier (store, dossier, file, HAB_DOSSIER_SAVE_NONE, NULL, &error))
    {
      print_error (_("contacts import: the cards are in the keyring, but %s"), error->message);
      return EXIT_INVALID;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u contact card moved into the keyring\n",
                        "%s: %u contact cards moved into the keyring\n", n_imported),
           path, n_imported);

  /* The DGFiP form's own fields are not contact cards: they stay, and the
   * user is told why the file still has addresses in it. */
  kept = g_ptr_array_new ();
  if (!text_blank (hab_dossier_get_string (dossier, "extra_contacts.contact_technique_extra_email")))
    g_ptr_array_add (kept, _("the generic backup address of the technical team"));
  if (!text_blank (hab_dossier_get_string (dossier, "extra_contacts.extra_organization_contact_email")))
    g_ptr_array_add (kept, _("the address of the organisation’s extra contact"));
  if (kept->len > 0)
    {
      g_ptr_array_add (kept, NULL);
      {
        g_autofree char *list = g_strjoinv (_(" and "), (char **) kept->pdata);

        /* Translators: %s lists the kept fields */
        g_print (_("  Still in the file, as DataPass fields rather than contact cards: %s.\n"), list);
      }
    }

  return EXIT_OK;
}

static int
run_contacts (int    argc,
              char **argv)
{
  static gboolean json = FALSE;
  static GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("contacts list: print the cards as JSON"), NULL },
    { NULL }
  };

  if (!parse_options (find_command ("contacts"), entries, &argc, &argv))
    return EXIT_INVALID;

  if (argc == 2 && g_str_equal (argv[1], "list"))
    return contacts_list (json);

  if (argc == 3 && g_str_equal (argv[1], "import"))
    return contacts_import (argv[2]);

  if (argc >= 2 && g_str_equal (argv[1], "import"))
    print_error (_("contacts import: name one dossier file"));
  else
    print_error (_("contacts: write “contacts list” or “contacts import FILE”"));

  return EXIT_INVALID;
}

/* export */

#define EXPORT_KEYRING_TIMEOUT_MS 5000

static void
export_store_loaded_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The address book, when the dossier names cards it does not carry: the
 * bundle's dossier.json and the documents need them (DESIGN §4). */
static HabContactStore *
export_contact_store (HabDossier *dossier)
{
  static const char *const roles[] = {
    HAB_ROLE_DEMANDEUR, HAB_ROLE_RESPONSABLE_TRAITEMENT, HAB_ROLE_DELEGUE_PROTECTION_DONNEES,
    HAB_ROLE_RESPONSABLE_TECHNIQUE, HAB_ROLE_EDITEUR,
  };
  g_autoptr(HabContactStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean needed = FALSE;

  for (guint r = 0; r < G_N_ELEMENTS (roles) && !needed; r++)
    {
      g_autofree char *id_path = g_strdup_printf ("actors.%s.contact_id", roles[r]);
      g_autofree char *card_path = g_strdup_printf ("actors.%s.contact", roles[r]);
      const char *contact_id = hab_dossier_get_string (dossier, id_path);

      needed = contact_id != NULL && *contact_id != '\0'
               && hab_dossier_get_object (dossier, card_path) == NULL;
    }
  if (!needed)
    return NULL;

  store = hab_contact_store_new ();
  hab_contact_store_set_timeout (store, EXPORT_KEYRING_TIMEOUT_MS);
  hab_contact_store_load_async (store, FALSE, NULL, export_store_loaded_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  if (!hab_contact_store_load_finish (store, result, &error))
    {
      g_printerr (_("habilitation-cli: note: %s Contact cards are read from the files only.\n"),
                  error->message);
      return NULL;
    }

  return g_steal_pointer (&store);
}

/* The thread reading the documents' fonts, joined on the way out. */
typedef GThread HabFontsThread;

static void
join_fonts_thread (HabFontsThread *thread)
{
  g_thread_join (thread);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HabFontsThread, join_fonts_thread)

static int
run_export (int    argc,
            char **argv)
{
  static char *output = NULL;
  static char *today_text = NULL;
  static gboolean draft = FALSE;
  static GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the bundle to this file"),
      N_("BUNDLE.zip") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text,
      N_("Take this date as today for the date rules and the documents"), N_("YYYY-MM-DD") },
    { "draft", 0, 0, G_OPTION_ARG_NONE, &draft,
      N_("Export even though errors remain, every page marked as a draft"), NULL },
    { NULL }
  };
  g_autoptr(HabDossier) dossier = NULL;
  g_autoptr(HabContactStore) store = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autoptr(HabFontsThread) fonts = NULL;
  HabDocumentOptions options;

  if (!parse_options (find_command ("export"), entries, &argc, &argv))
    return EXIT_INVALID;

  if (argc != 2)
    {
      print_error (_("export: name one dossier file"));
      return EXIT_INVALID;
    }

  if (output == NULL || *output == '\0')
    {
      print_error (_("export: name the bundle to write, with -o BUNDLE.zip"));
      return EXIT_INVALID;
    }

  /* The fonts load while the dossier is read and checked. */
  fonts = hab_pdf_prepare_fonts ();

  hab_document_options_init (&options);
  options.draft = draft;
  if (today_text != NULL && !parse_today (today_text, &options.today))
    {
      print_error (_("export: “%s” is not a date; write --today YYYY-MM-DD"), today_text);
      return EXIT_INVALID;
    }

  dossier = load_dossier (argv[1]);
  if (dossier == NULL)
    return EXIT_INVALID;

  store = export_contact_store (dossier);
  if (store != NULL)
    {
      options.contact_lookup = hab_contact_store_lookup_func;
      options.contact_lookup_data = store;
    }

  file = g_file_new_for_commandline_arg (output);
  if (!hab_bundle_write (dossier, file, &options, NULL, NULL, NULL, &error))
    {
      if (g_error_matches (error, HAB_BUNDLE_ERROR, HAB_BUNDLE_ERROR_HAS_ERRORS))
        {
          /* Translators: the file, the reason, then the file again */
          print_error (_("%s: %s (“habilitation-cli check %s” lists them; --draft exports anyway)"),
                       argv[1], error->message, argv[1]);
          return EXIT_FINDINGS;
        }

      print_error ("%s: %s", argv[1], error->message);
      return g_error_matches (error, HAB_BUNDLE_ERROR, HAB_BUNDLE_ERROR_ATTACHMENT) ? EXIT_FINDINGS
                                                                                    : EXIT_INVALID;
    }

  written = g_file_get_parse_name (file);
  /* Translators: the dossier, then the bundle written from it */
  g_print (draft ? _("%s: draft bundle written to %s\n") : _("%s: bundle written to %s\n"),
           argv[1], written);

  return EXIT_OK;
}

static const Command commands[] = {
  { "check", N_("FILE…"), N_("Checks dossiers against the DGFiP and DataPass rules.\n\n"
                             "Exit status: 0 no error, 1 errors found, 2 a file cannot be read."),
    run_check },
  { "fingerprint", N_("FILE"), N_("Prints the fingerprint of the requested data (sha256:…), "
                                  "the value a DPO approval is bound to."),
    run_fingerprint },
  { "datapass-url", N_("FILE"), N_("Prints the link that opens a DataPass request pre-filled "
                                   "with the dossier (never contacts or files).\n\n"
                                   "Exit status: 0, or 2 when the file cannot be read or no "
                                   "link applies (an in-house production request starts from "
                                   "the validated sandbox request)."),
    run_datapass_url },
  { "export", N_("FILE -o BUNDLE.zip"),
    N_("Writes the bundle to submit: the dossier, its documents, its attached files, SHA256SUMS.\n\n"
       "The ZIP holds the dossier with its contact cards, the summary, the employer "
       "attestations, the designation, the security questionnaire, the DataPass hand-off, the "
       "attached documents and SHA256SUMS. The same dossier gives the same bytes.\n\n"
       "Exit status: 0, 1 when errors remain (unless --draft) or an attached file is missing or "
       "changed, 2 when the file cannot be read or the bundle cannot be written."),
    run_export },
  { "review", N_("FILE"), N_("Appends a review of the DPO, bound to the fingerprint of the "
                             "data as they are now, and saves the dossier.\n\n"
                             "Exit status: 0, or 2 when the file cannot be read or saved, or "
                             "the options are wrong."),
    run_review },
  { "rules", "", N_("Lists every rule with its severity, step and description."), run_rules },
  { "contacts", N_("list | import FILE"),
    N_("Lists the address book kept in the keyring (name, roles, e-mail), or moves a "
       "dossier’s inline contact cards into the keyring and removes them from the file.\n\n"
       "Exit status: 0, 1 when no keyring answers or it is locked, 2 when the file cannot be "
       "read or saved."),
    run_contacts },
};

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];

  return NULL;
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n", _("Usage: habilitation-cli COMMAND [OPTION…] [FILE…]"));
  fprintf (stream, "\n%s\n", _("Prepares DataPass requests for the DGFiP APIs."));
  fprintf (stream, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *summary = g_strdup (_(commands[i].summary));
      char *newline = strchr (summary, '\n');

      if (newline != NULL)
        *newline = '\0';
      fprintf (stream, "  %-14s %s\n", commands[i].name, summary);
    }
  fprintf (stream, "\n%s\n", _("Run “habilitation-cli COMMAND --help” for the options of a command."));
}

int
main (int   argc,
      char *argv[])
{
  const Command *command;

#ifdef M_TOP_PAD
  /* An export's threads grew their heaps a page or so at a time: each time
   * an mprotect() or brk() that holds up the other thread's page faults
   * (and, under a hypervisor, interrupts its processor), some 440 calls in
   * an export. Grown by 16 MB at a time (address space only, until
   * written), 70 calls remain, mostly the libraries' own as they load: an
   * export takes 1 to 1.8 ms less, of some 30. */
  mallopt (M_TOP_PAD, 16 * 1024 * 1024);
#endif

  hab_i18n_init ();
  g_set_prgname ("habilitation-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_INVALID;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("habilitation-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  command = find_command (argv[1]);
  if (command == NULL)
    {
      print_error (_("unknown command “%s”; run “habilitation-cli --help” for the list"), argv[1]);
      return EXIT_INVALID;
    }

  return command->run (argc - 1, argv + 1);
}
