package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/internal/synth"
)

func TestRun(t *testing.T) {
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	var want bytes.Buffer
	require.NoError(t, synth.WriteXLSX(&want, synth.Generate(cl, 5)))

	path := filepath.Join(t.TempDir(), "synthetic-test.xlsx")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o600))
	require.NoError(t, run([]string{"-seed", "5", "-o", path}, io.Discard))
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, want.Bytes(), got, "the file holds the survey of seed 5")
	fi, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), fi.Mode().Perm())
	left, err := filepath.Glob(filepath.Join(filepath.Dir(path), ".gensynth-*"))
	require.NoError(t, err)
	assert.Empty(t, left, "no temporary file left behind")
}

// TestRunAll writes the earlier wave and the known-issues register too, each the
// same as the library writes it for the seed.
func TestRunAll(t *testing.T) {
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	var survey, baseline, issues, issuesCSV bytes.Buffer
	require.NoError(t, synth.WriteXLSX(&survey, synth.Generate(cl, 5)))
	require.NoError(t, synth.WriteXLSX(&baseline, synth.GenerateBaseline(cl, 5)))
	require.NoError(t, synth.WriteKnownIssuesXLSX(&issues, synth.KnownIssues(cl, 5), 5))
	require.NoError(t, synth.WriteKnownIssuesCSV(&issuesCSV, synth.KnownIssues(cl, 5), 5))

	dir := t.TempDir()
	path := func(name string) string { return filepath.Join(dir, name) }
	require.NoError(t, run([]string{"-seed", "5", "-o", path("s.xlsx"), "-baseline", path("b.xlsx"),
		"-known-issues", path("k.xlsx"), "-known-issues-csv", path("k.csv")}, io.Discard))
	for name, want := range map[string][]byte{
		"s.xlsx": survey.Bytes(), "b.xlsx": baseline.Bytes(), "k.xlsx": issues.Bytes(), "k.csv": issuesCSV.Bytes(),
	} {
		got, err := os.ReadFile(path(name))
		require.NoError(t, err)
		assert.Equal(t, want, got, name)
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 4, "no temporary file left behind")
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
	}{
		{"bad seed", []string{"-seed", "x"}},
		{"unknown flag", []string{"-z"}},
		{"extra argument", []string{"-o", filepath.Join(dir, "a.xlsx"), "b"}},
		{"missing folder", []string{"-o", filepath.Join(dir, "no", "such", "a.xlsx")}},
		{"missing folder for the baseline", []string{"-o", filepath.Join(dir, "a.xlsx"), "-baseline", filepath.Join(dir, "no", "b.xlsx")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Error(t, run(tc.args, io.Discard))
		})
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "nothing written on error")
}
