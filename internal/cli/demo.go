package cli

import (
	"github.com/spf13/cobra"

	"github.com/gapstudy/gapstudy"
	"github.com/gapstudy/gapstudy/gapanalysis"
)

// DemoOptions holds the flags and streams of "gapstudy demo".
type DemoOptions struct {
	IO
	studyFlags
}

// defaultDemoOut is where demo writes its workbook unless told otherwise.
const defaultDemoOut = "gapstudy-demo-synthetic.xlsx"

func newDemoCmd(streams IO) *cobra.Command {
	opts := &DemoOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "demo [-o FILE]",
		Short: "Run the whole study on the embedded SYNTHETIC EU-27 survey",
		Long: `demo runs the whole pipeline with the built-in checklist for Directive
2011/93/EU and the embedded synthetic EU-27 survey: nothing to download, nothing
to prepare. The survey is SYNTHETIC — generated test data, not an assessment of
any real Member State — and every output says so.`,
		Example: `  gapstudy demo
  gapstudy demo -o study.xlsx --json study.json
  gapstudy demo --samples 2000 --sobol 512 -o study.xlsx --plots plots/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runDemo(opts) },
	}
	addStudyFlags(cmd, &opts.studyFlags)
	cmd.Flags().Lookup("out").DefValue = defaultDemoOut
	opts.out = defaultDemoOut
	return cmd
}

func runDemo(opts *DemoOptions) error {
	cfg, err := opts.loadConfig()
	if err != nil {
		return err
	}
	cl, err := loadChecklist("builtin:" + gapanalysis.BuiltinID)
	if err != nil {
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
	return opts.study(cl, ds, cfg, opts.IO)
}
