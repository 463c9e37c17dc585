package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/report"
)

// ficheNames returns the names of the files in dir, sorted.
func ficheNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

// TestFichesFlag: run, demo and compare write one fiche per assessed country
// and index.html into the --fiches folder, created when missing.
func TestFichesFlag(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.csv", goodCSV)
	old := writeFile(t, dir, "old.csv", oldWave)
	cur := writeFile(t, dir, "new.csv", newWave)
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"run", []string{"run", "--samples", "0", good}, []string{"AT.html", "BE.html", "index.html"}},
		{"compare", []string{"compare", "--samples", "0", old, cur}, nil},
		{"demo", []string{"demo", "--samples", "20", "--sobol", "0", "-o", filepath.Join(dir, "demo.xlsx")}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, tc.name, "fiches")
			code, _, errOut := runCLI(t, append(tc.args, "--fiches", out)...)
			require.Equal(t, ExitOK, code, errOut)
			assert.Contains(t, errOut, "wrote country fiches to "+out)
			names := ficheNames(t, out)
			require.Contains(t, names, report.FicheIndexFile)
			if tc.want != nil {
				assert.Equal(t, tc.want, names)
			}
			if tc.name == "demo" {
				assert.Len(t, names, 28, "27 Member States and the index")
				index, err := os.ReadFile(filepath.Join(out, report.FicheIndexFile))
				require.NoError(t, err)
				assert.Contains(t, string(index), report.SyntheticBanner)
			}
			if tc.name == "compare" {
				at, err := os.ReadFile(filepath.Join(out, "AT.html"))
				require.NoError(t, err)
				assert.Contains(t, string(at), `id="progress"`, "compare's fiches show the progress")
			}
			assertNoTemporaries(t, dir)
		})
	}
}

// TestFichesRefused: --fiches is refused, as a usage error before anything is
// read, where it would put results among the inputs.
func TestFichesRefused(t *testing.T) {
	dir := t.TempDir()
	survey := writeFile(t, dir, "survey.csv", badSurvey)
	replies := filepath.Join(dir, "replies")
	require.NoError(t, os.Mkdir(replies, 0o755))
	writeFile(t, replies, "AT.csv", badSurvey)
	// An input with the name of a fiche.
	page := writeFile(t, dir, "AT.html", "<p>notes</p>")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"the input folder", []string{"run", "--fiches", replies, replies}, "--fiches " + replies + ": is the input folder"},
		{"inside the input folder", []string{"run", "--fiches", filepath.Join(replies, "fiches"), replies}, "is inside the input folder " + replies},
		{"a file", []string{"run", "--fiches", survey, survey}, "is a file, not a folder"},
		{"would replace an input", []string{"run", "--fiches", dir, page, survey}, "would replace the input " + page + " with its AT.html"},
		{"demo: a file", []string{"demo", "--fiches", survey}, "--fiches " + survey + ": is a file, not a folder"},
		{"the same as --csv", []string{"run", "--fiches", filepath.Join(dir, "out"), "--json", filepath.Join(dir, "out", "index.html"), survey}, "give each output its own name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := snapshot(t, dir)
			code, out, errOut := runCLI(t, tc.args...)
			assert.Equal(t, ExitUsage, code, errOut)
			assert.Contains(t, errOut, tc.want)
			assert.Equal(t, 1, strings.Count(errOut, "\n"), "one line, and the survey was not read: %s", errOut)
			assert.NotContains(t, errOut, "unknown-item")
			assert.Empty(t, out)
			assert.Equal(t, before, snapshot(t, dir), "nothing changed")
		})
	}
}

// TestFichesWrittenAsASet: when one fiche cannot be written, none of the
// earlier fiches is replaced (every file is complete before any is renamed),
// the other outputs are written and the exit code is 1.
func TestFichesWrittenAsASet(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.csv", goodCSV)
	out := filepath.Join(dir, "fiches")
	code, _, errOut := runCLI(t, "run", "--samples", "0", "--fiches", out, good)
	require.Equal(t, ExitOK, code, errOut)
	// Mark the earlier pages, and put a folder where BE.html was.
	for _, name := range []string{"index.html", "AT.html"} {
		writeFile(t, out, name, "earlier "+name)
	}
	require.NoError(t, os.Remove(filepath.Join(out, "BE.html")))
	require.NoError(t, os.Mkdir(filepath.Join(out, "BE.html"), 0o755))
	before := snapshot(t, out)

	js := filepath.Join(dir, "r.json")
	code, _, errOut = runCLI(t, "run", "--samples", "0", "--fiches", out, "--json", js, good)
	assert.Equal(t, ExitData, code, errOut)
	assert.Contains(t, errOut, "gapstudy: country fiches in "+out+" not written: ")
	assert.Contains(t, errOut, "wrote "+js)
	assert.Equal(t, before, snapshot(t, out), "no fiche replaced")
	assertNoTemporaries(t, dir)
}
