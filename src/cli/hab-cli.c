/* hab-cli.c: habilitation-cli, the command line over the core (DESIGN §8).
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "habilitation-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "hab-datapass.h"
#include "hab-fingerprint.h"
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
  { "rules", "", N_("Lists every rule with its severity, step and description."), run_rules },
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

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
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
