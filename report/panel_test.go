package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
	"github.com/gapstudy/gapstudy/report"
)

func withPanel(res *gapanalysis.Result) *gapanalysis.Result {
	res.Panel = &gapanalysis.PanelReport{
		Experts: 2, ExpertIDs: []string{"E01", "E02"}, Aggregate: "median", Label: "panel_synthetic.csv",
		Values: []gapanalysis.PanelValue{
			{Measure: "M-LAW", Criterion: "cost", Value: 2.5, IQR: 0.5, N: 2, Ratings: map[string]float64{"E01": 2, "E02": 3}},
			{Measure: "M-HOTLINE", Criterion: "cost", Value: 4, IQR: 0, N: 1, Ratings: map[string]float64{"E02": 4}},
		},
		KendallW: map[gapanalysis.CriterionID]gapanalysis.KendallWStats{"cost": {W: 0.75, Chi2: 1.5, P: 0.2207, NMeasures: 2}},
	}
	res.Meta.ExpertValues = gapanalysis.PanelLabel(res.Panel)
	return res
}

func TestPanelSheet(t *testing.T) {
	res := withPanel(syntheticResult())
	f, err := excelize.OpenReader(bytes.NewReader(writeWorkbook(t, res, nil)))
	require.NoError(t, err)
	defer f.Close()
	sheets := f.GetSheetList()
	pos := map[string]int{}
	for i, s := range sheets {
		pos[s] = i
	}
	require.Contains(t, pos, report.SheetPanel)
	assert.Less(t, pos[report.SheetItems], pos[report.SheetPanel])
	if i, ok := pos[report.SheetSensitivity]; ok {
		assert.Less(t, pos[report.SheetPanel], i)
	}
	assert.Less(t, pos[report.SheetPanel], pos[report.SheetDiagnostics])
	rows, err := f.GetRows(report.SheetPanel, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	require.Len(t, rows, 3)
	assert.Equal(t, append(append([]string{}, report.PanelHeaders...), "E01", "E02"), rows[0])
	assert.Equal(t, "M-LAW", rows[1][0])
	assert.Equal(t, []string{"cost", "2.5", "0.5", "2", "0.75", "1.5", "0.2207", "2", "2", "3"}, rows[1][2:])
	assert.Equal(t, []string{"M-HOTLINE"}, rows[2][:1])
	assert.Equal(t, "", rows[2][10], "E01 did not rate it")
	assert.Equal(t, "4", rows[2][11])

	// Without a panel there is no Panel sheet.
	f2, err := excelize.OpenReader(bytes.NewReader(writeWorkbook(t, syntheticResult(), nil)))
	require.NoError(t, err)
	defer f2.Close()
	assert.NotContains(t, f2.GetSheetList(), report.SheetPanel)
}

func TestPanelJSON(t *testing.T) {
	res := withPanel(syntheticResult())
	res.Meta.AHP = &gapanalysis.AHPReport{LambdaMax: 3.1, CI: 0.05, CR: 0.086, Experts: 1, WorstA: "gap_points", WorstB: "cost"}
	var doc struct {
		Meta struct {
			ExpertValues    string             `json:"expert_values"`
			CriteriaWeights map[string]float64 `json:"criteria_weights"`
			AHP             map[string]any     `json:"ahp"`
		} `json:"meta"`
		Panel map[string]json.RawMessage `json:"panel"`
	}
	require.NoError(t, json.Unmarshal(writeJSON(t, res), &doc))
	assert.Equal(t, "panel of 2 experts (median)", doc.Meta.ExpertValues)
	var sum float64
	for _, w := range doc.Meta.CriteriaWeights {
		sum += w
	}
	assert.InDelta(t, 1, sum, 1e-12, "criteria weights sum to 1")
	assert.Equal(t, 3.1, doc.Meta.AHP["lambda_max"])
	assert.Equal(t, 0.086, doc.Meta.AHP["cr"])
	assert.Contains(t, doc.Panel, "experts")
	assert.Contains(t, doc.Panel, "values")
	assert.Contains(t, doc.Panel, "kendall_w")
	var kw map[string]map[string]any
	require.NoError(t, json.Unmarshal(doc.Panel["kendall_w"], &kw))
	assert.Equal(t, map[string]any{"w": 0.75, "chi2": 1.5, "p": 0.2207, "n_measures": 2.0}, kw["cost"])
	var vals []map[string]any
	require.NoError(t, json.Unmarshal(doc.Panel["values"], &vals))
	require.Len(t, vals, 2)
	for _, k := range []string{"measure", "criterion", "value", "iqr", "n"} {
		assert.Contains(t, vals[0], k)
	}
}

// fillFormScript fills scoring forms with openpyxl as an expert would: it
// finds the header row (the "Measure" cell in column A), writes each
// criterion cell of each measure row, and saves. argv: form, expert ID (""
// keeps the prefilled one), then "row:col=value" edits relative to the
// first measure row (0-based) and the first criterion column; other cells
// get (measure index + criterion index) % 5 + 1.
const fillFormScript = `
import sys, json, openpyxl
path, expert = sys.argv[1], sys.argv[2]
edits = dict(a.split("=", 1) for a in sys.argv[3:])
wb = openpyxl.load_workbook(path)
ws = wb.worksheets[0]
info = {"protected": bool(ws.protection.sheet)}
header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Measure")
first = 4
ncrit = sum(1 for c in range(first, ws.max_column + 1) if ws.cell(header, c).value)
info["criteria"] = ncrit
info["dv"] = [str(dv.formula1) for dv in ws.data_validations.dataValidation]
info["locked_rating"] = ws.cell(header + 1, first).protection.locked
info["locked_id"] = ws.cell(header + 1, 1).protection.locked
for r in range(1, header):
    if ws.cell(r, 1).value == "Expert ID":
        info["locked_expert"] = ws.cell(r, 2).protection.locked
        if expert:
            ws.cell(r, 2).value = expert
m = 0
for r in range(header + 1, ws.max_row + 1):
    if not ws.cell(r, 1).value:
        continue
    for c in range(ncrit):
        key = "%d:%d" % (m, c)
        v = edits.get(key, (m + c) % 5 + 1)
        if v == "empty":
            v = None
        elif isinstance(v, str) and v.isdigit():
            v = int(v)
        ws.cell(r, first + c).value = v
    m += 1
info["measures"] = m
wb.save(path)
print(json.dumps(info))
`

func TestPanelFormOpenpyxl(t *testing.T) {
	requireOpenpyxl(t)
	cl := builtinChecklist(t)
	dir := t.TempDir()
	for i := 1; i <= 2; i++ {
		var buf bytes.Buffer
		require.NoError(t, report.WritePanelForm(&buf, cl, &report.PanelFormOptions{Expert: report.PanelExpertID(i)}))
		require.NoError(t, os.WriteFile(filepath.Join(dir, report.PanelFormFileName(cl, i)), buf.Bytes(), 0o644))
	}
	fill := func(name, expert string, edits ...string) map[string]any {
		args := append([]string{"-c", fillFormScript, filepath.Join(dir, name), expert}, edits...)
		out, err := exec.Command(python, args...).CombinedOutput()
		require.NoError(t, err, "%s", out)
		var info map[string]any
		require.NoError(t, json.Unmarshal(out, &info))
		return info
	}
	info := fill(report.PanelFormFileName(cl, 1), "")
	assert.Equal(t, true, info["protected"], "the sheet is protected")
	assert.Equal(t, false, info["locked_rating"], "rating cells are unlocked")
	assert.Equal(t, false, info["locked_expert"], "the Expert ID cell is unlocked")
	assert.Equal(t, true, info["locked_id"], "measure IDs are locked")
	assert.Equal(t, []any{`"1,2,3,4,5"`}, info["dv"], "a 1–5 dropdown")
	assert.Equal(t, float64(len(cl.Criteria)), info["criteria"])
	assert.Equal(t, float64(len(cl.Measures)), info["measures"])
	// The second expert types a name, leaves one cell empty and types 7 in
	// another (a dropdown does not stop a program from writing it).
	fill(report.PanelFormFileName(cl, 2), "Dr. Nowak", "0:0=empty", "1:1=7")

	p, err := importers.OpenPanel(dir, &importers.Options{Checklist: cl})
	require.NoError(t, err)
	assert.Equal(t, []string{"E01", "Dr. Nowak"}, p.Experts())
	n := len(cl.Measures) * len(cl.Criteria)
	assert.Len(t, p.Ratings, 2*n-2, "every rating but the empty cell and the 7")
	var bad []gapanalysis.Diagnostic
	for _, d := range p.Diagnostics {
		if d.Severity == gapanalysis.SevError {
			bad = append(bad, d)
		}
	}
	require.Len(t, bad, 1)
	assert.Equal(t, gapanalysis.CodeBadValue, bad[0].Code)
	assert.Equal(t, report.PanelFormFileName(cl, 2), bad[0].File)
	assert.Equal(t, report.SheetPanelForm, bad[0].Sheet)
	assert.Contains(t, bad[0].Message, `"7"`)
	for _, a := range p.Accounts {
		assert.True(t, a.Balanced(), "%+v", a)
		assert.Equal(t, importers.LayoutPanelForm, a.Layout)
	}
	// E01's ratings are what the script wrote: (measure + criterion) % 5 + 1.
	for _, r := range p.Ratings {
		if r.Expert != "E01" {
			continue
		}
		mi, ci := measureIndex(cl, r.Measure), criterionIndex(cl, r.Criterion)
		require.Equal(t, float64((mi+ci)%5+1), r.Value, "%s %s", r.Measure, r.Criterion)
	}
}

func measureIndex(cl *gapanalysis.Checklist, id gapanalysis.MeasureID) int {
	for i, m := range cl.Measures {
		if m.ID == id {
			return i
		}
	}
	return -1
}

func criterionIndex(cl *gapanalysis.Checklist, id gapanalysis.CriterionID) int {
	for i, c := range cl.Criteria {
		if c.ID == id {
			return i
		}
	}
	return -1
}

func builtinChecklist(t *testing.T) *gapanalysis.Checklist {
	t.Helper()
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	return cl
}
