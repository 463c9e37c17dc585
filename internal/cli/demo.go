package cli

import (
	"bytes"
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/gapstudy/gapstudy"
	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
)

// DemoOptions holds the flags and streams of "gapstudy demo".
type DemoOptions struct {
	IO
	studyFlags
	noBaseline bool
	noPanel    bool
}

// defaultDemoOut is where demo writes its workbook unless told otherwise.
const defaultDemoOut = "gapstudy-demo-synthetic.xlsx"

// newDemoCmd returns "gapstudy demo"; runF, when not nil, is called with the
// parsed options instead of runDemo (for tests).
func newDemoCmd(streams IO, runF func(context.Context, *DemoOptions) error) *cobra.Command {
	opts := &DemoOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "demo [-o FILE]",
		Short: "Run the whole study on the embedded SYNTHETIC EU-27 survey",
		Long: `demo runs the whole pipeline with the built-in checklist for Directive
2011/93/EU and the embedded synthetic EU-27 survey: nothing to download, nothing
to prepare. The survey is SYNTHETIC — generated test data, not an assessment of
any real Member State — and every output says so.

The demo also compares the survey with an embedded SYNTHETIC earlier wave and
judges an embedded SYNTHETIC register of known issues against it, so that the
outputs show progress since the baseline (sheets Progress, Transitions,
Remaining) and the verdict of each known issue (sheet Known issues).
--no-baseline leaves both out.

It also ranks the measures with an embedded SYNTHETIC expert panel's scores
(seven made-up experts rating every measure on the checklist's expert criteria),
so that the outputs show the Panel sheet and Kendall's W; --no-panel ranks with
the checklist's illustrative values instead.`,
		Example: `  gapstudy demo
  gapstudy demo -o study.xlsx --json study.json
  gapstudy demo --html report.html
  gapstudy demo --samples 2000 --sobol 512 -o study.xlsx --plots plots/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runDemo(cmd.Context(), opts)
		},
	}
	addStudyFlags(cmd, &opts.studyFlags)
	cmd.Flags().BoolVar(&opts.noBaseline, "no-baseline", false, "leave out the synthetic earlier wave and known-issues register")
	cmd.Flags().BoolVar(&opts.noPanel, "no-panel", false, "leave out the synthetic expert panel (rank with the checklist's illustrative criteria values)")
	cmd.Flags().Lookup("out").DefValue = defaultDemoOut
	opts.out = defaultDemoOut
	return cmd
}

func runDemo(ctx context.Context, opts *DemoOptions) error {
	cfg, err := opts.loadConfig()
	if err != nil {
		return err
	}
	// The survey and the checklist are embedded: the config is the only input.
	if err := checkOutputs(ctx, opts.gate, []string{opts.config}, opts.outputs()); err != nil {
		return err
	}
	cl, err := loadChecklist("builtin:" + gapanalysis.BuiltinID)
	if err != nil {
		return err
	}
	if err := opts.checkSampleMemory(cfg, cl); err != nil {
		return err
	}
	iopts, err := importOptions(cl, cfg)
	if err != nil {
		return err
	}
	ds, err := readDemo(gapstudy.SyntheticSurvey, gapstudy.SyntheticSurveyName, iopts)
	if err != nil {
		return err
	}
	if !opts.noPanel {
		if ds.Panel, err = demoPanel(iopts); err != nil {
			return err
		}
	}
	w := &waves{}
	if !opts.noBaseline {
		if w, err = demoWaves(iopts); err != nil {
			return err
		}
	}
	return opts.study(ctx, cl, ds, cfg, opts.IO, w)
}

// demoWaves imports the embedded synthetic earlier wave and known-issues
// register.
func demoWaves(iopts *importers.Options) (*waves, error) {
	old, err := readDemo(gapstudy.SyntheticBaseline, gapstudy.SyntheticBaselineName, iopts)
	if err != nil {
		return nil, fmt.Errorf("demo baseline: %w", err)
	}
	issues, ds, err := importers.ReadKnownIssues(bytes.NewReader(gapstudy.SyntheticKnownIssues), gapstudy.SyntheticKnownIssuesName, iopts)
	if err != nil {
		return nil, fmt.Errorf("demo known issues: %w", err)
	}
	reg := &register{issues: issues}
	if ds != nil {
		reg.diags = ds.Diagnostics
	}
	return &waves{old: old, register: reg}, nil
}
