package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
)

// Exit codes (SPEC 9, 10).
const (
	ExitOK     = 0   // success
	ExitData   = 1   // data errors, or warnings under --strict; an output that could not be written
	ExitUsage  = 2   // usage errors: bad flags, unreadable config or checklist, an output that would replace an input
	ExitSignal = 130 // interrupted by SIGINT or SIGTERM; earlier outputs are left as they were
)

// IO holds the streams a command reads and writes.
type IO struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	gate *gate // nil: no signal handling (see RunContext)
}

// usageError marks an error as a usage error (exit code 2).
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// runError marks an error returned by a command's run function, as opposed
// to one cobra returns while parsing the command line (an unknown command or
// flag, a wrong number of arguments), which is always a usage error.
type runError struct{ err error }

func (e *runError) Error() string { return e.err.Error() }
func (e *runError) Unwrap() error { return e.err }

// errDataProblems is returned when a run completed but the data had errors (or
// warnings under --strict); the problems were already printed.
var errDataProblems = errors.New("data problems")

// errOutputs is returned when an output could not be written; each failure was
// already printed.
var errOutputs = errors.New("outputs not written")

// Main runs the command line with os.Args and returns the exit code. SIGINT and
// SIGTERM interrupt the run: outputs being written are abandoned (their
// temporary files removed, the earlier files left as they were) and the exit
// code is ExitSignal.
func Main() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return RunContext(ctx, os.Args[1:], IO{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr})
}

// Run runs the command line with the given arguments and streams and returns the
// exit code.
func Run(args []string, streams IO) int {
	return RunContext(context.Background(), args, streams)
}

// RunContext is Run that stops when ctx is done, as on a signal. The run is
// abandoned at once, except for a file step in progress (a temporary file being
// written, or the renames that put the outputs in place), which it waits for;
// the temporary files are removed, nothing more is written to a file or the
// streams, and the exit code is ExitSignal. The earlier outputs are then as
// they were. A signal that comes after the outputs were put in place lets the
// run end normally.
func RunContext(ctx context.Context, args []string, streams IO) int {
	return runWith(ctx, args, streams, NewRootCmd)
}

// runWith is RunContext with the root command made by newRoot.
func runWith(ctx context.Context, args []string, streams IO, newRoot func(IO) *cobra.Command) int {
	g := newGate()
	gated := IO{In: streams.In, Out: gatedWriter{g, streams.Out}, ErrOut: gatedWriter{g, streams.ErrOut}, gate: g}
	root := newRoot(gated)
	root.SetArgs(args)
	done := make(chan error, 1)
	go func() { done <- root.ExecuteContext(ctx) }()
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		if g.abandon() {
			fmt.Fprintln(streams.ErrOut, "gapstudy: interrupted; no output was replaced")
			return ExitSignal
		}
		err = <-done
	}
	g.close()
	return exitCode(err, streams.ErrOut)
}

// exitCode prints err (unless it was printed already) and returns the exit
// code it calls for, chosen by the error's type.
func exitCode(err error, errOut io.Writer) int {
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		fmt.Fprintln(errOut, "gapstudy: interrupted; no output was replaced")
		return ExitSignal
	case errors.Is(err, errDataProblems), errors.Is(err, errOutputs):
		return ExitData
	}
	msg := strings.ReplaceAll(strings.TrimSpace(err.Error()), "\n", "; ")
	fmt.Fprintln(errOut, "gapstudy: "+msg)
	var ue *usageError
	var re *runError
	if errors.As(err, &ue) || !errors.As(err, &re) {
		return ExitUsage
	}
	return ExitData
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
		newRunCmd(streams, nil),
		newDemoCmd(streams, nil),
		newCompareCmd(streams, nil),
		newValidateCmd(streams, nil),
		newChecklistCmd(streams, nil),
		newTemplateCmd(streams, nil),
		newVersionCmd(streams),
	)
	markRunErrors(root)
	return root
}

// markRunErrors wraps the run function of every command so that its errors are
// told apart from cobra's own (see runError).
func markRunErrors(c *cobra.Command) {
	for _, sub := range c.Commands() {
		markRunErrors(sub)
	}
	if c.RunE == nil {
		return
	}
	run := c.RunE
	c.RunE = func(cmd *cobra.Command, args []string) error {
		if err := run(cmd, args); err != nil {
			return &runError{err}
		}
		return nil
	}
}
