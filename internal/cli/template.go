package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
)

// TemplateOptions holds the flags and streams of "gapstudy template".
type TemplateOptions struct {
	IO
	Dir       string // -o: the folder the questionnaires are written to
	Countries string // --countries: eu27, all, or a comma-separated list
	Checklist string
	Title     string
	ReturnTo  string
	Deadline  string
	Force     bool // overwrite existing files
	// Panel writes the expert panel's scoring forms instead of the
	// questionnaires: Experts forms, one per expert.
	Panel   bool
	Experts int
}

// newTemplateCmd returns "gapstudy template"; runF, when not nil, is called
// with the parsed options instead of runTemplate (for tests).
func newTemplateCmd(streams IO, runF func(context.Context, *TemplateOptions) error) *cobra.Command {
	opts := &TemplateOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "template -o DIR [--countries eu27|all|AT,BE,…] [--checklist FILE]",
		Short: "Write one questionnaire workbook per country, to send to national experts",
		Long: `template writes a questionnaire workbook (.xlsx) for each country into DIR, named
questionnaire-<country code>-<checklist ID>.xlsx, and prints the files written.

Each workbook has a Cover sheet (the country; fields for the respondent's name,
organisation and the date; instructions; an "About this file" block that
identifies the questionnaire) and a Questionnaire sheet with one row per checklist
item, grouped by pillar and theme: the provision, the question, guidance, a status
dropdown (full, partial, none, na, unknown), evidence and comment cells, and a link
to the provision. The sheets are protected without a password; only the answer
cells can be edited. Items of the Directive are prefilled na for a country it does
not bind (Denmark).

The filled-in files are read back by run and validate, alone or as a folder: the
country comes from each file's Cover sheet.

With --panel, template writes the expert panel's scoring forms instead: --experts N
forms named panel-form-E01-<checklist ID>.xlsx … (the expert ID E01… prefilled in
the Expert ID cell, which the expert may overwrite with a name), each with the
checklist's measures down (ID, title, items addressed) and its expert criteria
across, every criterion explained (what 1 and 5 mean; for a cost criterion 5 is the
most costly), and a 1–5 dropdown in every rating cell. run --panel reads them back.

--countries takes eu27 (the default), all (the EU and Iceland, Liechtenstein,
Norway, Switzerland and the United Kingdom), or a comma-separated list of codes or
names. Existing files are not overwritten unless --force is given.`,
		Example: `  gapstudy template -o questionnaires/
  gapstudy template -o out/ --countries AT,BE,DE --deadline "30 June 2026" --return-to study@example.org
  gapstudy template -o out/ --checklist my-checklist.yaml --countries all
  gapstudy template --panel -o panel/ --experts 7`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runTemplate(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Dir, "out", "o", "", "folder to write the questionnaires to (created if missing)")
	cmd.Flags().StringVar(&opts.Countries, "countries", "eu27", "countries: eu27, all, or a comma-separated list of codes or names")
	cmd.Flags().StringVar(&opts.Checklist, "checklist", "", "checklist file (YAML); default: the built-in "+gapanalysis.BuiltinID)
	cmd.Flags().StringVar(&opts.Title, "title", "", `title on the Cover sheet (default "Questionnaire: <checklist title>")`)
	cmd.Flags().StringVar(&opts.ReturnTo, "return-to", "", "where to return the filled-in file (e.g. an e-mail address), shown in the instructions")
	cmd.Flags().StringVar(&opts.Deadline, "deadline", "", "date by which to return the file, shown in the instructions")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "overwrite existing questionnaire files")
	cmd.Flags().BoolVar(&opts.Panel, "panel", false, "write the expert panel's scoring forms (one per expert) instead of questionnaires")
	cmd.Flags().IntVar(&opts.Experts, "experts", 0, "with --panel: the number of experts, one form each")
	return cmd
}

// runTemplate is the body of "gapstudy template".
func runTemplate(ctx context.Context, opts *TemplateOptions) error {
	if opts.Dir == "" {
		return usagef("-o/--out: give the folder to write the questionnaires to")
	}
	if opts.Panel {
		return runPanelTemplate(ctx, opts)
	}
	if opts.Experts != 0 {
		return usagef("--experts goes with --panel (the expert panel's scoring forms)")
	}
	countries, err := parseCountries(opts.Countries)
	if err != nil {
		return err
	}
	cl, err := loadChecklist(opts.Checklist)
	if err != nil {
		return err
	}
	names := make([]string, len(countries))
	paths := make([]string, len(countries))
	for i, cc := range countries {
		names[i] = report.TemplateFileName(cl, cc)
		paths[i] = filepath.Join(opts.Dir, names[i])
	}
	if err := prepareTemplateDir(ctx, opts, names, paths); err != nil {
		return err
	}
	to := &report.TemplateOptions{
		Title:    opts.Title,
		ReturnTo: opts.ReturnTo,
		Deadline: opts.Deadline,
		Tool:     "gapstudy " + gapanalysis.Version,
	}
	jobs := make([]outputJob, len(countries))
	for i, cc := range countries {
		jobs[i] = outputJob{name: paths[i], path: paths[i],
			write: func(w io.Writer) error { return report.WriteTemplate(w, cl, cc, to) },
			done:  func() { fmt.Fprintln(opts.Out, paths[i]) }}
	}
	return writeOutputs(ctx, opts.IO, jobs)
}

// prepareTemplateDir refuses outputs that would destroy an input or an
// existing file (without --force) and creates the folder.
func prepareTemplateDir(ctx context.Context, opts *TemplateOptions, names, paths []string) error {
	var existing []string
	if err := checkOutputs(ctx, opts.gate, []string{opts.Checklist}, []output{{flag: "-o/--out", path: opts.Dir, files: names}}); err != nil {
		return err
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err == nil {
			existing = append(existing, p)
		}
	}
	if len(existing) > 0 && !opts.Force {
		verb := "exist"
		if len(existing) == 1 {
			verb = "exists"
		}
		return usagef("%s already %s (perhaps filled in); use --force to overwrite", strings.Join(existing, ", "), verb)
	}
	if !opts.gate.begin(ctx) {
		return ctx.Err()
	}
	err := os.MkdirAll(opts.Dir, 0o755)
	opts.gate.end()
	if err != nil {
		return fmt.Errorf("template: %w", err)
	}
	return nil
}

// maxExperts bounds --experts: a panel larger than this is surely a typo.
const maxExperts = 500

// runPanelTemplate writes the expert panel's scoring forms.
func runPanelTemplate(ctx context.Context, opts *TemplateOptions) error {
	if opts.Experts < 1 || opts.Experts > maxExperts {
		return usagef("--experts: give the number of experts, 1 to %d (got %d)", maxExperts, opts.Experts)
	}
	cl, err := loadChecklist(opts.Checklist)
	if err != nil {
		return err
	}
	if len(cl.Measures) == 0 || len(cl.Criteria) == 0 {
		return usagef("--panel: checklist %s has no measures or no expert criteria to score", cl.ID)
	}
	names := make([]string, opts.Experts)
	paths := make([]string, opts.Experts)
	for i := range names {
		names[i] = report.PanelFormFileName(cl, i+1)
		paths[i] = filepath.Join(opts.Dir, names[i])
	}
	if err := prepareTemplateDir(ctx, opts, names, paths); err != nil {
		return err
	}
	jobs := make([]outputJob, opts.Experts)
	for i := range jobs {
		fo := &report.PanelFormOptions{Expert: report.PanelExpertID(i + 1), Title: opts.Title, Tool: "gapstudy " + gapanalysis.Version}
		jobs[i] = outputJob{name: paths[i], path: paths[i],
			write: func(w io.Writer) error { return report.WritePanelForm(w, cl, fo) },
			done:  func() { fmt.Fprintln(opts.Out, paths[i]) }}
	}
	return writeOutputs(ctx, opts.IO, jobs)
}

// parseCountries reads the --countries list: "eu27" (or "eu"), "all", and codes
// or names (anything gapanalysis.LookupCountry accepts), separated by commas;
// duplicates count once, in the order first given.
func parseCountries(s string) ([]gapanalysis.CountryCode, error) {
	var out []gapanalysis.CountryCode
	seen := map[gapanalysis.CountryCode]bool{}
	add := func(cs ...gapanalysis.CountryCode) {
		for _, c := range cs {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	for _, tok := range strings.Split(s, ",") {
		tok = strings.TrimSpace(tok)
		switch strings.ToLower(tok) {
		case "":
			continue
		case "eu27", "eu":
			add(gapanalysis.EU27()...)
			continue
		case "all":
			for _, c := range gapanalysis.Countries() {
				add(c.Code)
			}
			continue
		}
		code, ok := gapanalysis.LookupCountry(tok)
		if !ok {
			msg := fmt.Sprintf("--countries: unknown country %q", tok)
			if sug, found := gapanalysis.SuggestCountry(tok); found {
				msg += fmt.Sprintf(" — did you mean %s (%s)?", gapanalysis.CountryName(sug), sug)
			}
			return nil, usagef("%s", msg)
		}
		add(code)
	}
	if len(out) == 0 {
		return nil, usagef("--countries: no country given (use eu27, all, or codes such as AT,BE)")
	}
	return out, nil
}
