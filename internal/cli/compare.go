package cli

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
)

// CompareOptions holds the flags and streams of "gapstudy compare".
type CompareOptions struct {
	IO
	studyFlags
	importFlags
	layoutFlags
	waveFlags
	// Old and New are the earlier and the later wave: survey files or
	// folders, or results workbooks.
	Old, New string
}

// newCompareCmd returns "gapstudy compare"; runF, when not nil, is called with
// the parsed options instead of runCompare (for tests).
func newCompareCmd(streams IO, runF func(context.Context, *CompareOptions) error) *cobra.Command {
	opts := &CompareOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "compare [flags] OLD NEW",
		Short: "Compare two survey waves: gaps closed, remaining and new, progress per country",
		Long: `compare scores two survey waves with the same checklist and config and
compares them (SPEC 12). OLD is the earlier wave (the baseline), NEW the later
one; each is a survey file, a folder of survey files, or the results workbook of
an earlier run (its Data sheet is read back).

For every country assessed in both waves and every item, the transition says
what became of the assessment: closed, improved, remaining, worsened, new-gap,
kept, now-known, now-unknown, unknown or not-applicable. Per country: the index
in each wave, the delta (new − old) and the ranks; with --samples, the 5th–95th
percentile interval of the delta and P(improved) from a paired Monte Carlo
analysis (each sample applies the same draw of the item-level inputs to both
waves). Items in only one checklist version are listed and left out; a country
in one wave only is listed with the other wave's values empty.

With --known-issues FILE (xlsx or csv: country, item, source, optional date and
note), each issue raised earlier gets a verdict against NEW: resolved,
remaining, not-applicable or unknown.

The terminal shows the headline (gaps closed, still open and new; countries
improved and worsened; known issues resolved and remaining) and the
diagnostics of both waves. The outputs are those of run on NEW, with the
sheets Progress, Transitions, Remaining and Known issues and the JSON keys
transitions, progress, item_transitions, measure_progress and known_issues.

Exit codes as run: 1 when either wave (or the register) had errors (or
warnings, with --strict) or an output could not be written, 2 for usage
errors (an output that is OLD, NEW or the register is refused), 130 when
interrupted.`,
		Example: `  gapstudy compare wave-2019/ wave-2026/
  gapstudy compare -o progress.xlsx --json progress.json results-2019.xlsx wave-2026.xlsx
  gapstudy compare --known-issues known-issues.csv --samples 2000 --seed 7 old.csv new.csv`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Old, opts.New = args[0], args[1]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runCompare(cmd.Context(), opts)
		},
	}
	addStudyFlags(cmd, &opts.studyFlags)
	addImportFlags(cmd, &opts.importFlags)
	addLayoutFlags(cmd, &opts.layoutFlags)
	addWaveFlags(cmd, &opts.waveFlags, false)
	cmd.Flags().Lookup("samples").Usage = "Monte Carlo samples of the rank uncertainty and of the paired uncertainty of the index deltas (0: none; default from the config, else 1000)"
	cmd.Flags().StringVar(&opts.checklist, "checklist", "", "checklist file (YAML or xlsx); default: the built-in "+gapanalysis.BuiltinID)
	return cmd
}

// runCompare is the body of "gapstudy compare": the study of NEW with OLD as
// its baseline.
func runCompare(ctx context.Context, opts *CompareOptions) error {
	inputs := []string{opts.Old, opts.New, opts.knownIssues}
	cfg, cl, iopts, err := prepareImport(ctx, opts.IO, &opts.studyFlags, &opts.importFlags, &opts.layoutFlags, inputs, opts.outputs())
	if err != nil {
		return err
	}
	ds, err := importers.OpenAll([]string{opts.New}, iopts)
	if err != nil {
		return err
	}
	wf := opts.waveFlags
	wf.baseline = opts.Old
	w, err := wf.read(iopts)
	if err != nil {
		return err
	}
	w.compare = true
	return opts.study(ctx, cl, ds, cfg, opts.IO, w)
}
