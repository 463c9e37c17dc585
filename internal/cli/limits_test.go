package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
)

func TestParseSize(t *testing.T) {
	cases := []struct {
		in   string
		want int64
	}{
		{"256MiB", 256 << 20}, {"256 mib", 256 << 20}, {"1GiB", 1 << 30}, {"1.5GiB", 3 << 29}, {"100k", 100 << 10},
		{"500MB", 500_000_000}, {"2kb", 2000}, {"1048576", 1 << 20}, {"12 bytes", 12}, {"12b", 12},
		{"none", -1}, {"Unlimited", -1}, {"-1", -1},
	}
	for _, tc := range cases {
		got, err := parseSize(tc.in)
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}
	for _, bad := range []string{"", "MiB", "lots", "12 parsecs", "0", "0.1", "-5MiB", "1e3"} {
		_, err := parseSize(bad)
		assert.Error(t, err, bad)
	}
}

// lockedSurvey writes a survey workbook protected with a password.
func lockedSurvey(t *testing.T, dir, password string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range [][]any{{"Country", "Item", "Status"}, {"AT", "D-3.4", "yes"}, {"BE", "D-3.4", "no"}} {
		require.NoError(t, f.SetSheetRow("Sheet1", "A"+string(rune('1'+i)), &row))
	}
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf, excelize.Options{Password: password}))
	return writeFile(t, dir, "locked.xlsx", buf.String())
}

func TestPasswordFlag(t *testing.T) {
	dir := t.TempDir()
	locked := lockedSurvey(t, dir, "open sesame")
	t.Setenv(passwordEnv, "")
	for _, cmd := range []string{"run", "validate"} {
		t.Run(cmd, func(t *testing.T) {
			code, out, errOut := runCLI(t, cmd, "--password", "open sesame", locked)
			require.Equal(t, ExitOK, code, errOut+out)

			code, out, errOut = runCLI(t, cmd, locked)
			assert.Equal(t, ExitData, code)
			assert.Contains(t, out+errOut, "locked.xlsx: error encrypted: the workbook is protected with a password")

			code, out, errOut = runCLI(t, cmd, "--password", "wrong", locked)
			assert.Equal(t, ExitData, code)
			assert.Contains(t, out+errOut, "the password given does not open the workbook")
			assert.NotContains(t, out+errOut, "wrong", "the password is not printed")

			t.Setenv(passwordEnv, "open sesame")
			code, out, errOut = runCLI(t, cmd, locked)
			assert.Equal(t, ExitOK, code, errOut+out)
			// The flag wins over the environment.
			code, _, _ = runCLI(t, cmd, "--password", "wrong", locked)
			assert.Equal(t, ExitData, code)
			t.Setenv(passwordEnv, "")
		})
	}
}

func TestLimitFlags(t *testing.T) {
	dir := t.TempDir()
	csv := writeFile(t, dir, "survey.csv", "Country,Item,Status\nAT,D-3.4,yes\nBE,D-3.4,no\nBG,D-3.4,partly\n")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"defaults", nil, ExitOK, "survey.csv: long layout, 3 rows read = 3 used + 0 reported (ok)"},
		{"rows", []string{"--max-rows", "3"}, ExitData,
			"survey.csv: error too-large: the sheet has more than 3 rows, the most that is read; the rows from row 4 on were not read"},
		{"no row limit", []string{"--max-rows", "-1"}, ExitOK, "3 rows read"},
		{"size", []string{"--max-size", "30"}, ExitData, "error too-large: the file is larger than 30 bytes"},
		{"size with a unit", []string{"--max-size", "1KiB"}, ExitOK, "3 rows read"},
		{"no size limit", []string{"--max-size", "none"}, ExitOK, "3 rows read"},
		{"bad size", []string{"--max-size", "big"}, ExitUsage, `--max-size: "big" is not a size`},
		{"bad rows", []string{"--max-rows", "0"}, ExitUsage, "--max-rows: 0 is not a number of rows"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append(append([]string{"validate"}, tc.args...), csv)
			code, out, errOut := runCLI(t, args...)
			assert.Equal(t, tc.code, code, out+errOut)
			assert.Contains(t, out+errOut, tc.want)
		})
	}
	code, _, errOut := runCLI(t, "run", "--max-rows", "2", csv)
	assert.Equal(t, ExitData, code)
	assert.Contains(t, errOut, "error too-large")
}

func TestChecklistXLSXCommand(t *testing.T) {
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "checklist.xlsx")
	code, out, errOut := runCLI(t, "checklist", "--format", "xlsx", "-o", xlsx)
	require.Equal(t, ExitOK, code, errOut)
	assert.Empty(t, out)
	assert.Contains(t, errOut, "wrote "+xlsx)
	st, err := os.Stat(xlsx)
	require.NoError(t, err)
	assert.Zero(t, st.Mode().Perm()&0o111, "not executable")

	// Printed back as YAML, it is the built-in checklist.
	code, out, errOut = runCLI(t, "checklist", "--checklist", xlsx)
	require.Equal(t, ExitOK, code, errOut)
	builtin, err := gapanalysis.Builtin()
	require.NoError(t, err)
	want, err := builtin.YAML()
	require.NoError(t, err)
	assert.Equal(t, string(want), out)

	// Standard output that is not a terminal takes the workbook too.
	code, out, errOut = runCLI(t, "checklist", "--format", "xlsx")
	require.Equal(t, ExitOK, code, errOut)
	cl, err := importers.ReadChecklistXLSX(strings.NewReader(out), "stdout.xlsx")
	require.NoError(t, err)
	assert.Len(t, cl.Items(), len(builtin.Items()))

	// And the xlsx checklist runs a study like the YAML one.
	survey := writeFile(t, dir, "survey.csv", goodCSV)
	code, fromXLSX, errOut := runCLI(t, "run", "--checklist", xlsx, survey)
	require.Equal(t, ExitOK, code, errOut)
	code, fromBuiltin, _ := runCLI(t, "run", survey)
	require.Equal(t, ExitOK, code)
	assert.Equal(t, fromBuiltin, fromXLSX)
	code, _, errOut = runCLI(t, "validate", "--checklist", xlsx, survey)
	assert.Equal(t, ExitOK, code, errOut)

	// A checklist workbook with a problem is a usage error naming the cell.
	f, err := excelize.OpenFile(xlsx)
	require.NoError(t, err)
	require.NoError(t, f.SetCellStr("Items", "K2", "shall"))
	bad := filepath.Join(dir, "bad.xlsx")
	require.NoError(t, f.SaveAs(bad))
	require.NoError(t, f.Close())
	code, _, errOut = runCLI(t, "validate", "--checklist", bad, survey)
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, errOut, `bad.xlsx!Items!K2: obligation "shall" is not mandatory, optional or practice`)

	code, _, errOut = runCLI(t, "checklist", "--format", "pdf")
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, errOut, `--format: "pdf" is not yaml, xlsx or md`)
}

func TestChecklistOutFlag(t *testing.T) {
	dir := t.TempDir()
	md := filepath.Join(dir, "checklist.md")
	code, out, errOut := runCLI(t, "checklist", "--format", "md", "-o", md)
	require.Equal(t, ExitOK, code, errOut)
	assert.Empty(t, out)
	b, err := os.ReadFile(md)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(b), "# Directive 2011/93/EU"), string(b[:40]))
	yml := filepath.Join(dir, "checklist.yaml")
	code, _, _ = runCLI(t, "checklist", "-o", yml)
	require.Equal(t, ExitOK, code)
	b, err = os.ReadFile(yml)
	require.NoError(t, err)
	assert.Equal(t, gapanalysis.BuiltinYAML(), b)
}
