package importers

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// checklistSheets returns the sheets of a small, valid checklist workbook; the
// tests change one thing in them at a time.
func checklistSheets() map[string][][]any {
	return map[string][][]any{
		"About": {
			{"Field", "Value"},
			{"id", "mini"},
			{"title", "Mini checklist (synthetic)"},
			{"version", "1"},
			{"instrument.not_bound", "Denmark; IE"},
		},
		"Items": {
			{"Pillar ID", "Pillar title", "Pillar weight", "Theme ID", "Theme title", "Theme weight", "ID", "Title", "Obligation", "Weight", "Type", "Min max penalty"},
			{"law", "Law", 2, "off", "Offences", nil, "A-1", "First", "Mandatory", nil, nil, 2},
			{"law", nil, nil, "off", nil, nil, "A-2", "Second", "optional", 0.5, "status", nil},
			{"practice", "Practice", nil, "rep", "Reporting", 3, "P-1", "Hotline", "practice", nil, nil, nil},
		},
		"Criteria": {
			{"id", "title", "direction"},
			{"impact", "Impact", nil},
			{"cost", "Cost", "Cost"},
		},
		"Measures": {
			{"id", "title", "addresses", "impact", "cost", "note"},
			{"M-1", "Fix the law", "A-1, A-2", 4, 2, "synthetic"},
			{"M-2", "Hotline", "P-1", nil, "1,5", nil},
		},
	}
}

// checklistBook writes sheets into a workbook; a nil sheet is left out.
func checklistBook(t testing.TB, sheets map[string][][]any) []byte {
	t.Helper()
	var list []sheet
	for _, name := range []string{"About", "Items", "Criteria", "Measures"} {
		if rows, ok := sheets[name]; ok && rows != nil {
			list = append(list, sheet{name, rows})
		}
	}
	return xlsxBytes(t, list...)
}

func TestReadChecklistXLSX(t *testing.T) {
	b := checklistBook(t, checklistSheets())
	cl, err := ReadChecklistXLSX(bytes.NewReader(b), "mini.xlsx")
	require.NoError(t, err)
	assert.Equal(t, "mini", cl.ID)
	assert.Equal(t, "1", cl.Version)
	assert.Equal(t, []gapanalysis.CountryCode{"DK", "IE"}, cl.Instrument.NotBound)
	sum := sha256.Sum256(b)
	assert.Equal(t, hex.EncodeToString(sum[:]), cl.SHA256)

	require.Len(t, cl.Pillars, 2)
	law, practice := cl.Pillars[0], cl.Pillars[1]
	assert.Equal(t, gapanalysis.PillarID("law"), law.ID)
	assert.Equal(t, 2.0, law.Weight)
	assert.Equal(t, "Law", law.Title)
	assert.Equal(t, 1.0, practice.Weight, "an empty weight is 1")
	assert.Equal(t, 1.0, law.Themes[0].Weight)
	assert.Equal(t, 3.0, practice.Themes[0].Weight)
	require.Len(t, law.Themes[0].Items, 2)
	a1, a2 := law.Themes[0].Items[0], law.Themes[0].Items[1]
	assert.Equal(t, gapanalysis.Mandatory, a1.Obligation, "obligation read ignoring case")
	assert.Equal(t, 1.0, a1.Weight)
	assert.Equal(t, 2.0, a1.MinMaxPenalty)
	assert.Equal(t, gapanalysis.StatusItem, a1.Type, "validation fills the type")
	assert.Equal(t, 0.5, a2.Weight)
	assert.Equal(t, cl.Item("P-1").Title, "Hotline")

	assert.Equal(t, []gapanalysis.Criterion{{ID: "impact", Title: "Impact"}, {ID: "cost", Title: "Cost", Direction: gapanalysis.Cost}}, cl.Criteria)
	require.Len(t, cl.Measures, 2)
	assert.Equal(t, []gapanalysis.ItemID{"A-1", "A-2"}, cl.Measures[0].Addresses)
	assert.Equal(t, map[gapanalysis.CriterionID]float64{"impact": 4, "cost": 2}, cl.Measures[0].Criteria)
	assert.Equal(t, map[gapanalysis.CriterionID]float64{"cost": 1.5}, cl.Measures[1].Criteria, "an empty cell is no value")
	assert.Equal(t, "synthetic", cl.Measures[0].Note)
}

func TestReadChecklistXLSXWithoutOptionalSheets(t *testing.T) {
	s := checklistSheets()
	delete(s, "Measures")
	delete(s, "Criteria")
	s["Checklist"] = s["About"] // the other name of the About sheet
	delete(s, "About")
	var list []sheet
	list = append(list, sheet{"checklist", s["Checklist"]}, sheet{"items", s["Items"]}, sheet{"Notes", [][]any{{"anything"}}})
	cl, err := ReadChecklistXLSX(bytes.NewReader(xlsxBytes(t, list...)), "mini.xlsx")
	require.NoError(t, err)
	assert.Len(t, cl.Items(), 3)
	assert.Empty(t, cl.Measures)
}

func TestReadChecklistXLSXErrors(t *testing.T) {
	cases := []struct {
		name     string
		change   func(s map[string][][]any)
		want     []string // one per error, each "sheet!cell: message start"
		sentinel error
	}{
		{"unknown column", func(s map[string][][]any) { s["Items"][0] = append(s["Items"][0], "colour") },
			[]string{`mini.xlsx!Items!M1: unknown column "colour" (the columns of sheet Items are: direction, eli, id,`}, gapanalysis.ErrChecklistSyntax},
		{"value without a header", func(s map[string][][]any) { s["Items"][2] = append(s["Items"][2], nil, "lost?") },
			[]string{`mini.xlsx!Items!N3: value "lost?" is in a column without a header`}, gapanalysis.ErrChecklistSyntax},
		{"bad weight", func(s map[string][][]any) { s["Items"][2][9] = "heavy" },
			[]string{`mini.xlsx!Items!J3: weight "heavy" is not a number`}, gapanalysis.ErrBadField},
		{"negative weight", func(s map[string][][]any) { s["Items"][2][9] = -1 },
			[]string{`mini.xlsx!Items!J3: weight -1 is negative`}, gapanalysis.ErrNegativeWeight},
		{"bad obligation", func(s map[string][][]any) { s["Items"][1][8] = "shall" },
			[]string{`mini.xlsx!Items!I2: obligation "shall" is not mandatory, optional or practice`}, gapanalysis.ErrBadObligation},
		{"no obligation", func(s map[string][][]any) { s["Items"][1][8] = nil },
			[]string{`mini.xlsx!Items!I2: item A-1 has no obligation`}, gapanalysis.ErrBadObligation},
		{"bad type", func(s map[string][][]any) { s["Items"][1][10] = "text" },
			[]string{`mini.xlsx!Items!K2: type "text" is not status or numeric`}, gapanalysis.ErrBadField},
		{"duplicate item", func(s map[string][][]any) { s["Items"][3][6] = "A-1" },
			[]string{`mini.xlsx!Items!G4: duplicate item id "A-1" (first in G2)`, `mini.xlsx!Measures!C3: measure M-2 addresses unknown item "P-1"`}, gapanalysis.ErrDuplicateID},
		{"empty item id", func(s map[string][][]any) { s["Items"][2][6] = " " },
			[]string{`mini.xlsx!Items!G3: the item id is empty`, `mini.xlsx!Measures!C2: measure M-1 addresses unknown item "A-2"`}, gapanalysis.ErrEmptyID},
		{"pillar title differs", func(s map[string][][]any) { s["Items"][2][1] = "Laws" },
			[]string{`mini.xlsx!Items!B3: pillar law has the title "Law" in B2 but "Laws" here`}, gapanalysis.ErrBadField},
		{"theme weight differs", func(s map[string][][]any) { s["Items"][1][5], s["Items"][2][5] = 1, 2 },
			[]string{`mini.xlsx!Items!F3: theme off has the weight 1 in F2 but 2 here`}, gapanalysis.ErrBadField},
		{"theme in two pillars", func(s map[string][][]any) { s["Items"][3][3] = "off" },
			[]string{`mini.xlsx!Items!D4: theme off belongs to pillar law in earlier rows, not to practice`, `mini.xlsx!Measures!C3: measure M-2 addresses unknown item "P-1"`}, gapanalysis.ErrDuplicateID},
		{"unknown address", func(s map[string][][]any) { s["Measures"][1][2] = "A-1, A-3" },
			[]string{`mini.xlsx!Measures!C2: measure M-1 addresses unknown item "A-3" — did you mean A-1?`}, gapanalysis.ErrUnknownAddress},
		{"no address", func(s map[string][][]any) { s["Measures"][1][2] = nil },
			[]string{`mini.xlsx!Measures!C2: measure M-1 addresses no item`}, gapanalysis.ErrBadField},
		{"unknown criterion column", func(s map[string][][]any) { s["Measures"][0][3] = "impakt" },
			[]string{`mini.xlsx!Measures!D1: column "impakt" is not a criterion of the Criteria sheet — did you mean impact?`}, gapanalysis.ErrUnknownCriterion},
		{"bad criterion value", func(s map[string][][]any) { s["Measures"][1][3] = "high" },
			[]string{`mini.xlsx!Measures!D2: criterion impact: "high" is not a number`}, gapanalysis.ErrBadField},
		{"duplicate measure", func(s map[string][][]any) { s["Measures"][2][0] = "M-1" },
			[]string{`mini.xlsx!Measures!A3: duplicate measure id "M-1" (first in A2)`}, gapanalysis.ErrDuplicateID},
		{"bad criterion direction", func(s map[string][][]any) { s["Criteria"][1][2] = "more" },
			[]string{`mini.xlsx!Criteria!C2: direction "more" is not benefit or cost`}, gapanalysis.ErrBadField},
		{"duplicate criterion", func(s map[string][][]any) { s["Criteria"][2][0] = "impact" },
			[]string{`mini.xlsx!Criteria!A3: duplicate criterion id "impact" (first in A2)`,
				`mini.xlsx!Measures!E1: column "cost" is not a criterion of the Criteria sheet`}, gapanalysis.ErrDuplicateID},
		{"unknown About field", func(s map[string][][]any) { s["About"] = append(s["About"], []any{"author", "me"}) },
			[]string{`mini.xlsx!About!A6: unknown field "author"`}, gapanalysis.ErrChecklistSyntax},
		{"unknown not-bound country", func(s map[string][][]any) { s["About"][4][1] = "DK, Atlantis" },
			[]string{`mini.xlsx!About!B5: instrument.not_bound: unknown country "Atlantis"`}, gapanalysis.ErrBadField},
		{"no Items sheet", func(s map[string][][]any) { delete(s, "Items") },
			[]string{`mini.xlsx: the workbook has no Items sheet`}, gapanalysis.ErrChecklistSyntax},
		{"no About sheet", func(s map[string][][]any) { delete(s, "About") },
			[]string{`mini.xlsx: the workbook has no About sheet`}, gapanalysis.ErrChecklistSyntax},
		{"missing id column", func(s map[string][][]any) { s["Items"][0][6] = "code" },
			[]string{`mini.xlsx!Items!G1: unknown column "code"`, `mini.xlsx!Items: the header row (row 1) has no id column`}, gapanalysis.ErrChecklistSyntax},
		{"no checklist id (found by validation)", func(s map[string][][]any) { s["About"][1][1] = nil },
			[]string{`mini.xlsx: checklist has no id`}, gapanalysis.ErrEmptyID},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := checklistSheets()
			tc.change(s)
			cl, err := ReadChecklistXLSX(bytes.NewReader(checklistBook(t, s)), "mini.xlsx")
			require.Error(t, err)
			assert.Nil(t, cl)
			got := strings.Split(err.Error(), "\n")
			require.Len(t, got, len(tc.want), err.Error())
			for i, w := range tc.want {
				assert.True(t, strings.HasPrefix(got[i], w), "error %d:\n got %s\nwant %s…", i, got[i], w)
			}
			assert.ErrorIs(t, err, tc.sentinel)
		})
	}
}

func TestReadChecklistXLSXCellErrorFields(t *testing.T) {
	s := checklistSheets()
	s["Items"][2][9] = "heavy"
	_, err := ReadChecklistXLSX(bytes.NewReader(checklistBook(t, s)), "mini.xlsx")
	var ce *CellError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, CellError{File: "mini.xlsx", Sheet: "Items", Cell: "J3", Row: 3, Col: 10,
		Msg: `weight "heavy" is not a number`, Err: gapanalysis.ErrBadField}, *ce)
}

func TestReadChecklistXLSXFormulaWithoutValue(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	s := checklistSheets()
	require.NoError(t, f.SetSheetName("Sheet1", "About"))
	for _, name := range []string{"About", "Items"} {
		if name != "About" {
			_, err := f.NewSheet(name)
			require.NoError(t, err)
		}
		for r, row := range s[name] {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			require.NoError(t, f.SetSheetRow(name, cell, &row))
		}
	}
	// A formula written by a program: no cached value until a spreadsheet
	// program recalculates.
	require.NoError(t, f.SetCellFormula("Items", "J2", "1/2"))
	buf, err := f.WriteToBuffer()
	require.NoError(t, err)
	_, err = ReadChecklistXLSX(bytes.NewReader(buf.Bytes()), "mini.xlsx")
	require.Error(t, err)
	assert.Equal(t, "mini.xlsx!Items!J2: the formula =1/2 has no saved value; open the workbook in Excel or "+
		"LibreOffice Calc and save it, or type the value", err.Error())
}

func TestReadChecklistXLSXNotAWorkbook(t *testing.T) {
	legacy, err := os.ReadFile(fixture("legacy_synthetic.xls"))
	require.NoError(t, err)
	cases := []struct {
		name     string
		content  []byte
		sentinel error
		msg      string
	}{
		{"yaml", []byte("id: x\n"), gapanalysis.ErrNotXLSX, "not a checklist workbook: it is plain text"},
		{"empty", nil, gapanalysis.ErrNotXLSX, "not a checklist workbook: the file is empty"},
		{"legacy xls", legacy, gapanalysis.ErrLegacyXLS, "not a checklist workbook: the file is an Excel 97–2003 workbook (.xls)"},
		{"encrypted", encryptedXLSX(t), gapanalysis.ErrEncrypted, "not a checklist workbook: the workbook is protected with a password"},
		{"zip", zipWith(t, map[string]string{"a.txt": "a"}), gapanalysis.ErrNotXLSX, "the checklist workbook could not be opened"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadChecklistXLSX(bytes.NewReader(tc.content), "c.xlsx")
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.sentinel)
			assert.True(t, strings.HasPrefix(err.Error(), "c.xlsx: "+tc.msg), err.Error())
		})
	}
	_, err = ReadChecklistXLSX(&failingReader{n: 10}, "c.xlsx")
	assert.ErrorContains(t, err, "disk on fire")
	assert.False(t, errors.Is(err, gapanalysis.ErrNotXLSX))
}
