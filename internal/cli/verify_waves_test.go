package cli

// This test checks "gapstudy compare --known-issues" and "gapstudy run
// --baseline --known-issues" end to end against an independent implementation
// of SPEC 12.
//
// The expected values in testdata/verify/expected-waves-synthetic.json come
// from testdata/verify/reference_waves.py, a Python implementation of SPEC 12
// (transitions, progress, counts per item, gap points per measure in each
// wave, known-issue verdicts) written from the SPEC text alone, without the Go
// code, on top of reference.py's scoring (SPEC 4-6). They were not produced by
// gapstudy. To regenerate them:
//
//	cd testdata/verify
//	/usr/bin/python3 gen_verify_waves.py                                  # waves and register
//	/usr/bin/python3 reference_waves.py -o expected-waves-synthetic.json  # the expected values
//
// The two SYNTHETIC waves (on checklist-synthetic.yaml) hit every row of SPEC
// 12's transition table, including an optional item not used in one wave
// (not-applicable), a numeric item whose score is 0.5000000000000001 in one wave
// and 0.5 in the other (remaining: equal within 1e-9), pairs unknown in both
// waves, a country the instrument does not bind, and a country in each wave
// only. The SYNTHETIC register names items by ID and by provision reference and
// has rows with an unknown country and an unknown item (diagnostics at their
// cell), a country not assessed in the later wave, a date cell (the workbook)
// and rows without a date. Each is read as a semicolon CSV and as an openpyxl
// workbook with the same content.
//
// Not compared: the old and new status of a numeric item with a value (the
// SPEC does not pin it; null in the expected file) and the uncertainty fields
// (the comparison runs without uncertainty).

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wavesDoc is the part of the JSON of SPEC 12 the verification compares.
type wavesDoc struct {
	Transitions []struct {
		Country    string  `json:"country"`
		Item       string  `json:"item"`
		Old        *string `json:"old"`
		New        *string `json:"new"`
		Transition string  `json:"transition"`
	} `json:"transitions"`
	Progress        []wavesProgress `json:"progress"`
	ItemTransitions []struct {
		Item   string         `json:"item"`
		Counts map[string]int `json:"counts"`
	} `json:"item_transitions"`
	MeasureProgress []struct {
		ID           string   `json:"id"`
		GapPointsOld *float64 `json:"gap_points_old"`
		GapPointsNew *float64 `json:"gap_points_new"`
	} `json:"measure_progress"`
	KnownIssues []struct {
		Country string  `json:"country"`
		Item    string  `json:"item"`
		Source  string  `json:"source"`
		Date    *string `json:"date"`
		Note    *string `json:"note"`
		Verdict string  `json:"verdict"`
		Status  string  `json:"status"`
	} `json:"known_issues"`
	Diagnostics []verifyDiag `json:"diagnostics"`
}

type wavesProgress struct {
	Code     string         `json:"code"`
	IndexOld *float64       `json:"index_old"`
	IndexNew *float64       `json:"index_new"`
	Delta    *float64       `json:"delta"`
	RankOld  *int           `json:"rank_old"`
	RankNew  *int           `json:"rank_new"`
	Counts   map[string]int `json:"counts"` // a missing transition counts 0
}

// wavesTransitions are SPEC 12's transitions, in the order of its table.
var wavesTransitions = []string{"closed", "improved", "remaining", "worsened", "new-gap", "kept",
	"now-known", "now-unknown", "unknown", "not-applicable"}

func readWavesDoc(t *testing.T, path string) wavesDoc {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var doc wavesDoc
	require.NoError(t, json.Unmarshal(b, &doc), path)
	return doc
}

// runCompareVerify runs "gapstudy compare --known-issues … --json OLD NEW" (or,
// for command "run", "gapstudy run --baseline OLD --known-issues … --json NEW")
// on one form (csv or xlsx) of the verification waves and register and returns
// the JSON it wrote, undecoded and decoded.
func runCompareVerify(t *testing.T, command, ext string) ([]byte, wavesDoc) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "compare.json")
	old, cur := filepath.Join(verifyDir, "waves-old-synthetic."+ext), filepath.Join(verifyDir, "waves-new-synthetic."+ext)
	args := []string{command,
		"--checklist", filepath.Join(verifyDir, "checklist-synthetic.yaml"),
		"--known-issues", filepath.Join(verifyDir, "known-issues-synthetic."+ext),
		"--json", out}
	if command == "run" {
		args = append(args, "--baseline", old, cur)
	} else {
		args = append(args, old, cur)
	}
	var stdout, stderr strings.Builder
	code := Run(args, IO{In: strings.NewReader(""), Out: &stdout, ErrOut: &stderr})
	// The register has an unknown country and an unknown item on purpose: the
	// comparison completes and exits 1.
	require.Equal(t, ExitData, code, stderr.String())
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	return b, readWavesDoc(t, out)
}

func TestCompareMatchesReference(t *testing.T) {
	want := readWavesDoc(t, filepath.Join(verifyDir, "expected-waves-synthetic.json"))
	// The fixture hits every row of the transition table.
	seen := map[string]bool{}
	for _, tr := range want.Transitions {
		seen[tr.Transition] = true
	}
	for _, tr := range wavesTransitions {
		require.True(t, seen[tr], "the expected file has a %s transition", tr)
	}

	outputs := map[string][]byte{}
	for _, ext := range []string{"csv", "xlsx"} {
		t.Run(ext, func(t *testing.T) {
			raw, got := runCompareVerify(t, "compare", ext)
			outputs[ext] = raw
			t.Run("transitions", func(t *testing.T) { verifyTransitions(t, want, got) })
			t.Run("progress", func(t *testing.T) { verifyProgress(t, want, got) })
			t.Run("item_transitions", func(t *testing.T) { verifyItemTransitions(t, want, got) })
			t.Run("measure_progress", func(t *testing.T) { verifyMeasureProgress(t, want, got) })
			t.Run("known_issues", func(t *testing.T) { verifyKnownIssues(t, want, got) })
			t.Run("diagnostics", func(t *testing.T) { verifyRegisterDiagnostics(t, want.Diagnostics, got.Diagnostics, ext) })
		})
	}

	// run --baseline --known-issues gives the same transitions, progress and
	// verdicts in its JSON.
	for _, ext := range []string{"csv", "xlsx"} {
		t.Run("run --baseline/"+ext, func(t *testing.T) {
			_, got := runCompareVerify(t, "run", ext)
			t.Run("transitions", func(t *testing.T) { verifyTransitions(t, want, got) })
			t.Run("progress", func(t *testing.T) { verifyProgress(t, want, got) })
			t.Run("known_issues", func(t *testing.T) { verifyKnownIssues(t, want, got) })
		})
	}

	// The workbooks and the CSV files hold the same answers: every number is the same.
	t.Run("xlsx equals csv", func(t *testing.T) {
		csvOut, xlsxOut := outputs["csv"], outputs["xlsx"]
		if csvOut == nil || xlsxOut == nil {
			t.Fatal("a run failed")
		}
		var c, x map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(csvOut, &c))
		require.NoError(t, json.Unmarshal(xlsxOut, &x))
		for _, key := range []string{"transitions", "progress", "item_transitions", "measure_progress", "known_issues"} {
			assert.JSONEq(t, string(c[key]), string(x[key]), key)
		}
	})
}

func verifyTransitions(t *testing.T, want, got wavesDoc) {
	type key struct{ country, item string }
	index := map[key]int{}
	for i, g := range got.Transitions {
		k := key{g.Country, g.Item}
		_, dup := index[k]
		assert.False(t, dup, "transition %v listed twice", k)
		index[k] = i
	}
	require.Len(t, got.Transitions, len(want.Transitions), "one transition per (country in both waves, item)")
	for _, w := range want.Transitions {
		what := w.Country + "/" + w.Item
		i, ok := index[key{w.Country, w.Item}]
		if !assert.True(t, ok, "no transition for %s", what) {
			continue
		}
		g := got.Transitions[i]
		assert.Equal(t, w.Transition, g.Transition, what+" transition")
		for _, st := range []struct {
			name      string
			want, got *string
		}{{"old", w.Old, g.Old}, {"new", w.New, g.New}} {
			if st.want == nil {
				continue // not pinned by the SPEC
			}
			if assert.NotNil(t, st.got, "%s %s status", what, st.name) {
				assert.Equal(t, *st.want, *st.got, "%s %s status", what, st.name)
			}
		}
	}
}

func verifyProgress(t *testing.T, want, got wavesDoc) {
	codes := func(d wavesDoc) []string {
		var out []string
		for _, p := range d.Progress {
			out = append(out, p.Code)
		}
		slices.Sort(out)
		return out
	}
	require.Equal(t, codes(want), codes(got), "every country of either wave")
	for _, w := range want.Progress {
		i := slices.IndexFunc(got.Progress, func(p wavesProgress) bool { return p.Code == w.Code })
		g := got.Progress[i]
		assertNum(t, w.IndexOld, g.IndexOld, w.Code+" index_old")
		assertNum(t, w.IndexNew, g.IndexNew, w.Code+" index_new")
		assertNum(t, w.Delta, g.Delta, w.Code+" delta")
		assert.Equal(t, fmtInt(w.RankOld), fmtInt(g.RankOld), "%s rank_old", w.Code)
		assert.Equal(t, fmtInt(w.RankNew), fmtInt(g.RankNew), "%s rank_new", w.Code)
		for _, tr := range wavesTransitions {
			assert.Equal(t, w.Counts[tr], g.Counts[tr], "%s count of %s", w.Code, tr)
		}
		for tr := range g.Counts {
			assert.Contains(t, wavesTransitions, tr, "%s: count of an unknown transition", w.Code)
		}
	}
}

func verifyItemTransitions(t *testing.T, want, got wavesDoc) {
	require.Len(t, got.ItemTransitions, len(want.ItemTransitions))
	for i, w := range want.ItemTransitions {
		g := got.ItemTransitions[i]
		require.Equal(t, w.Item, g.Item, "items in checklist order")
		for _, tr := range wavesTransitions {
			assert.Equal(t, w.Counts[tr], g.Counts[tr], "%s count of %s", w.Item, tr)
		}
	}
}

func verifyMeasureProgress(t *testing.T, want, got wavesDoc) {
	var wantIDs, gotIDs []string
	for _, m := range want.MeasureProgress {
		wantIDs = append(wantIDs, m.ID)
	}
	for _, m := range got.MeasureProgress {
		gotIDs = append(gotIDs, m.ID)
	}
	slices.Sort(wantIDs)
	slices.Sort(gotIDs)
	require.Equal(t, wantIDs, gotIDs, "every measure")
	for _, w := range want.MeasureProgress {
		for _, g := range got.MeasureProgress {
			if g.ID == w.ID {
				assertNum(t, w.GapPointsOld, g.GapPointsOld, w.ID+" gap_points_old")
				assertNum(t, w.GapPointsNew, g.GapPointsNew, w.ID+" gap_points_new")
			}
		}
	}
}

// optText reads an optional text: null and "" are the same.
func optText(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func verifyKnownIssues(t *testing.T, want, got wavesDoc) {
	require.Len(t, got.KnownIssues, len(want.KnownIssues), "one issue per usable register row, in register order")
	for i, w := range want.KnownIssues {
		g := got.KnownIssues[i]
		assert.Equal(t,
			[]string{w.Country, w.Item, w.Source, optText(w.Date), optText(w.Note), w.Verdict, w.Status},
			[]string{g.Country, g.Item, g.Source, optText(g.Date), optText(g.Note), g.Verdict, g.Status},
			"known issue %d (country, item, source, date, note, verdict, status)", i)
	}
}

// verifyRegisterDiagnostics checks that every expected diagnostic of the
// register was reported at its file, sheet and cell, that the checklist's
// warnings (expected without a cell) were reported (once per wave or once in
// all), and that there is no other error or warning: the waves import cleanly.
func verifyRegisterDiagnostics(t *testing.T, want, got []verifyDiag, ext string) {
	file, sheet := "known-issues-synthetic."+ext, ""
	if ext == "xlsx" {
		sheet = "Known issues"
	}
	matches := func(w, g verifyDiag) bool {
		if g.Severity != w.Severity || g.Code != w.Code {
			return false
		}
		if w.Cells != nil && (g.File == nil || filepath.Base(*g.File) != file || g.Sheet == nil || *g.Sheet != sheet ||
			!slices.Contains(w.Cells, g.Cell)) {
			return false
		}
		for _, m := range w.Mentions {
			if !strings.Contains(g.Message, m) {
				return false
			}
		}
		return true
	}
	used := make([]bool, len(got))
	for _, w := range want {
		found := false
		for i, g := range got {
			if used[i] || !matches(w, g) {
				continue
			}
			used[i], found = true, true
			if w.Cells != nil {
				break // a register row's diagnostic is given once
			}
		}
		assert.True(t, found, "no %s %s diagnostic at %v mentioning %q; got:\n%s", w.Severity, w.Code, w.Cells, w.Mentions, fmtDiags(got))
	}
	for i, g := range got {
		if !used[i] && g.Severity != "info" {
			assert.Fail(t, "unexpected diagnostic", "%s %s at %s: %s", g.Severity, g.Code, g.Cell, g.Message)
		}
	}
}
