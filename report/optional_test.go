package report_test

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
)

// optionalResult is the sample study with answers to the optional item D-20.3
// of the sample checklist: AT does not use the option (none), EL uses it with
// its conditions met in part (partial), DK is not bound.
func optionalResult(t *testing.T) *gapanalysis.Result {
	t.Helper()
	rs := sampleResponses()
	for i := range rs {
		if rs[i].Item != "D-20.3" {
			continue
		}
		switch rs[i].Country {
		case "AT":
			rs[i].Status = gapanalysis.StatusNone
		case "EL":
			rs[i].Status = gapanalysis.StatusPartial
		}
	}
	ds := &gapanalysis.Dataset{Responses: gapanalysis.NewResponses(rs...), Label: survey}
	res, err := gapanalysis.Analyze(sampleChecklist(), ds, gapanalysis.DefaultConfig())
	require.NoError(t, err)
	return res
}

// TestOptionNotUsedInOutputs checks every output for an optional item that a
// country does not use: "option not used" on the Heatmap in the colour of na,
// never a gap, counted in n_na, and the answer kept as given in the Data sheet.
func TestOptionNotUsedInOutputs(t *testing.T) {
	res := optionalResult(t)
	f := openWorkbook(t, writeWorkbook(t, res, nil))
	get := func(sheet, cell string) string {
		v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		return v
	}
	// Heatmap: D-20.3 is row 5; AT, DK, EL are columns E, F, G.
	require.Equal(t, "D-20.3", get("Heatmap", "A5"))
	assert.Equal(t, "option not used", get("Heatmap", "E5"))
	assert.Equal(t, "na", get("Heatmap", "F5"), "DK is not bound: na, not option not used")
	assert.Equal(t, "partial", get("Heatmap", "G5"))
	notUsed, err := f.GetCellStyle("Heatmap", "E5")
	require.NoError(t, err)
	na, err := f.GetCellStyle("Heatmap", "F5")
	require.NoError(t, err)
	assert.Equal(t, na, notUsed, "option not used has the colour of na")

	// Gaps sheet: EL's partial use is a gap, AT's not using the option is not.
	rows, err := f.GetRows("Gaps")
	require.NoError(t, err)
	var gaps []string
	for _, r := range rows[1:] {
		gaps = append(gaps, r[0]+"/"+r[1])
	}
	assert.Contains(t, gaps, "EL/D-20.3")
	assert.NotContains(t, gaps, "AT/D-20.3")

	// Data sheet: the answer as given.
	rows, err = f.GetRows("Data")
	require.NoError(t, err)
	var data []string
	for _, r := range rows[1:] {
		if r[1] == "D-20.3" {
			data = append(data, r[0]+":"+r[2])
		}
	}
	assert.Equal(t, []string{"AT:none", "EL:partial"}, data)

	// JSON.
	var doc struct {
		Items []struct {
			ID       string `json:"id"`
			NPartial int    `json:"n_partial"`
			NNone    int    `json:"n_none"`
			NNA      int    `json:"n_na"`
		} `json:"items"`
		Gaps []struct {
			Country string `json:"country"`
			Item    string `json:"item"`
			Status  string `json:"status"`
		} `json:"gaps"`
		Priorities []struct {
			ID       string             `json:"id"`
			Criteria map[string]float64 `json:"criteria"`
		} `json:"priorities"`
	}
	require.NoError(t, json.Unmarshal(writeJSON(t, res), &doc))
	for _, it := range doc.Items {
		if it.ID == "D-20.3" {
			assert.Equal(t, 1, it.NPartial)
			assert.Equal(t, 0, it.NNone)
			assert.Equal(t, 2, it.NNA, "AT (option not used) and DK (not bound)")
		}
	}
	var jsonGaps []string
	for _, g := range doc.Gaps {
		jsonGaps = append(jsonGaps, g.Country+"/"+g.Item+"/"+g.Status)
	}
	assert.Contains(t, jsonGaps, "EL/D-20.3/partial")
	assert.NotContains(t, jsonGaps, "AT/D-20.3/none")
	for _, p := range doc.Priorities {
		if p.ID == "M-VICTIMS" {
			// AT D-18.1 and EL D-18.1 (mandatory), EL D-20.3 (optional, used in part).
			assert.Equal(t, 3.0, p.Criteria["binding_gaps"])
		}
	}

	// CSV.
	dir := t.TempDir()
	require.NoError(t, report.WriteCSV(dir, res))
	fh, err := os.Open(filepath.Join(dir, "gaps.csv"))
	require.NoError(t, err)
	defer fh.Close()
	recs, err := csv.NewReader(fh).ReadAll()
	require.NoError(t, err)
	for _, r := range recs[1:] {
		assert.False(t, r[0] == "AT" && r[1] == "D-20.3", "gaps.csv lists AT/D-20.3")
	}
}
