// Command gensynth writes the synthetic EU-27 survey for the built-in checklist,
// and optionally its synthetic earlier wave and known-issues register:
//
//	go run ./internal/synth/cmd/gensynth -seed 2026 -o testdata/synthetic-eu27-survey.xlsx \
//		-baseline testdata/synthetic-eu27-baseline.xlsx \
//		-known-issues testdata/synthetic-known-issues.xlsx \
//		-known-issues-csv testdata/synthetic-known-issues.csv
//
// `go generate ./internal/synth` runs it with the seed and paths of the files kept
// in testdata (and embedded in the gapstudy binary). Each file is replaced
// atomically and created with mode 0644.
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
	baseline := fs.String("baseline", "", "also write the earlier wave to `file` (.xlsx)")
	issues := fs.String("known-issues", "", "also write the known-issues register to `file` (.xlsx)")
	issuesCSV := fs.String("known-issues-csv", "", "also write the known-issues register to `file` (.csv)")
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
	writers := []struct {
		path  string
		write func(io.Writer) error
	}{
		{*out, func(w io.Writer) error { return synth.WriteXLSX(w, synth.Generate(cl, *seed)) }},
		{*baseline, func(w io.Writer) error { return synth.WriteXLSX(w, synth.GenerateBaseline(cl, *seed)) }},
		{*issues, func(w io.Writer) error {
			return synth.WriteKnownIssuesXLSX(w, synth.KnownIssues(cl, *seed), *seed)
		}},
		{*issuesCSV, func(w io.Writer) error {
			return synth.WriteKnownIssuesCSV(w, synth.KnownIssues(cl, *seed), *seed)
		}},
	}
	for _, wr := range writers {
		if wr.path == "" {
			continue
		}
		if err := writeFile(wr.path, wr.write); err != nil {
			return fmt.Errorf("%s: %w", wr.path, err)
		}
	}
	return nil
}

// writeFile writes a file to a temporary file next to path and renames it into
// place, so that a failed run leaves the old file intact.
func writeFile(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".gensynth-*"+filepath.Ext(path))
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if err := write(tmp); err != nil {
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
