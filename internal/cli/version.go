package cli

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

func newVersionCmd(streams IO) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of gapstudy and of the built-in checklist",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(streams.Out, "gapstudy %s (%s)\n", gapanalysis.Version, runtime.Version())
			if cl, err := gapanalysis.Builtin(); err == nil {
				fmt.Fprintf(streams.Out, "built-in checklist %s version %s (%d items, %d measures)\n", cl.ID, cl.Version, len(cl.Items()), len(cl.Measures))
			}
			return nil
		},
	}
}
