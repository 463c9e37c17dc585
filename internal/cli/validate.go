package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// ValidateOptions holds the flags and streams of "gapstudy validate".
type ValidateOptions struct {
	IO
	studyFlags
	importFlags
	layoutFlags
	Files []string
}

// newValidateCmd returns "gapstudy validate"; runF, when not nil, is called with
// the parsed options instead of runValidate (for tests).
func newValidateCmd(streams IO, runF func(context.Context, *ValidateOptions) error) *cobra.Command {
	opts := &ValidateOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "validate [flags] FILE...",
		Short: "Check survey files and report every problem with its cell",
		Long: `validate imports the survey files as run would, prints every diagnostic
(file!sheet!cell: severity code: message) and, for every sheet, an accounting line:
rows read = rows used + rows reported. Nothing is written. Exit code 1 when there
are errors (or warnings, with --strict), or when no response was read at all.`,
		Example: `  gapstudy validate survey.xlsx
  gapstudy validate --checklist my-checklist.yaml replies/
  gapstudy validate --sheet Answers=matrix --sheet Export=respondents survey.xlsx
  gapstudy validate --mapping mapping.yaml survey-tool-export.csv`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runValidate(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.checklist, "checklist", "", "checklist file (YAML or xlsx); default: the built-in "+gapanalysis.BuiltinID)
	cmd.Flags().StringVar(&opts.config, "config", "", "study config file (YAML)")
	cmd.Flags().BoolVar(&opts.strict, "strict", false, "exit 1 on warnings too")
	addImportFlags(cmd, &opts.importFlags)
	addLayoutFlags(cmd, &opts.layoutFlags)
	return cmd
}

func runValidate(ctx context.Context, opts *ValidateOptions) error {
	// Responses stream through a Checker, which finds duplicate and conflicting
	// answers across rows and files without keeping them: memory does not grow
	// with the survey.
	var ck *gapanalysis.Checker
	sink := func(cl *gapanalysis.Checklist) func(gapanalysis.Response) {
		ck = gapanalysis.NewChecker(cl)
		return ck.Add
	}
	_, _, ds, err := importSurveys(ctx, opts.IO, &opts.studyFlags, &opts.importFlags, &opts.layoutFlags, opts.Files, nil, sink)
	if err != nil {
		return err
	}
	if ck.Unlocated() {
		// A second pass names the cells of the earlier answers of repeats.
		if _, _, _, err := importSurveys(ctx, opts.IO, &opts.studyFlags, &opts.importFlags, &opts.layoutFlags, opts.Files, nil,
			func(*gapanalysis.Checklist) func(gapanalysis.Response) { return ck.Locate }); err != nil {
			return err
		}
	}
	diags := append(ds.Diagnostics, ck.Diagnostics()...)
	derr := reportDiagnostics(opts.Out, diags, opts.strict, 0)
	for _, a := range ds.Accounts {
		where := a.File
		if a.Sheet != "" {
			where += "!" + a.Sheet
		}
		state := "ok"
		if !a.Balanced() {
			state = "UNBALANCED"
		}
		layout := a.Layout
		if layout == "" {
			layout = "no" // the sheet was not read: no header, or empty
		}
		fmt.Fprintf(opts.Out, "%s: %s layout, %d rows read = %d used + %d reported (%s)\n",
			where, layout, a.RowsRead, a.RowsUsed, a.RowsReported, state)
	}
	fmt.Fprintf(opts.Out, "%s from %s\n", plural(ck.Responses(), "response"), plural(len(ck.Countries()), "country"))
	if ck.Responses() == 0 {
		fmt.Fprintln(opts.Out, "no usable response: run would have nothing to rank")
		return errDataProblems
	}
	return derr
}

// plural returns "1 country", "2 countries", "0 responses"…
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
