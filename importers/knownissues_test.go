package importers

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func builtinOptions(t *testing.T) *Options {
	t.Helper()
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	return &Options{Checklist: cl}
}

// diagAt finds the diagnostic of a code at a cell.
func diagAt(ds *gapanalysis.Dataset, code gapanalysis.Code, cell string) *gapanalysis.Diagnostic {
	for i, d := range ds.Diagnostics {
		if d.Code == code && d.Cell == cell {
			return &ds.Diagnostics[i]
		}
	}
	return nil
}

func TestReadKnownIssuesSemicolonCSV(t *testing.T) {
	path := filepath.Join("testdata", "knownissues", "register-semicolon.csv")
	issues, ds, err := OpenKnownIssues(path, builtinOptions(t))
	require.NoError(t, err)
	const file = "register-semicolon.csv"
	at := func(cell string) gapanalysis.Source { return gapanalysis.Source{File: file, Cell: cell} }
	assert.Equal(t, []gapanalysis.KnownIssue{
		{Country: "AT", Item: "D-3.4", Source: "COM(2016) 871", Date: "2016-12-16", Note: "Offence defined too narrowly", At: at("A2")},
		{Country: "BE", Item: "D-3.4", Source: "INFR(2019)2215", Date: "2019-07-25", At: at("A3")},
		{Country: "EL", Item: "D-19.1", Source: "COM(2016) 871", Date: "2016", Note: "Assistance; before, during and after", At: at("A9")},
		{Country: "CY", Item: "D-17.2", Source: "COM(2016) 871", At: at("A10")},
	}, issues)

	// Every data row is used or reported; the blank line 4 is no data row.
	require.Len(t, ds.Accounts, 1)
	acct := ds.Accounts[0]
	assert.Equal(t, LayoutKnownIssues, acct.Layout)
	assert.Equal(t, 8, acct.RowsRead)
	assert.Equal(t, 4, acct.RowsUsed)
	assert.Equal(t, 4, acct.RowsReported)
	assert.Equal(t, 1, acct.BlankRows)
	assert.True(t, acct.Balanced())
	assert.Empty(t, ds.Responses.Slice())

	tests := []struct {
		code gapanalysis.Code
		cell string
		want []string
	}{
		{gapanalysis.CodeUnknownCountry, "A5", []string{`"Germny"`, "did you mean Germany (DE)?"}},
		{gapanalysis.CodeUnknownItem, "B6", []string{`"D-3.44"`, "did you mean D-3.4"}},
		{gapanalysis.CodeMissingValue, "C7", []string{"source", "empty"}},
		{gapanalysis.CodeUnknownItem, "B8", []string{`"Art. 25(1)"`, "2 items", "D-25.1", "D-25.1-ext"}},
	}
	for _, tc := range tests {
		t.Run(string(tc.code)+" "+tc.cell, func(t *testing.T) {
			d := diagAt(ds, tc.code, tc.cell)
			require.NotNil(t, d, "diagnostics: %v", ds.Diagnostics)
			assert.Equal(t, gapanalysis.SevError, d.Severity)
			assert.Equal(t, file, d.File)
			for _, w := range tc.want {
				assert.Contains(t, d.Message, w)
			}
		})
	}
	errs := 0
	for _, d := range ds.Diagnostics {
		if d.Severity == gapanalysis.SevError {
			errs++
		}
	}
	assert.Equal(t, 4, errs, "one error per bad row: %v", ds.Diagnostics)
}

func TestReadKnownIssuesOpenpyxl(t *testing.T) {
	path := filepath.Join("testdata", "knownissues", "register-openpyxl.xlsx")
	// The default engine reads date cells as ISO text; excelize's rows give
	// the serial number (16 December 2016 is day 42720 of Excel's calendar).
	for _, tc := range []struct {
		engine       Engine
		date1, date2 string
	}{{EngineFast, "2016-12-16", "2019-07-25"}, {EngineExcelize, "42720", "43671"}} {
		engine := tc.engine
		t.Run(string(engine), func(t *testing.T) {
			opts := builtinOptions(t)
			opts.Engine = engine
			issues, ds, err := OpenKnownIssues(path, opts)
			require.NoError(t, err)
			const file = "register-openpyxl.xlsx"
			at := func(cell string) gapanalysis.Source {
				return gapanalysis.Source{File: file, Sheet: "Register", Cell: cell}
			}
			require.Len(t, issues, 3)
			assert.Equal(t, gapanalysis.KnownIssue{Country: "AT", Item: "D-3.4", Source: "COM(2016) 871",
				Date: tc.date1, Note: "Offence defined too narrowly", At: at("A4")}, issues[0])
			assert.Equal(t, gapanalysis.KnownIssue{Country: "BE", Item: "D-3.4", Source: "INFR(2019)2215",
				Date: tc.date2, At: at("A5")}, issues[1])
			assert.Equal(t, gapanalysis.KnownIssue{Country: "DE", Item: "D-3.5.i", Source: "COM(2016) 871",
				Date: "December 2016", At: at("A6")}, issues[2])

			byName := map[string]gapanalysis.SheetAccount{}
			for _, a := range ds.Accounts {
				byName[a.Sheet] = a
			}
			reg := byName["Register"]
			assert.Equal(t, 6, reg.RowsRead)
			assert.Equal(t, 3, reg.RowsUsed)
			assert.Equal(t, 3, reg.RowsReported)
			assert.True(t, reg.Balanced())
			assert.Zero(t, byName["Read me"].RowsRead)

			for _, want := range []struct {
				code gapanalysis.Code
				cell string
			}{
				{gapanalysis.CodeUnknownCountry, "A7"},
				{gapanalysis.CodeUnknownItem, "B8"},
				{gapanalysis.CodeMissingValue, "C9"},
			} {
				d := diagAt(ds, want.code, want.cell)
				if assert.NotNil(t, d, "%s at %s: %v", want.code, want.cell, ds.Diagnostics) {
					assert.Equal(t, "Register", d.Sheet)
				}
			}
			ign := diagAt(ds, gapanalysis.CodeIgnoredColumn, "")
			require.NotNil(t, ign)
			assert.Contains(t, ign.Message, `"Owner"`)
			noHeader := false
			for _, d := range ds.Diagnostics {
				noHeader = noHeader || d.Code == gapanalysis.CodeNoHeader && d.Sheet == "Read me"
			}
			assert.True(t, noHeader, "the notes sheet is named: %v", ds.Diagnostics)
		})
	}
}

func TestReadKnownIssuesHeaders(t *testing.T) {
	tests := []struct {
		name   string
		csv    string
		issues int
		code   gapanalysis.Code // a diagnostic expected, "" for none
	}{
		{"plain", "country,item,source\nAT,D-3.4,COM(2016) 871\n", 1, ""},
		{"accents and case", "ÉTAT MEMBRE;Provision;Infringement number;Datum;Commentaire\nAT;D-3.4;INFR(2019)2215;2019;x\n", 1, ""},
		{"tab", "Country\tItem ID\tSource\nAT\tD-3.4\tCOM(2016) 871\n", 1, ""},
		{"no source column", "country,item,note\nAT,D-3.4,x\nBE,D-3.4,y\n", 0, gapanalysis.CodeMissingColumn},
		{"no header", "a,b,c\n1,2,3\n", 0, gapanalysis.CodeNoHeader},
		{"empty", "", 0, gapanalysis.CodeEmptySheet},
		{"empty country", "country,item,source\n,D-3.4,COM(2016) 871\n", 0, gapanalysis.CodeMissingValue},
		{"one issue twice", "country,item,source\nAT,D-3.4,COM(2016) 871\nAustria,Art. 3(4),com(2016)  871\n", 1, gapanalysis.CodeDuplicate},
		{"one item from two sources", "country,item,source\nAT,D-3.4,COM(2016) 871\nAT,D-3.4,INFR(2019)2215\n", 2, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			issues, ds, err := ReadKnownIssues(strings.NewReader(tc.csv), "reg.csv", builtinOptions(t))
			require.NoError(t, err)
			assert.Len(t, issues, tc.issues)
			for _, a := range ds.Accounts {
				assert.True(t, a.Balanced(), "%+v", a)
			}
			if tc.code == "" {
				for _, d := range ds.Diagnostics {
					assert.NotEqual(t, gapanalysis.SevError, d.Severity, d.Message)
				}
				return
			}
			found := false
			for _, d := range ds.Diagnostics {
				found = found || d.Code == tc.code
			}
			assert.True(t, found, "%v", ds.Diagnostics)
		})
	}
}

// FuzzReadKnownIssues: whatever the text, every row of the register is
// accounted for and every issue names a known country and item.
func FuzzReadKnownIssues(f *testing.F) {
	for _, name := range []string{"register-semicolon.csv", "register-openpyxl.xlsx"} {
		b, err := os.ReadFile(filepath.Join("testdata", "knownissues", name))
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte("country,item,source\nAT,D-3.4,x\n\"AT,D-3.5,y\n"))
	cl, err := gapanalysis.Builtin()
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, b []byte) {
		issues, ds, err := ReadKnownIssues(bytes.NewReader(b), "fuzz.csv", &Options{Checklist: cl})
		require.NoError(t, err)
		for _, a := range ds.Accounts {
			require.True(t, a.Balanced(), "%+v", a)
		}
		for _, ki := range issues {
			_, ok := gapanalysis.CountryByCode(ki.Country)
			require.True(t, ok, ki.Country)
			require.NotNil(t, cl.Item(ki.Item), ki.Item)
			require.NotEmpty(t, ki.Source)
		}
	})
}

func TestReadKnownIssuesWorkbookBytes(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "knownissues", "register-openpyxl.xlsx"))
	require.NoError(t, err)
	issues, _, err := ReadKnownIssues(bytes.NewReader(b), "reg.xlsx", builtinOptions(t))
	require.NoError(t, err)
	assert.Len(t, issues, 3)
	_, _, err = ReadKnownIssues(bytes.NewReader(b), "reg.xlsx", nil)
	assert.ErrorIs(t, err, ErrNoChecklist)
}
