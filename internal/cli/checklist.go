package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
)

// ChecklistOptions holds the flags and streams of "gapstudy checklist".
type ChecklistOptions struct {
	IO
	Checklist string
	Format    string
	OutFile   string // -o: the file to write; "" writes to Out
}

// newChecklistCmd returns "gapstudy checklist"; runF, when not nil, is called
// with the parsed options instead of runChecklist (for tests).
func newChecklistCmd(streams IO, runF func(context.Context, *ChecklistOptions) error) *cobra.Command {
	opts := &ChecklistOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "checklist [--format yaml|xlsx|md] [-o FILE]",
		Short: "Print the checklist (the built-in one by default)",
		Long: `checklist prints a checklist: as YAML (the form you edit and pass back with
--checklist), as an xlsx workbook (the same fields, one row per item, on the
sheets About, Items, Measures and Criteria — edit it in Excel or LibreOffice and
pass it back with --checklist just the same), or as a readable Markdown table of
items and measures.

A workbook is not text: --format xlsx needs -o FILE, unless standard output is
redirected to a file or a pipe.`,
		Example: `  gapstudy checklist > my-checklist.yaml
  gapstudy checklist --format xlsx -o my-checklist.xlsx
  gapstudy checklist --checklist my-checklist.xlsx --format yaml -o my-checklist.yaml
  gapstudy checklist --format md > checklist.md`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runChecklist(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "yaml", "output format: yaml, xlsx or md")
	cmd.Flags().StringVar(&opts.Checklist, "checklist", "", "checklist file (YAML or xlsx) to print instead of the built-in one")
	cmd.Flags().StringVarP(&opts.OutFile, "out", "o", "", "write to this file instead of standard output")
	return cmd
}

func runChecklist(ctx context.Context, opts *ChecklistOptions) error {
	switch opts.Format {
	case "yaml", "md", "xlsx":
	default:
		return usagef("--format: %q is not yaml, xlsx or md", opts.Format)
	}
	if opts.Format == "xlsx" && opts.OutFile == "" && isTerminal(opts.Out) {
		return usagef("--format xlsx writes a workbook, not text: give -o FILE.xlsx (or redirect standard output to a file)")
	}
	if err := checkOutputs(ctx, opts.gate, []string{opts.Checklist}, []output{{flag: "-o/--out", path: opts.OutFile}}); err != nil {
		return err
	}
	var write func(w io.Writer) error
	if opts.Format == "yaml" && opts.Checklist == "" {
		// The built-in file as shipped, with its comments.
		write = func(w io.Writer) error {
			_, err := w.Write(gapanalysis.BuiltinYAML())
			return err
		}
	} else {
		cl, err := loadChecklist(opts.Checklist)
		if err != nil {
			return err
		}
		switch opts.Format {
		case "md":
			write = func(w io.Writer) error { return report.WriteChecklistMarkdown(w, cl) }
		case "xlsx":
			write = func(w io.Writer) error { return report.WriteChecklistXLSX(w, cl) }
		default:
			write = func(w io.Writer) error {
				b, err := cl.YAML()
				if err != nil {
					return err
				}
				_, err = w.Write(b)
				return err
			}
		}
	}
	if opts.OutFile == "" {
		return write(opts.Out)
	}
	return writeOutputs(ctx, opts.IO, []outputJob{{name: opts.OutFile, path: opts.OutFile, write: write,
		done: func() { fmt.Fprintf(opts.ErrOut, "wrote %s\n", opts.OutFile) }}})
}
