package importers

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

func TestHeaderAliases(t *testing.T) {
	cases := []struct {
		header string
		want   field
	}{
		// country
		{"Country", fieldCountry}, {"countries", fieldCountry}, {"Country code", fieldCountry},
		{"Country name", fieldCountry}, {"Member State", fieldCountry}, {"MS", fieldCountry},
		{"State", fieldCountry}, {"Nation", fieldCountry}, {"Jurisdiction", fieldCountry},
		{"Pays", fieldCountry}, {"État membre", fieldCountry}, {"Land", fieldCountry},
		{"Mitgliedstaat", fieldCountry}, {"País", fieldCountry}, {"Estado miembro", fieldCountry},
		{"Stato membro", fieldCountry}, {"Paese", fieldCountry},
		// item
		{"Item", fieldItem}, {"Items", fieldItem}, {"Item ID", fieldItem}, {"Item code", fieldItem},
		{"ID", fieldItem}, {"Requirement", fieldItem}, {"Requirement ID", fieldItem},
		{"Provision", fieldItem}, {"Question ID", fieldItem}, {"QID", fieldItem},
		{"Indicator", fieldItem}, {"Indicator ID", fieldItem}, {"Exigence", fieldItem},
		{"Anforderung", fieldItem}, {"Requisito", fieldItem},
		// status
		{"Status", fieldStatus}, {"Answer", fieldStatus}, {"Assessment", fieldStatus},
		{"Compliance", fieldStatus}, {"Compliance status", fieldStatus}, {"Result", fieldStatus},
		{"Transposition status", fieldStatus}, {"Conformity", fieldStatus},
		{"Response", fieldStatus}, {"Statut", fieldStatus}, {"Réponse", fieldStatus},
		{"Antwort", fieldStatus}, {"Respuesta", fieldStatus}, {"Risposta", fieldStatus},
		{"Bewertung", fieldStatus},
		// evidence
		{"Evidence", fieldEvidence}, {"Legal basis", fieldEvidence},
		{"National provision", fieldEvidence}, {"National provisions", fieldEvidence},
		{"National law", fieldEvidence}, {"Legislation", fieldEvidence},
		{"Base juridique", fieldEvidence}, {"Rechtsgrundlage", fieldEvidence},
		{"Base jurídica", fieldEvidence},
		// comment
		{"Comment", fieldComment}, {"Comments", fieldComment}, {"Notes", fieldComment},
		{"Note", fieldComment}, {"Remarks", fieldComment}, {"Remark", fieldComment},
		{"Observations", fieldComment}, {"Explanation", fieldComment},
		{"Commentaire", fieldComment}, {"Commentaires", fieldComment}, {"Kommentar", fieldComment},
		{"Bemerkung", fieldComment}, {"Bemerkungen", fieldComment}, {"Comentario", fieldComment},
		{"Comentarios", fieldComment}, {"Commento", fieldComment}, {"Commenti", fieldComment},
		// respondent
		{"Respondent", fieldRespondent}, {"Respondent ID", fieldRespondent},
		{"Respondent name", fieldRespondent}, {"Expert", fieldRespondent},
		{"National expert", fieldRespondent}, {"Author", fieldRespondent},
		{"Rapporteur", fieldRespondent}, {"Contributor", fieldRespondent},
		{"Answered by", fieldRespondent},
		// value
		{"Value", fieldValue}, {"Numeric value", fieldValue}, {"Number", fieldValue},
		{"Figure", fieldValue}, {"Amount", fieldValue}, {"Valeur", fieldValue},
		{"Wert", fieldValue}, {"Valor", fieldValue}, {"Valore", fieldValue},
		// source (evidence unless there is an evidence column)
		{"Source", fieldSource},
		// case, accents, spacing, punctuation, brackets
		{"MEMBER-STATE", fieldCountry}, {"member_state", fieldCountry}, {"MemberState", fieldCountry},
		{"  Member   State ", fieldCountry}, {"Country (ISO code)", fieldCountry},
		{"Status*", fieldStatus}, {"item-id", fieldItem}, {"Item ID:", fieldItem},
		{"REPONSE", fieldStatus}, {"etat-membre", fieldCountry}, {"Legal basis [if any]", fieldEvidence},
		// not headers of the long layout
		{"Title", fieldNone}, {"Ref", fieldNone}, {"Question", fieldNone}, {"", fieldNone},
		{"Gap", fieldNone}, {"Severity", fieldNone},
	}
	tested := map[string]bool{}
	for _, tc := range cases {
		t.Run(tc.header, func(t *testing.T) {
			assert.Equal(t, fieldNames[tc.want], fieldNames[headerAliases[headerKey(tc.header)]])
		})
		tested[headerKey(tc.header)] = true
	}
	for k, f := range headerAliases {
		assert.True(t, tested[k], "alias %q (%s) has no test case", k, fieldNames[f])
	}
}

func TestDocsListEveryHeader(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "docs", "input-format.md"))
	require.NoError(t, err)
	listed := map[string]bool{}
	fences := regexp.MustCompile("(?s)```.*?```")
	for _, m := range regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(fences.ReplaceAllString(string(b), ""), -1) {
		listed[headerKey(m[1])] = true
	}
	for k, f := range headerAliases {
		assert.True(t, listed[k], "docs/input-format.md does not list the %s header %q", fieldNames[f], k)
	}
	for _, code := range []gapanalysis.Code{
		gapanalysis.CodeUnknownCountry, gapanalysis.CodeUnknownItem, gapanalysis.CodeMissingValue,
		gapanalysis.CodeBadStatus, gapanalysis.CodeBadValue, gapanalysis.CodeMissingColumn,
		gapanalysis.CodeNoHeader, gapanalysis.CodeEmptySheet, gapanalysis.CodeIgnoredColumn,
		gapanalysis.CodeMissingSheet, gapanalysis.CodeNotXLSX, gapanalysis.CodeLegacyXLS,
		gapanalysis.CodeEncrypted, gapanalysis.CodeTooLarge, gapanalysis.CodeReadError,
		gapanalysis.CodeNoData,
	} {
		assert.True(t, listed[headerKey(string(code))], "docs/input-format.md does not explain %s", code)
	}
}

func TestHeaderRowSearch(t *testing.T) {
	cases := []struct {
		name      string
		csv       string
		want      []string
		wantDiags []diagLine
		wantAcct  gapanalysis.SheetAccount
	}{
		{
			name:     "header in row 1",
			csv:      "Country,Item,Status\nAT,D-3.4,yes\n",
			want:     []string{"AT D-3.4 full"},
			wantAcct: gapanalysis.SheetAccount{File: "t.csv", Layout: "long", RowsRead: 1, RowsUsed: 1},
		},
		{
			name: "title rows and blank lines above the header",
			csv: "Gap study survey,,\nWave 1 (synthetic),,\n\n,,\n" +
				"Member State,Requirement,Assessment\nAT,D-3.4,yes\n\nBE,D-3.5,no\n,,\n",
			want: []string{"AT D-3.4 full", "BE D-3.5 none"},
			wantAcct: gapanalysis.SheetAccount{File: "t.csv", Layout: "long", RowsRead: 2, RowsUsed: 2,
				BlankRows: 2},
		},
		{
			name: "header with only country and status: item is missing",
			csv:  "Country,Question,Status\nAT,D-3.4,yes\nBE,D-3.5,no\n",
			wantDiags: []diagLine{
				{gapanalysis.SevInfo, gapanalysis.CodeIgnoredColumn, ""},
				{gapanalysis.SevError, gapanalysis.CodeMissingColumn, ""},
			},
			wantAcct: gapanalysis.SheetAccount{File: "t.csv", Layout: "long", RowsRead: 2, RowsReported: 2},
		},
		{
			name:      "no long header: a matrix, read as one",
			csv:       "Item,AT,BE\nD-3.4,yes,no\n",
			want:      []string{"AT D-3.4 full", "BE D-3.4 none"},
			wantDiags: []diagLine{{gapanalysis.SevInfo, gapanalysis.CodeLayout, ""}},
			wantAcct:  gapanalysis.SheetAccount{File: "t.csv", Layout: "matrix", RowsRead: 1, RowsUsed: 1},
		},
		{
			name:      "header below the first 20 non-empty rows",
			csv:       strings.Repeat("title\n", 20) + "Country,Item,Status\nAT,D-3.4,yes\n",
			wantDiags: []diagLine{{gapanalysis.SevWarning, gapanalysis.CodeNoHeader, ""}},
			wantAcct:  gapanalysis.SheetAccount{File: "t.csv"},
		},
		{
			name:     "header at the 20th non-empty row",
			csv:      strings.Repeat("title\n", 19) + "Country,Item,Status\nAT,D-3.4,yes\n",
			want:     []string{"AT D-3.4 full"},
			wantAcct: gapanalysis.SheetAccount{File: "t.csv", Layout: "long", RowsRead: 1, RowsUsed: 1},
		},
		{
			name:      "only blank lines",
			csv:       "\n\n,,\n",
			wantDiags: []diagLine{{gapanalysis.SevInfo, gapanalysis.CodeEmptySheet, ""}},
			wantAcct:  gapanalysis.SheetAccount{File: "t.csv"},
		},
		{
			name:     "header without data",
			csv:      "Country,Item,Status\n",
			wantAcct: gapanalysis.SheetAccount{File: "t.csv", Layout: "long"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ds := readCSVString(t, tc.csv, "t.csv", testOptions())
			assert.Equal(t, tc.want, respLines(ds))
			assert.Equal(t, tc.wantDiags, diagLines(ds))
			assert.Equal(t, []gapanalysis.SheetAccount{tc.wantAcct}, ds.Accounts)
		})
	}
}

func TestNoHeaderMessage(t *testing.T) {
	ds := readCSVString(t, "Notes\nThese answers are synthetic.\n", "n.csv", testOptions())
	require.Len(t, ds.Diagnostics, 1)
	assert.Equal(t, `no header row among its 2 non-empty rows, so the sheet was not read: the long layout `+
		`needs a header with at least two of country, item and status (e.g. "Country", "Item", "Status"); `+
		`a matrix, item IDs down a column and countries across a header row; a respondents export, `+
		`a country column and a column per item`,
		ds.Diagnostics[0].Message)
	opts := testOptions()
	opts.Layout = LayoutLong // a forced long layout says only what it needs
	ds = readCSVString(t, "Notes\nThese answers are synthetic.\n", "n.csv", opts)
	assert.Equal(t, `no header row among its 2 non-empty rows, so the sheet was not read: the long layout `+
		`needs a header with at least two of country, item and status (e.g. "Country", "Item", "Status")`,
		ds.Diagnostics[0].Message)
	ds = readCSVString(t, strings.Repeat("x\n", 25), "n.csv", testOptions())
	assert.Contains(t, ds.Diagnostics[0].Message, "among its first 20 non-empty rows")
}

func TestMissingColumnMessage(t *testing.T) {
	ds := readCSVString(t, "Title\nCountry,Item,Comment\nAT,D-3.4,x\n\nBE,D-3.5,y\nCZ,D-5.2,z\n", "m.csv", testOptions())
	require.Len(t, ds.Diagnostics, 1)
	d := ds.Diagnostics[0]
	assert.Equal(t, gapanalysis.CodeMissingColumn, d.Code)
	assert.Equal(t, 2, d.Row)
	assert.ErrorIs(t, d, gapanalysis.ErrMissingColumn)
	assert.Equal(t, "the header row has no status column (see the accepted headers in docs/input-format.md); "+
		"its 3 data rows (rows 3–6) were not read", d.Message)
	assert.Equal(t, gapanalysis.SheetAccount{File: "m.csv", Layout: "long", RowsRead: 3, RowsReported: 3,
		BlankRows: 1}, ds.Accounts[0])
}

func TestEveryStatusSpellingThroughCSV(t *testing.T) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	require.NoError(t, w.Write([]string{"Country", "Item", "Status", "Respondent"}))
	var want []gapanalysis.Status
	for _, st := range gapanalysis.Statuses() {
		for _, sp := range (*gapanalysis.Vocabulary)(nil).Spellings(st) {
			require.NoError(t, w.Write([]string{"AT", "D-3.4", sp, fmt.Sprint(len(want))}))
			want = append(want, st)
		}
	}
	numbers := []struct {
		text string
		st   gapanalysis.Status
	}{
		{"1", gapanalysis.StatusFull}, {"1.0", gapanalysis.StatusFull}, {"100%", gapanalysis.StatusFull},
		{"0.5", gapanalysis.StatusPartial}, {"0,5", gapanalysis.StatusPartial},
		{"50 %", gapanalysis.StatusPartial}, {"0", gapanalysis.StatusNone}, {"0%", gapanalysis.StatusNone},
	}
	for _, n := range numbers {
		require.NoError(t, w.Write([]string{"AT", "D-3.4", n.text, fmt.Sprint(len(want))}))
		want = append(want, n.st)
	}
	w.Flush()
	require.Greater(t, len(want), 150, "the vocabulary should hold well over 150 spellings")

	ds := readCSVString(t, buf.String(), "spellings.csv", testOptions())
	require.Empty(t, ds.Diagnostics)
	require.Len(t, ds.Responses.Slice(), len(want))
	for i, r := range ds.Responses.All() {
		assert.Equal(t, want[i], r.Status, "row %d (%s)", i+2, r.Source.Cell)
		assert.Equal(t, fmt.Sprintf("C%d", i+2), r.Source.Cell)
	}
}

func TestStatusesTypedAsNumbersInXLSX(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	s := "Sheet1"
	rows := [][]any{
		{"Country", "Item", "Status"},
		{"AT", "D-3.4", 1},
		{"BE", "D-3.4", 0.5},
		{"BG", "D-3.4", 0},
		{"CY", "D-3.4", 1.0},
		{"CZ", "D-3.4", 0.5}, // shown as 0.50 by a number format
		{"DE", "D-3.4", 0.5}, // shown as 50%
		{"DK", "D-3.4", true},
		{"EE", "D-3.4", "✓"},
	}
	for i, row := range rows {
		require.NoError(t, f.SetSheetRow(s, fmt.Sprintf("A%d", i+1), &row))
	}
	twoDecimals, err := f.NewStyle(&excelize.Style{NumFmt: 2})
	require.NoError(t, err)
	percent, err := f.NewStyle(&excelize.Style{NumFmt: 9})
	require.NoError(t, err)
	require.NoError(t, f.SetCellStyle(s, "C6", "C6", twoDecimals))
	require.NoError(t, f.SetCellStyle(s, "C7", "C7", percent))
	shown, err := f.GetCellValue(s, "C6")
	require.NoError(t, err)
	require.Equal(t, "0.50", shown, "the number format is applied when not reading raw values")
	buf, err := f.WriteToBuffer()
	require.NoError(t, err)

	ds := readXLSXBytes(t, buf.Bytes(), "numbers.xlsx", testOptions())
	assert.Empty(t, ds.Diagnostics)
	assert.Equal(t, []string{"AT D-3.4 full", "BE D-3.4 partial", "BG D-3.4 none", "CY D-3.4 full",
		"CZ D-3.4 partial", "DE D-3.4 partial", "DK D-3.4 full", "EE D-3.4 full"}, respLines(ds))
}

func TestCountryFormsThroughImporter(t *testing.T) {
	type form struct {
		text string
		want gapanalysis.CountryCode
	}
	var forms []form
	for _, c := range gapanalysis.Countries() {
		forms = append(forms, form{string(c.Code), c.Code}, form{c.Alpha3, c.Code}, form{c.Name, c.Code},
			form{strings.ToLower(c.Name), c.Code})
	}
	forms = append(forms,
		form{"GR", "EL"}, form{"GB", "UK"}, form{"Deutschland", "DE"}, form{"España", "ES"},
		form{"Österreich", "AT"}, form{"Ελλάδα", "EL"}, form{"Polska", "PL"}, form{"Česko", "CZ"},
		form{"Magyarország", "HU"}, form{"Suomi", "FI"}, form{"Sverige", "SE"}, form{"Hrvatska", "HR"},
		form{"Slovensko", "SK"}, form{"Slovenija", "SI"}, form{"Lietuva", "LT"}, form{"Latvija", "LV"},
		form{"Eesti", "EE"}, form{"România", "RO"}, form{"България", "BG"}, form{"Κύπρος", "CY"},
		form{"Éire", "IE"}, form{"Nederland", "NL"}, form{"België", "BE"}, form{"Belgique", "BE"},
		form{"Lëtzebuerg", "LU"}, form{"Malta", "MT"}, form{"Portugal", "PT"}, form{"Italia", "IT"},
		form{"France", "FR"}, form{"Danmark", "DK"}, form{"Ísland", "IS"}, form{"Norge", "NO"},
		form{"Schweiz", "CH"}, form{"Suisse", "CH"}, form{"Svizzera", "CH"},
		form{"Czech Republic", "CZ"}, form{"The Netherlands", "NL"}, form{"Holland", "NL"},
		form{"Slovak Republic", "SK"}, form{"Great Britain", "UK"}, form{"Republic of Ireland", "IE"},
		form{"United Kingdom of Great Britain and Northern Ireland", "UK"},
		form{" czechia ", "CZ"}, form{"CZECH-REPUBLIC", "CZ"})
	rows := [][]any{{"Country", "Item", "Status"}}
	for _, f := range forms {
		rows = append(rows, []any{f.text, "D-3.4", "yes"})
	}
	ds := readXLSXBytes(t, xlsxBytes(t, sheet{"Countries", rows}), "countries.xlsx", testOptions())
	require.Empty(t, ds.Diagnostics)
	require.Len(t, ds.Responses.Slice(), len(forms))
	for i, r := range ds.Responses.All() {
		assert.Equal(t, forms[i].want, r.Country, forms[i].text)
	}
}

func TestBadRows(t *testing.T) {
	csvText := strings.Join([]string{
		"Country,Item,Status,Value,Comment",   // 1
		"Germny,D-3.4,yes,,",                  // 2 unknown country with suggestion
		"PL,D-3.44,no,,",                      // 3 unknown item with suggestion
		"IT,D-3.4,maybe,,",                    // 4 bad status: response kept as unknown
		"NL,N-CASES,,many,",                   // 5 bad value: response kept as unknown
		",D-3.4,yes,,",                        // 6 empty country
		"AT,,yes,,",                           // 7 empty item
		"Atlantis,X-1,perhaps,,",              // 8 three problems, one reported row
		"FR,D-5.2,no,,",                       // 9 good
		"ES,N-CASES,12.5,,",                   // 10 good: numeric status cell is the value
		"SE,N-CASES,n/a,,",                    // 11 good: numeric item not applicable
		"DE,N-CASES,unknown,\"1 234,5\",",     // 12 good: value column, comma decimal
		"BE,N-CASES,full?,3,",                 // 13 bad status on a numeric item, value kept
		"  fi  ,  d-3.4 ,  Yes  ,,  spaced  ", // 14 good: trimmed, item case-insensitive
		",,,,only a comment",                  // 15 empty country and item
	}, "\n")
	ds := readCSVString(t, csvText, "bad.csv", testOptions())

	assert.Equal(t, []diagLine{
		{gapanalysis.SevError, gapanalysis.CodeUnknownCountry, "A2"},
		{gapanalysis.SevError, gapanalysis.CodeUnknownItem, "B3"},
		{gapanalysis.SevError, gapanalysis.CodeBadStatus, "C4"},
		{gapanalysis.SevError, gapanalysis.CodeBadValue, "D5"},
		{gapanalysis.SevError, gapanalysis.CodeMissingValue, "A6"},
		{gapanalysis.SevError, gapanalysis.CodeMissingValue, "B7"},
		{gapanalysis.SevError, gapanalysis.CodeUnknownCountry, "A8"},
		{gapanalysis.SevError, gapanalysis.CodeUnknownItem, "B8"},
		{gapanalysis.SevError, gapanalysis.CodeBadStatus, "C8"},
		{gapanalysis.SevError, gapanalysis.CodeBadStatus, "C13"},
		{gapanalysis.SevError, gapanalysis.CodeMissingValue, "A15"},
		{gapanalysis.SevError, gapanalysis.CodeMissingValue, "B15"},
	}, diagLines(ds))
	msgs := map[string]string{}
	for _, d := range ds.Diagnostics {
		msgs[d.Cell] = d.Message
		assert.Equal(t, "bad.csv", d.File)
		assert.Empty(t, d.Sheet)
		assert.Equal(t, d.Cell, cellName(d.Col-1, d.Row))
	}
	assert.Equal(t, `unknown country "Germny" — did you mean Germany (DE)?`, msgs["A2"])
	assert.Equal(t, `unknown item "D-3.44" — did you mean D-3.4?`, msgs["B3"])
	assert.Equal(t, `status "maybe" is not in the vocabulary (full, partial, none, n/a, unknown and their `+
		`spellings); the answer is counted as unknown`, msgs["C4"])
	assert.Equal(t, `value "many" of numeric item N-CASES is not a number; the answer is counted as unknown`, msgs["D5"])
	assert.Equal(t, "the country is empty", msgs["A6"])
	assert.Equal(t, "the item is empty", msgs["B7"])
	assert.Equal(t, `unknown country "Atlantis"`, msgs["A8"])
	assert.Equal(t, `unknown item "X-1"`, msgs["B8"])
	assert.ErrorIs(t, ds.Diagnostics[0], gapanalysis.ErrUnknownCountry)
	assert.ErrorIs(t, ds.Diagnostics[2], gapanalysis.ErrBadStatus)

	assert.Equal(t, []string{
		"IT D-3.4 unknown", "NL N-CASES unknown", "FR D-5.2 none", "ES N-CASES unknown=12.5",
		"SE N-CASES na", "DE N-CASES unknown=1234.5", "BE N-CASES unknown=3", "FI D-3.4 full",
	}, respLines(ds))
	sources := map[string]string{}
	for _, r := range ds.Responses.All() {
		sources[string(r.Country)] = r.Source.String()
	}
	assert.Equal(t, map[string]string{"IT": "bad.csv!C4", "NL": "bad.csv!D5", "FR": "bad.csv!C9",
		"ES": "bad.csv!C10", "SE": "bad.csv!C11", "DE": "bad.csv!D12", "BE": "bad.csv!D13",
		"FI": "bad.csv!C14"}, sources)
	assert.Equal(t, "spaced", ds.Responses.At(7).Comment)
	// Rows 2–15 are data rows; 9, 10, 11, 12 and 14 are used; 2–8, 13 and 15 reported.
	assert.Equal(t, []gapanalysis.SheetAccount{{File: "bad.csv", Layout: "long", RowsRead: 14,
		RowsUsed: 5, RowsReported: 9}}, ds.Accounts)
}

func TestBadRowsInXLSXCells(t *testing.T) {
	rows := [][]any{
		{"Synthetic test survey"},
		{},
		{"Notes", "Country", "Item", "Status"},
		{"", "AT", "D-3.4", "yes"},
		{"", "BE", "D-3.4", "perhaps"},
		{"", "CZ", "D-3.4", "no"},
		{"", "DE", "D-3.4", "??!"},
	}
	ds := readXLSXBytes(t, xlsxBytes(t, sheet{"Survey", rows}), "x.xlsx", testOptions())
	assert.Equal(t, []diagLine{
		{gapanalysis.SevError, gapanalysis.CodeBadStatus, "D5"},
		{gapanalysis.SevError, gapanalysis.CodeBadStatus, "D7"},
	}, diagLines(ds))
	for _, d := range ds.Diagnostics {
		assert.Equal(t, "Survey", d.Sheet)
		assert.Equal(t, 4, d.Col)
	}
	assert.Equal(t, "x.xlsx!Survey!D7: error bad-status: status \"??!\" is not in the vocabulary (full, partial, "+
		"none, n/a, unknown and their spellings); the answer is counted as unknown", ds.Diagnostics[1].Error())
	assert.Equal(t, []string{"AT D-3.4 full", "BE D-3.4 unknown", "CZ D-3.4 none", "DE D-3.4 unknown"}, respLines(ds))
	assert.Equal(t, "x.xlsx!Survey!D4", ds.Responses.At(0).Source.String())
}

func TestFixturesFromOtherSoftware(t *testing.T) {
	cases := []struct {
		file      string
		want      []string
		wantDiags []diagLine
		wantAccts []gapanalysis.SheetAccount
	}{
		{
			file: "long_synthetic_openpyxl.xlsx",
			want: []string{"AT D-3.4 full", "DE D-3.5 partial", "EL D-5.2 none", "ES N-CASES unknown=12.5",
				"FR BP-HOTLINE full", "IT D-3.4 unknown", "NL N-CASES unknown", "CZ D-3.4 na"},
			wantDiags: []diagLine{
				{gapanalysis.SevError, gapanalysis.CodeUnknownCountry, "A10"},
				{gapanalysis.SevError, gapanalysis.CodeUnknownItem, "B11"},
				{gapanalysis.SevError, gapanalysis.CodeBadStatus, "C12"},
				{gapanalysis.SevError, gapanalysis.CodeBadValue, "G13"},
				{gapanalysis.SevWarning, gapanalysis.CodeNoHeader, ""},
				{gapanalysis.SevInfo, gapanalysis.CodeEmptySheet, ""},
			},
			wantAccts: []gapanalysis.SheetAccount{
				{File: "long_synthetic_openpyxl.xlsx", Sheet: "Answers", Layout: "long", RowsRead: 10,
					RowsUsed: 6, RowsReported: 4, BlankRows: 1},
				{File: "long_synthetic_openpyxl.xlsx", Sheet: "Notes"},
				{File: "long_synthetic_openpyxl.xlsx", Sheet: "Empty"},
			},
		},
		{
			file: "long_synthetic_libreoffice.xlsx",
			want: []string{"BE D-3.4 full", "PL D-3.5 partial", "SK D-5.2 none", "FI D-3.4 full",
				"HU D-3.5 partial", "HR D-5.2 none", "RO N-CASES unknown=7", "LT D-3.4 full",
				"LV D-3.5 partial", "EE D-5.2 none"},
			wantAccts: []gapanalysis.SheetAccount{
				{File: "long_synthetic_libreoffice.xlsx", Sheet: "long_synthetic_libreoffice",
					Layout: "long", RowsRead: 10, RowsUsed: 10},
			},
		},
		{
			file: "long_synthetic_cp1252_semicolon.csv",
			want: []string{"AT D-3.4 full", "ES D-3.5 full", "DK D-5.2 none", "IS D-3.4 full",
				"IE D-3.5 full", "SE D-3.5 partial", "FR BP-HOTLINE partial", "DE N-CASES unknown=12.5"},
			wantDiags: []diagLine{{gapanalysis.SevError, gapanalysis.CodeUnknownCountry, "A11"}},
			wantAccts: []gapanalysis.SheetAccount{
				{File: "long_synthetic_cp1252_semicolon.csv", Layout: "long", RowsRead: 9, RowsUsed: 8,
					RowsReported: 1, BlankRows: 1},
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			ds, err := Open(fixture(tc.file), testOptions())
			require.NoError(t, err)
			requireBalanced(t, ds)
			assert.Equal(t, tc.want, respLines(ds))
			assert.Equal(t, tc.wantDiags, diagLines(ds))
			assert.Equal(t, tc.wantAccts, ds.Accounts)
			assert.Equal(t, tc.file, ds.Label)
			assert.True(t, ds.Synthetic, "a file named synthetic is marked synthetic")
		})
	}
}

func TestFixtureDetails(t *testing.T) {
	ds, err := Open(fixture("long_synthetic_openpyxl.xlsx"), testOptions())
	require.NoError(t, err)
	de := ds.Responses.At(1)
	assert.Equal(t, gapanalysis.Response{Country: "DE", Item: "D-3.5", Status: gapanalysis.StatusPartial,
		Evidence: "StGB § 176", Comment: "only some forms", Respondent: "Expert B",
		Source: gapanalysis.Source{File: "long_synthetic_openpyxl.xlsx", Sheet: "Answers", Cell: "C5"}}, de)
	assert.Equal(t, "long_synthetic_openpyxl.xlsx!Answers!G7", ds.Responses.At(3).Source.String())

	ds, err = Open(fixture("long_synthetic_cp1252_semicolon.csv"), testOptions())
	require.NoError(t, err)
	assert.Equal(t, "Loi pénale § 207; article 2", ds.Responses.At(0).Comment)
	assert.Equal(t, "«partiel»", ds.Responses.At(5).Comment)
	assert.Equal(t, "Anzahl der Fälle", ds.Responses.At(7).Comment)
	assert.Equal(t, `unknown country "Frankreich"`, ds.Diagnostics[0].Message)

	// LibreOffice stored "50%" as the number 0.5 with a percent format; read raw it is a status.
	f, err := excelize.OpenFile(fixture("long_synthetic_libreoffice.xlsx"))
	require.NoError(t, err)
	defer f.Close()
	raw, err := f.GetCellValue("long_synthetic_libreoffice", "C7", excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	assert.Equal(t, "0.5", raw)
	shown, err := f.GetCellValue("long_synthetic_libreoffice", "C7")
	require.NoError(t, err)
	assert.Equal(t, "50.00%", shown, "LibreOffice gave the cell the format 0.00%")
}

func TestShuffledRowsGiveTheSameResponses(t *testing.T) {
	base := []string{
		"AT,D-3.4,yes,ev1,c1,R1", "AT,D-3.5,partly,,,R1", "BE,D-3.4,no,,,", "BE,N-CASES,4.5,,,",
		"CZ,D-5.2,n/a,,,R2", "Germny,D-3.4,yes,,,", "DE,D-3.44,no,,,", "DK,D-3.4,maybe,,,",
		"EE,BP-HOTLINE,✓,,,", "EL,D-3.4,0.5,,,", "AT,D-3.4,yes,ev1,c1,R1", "FR,N-CASES,lots,,,",
		",,,,,", "IE,D-3.5,?,,,",
	}
	header := "Country,Item,Status,Evidence,Comment,Respondent\n"
	read := func(lines []string) *gapanalysis.Dataset {
		return readCSVString(t, header+strings.Join(lines, "\n")+"\n", "s.csv", testOptions())
	}
	codes := func(ds *gapanalysis.Dataset) []string {
		var out []string
		for _, d := range ds.Diagnostics {
			out = append(out, string(d.Code))
		}
		sort.Strings(out)
		return out
	}
	want := read(base)
	require.Len(t, want.Responses.Slice(), 11)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20; i++ {
		lines := append([]string(nil), base...)
		rng.Shuffle(len(lines), func(a, b int) { lines[a], lines[b] = lines[b], lines[a] })
		got := read(lines)
		assert.Equal(t, sortedResponses(want), sortedResponses(got))
		assert.Equal(t, codes(want), codes(got))
		assert.Equal(t, want.Accounts, got.Accounts)
	}
}

func TestCSVDialects(t *testing.T) {
	want := []string{"AT D-3.4 full", "BE D-3.5 partial"}
	cp1252 := func(s string) string {
		var b []byte
		for _, r := range s {
			switch r {
			case 'é':
				b = append(b, 0xE9)
			case 'Ö':
				b = append(b, 0xD6)
			case '€':
				b = append(b, 0x80)
			default:
				b = append(b, byte(r))
			}
		}
		return string(b)
	}
	utf16le := func(s string) string {
		b := []byte{0xFF, 0xFE}
		for _, r := range s {
			b = append(b, byte(r), byte(r>>8))
		}
		return string(b)
	}
	cases := []struct {
		name  string
		text  string
		delim rune
		want  []string
		cmt   string
	}{
		{name: "comma", text: "Country,Item,Status\nAT,D-3.4,yes\nBE,D-3.5,partly\n"},
		{name: "semicolon", text: "Country;Item;Status\nAT;D-3.4;yes\nBE;D-3.5;partly\n"},
		{name: "tab", text: "Country\tItem\tStatus\nAT\tD-3.4\tyes\nBE\tD-3.5\tpartly\n"},
		{name: "BOM and CRLF", text: "\xef\xbb\xbfCountry,Item,Status\r\nAT,D-3.4,yes\r\nBE,D-3.5,partly\r\n"},
		{name: "no final newline", text: "Country,Item,Status\nAT,D-3.4,yes\nBE,D-3.5,partly"},
		{name: "semicolon title row with commas",
			text: "Survey, wave 1, synthetic\nCountry;Item;Status\nAT;D-3.4;yes\nBE;D-3.5;partly\n"},
		{name: "quoted delimiters and line breaks",
			text: "Country;Item;Status;Comment\nAT;D-3.4;yes;\"a; b\nsecond line\"\nBE;D-3.5;partly;\"say \"\"hi\"\"\"\n",
			cmt:  "a; b\nsecond line"},
		{name: "windows-1252", text: cp1252("Pays;Item;Réponse;Commentaire\nÖsterreich;D-3.4;oui;5 €\nBE;D-3.5;partiel;\n"),
			cmt: "5 €"},
		{name: "utf-16 with BOM", text: utf16le("Country\tItem\tStatus\r\nAT\tD-3.4\tyes\r\nBE\tD-3.5\tpartly\r\n")},
		{name: "delimiter given", text: "Country|Item|Status\nAT|D-3.4|yes\nBE|D-3.5|partly\n", delim: '|'},
		{name: "no header: most frequent delimiter", text: "a;b;c\nd;e;f\n", want: []string{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts := testOptions()
			opts.Delimiter = tc.delim
			ds := readCSVString(t, tc.text, "d.csv", opts)
			w := want
			if tc.want != nil {
				w = tc.want
			}
			if len(w) == 0 {
				assert.Empty(t, ds.Responses.Slice())
				return
			}
			assert.Equal(t, w, respLines(ds))
			assert.Empty(t, ds.Diagnostics)
			assert.Equal(t, tc.cmt, ds.Responses.At(0).Comment)
		})
	}
}

func TestDetectDelimiter(t *testing.T) {
	cases := []struct {
		sample string
		want   rune
	}{
		{"Country,Item,Status\n", ','},
		{"Country;Item;Status\n", ';'},
		{"Country\tItem\tStatus\n", '\t'},
		{"\"Country, name\";Item;Status\n", ';'},
		{"x;y;z\n1;2;3\n", ';'},
		{"x\ty\n", '\t'},
		{"\"a,b,c\";d\n", ';'},
		{"", ','},
	}
	for _, tc := range cases {
		assert.Equal(t, string(tc.want), string(detectDelimiter(tc.sample)), "%q", tc.sample)
	}
}

func TestCSVLineNumbers(t *testing.T) {
	text := "Title\n\nCountry,Item,Status,Comment\n\n\nAT,D-3.4,maybe,\"two\nlines\"\n\nBE,D-3.5,perhaps,\n"
	ds := readCSVString(t, text, "lines.csv", testOptions())
	assert.Equal(t, []diagLine{
		{gapanalysis.SevError, gapanalysis.CodeBadStatus, "C6"},
		{gapanalysis.SevError, gapanalysis.CodeBadStatus, "C9"},
	}, diagLines(ds))
	assert.Equal(t, []gapanalysis.SheetAccount{{File: "lines.csv", Layout: "long", RowsRead: 2,
		RowsReported: 2, BlankRows: 3}}, ds.Accounts)
}

func TestNumericItems(t *testing.T) {
	cases := []struct {
		status, value string
		want          string
		wantCode      gapanalysis.Code
	}{
		{"", "12", "AT N-CASES unknown=12", ""},
		{"12", "", "AT N-CASES unknown=12", ""},
		{"0.5", "", "AT N-CASES unknown=0.5", ""}, // a number, not "partial"
		{"1", "", "AT N-CASES unknown=1", ""},
		{"", "1,5", "AT N-CASES unknown=1.5", ""},
		{"", "1.234,5", "AT N-CASES unknown=1234.5", ""},
		{"", "1,234.5", "AT N-CASES unknown=1234.5", ""},
		{"", "1,234,567", "AT N-CASES unknown=1.234567e+06", ""},
		{"", "-3", "AT N-CASES unknown=-3", ""},
		{"", "1.5E-3", "AT N-CASES unknown=0.0015", ""},
		{"n/a", "", "AT N-CASES na", ""},
		{"unknown", "", "AT N-CASES unknown", ""},
		{"", "", "AT N-CASES unknown", ""},
		{"n/a", "7", "AT N-CASES na=7", ""},
		{"7", "8", "AT N-CASES unknown=8", ""}, // the value column wins
		{"", "12%", "AT N-CASES unknown", gapanalysis.CodeBadValue},
		{"", "NaN", "AT N-CASES unknown", gapanalysis.CodeBadValue},
		{"", "0x10", "AT N-CASES unknown", gapanalysis.CodeBadValue},
		{"", "Inf", "AT N-CASES unknown", gapanalysis.CodeBadValue},
		{"lots", "", "AT N-CASES unknown", gapanalysis.CodeBadStatus},
	}
	for _, tc := range cases {
		t.Run(tc.status+"|"+tc.value, func(t *testing.T) {
			ds := readXLSXBytes(t, xlsxBytes(t, sheet{"S", [][]any{
				{"Country", "Item", "Status", "Value"}, {"AT", "N-CASES", tc.status, tc.value},
			}}), "n.xlsx", testOptions())
			assert.Equal(t, []string{tc.want}, respLines(ds))
			if tc.wantCode == "" {
				assert.Empty(t, ds.Diagnostics)
			} else {
				require.Len(t, ds.Diagnostics, 1)
				assert.Equal(t, tc.wantCode, ds.Diagnostics[0].Code)
			}
		})
	}
}

func TestDataSheetColumns(t *testing.T) {
	// The Data sheet of the report: Source is provenance, not evidence.
	data := sheet{"Data", [][]any{
		{"Country", "Item", "Status", "Value", "Evidence", "Comment", "Respondent", "Source"},
		{"AT", "D-3.4", "full", "", "StGB", "ok", "R1", "at.xlsx!Survey!C4"},
		{"AT", "N-CASES", "unknown", 12.5, "", "", "", "at.xlsx!Survey!C9"},
		{"BE", "D-3.5", "partial", "", "", "", "", "be.csv!C2"},
	}}
	ds := readXLSXBytes(t, xlsxBytes(t, data), "report.xlsx", testOptions())
	assert.Equal(t, []string{"AT D-3.4 full", "AT N-CASES unknown=12.5", "BE D-3.5 partial"}, respLines(ds))
	assert.Equal(t, "StGB", ds.Responses.At(0).Evidence)
	assert.Equal(t, "R1", ds.Responses.At(0).Respondent)
	assert.Equal(t, "report.xlsx!Data!D3", ds.Responses.At(1).Source.String())
	require.Len(t, ds.Diagnostics, 1)
	assert.Equal(t, gapanalysis.CodeIgnoredColumn, ds.Diagnostics[0].Code)
	assert.Equal(t, gapanalysis.SevInfo, ds.Diagnostics[0].Severity)
	assert.Equal(t, `columns ignored: "Source" (H1) (provenance: the evidence column is used)`, ds.Diagnostics[0].Message)

	// Without an evidence column, Source is the evidence.
	ds = readCSVString(t, "Country,Item,Status,Source,Extra\nAT,D-3.4,yes,Gazette 2019/12,x\n", "s.csv", testOptions())
	require.Len(t, ds.Responses.Slice(), 1)
	assert.Equal(t, "Gazette 2019/12", ds.Responses.At(0).Evidence)
	require.Len(t, ds.Diagnostics, 1)
	assert.Equal(t, `columns ignored: "Extra" (E1)`, ds.Diagnostics[0].Message)
}

func TestDuplicateColumnsFirstWins(t *testing.T) {
	ds := readCSVString(t, "Country,Country code,Item,Status\nAustria,XX,D-3.4,yes\n", "d.csv", testOptions())
	assert.Equal(t, []string{"AT D-3.4 full"}, respLines(ds))
	require.Len(t, ds.Diagnostics, 1)
	assert.Equal(t, `columns ignored: "Country code" (B1)`, ds.Diagnostics[0].Message)
}

func TestDuplicatesAreKept(t *testing.T) {
	// Duplicates and conflicts are the pipeline's business: every row is kept.
	ds := readCSVString(t, "Country,Item,Status\nAT,D-3.4,yes\nAT,D-3.4,yes\nAT,D-3.4,no\n", "d.csv", testOptions())
	assert.Equal(t, []string{"AT D-3.4 full", "AT D-3.4 full", "AT D-3.4 none"}, respLines(ds))
	assert.Empty(t, ds.Diagnostics)
}

func TestCustomVocabulary(t *testing.T) {
	v, err := gapanalysis.NewVocabulary(map[string][]string{"full": {"si, pienamente"}})
	require.NoError(t, err)
	opts := testOptions()
	opts.Vocabulary = v
	ds := readCSVString(t, "Country;Item;Status\nIT;D-3.4;Si, pienamente\n", "v.csv", opts)
	assert.Equal(t, []string{"IT D-3.4 full"}, respLines(ds))
	ds = readCSVString(t, "Country;Item;Status\nIT;D-3.4;Si, pienamente\n", "v.csv", testOptions())
	assert.Equal(t, []string{"IT D-3.4 unknown"}, respLines(ds))
}

func TestParseNumber(t *testing.T) {
	cases := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"12", 12, true}, {" 12.5 ", 12.5, true}, {"12,5", 12.5, true}, {"1 234,5", 1234.5, true},
		{"1\u00a0234", 1234, true}, {"1.234,5", 1234.5, true}, {"1,234.5", 1234.5, true},
		{"1,234,567", 1234567, true}, {"1'234", 1234, true}, {"-0.25", -0.25, true},
		{"1.5E-3", 0.0015, true}, {"+4", 4, true},
		{"", 0, false}, {"abc", 0, false}, {"12%", 0, false}, {"NaN", 0, false},
		{"Inf", 0, false}, {"0x10", 0, false}, {"1e400", 0, false}, {"1.2.3", 0, false},
		{"--1", 0, false}, {",", 0, false},
	}
	for _, tc := range cases {
		got, ok := parseNumber(tc.in)
		assert.Equal(t, tc.ok, ok, "%q", tc.in)
		assert.Equal(t, tc.want, got, "%q", tc.in)
	}
}

func TestCellName(t *testing.T) {
	assert.Equal(t, "A1", cellName(0, 1))
	assert.Equal(t, "AB12", cellName(27, 12))
	assert.Equal(t, "", cellName(-1, 3))
	assert.Equal(t, "R2000000C1", cellName(0, 2000000))
}
