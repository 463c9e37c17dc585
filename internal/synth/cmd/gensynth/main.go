// Command gensynth writes the synthetic EU-27 survey for the built-in checklist,
// and optionally its synthetic earlier wave and known-issues register:
//
//	go run ./internal/synth/cmd/gensynth -seed 2026 -o testdata/synthetic-eu27-survey.xlsx \
//		-baseline testdata/synthetic-eu27-baseline.xlsx \
//		-known-issues testdata/synthetic-known-issues.xlsx \
//		-known-issues-csv testdata/synthetic-known-issues.csv \
//		-panel testdata/synthetic-panel.xlsx
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
	panel := fs.String("panel", "", "also write the synthetic expert panel to `file` (.xlsx)")
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
		{*panel, func(w io.Writer) error { return synth.WritePanelXLSX(w, synth.Panel(cl, *seed), *seed) }},
	}
	// Every file is complete before any is renamed into place.
	var tmps, paths []string
	defer func() {
		for _, tmp := range tmps {
			os.Remove(tmp) // no-op after the rename
		}
	}()
	for _, wr := range writers {
		if wr.path == "" {
			continue
		}
		tmp, err := writeTemp(wr.path, wr.write)
		if err != nil {
			return fmt.Errorf("%s: %w", wr.path, err)
		}
		tmps, paths = append(tmps, tmp), append(paths, wr.path)
	}
	for i, tmp := range tmps {
		if err := os.Rename(tmp, paths[i]); err != nil {
			return err
		}
	}
	return nil
}

// writeTemp writes a file to a temporary file next to path, with mode 0644, and
// returns its name; on an error it leaves nothing behind.
func writeTemp(path string, write func(io.Writer) error) (string, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".gensynth-*"+filepath.Ext(path))
	if err != nil {
		return "", err
	}
	err = write(tmp)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	return tmp.Name(), nil
}
