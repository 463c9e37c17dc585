// Command gensynth writes the synthetic EU-27 survey for the built-in checklist:
//
//	go run ./internal/synth/cmd/gensynth -seed 2026 -o testdata/synthetic-eu27-survey.xlsx
//
// `go generate ./internal/synth` runs it with the seed and path of the file kept in
// testdata (and embedded in the gapstudy binary). The file is replaced atomically
// and created with mode 0644.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/internal/synth"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gensynth:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("gensynth", flag.ContinueOnError)
	fs.SetOutput(stderr)
	seed := fs.Uint64("seed", synth.DefaultSeed, "seed of the random generator")
	out := fs.String("o", synth.Name, "output `file` (.xlsx)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	cl, err := gapanalysis.Builtin()
	if err != nil {
		return fmt.Errorf("built-in checklist: %w", err)
	}
	return writeFile(*out, synth.Generate(cl, *seed))
}

// writeFile writes the workbook to a temporary file next to path and renames it
// into place, so that a failed run leaves the old file intact.
func writeFile(path string, ds *gapanalysis.Dataset) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".gensynth-*.xlsx")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if err := synth.WriteXLSX(tmp, ds); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
