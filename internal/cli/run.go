package cli

import (
	"context"
	"slices"

	"github.com/spf13/cobra"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
)

// RunOptions holds the flags and streams of "gapstudy run".
type RunOptions struct {
	IO
	studyFlags
	importFlags
	layoutFlags
	waveFlags
	Files []string
}

// newRunCmd returns "gapstudy run"; runF, when not nil, is called with the
// parsed options instead of runStudy (for tests).
func newRunCmd(streams IO, runF func(context.Context, *RunOptions) error) *cobra.Command {
	opts := &RunOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "run [flags] FILE...",
		Short: "Score a survey against a checklist and rank the priority measures",
		Long: `run imports the survey files (.xlsx, .xlsm, .csv; folders are searched for
them), scores every country on every checklist item, finds the gaps, ranks the
checklist's priority measures, and writes the outputs asked for.

Every problem in the input is printed with its file, sheet and cell. The exit code
is 1 when the data had errors (or warnings, with --strict) or an output could not
be written, 2 for usage errors, 130 when interrupted (Ctrl-C).

Outputs never replace an input: an output that is an input file, or lies inside
an input folder, is refused before anything is read. Each output is written to a
temporary file beside it and renamed over the earlier file only when complete;
an interrupted or failed run leaves the earlier outputs as they were.

With --baseline OLD (survey files or a folder of an earlier wave, or the
results workbook of an earlier run), the study is also compared with that
wave, scored with the same checklist and config: the workbook gains the
sheets Progress, Transitions and Remaining and a "Since baseline" column on
Gaps, the JSON the keys transitions, progress, item_transitions and
measure_progress. With --known-issues FILE (xlsx or csv: country, item,
source, optional date and note), each issue raised earlier gets a verdict
against this survey: resolved, remaining, not-applicable or unknown.`,
		Example: `  gapstudy run -o results.xlsx survey.xlsx
  gapstudy run --checklist my-checklist.yaml --json results.json -o results.xlsx survey.xlsx
  gapstudy run --config study.yaml --csv out/ replies/
  gapstudy run --layout respondents --mapping mapping.csv -o results.xlsx export.xlsx
  gapstudy run --baseline wave-2019/ --known-issues known-issues.xlsx -o results.xlsx wave-2026/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runStudy(cmd.Context(), opts)
		},
	}
	addStudyFlags(cmd, &opts.studyFlags)
	addImportFlags(cmd, &opts.importFlags)
	addLayoutFlags(cmd, &opts.layoutFlags)
	addWaveFlags(cmd, &opts.waveFlags, true)
	cmd.Flags().StringVar(&opts.checklist, "checklist", "", "checklist file (YAML or xlsx); default: the built-in "+gapanalysis.BuiltinID)
	return cmd
}

func addStudyFlags(cmd *cobra.Command, f *studyFlags) {
	cmd.Flags().StringVar(&f.config, "config", "", "study config file (YAML)")
	cmd.Flags().StringVarP(&f.out, "out", "o", "", "write the results workbook (.xlsx)")
	cmd.Flags().StringVar(&f.json, "json", "", "write the results as JSON")
	cmd.Flags().StringVar(&f.csv, "csv", "", "write the result tables as CSV files into this folder")
	cmd.Flags().StringVar(&f.markdown, "markdown", "", "write a short Markdown summary")
	cmd.Flags().StringVar(&f.plots, "plots", "", "write the uncertainty plots (rank-intervals.png, sobol.png) into this folder; needs --samples")
	cmd.Flags().StringVar(&f.fiches, "fiches", "", "write one HTML country fiche per assessed country (AT.html, …) and index.html into this folder")
	cmd.Flags().StringVar(&f.method, "method", "", "ranking method: wsm, topsis, promethee2 or vikor (default wsm)")
	cmd.Flags().BoolVar(&f.strict, "strict", false, "exit 1 on warnings too")
	f.samples = 1000
	cmd.Flags().Var(countFlag{&f.samples}, "samples", "Monte Carlo samples for the rank uncertainty (0: none; default from the config, else 1000)")
	cmd.Flags().Uint64Var(&f.seed, "seed", 1, "seed of the Monte Carlo samples (default from the config)")
	f.sobol = 1024
	cmd.Flags().Var(countFlag{&f.sobol}, "sobol", "base samples of the Sobol sensitivity analysis, run with the Monte Carlo (0: none; default from the config, else 1024)")
	cmd.PreRunE = func(cmd *cobra.Command, args []string) error {
		f.samplesSet = cmd.Flags().Changed("samples")
		f.seedSet = cmd.Flags().Changed("seed")
		f.sobolSet = cmd.Flags().Changed("sobol")
		if f.samples < 0 {
			return usagef("--samples: must not be negative")
		}
		if f.sobol < 0 || f.sobol == 1 {
			return usagef("--sobol: must be 0 or at least 2")
		}
		return nil
	}
}

// runStudy is the body of "gapstudy run".
func runStudy(ctx context.Context, opts *RunOptions) error {
	inputs := append(slices.Clone(opts.Files), opts.baseline, opts.knownIssues)
	cfg, cl, iopts, err := prepareImport(ctx, opts.IO, &opts.studyFlags, &opts.importFlags, &opts.layoutFlags, inputs, opts.outputs())
	if err != nil {
		return err
	}
	ds, err := importers.OpenAll(inputOrder(opts.Files), iopts)
	if err != nil {
		return err
	}
	w, err := opts.waveFlags.read(iopts)
	if err != nil {
		return err
	}
	return opts.study(ctx, cl, ds, cfg, opts.IO, w)
}
