package report_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
)

func TestWriteWorkbookProgressSheets(t *testing.T) {
	base := []string{"Summary", "Priorities", "Countries", "Heatmap", "Gaps", "Items"}
	tail := []string{"Diagnostics", "Methodology", "Data"}
	with := func(mid ...string) []string {
		return append(append(append([]string{}, base...), mid...), tail...)
	}
	noRemaining := progressResult()
	for i := range noRemaining.Progress.Changes {
		c := &noRemaining.Progress.Changes[i]
		if c.Transition == gapanalysis.TransRemaining || c.Transition == gapanalysis.TransWorsened {
			c.Transition = gapanalysis.TransImproved
		}
	}
	baselineOnly := progressResult()
	baselineOnly.KnownIssues = nil
	registerOnly := progressResult()
	registerOnly.Progress = nil
	withUncertainty := progressResult()
	withUncertainty.Uncertainty = syntheticResult().Uncertainty
	tests := []struct {
		name string
		res  *gapanalysis.Result
		want []string
	}{
		{"baseline and register", progressResult(), with("Progress", "Transitions", "Remaining", "Known issues", "Practices")},
		{"nothing remains", noRemaining, with("Progress", "Transitions", "Known issues", "Practices")},
		{"baseline only", baselineOnly, with("Progress", "Transitions", "Remaining", "Practices")},
		{"register only", registerOnly, with("Known issues", "Practices")},
		{"with uncertainty", withUncertainty, with("Progress", "Transitions", "Remaining", "Known issues", "Practices", "Sensitivity")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := openWorkbook(t, writeWorkbook(t, tc.res, nil))
			assert.Equal(t, tc.want, f.GetSheetList())
			for _, sheet := range []string{"Progress", "Transitions", "Remaining", "Known issues"} {
				if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
					continue
				}
				panes, err := f.GetPanes(sheet)
				require.NoError(t, err)
				assert.True(t, panes.Freeze, "%s: header frozen", sheet)
			}
		})
	}
}

// TestWriteWorkbookProgressValues checks the cells of the new sheets against
// progressResult.
func TestWriteWorkbookProgressValues(t *testing.T) {
	f := openWorkbook(t, writeWorkbook(t, progressResult(), nil))
	raw := excelize.Options{RawCellValue: true}
	get := func(sheet, cell string) string {
		v, err := f.GetCellValue(sheet, cell, raw)
		require.NoError(t, err)
		return v
	}
	tests := []struct {
		sheet, cell, want string
	}{
		// Summary: the headline of the comparison and of the register.
		{"Summary", "A23", "Since the baseline"},
		{"Summary", "B24", "baseline_synthetic.xlsx"},
		{"Summary", "A25", "Gaps closed"},
		{"Summary", "B25", "3"},
		{"Summary", "B26", "3"}, // still open: improved + remaining + worsened
		{"Summary", "B28", "1"}, // new gaps
		{"Summary", "B29", "1"}, // countries improved: AT
		{"Summary", "A34", "Verdict: resolved"},
		{"Summary", "B34", "1"},
		// Countries: the baseline index and the delta after the gap points.
		{"Countries", "P1", "Index (baseline)"},
		{"Countries", "Q1", "Delta"},
		{"Countries", "P2", "40"}, // AT
		{"Countries", "Q2", "16.25"},
		{"Countries", "P3", ""}, // DK: not in the baseline
		{"Countries", "Q3", ""},
		{"Countries", "Q4", "-6.25"}, // EL
		// Gaps: the transition of each gap.
		{"Gaps", "N1", "Since baseline"},
		{"Gaps", "N2", "worsened"},  // AT D-18.1
		{"Gaps", "N3", "now-known"}, // AT BP-REPORTS
		{"Gaps", "N4", "remaining"}, // AT D-5.2
		{"Gaps", "N5", "country not in the baseline"},
		{"Gaps", "N6", "new-gap"},  // EL BP-HOTLINE
		{"Gaps", "N7", "improved"}, // EL D-18.1
		// Progress: every country of either wave, in code order.
		{"Progress", "A2", "AT"},
		{"Progress", "E2", "40"},
		{"Progress", "F2", "56.25"},
		{"Progress", "G2", "16.25"},
		{"Progress", "H2", "5"},
		{"Progress", "I2", "25"},
		{"Progress", "J2", "0.975"},
		{"Progress", "K2", "2"},
		{"Progress", "L2", "1"},
		{"Progress", "M1", "closed"},
		{"Progress", "M2", "2"},
		{"Progress", "P2", "1"}, // worsened
		{"Progress", "V1", "not-applicable"},
		{"Progress", "V2", "0"},
		{"Progress", "A3", "DK"},
		{"Progress", "C3", "no"},
		{"Progress", "D3", "yes"},
		{"Progress", "E3", ""},
		{"Progress", "G3", ""},
		{"Progress", "K3", ""},
		{"Progress", "M3", ""}, // no transitions for a country in one wave
		{"Progress", "G4", "-6.25"},
		{"Progress", "H4", "-12.5"},
		{"Progress", "A5", "FR"},
		{"Progress", "E5", "30"},
		{"Progress", "F5", ""},
		// Transitions: items down, the countries of both waves across.
		{"Transitions", "D1", "AT"},
		{"Transitions", "E1", "EL"},
		{"Transitions", "F1", ""}, // neither DK nor FR
		{"Transitions", "A2", "D-3.4"},
		{"Transitions", "B2", "Art. 3(4)"},
		{"Transitions", "D2", "closed"},
		{"Transitions", "E2", "kept"},
		{"Transitions", "E5", "not-applicable"},
		{"Transitions", "E7", "unknown"},
		{"Transitions", "A9", "Legend"},
		{"Transitions", "A10", "closed"},
		{"Transitions", "B10", "a gap in the baseline, fully met now"},
		{"Transitions", "A19", "not-applicable"},
		{"Transitions", "A21", "Items left out, in the baseline's checklist only"},
		{"Transitions", "A22", "D-OLD"},
		// Remaining: by severity within the country.
		{"Remaining", "A2", "AT"},
		{"Remaining", "B2", "D-18.1"},
		{"Remaining", "F2", "worsened"},
		{"Remaining", "G2", "partial"},
		{"Remaining", "H2", "none"},
		{"Remaining", "I2", "0.5"},
		{"Remaining", "J2", "0"},
		{"Remaining", "K2", "12.5"},
		{"Remaining", "L2", "baseline_synthetic.xlsx!Survey!C4"},
		{"Remaining", "M2", "survey_synthetic.xlsx!Survey!C4"},
		{"Remaining", "B3", "D-5.2"},
		{"Remaining", "F3", "remaining"},
		{"Remaining", "K3", "6.25"},
		{"Remaining", "A4", ""},
		// Known issues, in register order.
		{"Known issues", "A2", "AT"},
		{"Known issues", "C2", "Art. 5(2)"},
		{"Known issues", "E2", "COM(2016) 871"},
		{"Known issues", "F2", "2016-12-16"},
		{"Known issues", "G2", "=possession not covered"},
		{"Known issues", "H2", "remaining"},
		{"Known issues", "I2", "partial"},
		{"Known issues", "J2", "0.5"},
		{"Known issues", "K2", "survey_synthetic.xlsx!Survey!C3"},
		{"Known issues", "L2", "known-issues.csv!A2"},
		{"Known issues", "H3", "resolved"},
		{"Known issues", "H4", "not-applicable"},
		{"Known issues", "I4", "na"},
		{"Known issues", "J4", ""},
		{"Known issues", "H5", "unknown"},
		{"Known issues", "I5", "unknown"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, get(tc.sheet, tc.cell), "%s!%s", tc.sheet, tc.cell)
	}

	t.Run("free text stays text", func(t *testing.T) {
		formula, err := f.GetCellFormula("Known issues", "G2")
		require.NoError(t, err)
		assert.Empty(t, formula)
		typ, err := f.GetCellType("Known issues", "G2")
		require.NoError(t, err)
		assert.NotEqual(t, excelize.CellTypeFormula, typ)
	})

	t.Run("transitions coloured, each with its own fill", func(t *testing.T) {
		fills := map[string]gapanalysis.Transition{}
		for i, tr := range gapanalysis.AllTransitions() {
			cell := "A" + itoa(10+i)
			assert.Equal(t, string(tr), get("Transitions", cell))
			id, err := f.GetCellStyle("Transitions", cell)
			require.NoError(t, err)
			st, err := f.GetStyle(id)
			require.NoError(t, err)
			require.NotEmpty(t, st.Fill.Color, "%s has a fill", tr)
			prev, dup := fills[st.Fill.Color[0]]
			assert.False(t, dup, "%s and %s share a fill", tr, prev)
			fills[st.Fill.Color[0]] = tr
		}
	})

	t.Run("chart of the index in each wave", func(t *testing.T) {
		charts := 0
		for _, p := range zipNames(t, writeWorkbook(t, progressResult(), nil)) {
			if len(p) > len("xl/charts/chart") && p[:len("xl/charts/chart")] == "xl/charts/chart" {
				charts++
			}
		}
		assert.Equal(t, 3, charts, "the two Summary charts and the Progress chart")
	})
}

func itoa(n int) string { return strconv.Itoa(n) }

// zipNames lists the parts of an xlsx file.
func zipNames(t *testing.T, data []byte) []string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	return names
}

func TestWriteWorkbookProgressDeterministic(t *testing.T) {
	a := writeWorkbook(t, progressResult(), nil)
	b := writeWorkbook(t, progressResult(), nil)
	assert.True(t, bytes.Equal(a, b))
}

func TestProgressHeadline(t *testing.T) {
	h := report.ProgressHeadline(progressResult())
	assert.True(t, h.Baseline)
	assert.True(t, h.Register)
	assert.Equal(t, 3, h.Closed)
	assert.Equal(t, 1, h.Improved)
	assert.Equal(t, 1, h.Remaining)
	assert.Equal(t, 1, h.Worsened)
	assert.Equal(t, 1, h.NewGaps)
	assert.Equal(t, 3, h.StillOpen())
	assert.Equal(t, 1, h.CountriesImproved) // AT
	assert.Equal(t, 1, h.CountriesWorsened) // EL
	assert.Equal(t, 0, h.CountriesUnchanged)
	assert.Equal(t, map[gapanalysis.Verdict]int{"resolved": 1, "remaining": 1, "not-applicable": 1, "unknown": 1}, h.Verdicts)

	none := report.ProgressHeadline(sampleResult())
	assert.False(t, none.Baseline)
	assert.False(t, none.Register)
	assert.Nil(t, none.Verdicts)
}

func TestWriteMarkdownProgress(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, report.WriteMarkdown(&buf, progressResult()))
	md := buf.String()
	for _, want := range []string{
		"## Progress since the baseline",
		"- Baseline: baseline\\_synthetic.xlsx",
		"| Gaps closed | 3 |",
		"| Gaps still open | 3 |",
		"| … of which worsened | 1 |",
		"| New gaps | 1 |",
		"| Countries improved / worsened / unchanged | 1 / 1 / 0 |",
		"| AT | Austria | 40.0 | 56.3 | +16.3 | +5.0 – +25.0 | 98% |",
		"| EL | Greece | 50.0 | 43.8 | −6.3 | −12.5 – 0.0 | 25% |",
		"Left out, in the baseline's checklist only: D-OLD.",
		"## Known issues",
		"| resolved | 1 |",
		"| not-applicable | 1 |",
	} {
		assert.Contains(t, md, want)
	}
	// AT's change is larger than EL's: listed first.
	assert.Less(t, bytes.Index(buf.Bytes(), []byte("| AT | Austria | 40.0")), bytes.Index(buf.Bytes(), []byte("| EL | Greece | 50.0")))

	buf.Reset()
	require.NoError(t, report.WriteMarkdown(&buf, sampleResult()))
	assert.NotContains(t, buf.String(), "Progress since the baseline")
	assert.NotContains(t, buf.String(), "Known issues")
}

func TestWriteCSVProgress(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	require.NoError(t, report.WriteCSV(dir, progressResult()))
	progress := readCSV(t, filepath.Join(dir, "progress.csv"))
	require.Len(t, progress, 5)
	assert.Equal(t, []string{"code", "name", "in_old", "in_new", "index_old", "index_new", "delta",
		"delta_p05", "delta_p95", "p_improved", "rank_old", "rank_new", "closed", "improved", "remaining", "worsened",
		"new-gap", "kept", "now-known", "now-unknown", "unknown", "not-applicable"}, progress[0])
	assert.Equal(t, []string{"AT", "Austria", "true", "true", "40", "56.25", "16.25", "5", "25", "0.975", "2", "1",
		"2", "0", "1", "1", "0", "0", "1", "1", "0", "0"}, progress[1])
	assert.Equal(t, []string{"DK", "Denmark", "false", "true", "", "50", "", "", "", "", "", "2",
		"", "", "", "", "", "", "", "", "", ""}, progress[2])

	trans := readCSV(t, filepath.Join(dir, "transitions.csv"))
	require.Len(t, trans, 13)
	assert.Equal(t, []string{"country", "item", "old", "new", "old_score", "new_score", "transition"}, trans[0])
	assert.Equal(t, []string{"AT", "BP-REPORTS", "unknown", "partial", "", "0.5", "now-known"}, trans[6])
	assert.Equal(t, []string{"EL", "D-20.3", "na", "full", "", "1", "not-applicable"}, trans[10])

	known := readCSV(t, filepath.Join(dir, "known_issues.csv"))
	require.Len(t, known, 5)
	assert.Equal(t, []string{"AT", "D-5.2", "COM(2016) 871", "2016-12-16", "'=possession not covered", "remaining", "partial",
		"0.5", "survey_synthetic.xlsx!Survey!C3", "known-issues.csv!A2"}, known[1])
}

func TestWriteJSONProgress(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, report.WriteJSON(&buf, progressResult()))
	var doc map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &doc))
	assert.Equal(t, sorted("meta", "countries", "items", "gaps", "priorities", "diagnostics",
		"transitions", "progress", "item_transitions", "measure_progress", "known_issues"), keys(doc))

	trans := doc["transitions"].([]any)
	require.Len(t, trans, 12)
	for _, e := range trans {
		assert.Equal(t, sorted("country", "item", "old", "new", "transition"), keys(e.(map[string]any)))
	}
	assert.Equal(t, map[string]any{"country": "AT", "item": "BP-REPORTS", "old": "unknown", "new": "partial", "transition": "now-known"}, trans[5])
	assert.Equal(t, map[string]any{"country": "EL", "item": "D-20.3", "old": "na", "new": "full", "transition": "not-applicable"}, trans[9])

	prog := doc["progress"].([]any)
	require.Len(t, prog, 4)
	for _, e := range prog {
		assert.Equal(t, sorted("code", "index_old", "index_new", "delta", "rank_old", "rank_new",
			"delta_p05", "delta_p95", "p_improved", "counts"), keys(e.(map[string]any)))
	}
	at := prog[0].(map[string]any)
	assert.Equal(t, "AT", at["code"])
	assert.Equal(t, 40.0, at["index_old"])
	assert.Equal(t, 16.25, at["delta"])
	assert.Equal(t, 2.0, at["rank_old"])
	assert.Equal(t, 5.0, at["delta_p05"])
	assert.Equal(t, 0.975, at["p_improved"])
	counts := at["counts"].(map[string]any)
	assert.Len(t, counts, len(gapanalysis.AllTransitions()), "every transition a key")
	assert.Equal(t, 2.0, counts["closed"])
	assert.Equal(t, 0.0, counts["kept"])
	dk := prog[1].(map[string]any)
	for _, k := range []string{"index_old", "delta", "rank_old", "delta_p05", "delta_p95", "p_improved", "counts"} {
		assert.Nil(t, dk[k], "DK %s: not in the baseline", k)
	}
	assert.Equal(t, 50.0, dk["index_new"])

	items := doc["item_transitions"].([]any)
	require.Len(t, items, 6)
	assert.Equal(t, sorted("item", "counts"), keys(items[0].(map[string]any)))
	assert.Equal(t, 1.0, items[0].(map[string]any)["counts"].(map[string]any)["kept"])

	measures := doc["measure_progress"].([]any)
	require.Len(t, measures, 3)
	assert.Equal(t, map[string]any{"id": "M-PENALTIES", "gap_points_old": 37.5, "gap_points_new": 6.25}, measures[1])

	ki := doc["known_issues"].([]any)
	require.Len(t, ki, 4)
	assert.Equal(t, map[string]any{"country": "AT", "item": "D-5.2", "source": "COM(2016) 871", "date": "2016-12-16",
		"note": "=possession not covered", "verdict": "remaining", "status": "partial"}, ki[0])
	assert.Equal(t, map[string]any{"country": "DK", "item": "D-3.4", "source": "COM(2016) 871", "date": nil,
		"note": nil, "verdict": "not-applicable", "status": "na"}, ki[2])

	base := doc["meta"].(map[string]any)["baseline"].(map[string]any)
	assert.Equal(t, "baseline_synthetic.xlsx", base["old"])
	assert.Equal(t, []any{"D-OLD"}, base["items_only_old"])
	assert.Equal(t, []any{}, base["items_only_new"])
	assert.Equal(t, 7.0, base["seed"])

	t.Run("register only", func(t *testing.T) {
		res := progressResult()
		res.Progress = nil
		buf.Reset()
		require.NoError(t, report.WriteJSON(&buf, res))
		var doc map[string]any
		require.NoError(t, json.Unmarshal(buf.Bytes(), &doc))
		assert.Equal(t, sorted("meta", "countries", "items", "gaps", "priorities", "diagnostics", "known_issues"), keys(doc))
		assert.NotContains(t, doc["meta"].(map[string]any), "baseline")
	})
}

// TestSinceBaselineWithoutTransition: a gap on an item of the current checklist
// only, and one of a country not in the baseline, say why they have no
// transition.
func TestSinceBaselineWithoutTransition(t *testing.T) {
	res := progressResult()
	var kept []gapanalysis.ItemChange
	for _, c := range res.Progress.Changes {
		if c.Item != "D-5.2" {
			kept = append(kept, c)
		}
	}
	res.Progress.Changes = kept
	var items []gapanalysis.ItemProgress
	for _, it := range res.Progress.Items {
		if it.Item != "D-5.2" {
			items = append(items, it)
		}
	}
	res.Progress.Items = items
	res.Progress.OnlyNew = []gapanalysis.ItemID{"D-5.2"}
	f := openWorkbook(t, writeWorkbook(t, res, nil))
	for cell, want := range map[string]string{
		"B4": "D-5.2", "N4": "item not in the baseline checklist",
		"A5": "DK", "N5": "country not in the baseline",
	} {
		got, err := f.GetCellValue("Gaps", cell)
		require.NoError(t, err)
		assert.Equal(t, want, got, cell)
	}
	// Five items, a blank row, the legend (title and ten rows), the items of
	// the baseline's checklist only (rows 20–21), then those of the current
	// one.
	for cell, want := range map[string]string{"A6": "BP-REPORTS", "A7": "", "A23": "Items left out, in the current checklist only", "A24": "D-5.2"} {
		got, err := f.GetCellValue("Transitions", cell)
		require.NoError(t, err)
		assert.Equal(t, want, got, cell)
	}
}
