package importers

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// quotingFixture reads a file of testdata/import/quoting.
func quotingFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "import", "quoting", name))
	require.NoError(t, err)
	return b
}

// TestCSVQuotingFaults reads CSV files written by Python's csv module and by
// hand: every row is used or reported, an unbalanced quote is a bad-quote
// error at the line its field begins on, and the rows after it are read.
func TestCSVQuotingFaults(t *testing.T) {
	cases := []struct {
		file      string
		wantResp  []string // "CC ITEM status line"
		wantDiags []string // "severity code cell"
		wantAcct  [4]int   // read, used, reported, blank
	}{
		{
			file:     "python_excel_synthetic.csv",
			wantResp: []string{"AT D-3.4 full 2", "BE D-3.4 none 3", "CZ D-3.5 partial 5", "DE D-5.2 full 6"},
			wantAcct: [4]int{4, 4, 0, 0},
		},
		{
			file:     "python_cr_only_synthetic.csv",
			wantResp: []string{"AT D-3.4 full 2", "BE D-3.4 none 3", "CZ D-3.5 partial 5", "DE D-5.2 full 6"},
			wantAcct: [4]int{4, 4, 0, 0},
		},
		{
			file:     "python_backslash_synthetic.csv",
			wantResp: []string{"AT D-3.4 full 2", "BE D-3.4 none 3", "CZ D-3.5 partial 5", "DE D-5.2 full 6"},
			// The backslash-escaped quote splits the comment: its second
			// half lands in column E, which has no header.
			wantDiags: []string{"error bad-quote D2", "warning unnamed-column "},
			wantAcct:  [4]int{4, 3, 1, 0},
		},
		{
			file:      "hand_unclosed_synthetic.csv",
			wantResp:  []string{"AT D-3.4 full 2", "BE D-3.4 none 3", "CZ D-3.5 partial 4"},
			wantDiags: []string{"error bad-quote D2"},
			wantAcct:  [4]int{3, 2, 1, 0},
		},
		{
			file:      "hand_two_faults_synthetic.csv",
			wantResp:  []string{"AT D-3.4 full 2", "BE D-3.4 none 3", "CZ D-3.4 partial 4", "DE D-3.4 full 5"},
			wantDiags: []string{"error bad-quote D2", "error bad-quote D4"},
			wantAcct:  [4]int{4, 2, 2, 0},
		},
		{
			file:     "hand_text_after_quote_synthetic.csv",
			wantResp: []string{"AT D-3.4 unknown 2", "BE D-3.4 none 3"},
			// Quoting faults are reported as the lines are read, ahead of
			// the checks of the rows' cells.
			wantDiags: []string{"error bad-quote C2", "error bad-quote D3", "error bad-status C2", "warning unnamed-column "},
			wantAcct:  [4]int{2, 0, 2, 0},
		},
		{
			file:     "hand_mixed_line_ends_synthetic.csv",
			wantResp: []string{"AT D-3.4 full 2", "BE D-3.4 none 4", "CZ D-3.5 partial 5"},
			wantAcct: [4]int{3, 3, 0, 1},
		},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			ds := readCSVString(t, string(quotingFixture(t, tc.file)), tc.file, testOptions())
			var resp []string
			for _, r := range ds.Responses.All() {
				line := strings.TrimLeft(r.Source.Cell, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
				resp = append(resp, respLine(r)+" "+line)
			}
			assert.Equal(t, tc.wantResp, resp)
			var diags []string
			for _, d := range ds.Diagnostics {
				diags = append(diags, fmt.Sprintf("%s %s %s", d.Severity, d.Code, d.Cell))
			}
			assert.Equal(t, tc.wantDiags, diags)
			require.Len(t, ds.Accounts, 1)
			a := ds.Accounts[0]
			assert.Equal(t, tc.wantAcct, [4]int{a.RowsRead, a.RowsUsed, a.RowsReported, a.BlankRows})
		})
	}
}

// TestCSVQuotedFieldsKeepTheirText checks the text of quoted fields: doubled
// quotes, separators and line breaks (CR LF and CR inside a field become LF).
func TestCSVQuotedFieldsKeepTheirText(t *testing.T) {
	for _, file := range []string{"python_excel_synthetic.csv", "python_cr_only_synthetic.csv"} {
		ds := readCSVString(t, string(quotingFixture(t, file)), file, testOptions())
		require.Len(t, ds.Responses.Slice(), 4, file)
		assert.Equal(t, `The minister said "fully", in 2019`, ds.Responses.At(0).Comment, file)
		assert.Equal(t, "two lines:\nfirst, then second", ds.Responses.At(1).Comment, file)
	}
	ds := readCSVString(t, "Country,Item,Status,Comment\r\nAT,D-3.4,yes,\"a\r\nb\rc\"\r\n", "crlf.csv", testOptions())
	require.Len(t, ds.Responses.Slice(), 1)
	assert.Equal(t, "a\nb\nc", ds.Responses.At(0).Comment)
}

// TestCSVBadQuoteMessage names the line where the field began, and says what
// was done.
func TestCSVBadQuoteMessage(t *testing.T) {
	ds := readCSVString(t, string(quotingFixture(t, "hand_unclosed_synthetic.csv")), "u.csv", testOptions())
	require.NotEmpty(t, ds.Diagnostics)
	d := ds.Diagnostics[0]
	assert.Equal(t, "u.csv!D2: error bad-quote: the quoted field that begins on line 2 has no closing quote; "+
		"the quote was read as text, the field ending at the next separator, and the lines after it as rows of their own: check this row", d.Error())
	assert.ErrorIs(t, d, gapanalysis.ErrBadQuote)
	assert.Equal(t, `"a comment whose quote never closes`, ds.Responses.At(0).Comment)
}

// TestCSVColumnsBounded: a line of more fields than a sheet has columns keeps
// the first 16,384 and reports the rest as too-large, without holding them.
func TestCSVColumnsBounded(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("Country,Item,Status")
	for i := 3; i < 40000; i++ {
		b.WriteString(",x")
	}
	b.WriteString("\nAT,D-3.4,yes\nBE,D-3.4,no")
	for i := 3; i < 20000; i++ {
		b.WriteString(",y")
	}
	b.WriteString("\n")
	ds := readCSVString(t, b.String(), "wide.csv", testOptions())
	assert.Equal(t, []string{"AT D-3.4 full", "BE D-3.4 none"}, respLines(ds))
	var tooLarge []gapanalysis.Diagnostic
	for _, d := range ds.Diagnostics {
		if d.Code == gapanalysis.CodeTooLarge {
			tooLarge = append(tooLarge, d)
		}
	}
	require.Len(t, tooLarge, 1)
	assert.Equal(t, "2 lines have more than 16,384 fields, the most a sheet has columns (A to XFD); "+
		"the fields after the 16,384th were not read: lines 1, 3", tooLarge[0].Message)
	assert.Equal(t, 1, tooLarge[0].Row)

	sc := newCSVScanner(strings.NewReader(b.String()), ',')
	require.True(t, sc.Next())
	assert.Len(t, sc.rec, maxCSVColumns)
	assert.True(t, sc.over)
}

func TestDelimiterChecked(t *testing.T) {
	for _, d := range []rune{'"', '\n', '\r', '§', 0x01} {
		_, err := ReadCSV(strings.NewReader("a"), "x.csv", &Options{Checklist: testChecklist(), Delimiter: d})
		assert.ErrorIs(t, err, ErrDelimiter, "%q", d)
	}
	ds, err := ReadCSV(strings.NewReader("Country|Item|Status\nAT|D-3.4|yes\n"), "x.csv",
		&Options{Checklist: testChecklist(), Delimiter: '|'})
	require.NoError(t, err)
	assert.Equal(t, []string{"AT D-3.4 full"}, respLines(ds))
}

// brokenAfter gives its text, then fails.
type brokenAfter struct{ text string }

func (b *brokenAfter) Read(p []byte) (int, error) {
	if b.text == "" {
		return 0, errors.New("disk on fire")
	}
	n := copy(p, b.text)
	b.text = b.text[n:]
	return n, nil
}

// TestReadCSVPartialWithError: like encoding/csv, ReadCSV returns what it read
// together with the error of the reader.
func TestReadCSVPartialWithError(t *testing.T) {
	text := "Country,Item,Status\n" + strings.Repeat("AT,D-3.4,yes\n", 10000)
	ds, err := ReadCSV(&brokenAfter{text: text}, "x.csv", testOptions())
	require.ErrorContains(t, err, "disk on fire")
	require.NotNil(t, ds)
	assert.Len(t, ds.Responses.Slice(), 10000)
	assert.Equal(t, "AT D-3.4 full", respLine(ds.Responses.At(9999)))
}

// TestIgnoredColumnsListedShort: a header of thousands of unused columns is
// named in a note of bounded length.
func TestIgnoredColumnsListedShort(t *testing.T) {
	text := "Country,Item,Status" + strings.Repeat(",x", 5000) + "\nAT,D-3.4,yes\n"
	ds := readCSVString(t, text, "s.csv", testOptions())
	require.Len(t, ds.Diagnostics, 1)
	assert.Equal(t, gapanalysis.CodeIgnoredColumn, ds.Diagnostics[0].Code)
	assert.True(t, strings.HasSuffix(ds.Diagnostics[0].Message, " and 4950 more"), ds.Diagnostics[0].Message)
	assert.Less(t, len(ds.Diagnostics[0].Message), 1000)
}

// TestCSVSpacesAfterClosingQuote: spaces between a closing quote and the
// separator, as people type them, are not a quoting fault.
func TestCSVSpacesAfterClosingQuote(t *testing.T) {
	ds := readCSVString(t, "Country,Item,Status\n\"AT\" ,\"D-3.4\"\t,\"yes\"  \n\"BE\" \"x\",D-3.4,no\n", "s.csv", testOptions())
	assert.Equal(t, []string{"AT D-3.4 full"}, respLines(ds)[:1])
	var codes []string
	for _, d := range ds.Diagnostics {
		codes = append(codes, string(d.Code)+" "+d.Cell)
	}
	assert.Equal(t, []string{"bad-quote A3", "unknown-country A3"}, codes, "a quote after the spaces is a fault")
}
