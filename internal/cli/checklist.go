package cli

import (
	"github.com/spf13/cobra"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
)

// ChecklistOptions holds the flags and streams of "gapstudy checklist".
type ChecklistOptions struct {
	IO
	Checklist string
	Format    string
}

func newChecklistCmd(streams IO) *cobra.Command {
	opts := &ChecklistOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "checklist [--format yaml|md]",
		Short: "Print the checklist (the built-in one by default)",
		Long: `checklist prints a checklist: as YAML (the form you edit and pass back with
--checklist) or as a readable Markdown table of items and measures.`,
		Example: `  gapstudy checklist > my-checklist.yaml
  gapstudy checklist --format md > checklist.md`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runChecklist(opts) },
	}
	cmd.Flags().StringVar(&opts.Format, "format", "yaml", "output format: yaml or md")
	cmd.Flags().StringVar(&opts.Checklist, "checklist", "", "checklist file to print instead of the built-in one")
	return cmd
}

func runChecklist(opts *ChecklistOptions) error {
	switch opts.Format {
	case "yaml", "md":
	default:
		return usagef("--format: %q is not yaml or md", opts.Format)
	}
	if opts.Format == "yaml" && opts.Checklist == "" {
		// The built-in file as shipped, with its comments.
		_, err := opts.Out.Write(gapanalysis.BuiltinYAML())
		return err
	}
	cl, err := loadChecklist(opts.Checklist)
	if err != nil {
		return err
	}
	if opts.Format == "md" {
		return report.WriteChecklistMarkdown(opts.Out, cl)
	}
	b, err := cl.YAML()
	if err != nil {
		return err
	}
	_, err = opts.Out.Write(b)
	return err
}
