package report_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/report"
)

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	return records
}

func TestWriteCSVGolden(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	require.NoError(t, report.WriteCSV(dir, syntheticResult()))
	var all strings.Builder
	names := append(append([]string{}, report.CSVFiles...), report.SensitivityCSVFiles...)
	for _, name := range names {
		b, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		all.WriteString("==> " + name + " <==\n")
		all.Write(b)
	}
	golden(t, "csv.golden", []byte(all.String()))
}

func TestWriteCSV(t *testing.T) {
	dir := t.TempDir()
	res := sampleResult()
	{
		edited := res.Dataset.Responses.At(0)
		edited.Evidence = "-1 day"
		res.Dataset.Responses.Set(0, edited)
	}
	require.NoError(t, report.WriteCSV(dir, res))

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		info, err := e.Info()
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o644), info.Mode().Perm(), e.Name())
	}
	assert.ElementsMatch(t, report.CSVFiles, names)

	t.Run("formula-like text escaped", func(t *testing.T) {
		data := readCSV(t, filepath.Join(dir, "data.csv"))
		comments := map[string]bool{}
		evidence := map[string]bool{}
		for _, r := range data[1:] {
			comments[r[5]] = true
			evidence[r[4]] = true
		}
		for _, want := range []string{"'=1+1", "'+cmd", "'@x", "Red Barnet\nhotline"} {
			assert.True(t, comments[want], "comment %q", want)
		}
		assert.True(t, evidence["'-1 day"])
		assert.True(t, evidence["'-funded by NGOs"])
	})

	t.Run("numbers and unknowns", func(t *testing.T) {
		countries := readCSV(t, filepath.Join(dir, "countries.csv"))
		assert.Equal(t, []string{"rank", "code", "name", "rank_note", "index", "coverage",
			"pillar:compliance", "rank:compliance", "pillar:practice", "rank:practice", "theme:offences", "theme:victims", "theme:prevention",
			"gaps", "gap_points", "peers", "peer_similarity"}, countries[0])
		assert.Equal(t, []string{"2", "DK", "Denmark", "not bound by the instrument: ranked on practice items only",
			"50", "0.5", "", "", "50", "2", "", "", "50", "1", "12.5", "AT, EL", "0.5, 0.5"}, countries[2])
		items := readCSV(t, filepath.Join(dir, "items.csv"))
		assert.Equal(t, "0.125", items[1][6]) // effective weight of D-3.4
		assert.Equal(t, "5", items[1][14])    // min. max. penalty
		assert.Equal(t, "", items[3][14])     // none for D-18.1
		prios := readCSV(t, filepath.Join(dir, "priorities.csv"))
		assert.Equal(t, "35.714285714285715", prios[3][3])
		assert.Equal(t, []string{"", "", "", ""}, prios[3][9:13], "no Monte Carlo")
	})
}

func TestWriteCSVErrors(t *testing.T) {
	res := sampleResult()
	res.Checklist = nil
	assert.Error(t, report.WriteCSV(t.TempDir(), res))
	assert.Error(t, report.WriteCSV(t.TempDir(), nil))
	// dir is a file
	f := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(f, nil, 0o644))
	assert.Error(t, report.WriteCSV(f, sampleResult()))
}
