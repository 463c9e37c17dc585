package report_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
)

func writeTemplate(t *testing.T, cl *gapanalysis.Checklist, country gapanalysis.CountryCode, opts *report.TemplateOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, report.WriteTemplate(&buf, cl, country, opts))
	return buf.Bytes()
}

// The sample checklist in a questionnaire: row 1 the header, then
//
//	2 Legal compliance (pillar)   3 Substantive criminal law (theme)
//	4 D-3.4   5 D-5.2             6 Victims (theme)
//	7 D-18.1  8 D-20.3            9 Best practice (pillar)
//	10 Prevention (theme)         11 BP-HOTLINE   12 BP-REPORTS (numeric)
//
// with the columns A ID … E Guidance, F Status, G Evidence, H Comment, I Value
// (the checklist has a numeric item) and J ELI link.
var sampleItemRows = map[string]int{"D-3.4": 4, "D-5.2": 5, "D-18.1": 7, "D-20.3": 8, "BP-HOTLINE": 11, "BP-REPORTS": 12}

func TestWriteTemplateSample(t *testing.T) {
	cl := sampleChecklist()
	tests := []struct {
		country   gapanalysis.CountryCode
		notBound  []string // item rows prefilled na and locked
		coverRows int      // DK's Cover has a paragraph on the items that do not bind it
	}{
		{"AT", nil, 33},
		{"DK", []string{"D-3.4", "D-5.2", "D-18.1", "D-20.3"}, 34},
	}
	for _, tc := range tests {
		t.Run(string(tc.country), func(t *testing.T) {
			data := writeTemplate(t, cl, tc.country, nil)
			f := openWorkbook(t, data)
			assert.Equal(t, []string{report.SheetCover, report.SheetQuestionnaire}, f.GetSheetList())

			rows, err := f.GetRows(report.SheetQuestionnaire)
			require.NoError(t, err)
			require.Len(t, rows, 12)
			assert.Equal(t, []string{"ID", "Ref", "Title", "Question", "Guidance", "Status", "Evidence", "Comment", "Value", "ELI link"}, rows[0])
			for r, want := range map[int]string{2: "Legal compliance", 3: "Substantive criminal law", 6: "Victims", 9: "Best practice", 10: "Prevention"} {
				assert.Equal(t, []string{want}, rows[r-1], "heading row %d", r)
			}
			notBound := map[string]bool{}
			for _, id := range tc.notBound {
				notBound[id] = true
			}
			for id, r := range sampleItemRows {
				row := rows[r-1]
				assert.Equal(t, id, row[0], "row %d", r)
				status := ""
				if notBound[id] {
					status = "na"
					assert.Contains(t, row[4], "Not applicable: this provision does not bind Denmark")
				}
				if len(row) > 5 {
					assert.Equal(t, status, row[5], "status of %s", id)
				}
				// Answer cells are unlocked, except on items that do not bind the
				// country and in the Value column of status items.
				for col, name := range map[int]string{6: "Status", 7: "Evidence", 8: "Comment", 9: "Value"} {
					want := !notBound[id] && (name != "Value" || id == "BP-REPORTS")
					assert.Equal(t, want, !cellLocked(t, f, report.SheetQuestionnaire, cellAt(col, r)), "%s %s unlocked", id, name)
				}
				for col := 1; col <= 5; col++ {
					assert.True(t, cellLocked(t, f, report.SheetQuestionnaire, cellAt(col, r)), "%s column %d locked", id, col)
				}
			}
			// The item's text, guidance and link.
			d34 := rows[3]
			assert.Equal(t, "Art. 3(4)", d34[1])
			assert.Equal(t, d34[2], d34[3], "without a question, the title is asked")
			assert.Contains(t, d34[4], "Penalty: national law must allow a maximum term of imprisonment of at least 5 years.")
			assert.Equal(t, "http://data.europa.eu/eli/dir/2011/93/art_3/par_4/oj", d34[9])
			link, target, err := f.GetCellHyperLink(report.SheetQuestionnaire, "J4")
			require.NoError(t, err)
			assert.True(t, link)
			assert.Equal(t, "http://data.europa.eu/eli/dir/2011/93/art_3/par_4/oj", target)
			assert.Equal(t, "http://data.europa.eu/eli/dir/2011/93/oj", rows[4][9], "a provision without its own ELI links the act")
			assert.Len(t, rows[10], 5, "a best practice without an ELI has no link")
			assert.Contains(t, rows[7][4], "Optional provision")
			if tc.country == "DK" {
				assert.NotContains(t, rows[7][4], "Answer none", "DK is not bound: nothing to answer")
			} else {
				assert.Contains(t, rows[7][4], "Answer none if your country does not use the option (lawful, not a gap)")
				assert.Contains(t, rows[7][4], "partial if it uses the option but meets those conditions only in part")
			}
			assert.Contains(t, rows[10][4], "Best practice, not a legal duty.")
			assert.Contains(t, rows[11][4], "Answer with a number in the Value column.")

			// The status dropdown over the Status column, with the SPEC's statuses.
			dvs, err := f.GetDataValidations(report.SheetQuestionnaire)
			require.NoError(t, err)
			require.Len(t, dvs, 1)
			assert.Equal(t, "F2:F12", dvs[0].Sqref)
			assert.Equal(t, "list", dvs[0].Type)
			assert.Equal(t, `"full,partial,none,na,unknown"`, dvs[0].Formula1)
			assert.True(t, dvs[0].AllowBlank)
			require.NotNil(t, dvs[0].ErrorStyle)
			assert.Equal(t, "warning", *dvs[0].ErrorStyle, "other spellings are kept after a warning")

			panes, err := f.GetPanes(report.SheetQuestionnaire)
			require.NoError(t, err)
			assert.True(t, panes.Freeze)
			assert.Equal(t, 1, panes.XSplit)
			assert.Equal(t, 1, panes.YSplit)
			for sheet, dim := range map[string]string{report.SheetQuestionnaire: "A1:J12", report.SheetCover: fmt.Sprintf("A1:B%d", tc.coverRows)} {
				got, err := f.GetSheetDimension(sheet)
				require.NoError(t, err)
				assert.Equal(t, dim, got, sheet)
			}
			for col, w := range map[string]float64{"A": 12, "D": 60, "F": 12, "G": 40, "J": 50} {
				got, err := f.GetColWidth(report.SheetQuestionnaire, col)
				require.NoError(t, err)
				assert.Equal(t, w, got, "width of %s", col)
			}
			assertProtected(t, data)
			assertFonts(t, f)
		})
	}
}

func TestWriteTemplateCover(t *testing.T) {
	cl := sampleChecklist()
	data := writeTemplate(t, cl, "DK", &report.TemplateOptions{
		Title: "Survey of national law", ReturnTo: "gapstudy@example.org", Deadline: "30 June 2026", Tool: "gapstudy v1.2.3"})
	f := openWorkbook(t, data)
	rows, err := f.GetRows(report.SheetCover)
	require.NoError(t, err)
	fields := map[string]string{}
	fieldRow := map[string]int{}
	for i, r := range rows {
		if len(r) >= 1 {
			v := ""
			if len(r) > 1 {
				v = r[1]
			}
			fields[r[0]] = v
			fieldRow[r[0]] = i + 1
		}
	}
	assert.Equal(t, "Survey of national law", rows[0][0])
	assert.Equal(t, "Country: Denmark (DK)", rows[1][0])
	want := map[string]string{
		report.CoverCountryCode:            "DK",
		report.CoverCountry:                "Denmark",
		report.CoverRespondent:             "",
		report.CoverOrganisation:           "",
		report.CoverDate + " (YYYY-MM-DD)": "",
		report.CoverFileFormat:             report.QuestionnaireFormat,
		report.CoverChecklist:              "sample-2011-93",
		report.CoverChecklistVersion:       "2026.1-test",
		report.CoverChecklistSHA:           "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		report.CoverMadeFor:                "DK",
		"Questions":                        "6",
		"Written by":                       "gapstudy v1.2.3",
	}
	for label, v := range want {
		got, ok := fields[label]
		if assert.True(t, ok, "no field %q", label) {
			assert.Equal(t, v, got, label)
		}
	}
	// The respondent's fields are the only unlocked cells of the Cover.
	for _, label := range []string{report.CoverRespondent, report.CoverOrganisation, report.CoverDate + " (YYYY-MM-DD)"} {
		assert.False(t, cellLocked(t, f, report.SheetCover, cellAt(2, fieldRow[label])), label)
	}
	for _, label := range []string{report.CoverCountryCode, report.CoverFileFormat, report.CoverMadeFor} {
		assert.True(t, cellLocked(t, f, report.SheetCover, cellAt(2, fieldRow[label])), label)
	}
	// Each status is explained, and the return instructions name the format,
	// the address and the deadline.
	for _, st := range gapanalysis.Statuses() {
		assert.Contains(t, fields, st.String())
	}
	assert.Equal(t, "Save the file as an Excel workbook (.xlsx) — not .xls, .ods, PDF or CSV — and return it to gapstudy@example.org by 30 June 2026.", fields["Return"])
	assert.Equal(t, "4 questions are about provisions of Directive 2011/93/EU, which does not bind Denmark. They are shown in grey, already answered na, and need no answer.", fields["Not applicable"])
	assert.Contains(t, fields["Evidence"], "national provision")
	assert.Contains(t, fields, "Value", "a checklist with numeric items explains the Value column")

	props, err := f.GetDocProps()
	require.NoError(t, err)
	assert.Equal(t, "2000-01-01T00:00:00Z", props.Created)
	assert.Equal(t, "gapstudy v1.2.3", props.Creator)
}

func TestWriteTemplateBuiltin(t *testing.T) {
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	data := writeTemplate(t, cl, "EL", nil)
	f := openWorkbook(t, data)
	rows, err := f.GetRows(report.SheetQuestionnaire)
	require.NoError(t, err)
	// Without numeric items there is no Value column.
	assert.Equal(t, []string{"ID", "Ref", "Title", "Question", "Guidance", "Status", "Evidence", "Comment", "ELI link"}, rows[0])
	items, headings := 0, 0
	for _, r := range rows[1:] {
		if cl.Item(gapanalysis.ItemID(r[0])) != nil {
			items++
		} else {
			headings++
		}
	}
	assert.Equal(t, len(cl.Items()), items)
	themes := len(cl.Themes())
	assert.Equal(t, len(cl.Pillars)+themes, headings)
	dvs, err := f.GetDataValidations(report.SheetQuestionnaire)
	require.NoError(t, err)
	require.Len(t, dvs, 1)
	assert.Equal(t, fmt.Sprintf("F2:F%d", len(rows)), dvs[0].Sqref)
	cover, err := f.GetRows(report.SheetCover)
	require.NoError(t, err)
	assert.Contains(t, cover, []string{report.CoverChecklistSHA, cl.SHA256})
	assert.NotContains(t, cover, []string{"Not applicable"}, "Greece is bound by every item")
	assert.NotContains(t, cover, []string{"Value"})
}

func TestWriteTemplateDeterministic(t *testing.T) {
	cl := sampleChecklist()
	a := writeTemplate(t, cl, "DK", nil)
	b := writeTemplate(t, cl, "DK", nil)
	assert.Equal(t, a, b)
	golden(t, "template.golden", []byte(dumpWorkbook(t, a)))
}

func TestWriteTemplateErrors(t *testing.T) {
	empty := &gapanalysis.Checklist{ID: "empty"}
	tests := []struct {
		name    string
		cl      *gapanalysis.Checklist
		country gapanalysis.CountryCode
		want    string
	}{
		{"nil checklist", nil, "AT", "report: nil checklist"},
		{"no items", empty, "AT", "report: checklist empty has no items"},
		{"unknown country", sampleChecklist(), "XX", `report: unknown country code "XX"`},
		{"name, not code", sampleChecklist(), "Austria", `report: unknown country code "Austria"`},
		{"Greece as GR", sampleChecklist(), "GR", `report: unknown country code "GR"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := report.WriteTemplate(io.Discard, tc.cl, tc.country, nil)
			require.Error(t, err)
			assert.EqualError(t, err, tc.want)
		})
	}
}

func TestTemplateFileName(t *testing.T) {
	tests := []struct {
		id   string
		cc   gapanalysis.CountryCode
		want string
	}{
		{"dir-2011-93", "AT", "questionnaire-AT-dir-2011-93.xlsx"},
		{"my study/v2 é", "EL", "questionnaire-EL-my-study-v2--.xlsx"},
		{"", "DK", "questionnaire-DK-checklist.xlsx"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, report.TemplateFileName(&gapanalysis.Checklist{ID: tc.id}, tc.cc))
	}
}

// templateOpenpyxl prints what openpyxl sees of a questionnaire: the sheets,
// whether each is protected, the status validation, the protection of some
// cells, the frozen panes and the number of rows in read-only mode.
const templateOpenpyxl = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
q = wb["Questionnaire"]
c = wb["Cover"]
dv = q.data_validations.dataValidation
out = {
  "sheets": wb.sheetnames,
  "protected": [q.protection.sheet, c.protection.sheet],
  "validations": [[d.type, d.formula1, str(d.sqref)] for d in dv],
  "locked": {k: q[k].protection.locked for k in ("A4", "E4", "F4", "G4", "H4", "I4", "I11", "I12")},
  "cover_locked": {k: c[k].protection.locked for k in ("B4", "B6", "B7", "B8")},
  "freeze": q.freeze_panes,
  "font": [q["A4"].font.name, q["A4"].font.sz, q["F4"].font.name, q["F4"].font.sz],
}
ro = openpyxl.load_workbook(sys.argv[1], read_only=True)
out["read_only_rows"] = [ro["Questionnaire"].max_row, sum(1 for _ in ro["Questionnaire"].iter_rows())]
print(json.dumps(out))
`

// TestTemplateOpenpyxl opens a questionnaire with openpyxl: the dropdown is
// there, both sheets are protected, the answer cells (and only they) are
// unlocked, and read-only mode sees every row (SPEC 11).
func TestTemplateOpenpyxl(t *testing.T) {
	requireOpenpyxl(t)
	path := filepath.Join(t.TempDir(), "questionnaire-AT-sample.xlsx")
	require.NoError(t, report.WriteFile(path, func(w io.Writer) error {
		return report.WriteTemplate(w, sampleChecklist(), "AT", nil)
	}))
	out, err := exec.Command(python, "-c", templateOpenpyxl, path).Output()
	require.NoError(t, err)
	var got struct {
		Sheets       []string        `json:"sheets"`
		Protected    []bool          `json:"protected"`
		Validations  [][3]string     `json:"validations"`
		Locked       map[string]bool `json:"locked"`
		CoverLocked  map[string]bool `json:"cover_locked"`
		Freeze       string          `json:"freeze"`
		Font         []any           `json:"font"`
		ReadOnlyRows [2]int          `json:"read_only_rows"`
	}
	require.NoError(t, json.Unmarshal(out, &got), string(out))
	assert.Equal(t, []string{"Cover", "Questionnaire"}, got.Sheets)
	assert.Equal(t, []bool{true, true}, got.Protected)
	assert.Equal(t, [][3]string{{"list", `"full,partial,none,na,unknown"`, "F2:F12"}}, got.Validations)
	assert.Equal(t, map[string]bool{"A4": true, "E4": true, "F4": false, "G4": false, "H4": false,
		"I4": true, "I11": true, "I12": false}, got.Locked)
	assert.Equal(t, map[string]bool{"B4": true, "B6": false, "B7": false, "B8": false}, got.CoverLocked)
	assert.Equal(t, "B2", got.Freeze)
	assert.Equal(t, []any{"Calibri", 11.0, "Calibri", 11.0}, got.Font)
	assert.Equal(t, [2]int{12, 12}, got.ReadOnlyRows)
}

func ExampleWriteTemplate() {
	cl := &gapanalysis.Checklist{
		ID: "mini", Title: "Mini checklist", Version: "1",
		Instrument: gapanalysis.Instrument{NotBound: []gapanalysis.CountryCode{"DK"}},
		Pillars: []*gapanalysis.Pillar{{ID: "law", Title: "Law", Weight: 1, Themes: []*gapanalysis.Theme{
			{ID: "offences", Title: "Offences", Weight: 1, Items: []*gapanalysis.Item{
				{ID: "D-3.4", Ref: "Art. 3(4)", Title: "Sexual activities with a child", Obligation: gapanalysis.Mandatory, Weight: 1},
				{ID: "BP-1", Title: "A national hotline", Obligation: gapanalysis.Practice, Weight: 1},
			}},
		}}},
	}
	var buf bytes.Buffer
	if err := report.WriteTemplate(&buf, cl, "DK", nil); err != nil {
		fmt.Println(err)
		return
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	fmt.Println(report.TemplateFileName(cl, "DK"), f.GetSheetList())
	rows, _ := f.GetRows(report.SheetQuestionnaire)
	for _, r := range rows {
		if len(r) > 6 {
			r = r[:6]
		}
		fmt.Printf("%q\n", r)
	}
	// Output:
	// questionnaire-DK-mini.xlsx [Cover Questionnaire]
	// ["ID" "Ref" "Title" "Question" "Guidance" "Status"]
	// ["Law"]
	// ["Offences"]
	// ["D-3.4" "Art. 3(4)" "Sexual activities with a child" "Sexual activities with a child" "Not applicable: this provision does not bind Denmark; the question needs no answer." "na"]
	// ["BP-1" "" "A national hotline" "A national hotline" "Best practice, not a legal duty."]
}

// cellAt returns the A1 name of a 1-based column and row.
func cellAt(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err)
	}
	return name
}

// cellLocked reports whether a cell is locked (the default when its style says
// nothing).
func cellLocked(t *testing.T, f *excelize.File, sheet, cell string) bool {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	require.NoError(t, err)
	st, err := f.GetStyle(id)
	require.NoError(t, err)
	return st.Protection == nil || st.Protection.Locked
}

var sheetProtection = regexp.MustCompile(`<sheetProtection [^>]*\bsheet="(true|1)"`)

// assertProtected checks that every worksheet of the package is protected and
// has no password.
func assertProtected(t *testing.T, data []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	n := 0
	for _, zf := range zr.File {
		if matched, _ := filepath.Match("xl/worksheets/sheet*.xml", zf.Name); !matched {
			continue
		}
		n++
		rc, err := zf.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		rc.Close()
		require.NoError(t, err)
		assert.Regexp(t, sheetProtection, string(b), zf.Name)
		assert.NotContains(t, string(b), "password=", zf.Name)
		assert.NotContains(t, string(b), "hashValue=", zf.Name)
	}
	assert.Equal(t, 2, n)
}

// assertFonts checks that every written cell's font has a family and a size
// (SPEC 11).
func assertFonts(t *testing.T, f *excelize.File) {
	t.Helper()
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		require.NoError(t, err)
		for r, row := range rows {
			for c := range row {
				cell := cellAt(c+1, r+1)
				id, err := f.GetCellStyle(sheet, cell)
				require.NoError(t, err)
				st, err := f.GetStyle(id)
				require.NoError(t, err)
				if assert.NotNil(t, st.Font, "%s!%s", sheet, cell) {
					assert.NotEmpty(t, st.Font.Family, "%s!%s", sheet, cell)
					assert.Positive(t, st.Font.Size, "%s!%s", sheet, cell)
				}
			}
		}
	}
}

// TestWriteTemplateConcurrent writes questionnaires from one checklist built in
// code (its lookup index not built) on several goroutines: the same bytes as
// one after the other, and no data race under -race.
func TestWriteTemplateConcurrent(t *testing.T) {
	cl := &gapanalysis.Checklist{ID: "c", Version: "1", Pillars: []*gapanalysis.Pillar{{ID: "p", Weight: 1,
		Themes: []*gapanalysis.Theme{{ID: "t", Weight: 1, Items: []*gapanalysis.Item{
			{ID: "A-1", Title: "One", Obligation: gapanalysis.Mandatory, Weight: 1},
			{ID: "A-2", Title: "Two", Obligation: gapanalysis.Practice, Weight: 1},
		}}}}}}
	countries := []gapanalysis.CountryCode{"AT", "BE", "DK", "EL"}
	got := make([][]byte, len(countries))
	done := make(chan int)
	for i, cc := range countries {
		go func() {
			var buf bytes.Buffer
			if err := report.WriteTemplate(&buf, cl, cc, nil); err == nil {
				got[i] = buf.Bytes()
			}
			done <- i
		}()
	}
	for range countries {
		<-done
	}
	for i, cc := range countries {
		assert.Equal(t, writeTemplate(t, cl, cc, nil), got[i], string(cc))
	}
}
