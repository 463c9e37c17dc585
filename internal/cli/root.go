package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
)

// Exit codes (SPEC 9).
const (
	ExitOK    = 0 // success
	ExitData  = 1 // data errors, or warnings under --strict
	ExitUsage = 2 // usage errors: bad flags, unreadable config or checklist
)

// IO holds the streams a command reads and writes.
type IO struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
}

// usageError marks an error as a usage error (exit code 2).
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// errDataProblems is returned when a run completed but the data had errors (or
// warnings under --strict); the problems were already printed.
var errDataProblems = errors.New("data problems")

// Main runs the command line with os.Args and returns the exit code.
func Main() int {
	return Run(os.Args[1:], IO{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr})
}

// Run runs the command line with the given arguments and streams and returns the
// exit code.
func Run(args []string, streams IO) int {
	root := NewRootCmd(streams)
	root.SetArgs(args)
	err := root.Execute()
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, errDataProblems):
		return ExitData
	}
	var ue *usageError
	msg := strings.ReplaceAll(strings.TrimSpace(err.Error()), "\n", "; ")
	fmt.Fprintln(streams.ErrOut, "gapstudy: "+msg)
	if errors.As(err, &ue) || isFlagError(err) {
		return ExitUsage
	}
	return ExitData
}

func isFlagError(err error) bool {
	s := err.Error()
	for _, p := range []string{"unknown flag", "unknown shorthand", "unknown command", "flag needs an argument", "invalid argument", "accepts ", "requires at least"} {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// NewRootCmd returns the gapstudy command with all subcommands.
func NewRootCmd(streams IO) *cobra.Command {
	root := &cobra.Command{
		Use:   "gapstudy",
		Short: "Gap study of national law and practice against Directive 2011/93/EU",
		Long: `gapstudy imports survey spreadsheets of national laws and practices, scores
every country against a checklist of the Directive's requirements and best
practices, ranks the candidate priority measures by multi-criteria analysis, and
writes a ranked Excel workbook, JSON and CSV.

A checklist for Directive 2011/93/EU is built in; "gapstudy demo" runs the whole
pipeline on an embedded SYNTHETIC survey.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(streams.Out)
	root.SetErr(streams.ErrOut)
	root.SetIn(streams.In)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return &usageError{err} })
	root.AddCommand(
		newRunCmd(streams),
		newDemoCmd(streams),
		newValidateCmd(streams),
		newChecklistCmd(streams),
		newTemplateCmd(streams),
		newVersionCmd(streams),
	)
	return root
}
