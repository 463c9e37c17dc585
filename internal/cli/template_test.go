package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
)

func TestTemplateCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	code, out, errOut := runCLI(t, "template", "-o", dir)
	require.Equal(t, ExitOK, code, errOut)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 27)
	mask := umask(t)
	assert.Equal(t, filepath.Join(dir, "questionnaire-AT-dir-2011-93.xlsx"), lines[0])
	assert.Equal(t, filepath.Join(dir, "questionnaire-SK-dir-2011-93.xlsx"), lines[26])
	for _, p := range lines {
		fi, err := os.Stat(p)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o644)&^mask, fi.Mode().Perm(), p)
	}

	// The blank questionnaires read back: 27 countries × 140 items, every one
	// unknown except Denmark's 111 Directive items, prefilled na.
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	require.Len(t, cl.Items(), 140)
	code, out, _ = runCLI(t, "validate", dir)
	assert.Equal(t, ExitOK, code, out)
	assert.Contains(t, out, "questionnaire-DK-dir-2011-93.xlsx!Questionnaire: questionnaire layout, 140 rows read = 140 used + 0 reported (ok)")
	assert.Contains(t, out, "3780 responses from 27 countries")
}

// openXLSX opens a workbook for the test.
func openXLSX(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

// umask returns the process's file mode creation mask, read back from a file
// created 0777.
func umask(t *testing.T) os.FileMode {
	t.Helper()
	p := filepath.Join(t.TempDir(), "probe")
	f, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY, 0o777)
	require.NoError(t, err)
	f.Close()
	fi, err := os.Stat(p)
	require.NoError(t, err)
	return 0o777 &^ fi.Mode().Perm()
}

func TestTemplateCommandOptions(t *testing.T) {
	dir := t.TempDir()
	mine := writeFile(t, dir, "mine.yaml", `id: my-study
title: My study
version: "1"
pillars:
  - id: law
    title: Law
    themes:
      - id: offences
        title: Offences
        items:
          - {id: D-3.4, title: Sexual activities with a child, obligation: mandatory}
`)
	out := filepath.Join(dir, "q")
	code, stdout, errOut := runCLI(t, "template", "-o", out, "--countries", " AT, Danmark,at,Ελλάδα",
		"--checklist", mine, "--deadline", "30 June 2026", "--return-to", "study@example.org", "--title", "My survey")
	require.Equal(t, ExitOK, code, errOut)
	want := []string{
		filepath.Join(out, "questionnaire-AT-my-study.xlsx"),
		filepath.Join(out, "questionnaire-DK-my-study.xlsx"),
		filepath.Join(out, "questionnaire-EL-my-study.xlsx"),
	}
	assert.Equal(t, strings.Join(want, "\n")+"\n", stdout)
	f := openXLSX(t, want[2])
	rows, err := f.GetRows(report.SheetCover)
	require.NoError(t, err)
	assert.Equal(t, "My survey", rows[0][0])
	assert.Equal(t, "Country: Greece (EL)", rows[1][0])
	text := ""
	for _, r := range rows {
		text += strings.Join(r, "|") + "\n"
	}
	assert.Contains(t, text, "return it to study@example.org by 30 June 2026.")
	assert.Contains(t, text, "Written by|gapstudy "+gapanalysis.Version)

	// An existing file is not overwritten without --force.
	require.NoError(t, os.WriteFile(want[0], []byte("filled in"), 0o644))
	code, _, errOut = runCLI(t, "template", "-o", out, "--countries", "FR,AT", "--checklist", mine)
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, errOut, "gapstudy: "+want[0]+" already exists (perhaps filled in); use --force to overwrite")
	assert.NoFileExists(t, filepath.Join(out, "questionnaire-FR-my-study.xlsx"), "nothing is written")
	b, err := os.ReadFile(want[0])
	require.NoError(t, err)
	assert.Equal(t, "filled in", string(b))
	code, _, errOut = runCLI(t, "template", "-o", out, "--countries", "AT", "--checklist", mine, "--force")
	assert.Equal(t, ExitOK, code, errOut)
	b, err = os.ReadFile(want[0])
	require.NoError(t, err)
	assert.NotEqual(t, "filled in", string(b))
}

func TestTemplateCommandUsageErrors(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, dir, "file.txt", "x")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no -o", []string{"template"}, "-o/--out: give the folder to write the questionnaires to"},
		{"unknown country", []string{"template", "-o", dir, "--countries", "AT,Austira"}, `--countries: unknown country "Austira" — did you mean Austria (AT)?`},
		{"no country", []string{"template", "-o", dir, "--countries", " , "}, "--countries: no country given"},
		{"-o is a file", []string{"template", "-o", file}, "is a file, not a folder"},
		{"argument", []string{"template", "-o", dir, "AT"}, "unknown command"},
		{"missing checklist", []string{"template", "-o", dir, "--checklist", filepath.Join(dir, "nope.yaml")}, "nope.yaml"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tc.args...)
			assert.Equal(t, ExitUsage, code)
			assert.Empty(t, out)
			assert.Contains(t, errOut, tc.want)
			assert.Len(t, strings.Split(strings.TrimSpace(errOut), "\n"), 1, errOut)
		})
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "nothing written on a usage error")
}

func TestParseCountries(t *testing.T) {
	tests := []struct {
		in   string
		want []gapanalysis.CountryCode
	}{
		{"EL,gr,Greece,GRC", []gapanalysis.CountryCode{"EL"}},
		{"UK, Norway ,ch", []gapanalysis.CountryCode{"UK", "NO", "CH"}},
		{"FR,eu", append([]gapanalysis.CountryCode{"FR", "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI"},
			"HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK")},
	}
	for _, tc := range tests {
		got, err := parseCountries(tc.in)
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}
	eu, err := parseCountries("EU27")
	require.NoError(t, err)
	assert.Equal(t, gapanalysis.EU27(), eu)
	all, err := parseCountries("all")
	require.NoError(t, err)
	assert.Len(t, all, 32)
}

// TestValidateLayoutQuestionnaire reads a questionnaire whose format marker was
// deleted: detected sheet by sheet it lacks a country column; --layout
// questionnaire reads it as a questionnaire again.
func TestValidateLayoutQuestionnaire(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCLI(t, "template", "-o", dir, "--countries", "AT")
	require.Equal(t, ExitOK, code, errOut)
	path := strings.TrimSpace(out)
	f := openXLSX(t, path)
	rows, err := f.GetRows(report.SheetCover)
	require.NoError(t, err)
	marker := ""
	for i, r := range rows {
		if len(r) > 1 && r[0] == report.CoverFileFormat {
			marker = fmt.Sprintf("B%d", i+1)
		}
	}
	require.NotEmpty(t, marker)
	require.NoError(t, f.SetCellValue(report.SheetCover, marker, ""))
	require.NoError(t, f.SetCellValue(report.SheetQuestionnaire, "F4", "yes"))
	require.NoError(t, f.Save())

	code, out, _ = runCLI(t, "validate", path)
	assert.Equal(t, ExitData, code)
	assert.Contains(t, out, "error missing-column")

	code, out, _ = runCLI(t, "validate", "--layout", "questionnaire", path)
	assert.Equal(t, ExitOK, code, out)
	assert.Contains(t, out, "questionnaire-AT-dir-2011-93.xlsx!Questionnaire: questionnaire layout, 140 rows read = 140 used + 0 reported (ok)")
	assert.Contains(t, out, "140 responses from 1 country")
}
