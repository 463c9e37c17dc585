package report_test

import (
	"bytes"
	"encoding/json"
	"io"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
)

// agreementResult is the sample study with a second respondent on three items:
//
//	AT D-3.4  Expert A full (C2), Expert D none (C20)     hidden split: merged partial, a gap
//	AT D-5.2  Expert A partial (C3), Expert D partial (C21)
//	EL D-3.4  Expert B full (C9), Expert C partial (C22)   full vs partial
//	EL D-18.1 Expert B partial (C11), Expert C partial (C12)
//
// Four units of two answers each: 4 pairs, 2 agreeing, so percent agreement
// 1/2 overall, AT 1/2, EL 1/2.
//
// Gwet's AC1 overall: p_a = 2/4; π (none, partial, full) = (1/8, 5/8, 1/4);
// p_e = (7/64 + 15/64 + 12/64)/2 = 17/64; AC1 = (32/64 − 17/64)/(47/64) = 15/47.
//
// Krippendorff's α (ordinal) overall: coincidences o02 = 1, o11 = 4, o12 = 1;
// n = (1, 5, 2), n.. = 8; δ²01 = 3² = 9, δ²12 = 3.5² = 12.25, δ²02 = (8 − 1.5)² =
// 42.25; α = 1 − 7·(42.25 + 12.25)/(5·9 + 10·12.25 + 2·42.25) = 1 − 381.5/252.
func agreementResult(t *testing.T) *gapanalysis.Result {
	t.Helper()
	rs := append(sampleResponses(),
		gapanalysis.Response{Country: "AT", Item: "D-3.4", Status: gapanalysis.StatusNone, Comment: "no specific offence", Respondent: "Expert D", Source: src("C20")},
		gapanalysis.Response{Country: "AT", Item: "D-5.2", Status: gapanalysis.StatusPartial, Respondent: "Expert D", Source: src("C21")},
		gapanalysis.Response{Country: "EL", Item: "D-3.4", Status: gapanalysis.StatusPartial, Evidence: "=Art. 339", Respondent: "Expert C", Source: src("C22")},
	)
	ds := &gapanalysis.Dataset{Responses: gapanalysis.NewResponses(rs...), Label: survey, Synthetic: true}
	cfg := gapanalysis.DefaultConfig()
	cfg.Uncertainty.Bootstrap = 200
	res, err := gapanalysis.Analyze(sampleChecklist(), ds, cfg)
	require.NoError(t, err)
	require.NotNil(t, res.Agreement)
	return res
}

func TestAgreementSheets(t *testing.T) {
	res := agreementResult(t)
	data := writeWorkbook(t, res, nil)
	assert.Equal(t, data, writeWorkbook(t, res, nil), "deterministic, notes included")
	f := openWorkbook(t, data)
	get := func(sheet, cell string) string {
		v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		return v
	}
	list := f.GetSheetList()
	pos := func(name string) int {
		for i, s := range list {
			if s == name {
				return i
			}
		}
		t.Fatalf("no sheet %s in %v", name, list)
		return -1
	}
	// SPEC 8: … Items, (Progress … Known issues), Practices, Agreement, Reconcile, …
	before := report.SheetItems
	if slices.Contains(list, report.SheetPractices) {
		before = report.SheetPractices
	}
	assert.Equal(t, pos(before)+1, pos(report.SheetAgreement))
	assert.Equal(t, pos(report.SheetAgreement)+1, pos(report.SheetReconcile))
	assert.Equal(t, pos(report.SheetReconcile)+1, pos(report.SheetDiagnostics))

	// Agreement: overall, then AT and EL.
	rows, err := f.GetRows(report.SheetAgreement, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	require.Len(t, rows, 4)
	assert.Equal(t, []string{"Overall", "All countries", "4", "0.5"}, rows[1][:4])
	assert.Equal(t, []string{"AT", "Austria", "2", "0.5"}, rows[2][:4])
	assert.Equal(t, []string{"EL", "Greece", "2", "0.5"}, rows[3][:4])
	assertNumber(t, 1-381.5/252, get(report.SheetAgreement, "G2"))
	assertNumber(t, 15.0/47, get(report.SheetAgreement, "J2"))
	assert.Equal(t, "2", get(report.SheetAgreement, "M2"), "units to reconcile")
	assert.Equal(t, "1", get(report.SheetAgreement, "N2"), "hidden splits")
	assert.Equal(t, "1", get(report.SheetAgreement, "N3"), "AT's hidden split")
	assert.Equal(t, "0", get(report.SheetAgreement, "N4"))

	// Reconcile: one row per answer, the hidden split flagged.
	rows, err = f.GetRows(report.SheetReconcile, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	want := [][]string{
		{"Unit", "Country", "Item", "Ref", "Title", "Obligation", "Merged status", "Disagreement", "Hidden split", "Respondent", "Answer", "Evidence", "Comment", "Source", "Agreed answer"},
		{"1", "AT", "D-3.4", "Art. 3(4)", "Engaging in sexual activities with a child below the age of consent", "mandatory", report.SplitText, "full vs none: the merged partial hides it", "yes", "Expert A", "full", "§ 206 StGB", "", "survey_synthetic.xlsx!Survey!C2"},
		{"1", "AT", "D-3.4", "Art. 3(4)", "Engaging in sexual activities with a child below the age of consent", "mandatory", report.SplitText, "full vs none: the merged partial hides it", "yes", "Expert D", "none", "", "no specific offence", "survey_synthetic.xlsx!Survey!C20"},
		{"2", "EL", "D-3.4", "Art. 3(4)", "Engaging in sexual activities with a child below the age of consent", "mandatory", "partial", "full vs partial", "", "Expert B", "full", "Art. 339 Ποινικός Κώδικας", "", "survey_synthetic.xlsx!Survey!C9"},
		{"2", "EL", "D-3.4", "Art. 3(4)", "Engaging in sexual activities with a child below the age of consent", "mandatory", "partial", "full vs partial", "", "Expert C", "partial", "=Art. 339", "", "survey_synthetic.xlsx!Survey!C22"},
	}
	require.Len(t, rows, len(want))
	for i := range want {
		for len(rows[i]) < len(want[i]) {
			rows[i] = append(rows[i], "")
		}
		assert.Equal(t, want[i], rows[i][:len(want[i])], "row %d", i+1)
	}
	typ, err := f.GetCellType(report.SheetReconcile, "L5")
	require.NoError(t, err)
	assert.NotEqual(t, excelize.CellTypeFormula, typ, "free text is text")

	// Heatmap: D-3.4 is row 2, AT column E, EL column G; Gaps: AT's rows.
	assert.Equal(t, report.SplitText, get(report.SheetHeatmap, "E2"))
	assert.Equal(t, "partial", get(report.SheetHeatmap, "G2"))
	gapRow := ""
	for r := 2; r < 20; r++ {
		if get(report.SheetGaps, "A"+itoa(r)) == "AT" && get(report.SheetGaps, "B"+itoa(r)) == "D-3.4" {
			gapRow = itoa(r)
		}
	}
	require.NotEmpty(t, gapRow, "the hidden split is a gap")
	assert.Equal(t, report.SplitText, get(report.SheetGaps, "F"+gapRow))
	for sheet, cells := range map[string][]string{report.SheetHeatmap: {"E2"}, report.SheetGaps: {"F" + gapRow}} {
		comments, err := f.GetComments(sheet)
		require.NoError(t, err)
		require.Len(t, comments, len(cells), sheet)
		assert.Equal(t, cells[0], comments[0].Cell)
		text := comments[0].Text
		for _, p := range comments[0].Paragraph {
			text += p.Text
		}
		assert.Contains(t, text, "full (Expert A, survey_synthetic.xlsx!Survey!C2)", sheet)
		assert.Contains(t, text, "none (Expert D, survey_synthetic.xlsx!Survey!C20)", sheet)
	}
}

func assertNumber(t *testing.T, want float64, got string) {
	t.Helper()
	var v float64
	require.NoError(t, json.Unmarshal([]byte(got), &v), "%q is a number", got)
	assert.InDelta(t, want, v, 1e-12)
}

func TestAgreementSheetsAbsent(t *testing.T) {
	// Without several respondents: no Agreement, no Reconcile, no JSON key.
	res := sampleResult()
	require.Nil(t, res.Agreement)
	f := openWorkbook(t, writeWorkbook(t, res, nil))
	assert.NotContains(t, f.GetSheetList(), report.SheetAgreement)
	assert.NotContains(t, f.GetSheetList(), report.SheetReconcile)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(writeJSON(t, res), &doc))
	assert.NotContains(t, doc, "agreement")
	var md bytes.Buffer
	require.NoError(t, report.WriteMarkdown(&md, res))
	assert.NotContains(t, md.String(), "Agreement between respondents")
}

func TestAgreementJSON(t *testing.T) {
	res := agreementResult(t)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(writeJSON(t, res), &doc))
	ag, ok := doc["agreement"].(map[string]any)
	require.True(t, ok, "agreement is an object")
	assert.Equal(t, sorted("overall", "countries"), keys(ag))
	statKeys := sorted("units", "percent_agreement", "percent_agreement_lo", "percent_agreement_hi",
		"alpha_ordinal", "alpha_ordinal_lo", "alpha_ordinal_hi", "ac1", "ac1_lo", "ac1_hi")
	overall := ag["overall"].(map[string]any)
	assert.Equal(t, statKeys, keys(overall))
	countries := ag["countries"].(map[string]any)
	assert.Equal(t, sorted("AT", "EL"), keys(countries))
	for code, c := range countries {
		assert.Equal(t, statKeys, keys(c.(map[string]any)), code)
	}
	assert.Equal(t, 4.0, overall["units"])
	assert.InDelta(t, 0.5, overall["percent_agreement"], 1e-12)
	assert.InDelta(t, 1-381.5/252, overall["alpha_ordinal"], 1e-12)
	assert.InDelta(t, 15.0/47, overall["ac1"], 1e-12)
	for _, k := range []string{"percent_agreement", "alpha_ordinal", "ac1"} {
		lo, hi := overall[k+"_lo"].(float64), overall[k+"_hi"].(float64)
		assert.LessOrEqual(t, lo, hi, k)
	}
	// AT: α = −1/2 (o02 = 1, o11 = 2; n = (1, 2, 1); 1 − 3·9/18), AC1 = 3/11.
	at := countries["AT"].(map[string]any)
	assert.InDelta(t, -0.5, at["alpha_ordinal"], 1e-12)
	assert.InDelta(t, 3.0/11, at["ac1"], 1e-12)
}

func TestAgreementJSONUndefinedIsNull(t *testing.T) {
	// Two respondents agree on one item: α has no variation, so it and its
	// interval are null; AC1 and percent agreement are 1.
	rs := []gapanalysis.Response{
		{Country: "AT", Item: "D-3.4", Status: gapanalysis.StatusFull, Respondent: "A", Source: src("C2")},
		{Country: "AT", Item: "D-3.4", Status: gapanalysis.StatusFull, Respondent: "B", Source: src("C3")},
	}
	res, err := gapanalysis.Analyze(sampleChecklist(), &gapanalysis.Dataset{Responses: gapanalysis.NewResponses(rs...)}, gapanalysis.DefaultConfig())
	require.NoError(t, err)
	var doc struct {
		Agreement struct {
			Overall map[string]any `json:"overall"`
		} `json:"agreement"`
	}
	require.NoError(t, json.Unmarshal(writeJSON(t, res), &doc))
	o := doc.Agreement.Overall
	for _, k := range []string{"alpha_ordinal", "alpha_ordinal_lo", "alpha_ordinal_hi"} {
		assert.Contains(t, o, k)
		assert.Nil(t, o[k], k)
	}
	assert.Equal(t, 1.0, o["ac1"])
	assert.Equal(t, 1.0, o["percent_agreement"])

	// The Agreement sheet says why α is empty; there is nothing to reconcile.
	f := openWorkbook(t, writeWorkbook(t, res, nil))
	assert.NotContains(t, f.GetSheetList(), report.SheetReconcile)
	note, err := f.GetCellValue(report.SheetAgreement, "O2")
	require.NoError(t, err)
	assert.Contains(t, note, "alpha undefined")
	v, err := f.GetCellValue(report.SheetAgreement, "G2")
	require.NoError(t, err)
	assert.Empty(t, v)
}

func TestAgreementMarkdown(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, report.WriteMarkdown(&b, agreementResult(t)))
	md := b.String()
	require.Contains(t, md, "\n## Agreement between respondents\n")
	assert.Contains(t, md, "(200 resamples, seed 1)")
	section := md[strings.Index(md, "## Agreement between respondents"):]
	section = section[:strings.Index(section, "\n## Diagnostics")]
	assert.Contains(t, section, "| Overall | 4 | 50% [")
	assert.Contains(t, section, "| -0.514 [", "alpha = 1 − 381.5/252")
	assert.Contains(t, section, "| 0.319 [", "AC1 = 15/47")
	assert.Contains(t, section, "| AT | 2 | 50% [")
	assert.Contains(t, section, "2 (country, item) pairs where respondents disagree")
	assert.Contains(t, section, "in 1 of them a full and a none merge into a partial")
}

// openpyxlAgreementScript prints the Agreement and Reconcile sheets as openpyxl
// reads them (values), and the notes on the Heatmap and Gaps sheets.
const openpyxlAgreementScript = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for name in ("Agreement", "Reconcile"):
    out[name] = [list(r) for r in wb[name].iter_rows(values_only=True)]
for name in ("Heatmap", "Gaps"):
    out[name + " notes"] = {c.coordinate: [c.value, c.comment.text] for row in wb[name].iter_rows() for c in row if c.comment}
print(json.dumps(out, default=str))
`

// TestAgreementOpenpyxl reads the new sheets and the notes with openpyxl.
func TestAgreementOpenpyxl(t *testing.T) {
	requireOpenpyxl(t)
	path := filepath.Join(t.TempDir(), "agreement_synthetic.xlsx")
	require.NoError(t, report.WriteFile(path, func(w io.Writer) error {
		return report.WriteWorkbook(w, agreementResult(t), nil)
	}))
	checkOpenpyxl(t, path)
	out, err := exec.Command(python, "-c", openpyxlAgreementScript, path).Output()
	require.NoError(t, err)
	var got struct {
		Agreement    [][]any              `json:"Agreement"`
		Reconcile    [][]any              `json:"Reconcile"`
		HeatmapNotes map[string][2]string `json:"Heatmap notes"`
		GapsNotes    map[string][2]string `json:"Gaps notes"`
	}
	require.NoError(t, json.Unmarshal(out, &got))
	require.Len(t, got.Agreement, 4)
	assert.Equal(t, []any{"Overall", "All countries", 4.0, 0.5}, got.Agreement[1][:4])
	assert.InDelta(t, 15.0/47, got.Agreement[1][9], 1e-12)
	require.Len(t, got.Reconcile, 5)
	assert.Equal(t, []any{1.0, "AT", "D-3.4"}, got.Reconcile[1][:3])
	assert.Equal(t, "yes", got.Reconcile[1][8])
	assert.Equal(t, "=Art. 339", got.Reconcile[4][11], "text, not a formula")
	require.Contains(t, got.HeatmapNotes, "E2")
	assert.Equal(t, report.SplitText, got.HeatmapNotes["E2"][0])
	assert.Contains(t, got.HeatmapNotes["E2"][1], "Respondents disagree: full (Expert A")
	require.Len(t, got.GapsNotes, 1)
}

func TestReconcileOptionUse(t *testing.T) {
	// EL D-20.3 (optional): Expert B full, Expert C none — they disagree on
	// whether Greece uses the option. The none is no category, so there is no
	// unit (no Agreement sheet), but the item is listed for reconciliation.
	rs := append(sampleResponses(),
		gapanalysis.Response{Country: "EL", Item: "D-20.3", Status: gapanalysis.StatusNone, Respondent: "Expert C", Source: src("C23")})
	cfg := gapanalysis.DefaultConfig()
	cfg.Uncertainty.Bootstrap = 100
	res, err := gapanalysis.Analyze(sampleChecklist(), &gapanalysis.Dataset{Responses: gapanalysis.NewResponses(rs...), Label: survey}, cfg)
	require.NoError(t, err)
	f := openWorkbook(t, writeWorkbook(t, res, nil))
	// EL D-18.1 (partial, partial) is the only unit.
	n, err := f.GetCellValue(report.SheetAgreement, "C2")
	require.NoError(t, err)
	assert.Equal(t, "1", n)
	rows, err := f.GetRows(report.SheetReconcile)
	require.NoError(t, err)
	require.Len(t, rows, 3)
	for i, want := range [][]string{
		{"1", "EL", "D-20.3"}, {"1", "EL", "D-20.3"},
	} {
		assert.Equal(t, want, rows[i+1][:3])
		assert.Equal(t, "whether the option is used", rows[i+1][7])
	}
	assert.Equal(t, "full", rows[1][10])
	assert.Equal(t, "none (option not used)", rows[2][10])
	assert.Equal(t, "full", rows[1][6], "merged: the respondent who says the option is used")
}
