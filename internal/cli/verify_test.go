package cli

// This test checks "gapstudy run" end to end against an independent
// implementation of the scoring and ranking rules.
//
// The expected values in testdata/verify/expected-synthetic.json come from
// testdata/verify/reference.py, a Python implementation of SPEC 4 (several
// answers for one country and item), SPEC 5 (scoring) and SPEC 6 (priority
// measures, wsm and topsis) written from the SPEC text alone, without the Go
// code. They were not produced by gapstudy. To regenerate them:
//
//	cd testdata/verify
//	/usr/bin/python3 gen_verify.py                               # the surveys
//	/usr/bin/python3 reference.py -o expected-synthetic.json     # the expected values
//
// The SYNTHETIC checklist (checklist-synthetic.yaml) has unequal weights at every
// level (some left out, meaning 1), mandatory, optional and practice items, a
// country it does not bind (DK), a min-max numeric item, a numeric item with a
// target where lower is better, and two measures that each lack an expert
// criterion value (one benefit, one cost). The SYNTHETIC survey, as a semicolon
// CSV and as an openpyxl workbook with the same content, has every status in
// several spellings, countries by code and by English and native name, items
// with no row, two respondents who disagree, an identical duplicate next to a
// second respondent, conflicts with and without a respondent named, a bad
// status, an unknown item, an unknown country, a country with nothing known
// (PL), and optional items answered as used, used in part and not used (SPEC 5),
// also by several respondents who disagree on whether the option is used.
//
// Each country's rank on each pillar (JSON pillar_ranks) is compared too; the
// reference ranks the pillar scores by the rank rule of SPEC 5.
//
// Best practices (SPEC 13): the reference also computes the similarity of every
// pair of countries, the exemplars of every gap (JSON gaps[].exemplars), the
// peers of every country (countries[].peers) and the adopters of every measure
// (priorities[].adopters), with the default of 3 exemplars and peers; and the
// ranking with the criterion adopters selected, alone and next to the default
// criteria, which TestLibraryMatchesReferenceBestPractices compares through the
// library (the CLI has no flag for the criteria).
//
// What the SPEC leaves open is not compared: how a known score from
// respondents who disagree, or of a numeric item, splits into n_full, n_partial
// and n_none (only their sum is compared), and the status of such a gap. The
// reference block of the expected file lists these cases.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
)

// verifyTol is the tolerance of every number compared.
const verifyTol = 1e-9

// verifyDir is the folder of the verification fixtures, seen from this package.
var verifyDir = filepath.Join("..", "..", "testdata", "verify")

// verifyDoc is the part of the JSON of SPEC 8 the verification compares; the
// expected file has the same shape plus the reference block.
type verifyDoc struct {
	Countries []verifyCountry `json:"countries"`
	Items     []struct {
		ID       string   `json:"id"`
		Mean     *float64 `json:"mean"`
		NFull    *int     `json:"n_full"`
		NPartial *int     `json:"n_partial"`
		NNone    *int     `json:"n_none"`
		NNA      int      `json:"n_na"`
		NUnknown int      `json:"n_unknown"`
	} `json:"items"`
	Gaps []struct {
		Country  string   `json:"country"`
		Item     string   `json:"item"`
		Status   *string  `json:"status"`
		Score    *float64 `json:"score"`
		Gap      *float64 `json:"gap"`
		Severity *float64 `json:"severity"`
		// Exemplars are country codes (SPEC 13).
		Exemplars []string `json:"exemplars"`
	} `json:"gaps"`
	Priorities  []verifyPriority `json:"priorities"`
	Diagnostics []verifyDiag     `json:"diagnostics"`
	Reference   *struct {
		PrioritiesTopsis   []verifyPriority `json:"priorities_topsis"`
		UnpinnedItemCounts map[string]int   `json:"unpinned_item_counts"`
		// Similarity holds sim(c, e) of SPEC 13 for every pair of countries.
		Similarity             map[string]map[string]float64 `json:"similarity"`
		PrioritiesAdoptersOnly []verifyPriority              `json:"priorities_adopters_only"`
		PrioritiesWithAdopters []verifyPriority              `json:"priorities_with_adopters"`
	} `json:"reference"`
}

type verifyCountry struct {
	Code        string              `json:"code"`
	Rank        *int                `json:"rank"`
	PillarRanks map[string]*int     `json:"pillar_ranks"`
	Index       *float64            `json:"index"`
	Coverage    *float64            `json:"coverage"`
	Pillars     map[string]*float64 `json:"pillars"`
	Themes      map[string]*float64 `json:"themes"`
	Peers       []string            `json:"peers"` // country codes (SPEC 13)
}

type verifyPriority struct {
	Rank     *int                `json:"rank"`
	ID       string              `json:"id"`
	Score    *float64            `json:"score"`
	Criteria map[string]*float64 `json:"criteria"`
	Adopters []string            `json:"adopters"` // country codes (SPEC 13)
}

// verifyDiag is a diagnostic of the output (Cell) or of the expected file
// (Cells: any of them; nil for a problem of the checklist, with no cell; and
// Mentions: strings the message must contain).
type verifyDiag struct {
	Severity string   `json:"severity"`
	Code     string   `json:"code"`
	Message  string   `json:"message"`
	File     *string  `json:"file"`
	Sheet    *string  `json:"sheet"`
	Cell     string   `json:"cell"`
	Cells    []string `json:"cells"`
	Mentions []string `json:"mentions"`
}

func readVerifyDoc(t *testing.T, path string) verifyDoc {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var doc verifyDoc
	require.NoError(t, json.Unmarshal(b, &doc), path)
	return doc
}

// runVerify runs "gapstudy run" on one survey of the verification fixtures and
// returns the JSON it wrote, undecoded and decoded.
func runVerify(t *testing.T, survey, method string) ([]byte, verifyDoc) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "results.json")
	var stdout, stderr strings.Builder
	code := Run([]string{"run",
		"--checklist", filepath.Join(verifyDir, "checklist-synthetic.yaml"),
		"--method", method, "--json", out,
		filepath.Join(verifyDir, survey)}, IO{In: strings.NewReader(""), Out: &stdout, ErrOut: &stderr})
	// The survey has data errors on purpose: the run completes and exits 1.
	require.Equal(t, ExitData, code, stderr.String())
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	return b, readVerifyDoc(t, out)
}

// assertNum compares two optional numbers: both null, or both within verifyTol.
func assertNum(t *testing.T, want, got *float64, what string) {
	t.Helper()
	if want == nil || got == nil {
		assert.Equal(t, want == nil, got == nil, "%s: want %s, got %s", what, fmtNum(want), fmtNum(got))
		return
	}
	assert.InDelta(t, *want, *got, verifyTol, what)
}

func fmtNum(p *float64) string {
	if p == nil {
		return "null"
	}
	return fmt.Sprint(*p)
}

func fmtInt(p *int) string {
	if p == nil {
		return "null"
	}
	return fmt.Sprint(*p)
}

func TestRunMatchesReference(t *testing.T) {
	want := readVerifyDoc(t, filepath.Join(verifyDir, "expected-synthetic.json"))
	require.NotNil(t, want.Reference)

	type run struct{ survey, method string }
	outputs := map[run][]byte{}
	for _, survey := range []string{"survey-synthetic.csv", "survey-synthetic.xlsx"} {
		for _, method := range []string{"wsm", "topsis"} {
			t.Run(survey+"/"+method, func(t *testing.T) {
				raw, got := runVerify(t, survey, method)
				outputs[run{survey, method}] = raw
				t.Run("countries", func(t *testing.T) { verifyCountries(t, want, got) })
				t.Run("items", func(t *testing.T) { verifyItems(t, want, got) })
				t.Run("gaps", func(t *testing.T) { verifyGaps(t, want, got) })
				t.Run("priorities", func(t *testing.T) {
					wantP := want.Priorities
					if method == "topsis" {
						wantP = want.Reference.PrioritiesTopsis
					}
					verifyPriorities(t, wantP, got.Priorities)
				})
				t.Run("diagnostics", func(t *testing.T) { verifyDiagnostics(t, want.Diagnostics, got.Diagnostics, survey) })
			})
		}
	}

	// The workbook and the CSV hold the same answers: every number is the same.
	t.Run("xlsx equals csv", func(t *testing.T) {
		for _, method := range []string{"wsm", "topsis"} {
			csvOut, xlsxOut := outputs[run{"survey-synthetic.csv", method}], outputs[run{"survey-synthetic.xlsx", method}]
			if csvOut == nil || xlsxOut == nil {
				t.Fatalf("%s: a run failed", method)
			}
			var c, x map[string]json.RawMessage
			require.NoError(t, json.Unmarshal(csvOut, &c))
			require.NoError(t, json.Unmarshal(xlsxOut, &x))
			for _, key := range []string{"countries", "items", "gaps", "priorities"} {
				assert.JSONEq(t, string(c[key]), string(x[key]), "%s: %s", method, key)
			}
		}
	})
}

func verifyCountries(t *testing.T, want, got verifyDoc) {
	codes := func(d verifyDoc) []string {
		var out []string
		for _, c := range d.Countries {
			out = append(out, c.Code)
		}
		slices.Sort(out)
		return out
	}
	require.Equal(t, codes(want), codes(got), "assessed countries")
	for _, w := range want.Countries {
		i := slices.IndexFunc(got.Countries, func(c verifyCountry) bool { return c.Code == w.Code })
		g := got.Countries[i]
		assert.Equal(t, fmtInt(w.Rank), fmtInt(g.Rank), "%s rank", w.Code)
		assert.Len(t, g.PillarRanks, len(w.PillarRanks), "%s pillar ranks", w.Code)
		for id, r := range w.PillarRanks {
			assert.Equal(t, fmtInt(r), fmtInt(g.PillarRanks[id]), "%s rank on pillar %s", w.Code, id)
		}
		assert.Equal(t, codesOrNone(w.Peers), codesOrNone(g.Peers), "%s peers", w.Code)
		assertNum(t, w.Index, g.Index, w.Code+" index")
		assertNum(t, w.Coverage, g.Coverage, w.Code+" coverage")
		for _, level := range []struct {
			name      string
			want, got map[string]*float64
		}{{"pillar", w.Pillars, g.Pillars}, {"theme", w.Themes, g.Themes}} {
			assert.Len(t, level.got, len(level.want), "%s %ss", w.Code, level.name)
			for id, v := range level.want {
				gv, ok := level.got[id]
				if assert.True(t, ok, "%s: no %s %s", w.Code, level.name, id) {
					assertNum(t, v, gv, w.Code+" "+level.name+" "+id)
				}
			}
		}
	}
}

func verifyItems(t *testing.T, want, got verifyDoc) {
	require.Len(t, got.Items, len(want.Items))
	byID := map[string]int{}
	for i, it := range got.Items {
		byID[it.ID] = i
	}
	for _, w := range want.Items {
		i, ok := byID[w.ID]
		if !assert.True(t, ok, "no item %s", w.ID) {
			continue
		}
		g := got.Items[i]
		assertNum(t, w.Mean, g.Mean, w.ID+" mean")
		assert.Equal(t, w.NNA, g.NNA, "%s n_na", w.ID)
		assert.Equal(t, w.NUnknown, g.NUnknown, "%s n_unknown", w.ID)
		require.NotNil(t, g.NFull, w.ID)
		require.NotNil(t, g.NPartial, w.ID)
		require.NotNil(t, g.NNone, w.ID)
		if known, unpinned := want.Reference.UnpinnedItemCounts[w.ID]; unpinned {
			assert.Equal(t, known, *g.NFull+*g.NPartial+*g.NNone, "%s: known answers (n_full+n_partial+n_none)", w.ID)
			continue
		}
		assert.Equal(t, fmtInt(w.NFull), fmtInt(g.NFull), "%s n_full", w.ID)
		assert.Equal(t, fmtInt(w.NPartial), fmtInt(g.NPartial), "%s n_partial", w.ID)
		assert.Equal(t, fmtInt(w.NNone), fmtInt(g.NNone), "%s n_none", w.ID)
	}
}

func verifyGaps(t *testing.T, want, got verifyDoc) {
	type key struct{ country, item string }
	index := map[key]int{}
	for i, g := range got.Gaps {
		k := key{g.Country, g.Item}
		_, dup := index[k]
		assert.False(t, dup, "gap %v listed twice", k)
		index[k] = i
	}
	var wantKeys, gotKeys []string
	for _, w := range want.Gaps {
		wantKeys = append(wantKeys, w.Country+"/"+w.Item)
	}
	for _, g := range got.Gaps {
		gotKeys = append(gotKeys, g.Country+"/"+g.Item)
	}
	slices.Sort(wantKeys)
	slices.Sort(gotKeys)
	require.Equal(t, wantKeys, gotKeys, "the (country, item) gaps")
	for _, w := range want.Gaps {
		g := got.Gaps[index[key{w.Country, w.Item}]]
		what := w.Country + "/" + w.Item
		assertNum(t, w.Score, g.Score, what+" score")
		assertNum(t, w.Gap, g.Gap, what+" gap")
		assertNum(t, w.Severity, g.Severity, what+" severity")
		assert.Equal(t, codesOrNone(w.Exemplars), codesOrNone(g.Exemplars), what+" exemplars")
		if w.Status != nil && assert.NotNil(t, g.Status, what+" status") {
			assert.Equal(t, *w.Status, *g.Status, what+" status")
		}
	}
}

func verifyPriorities(t *testing.T, want, got []verifyPriority) {
	ids := func(ps []verifyPriority) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.ID)
		}
		return out
	}
	// SPEC 6: rank descending, ties listed by ID.
	require.Equal(t, ids(want), ids(got), "measures in rank order")
	for i, w := range want {
		g := got[i]
		assert.Equal(t, fmtInt(w.Rank), fmtInt(g.Rank), "%s rank", w.ID)
		assertNum(t, w.Score, g.Score, w.ID+" score")
		assert.Equal(t, codesOrNone(w.Adopters), codesOrNone(g.Adopters), "%s adopters", w.ID)
		assert.Len(t, g.Criteria, len(w.Criteria), "%s criteria", w.ID)
		for id, v := range w.Criteria {
			gv, ok := g.Criteria[id]
			if assert.True(t, ok, "%s: no criterion %s", w.ID, id) {
				assertNum(t, v, gv, w.ID+" "+id)
			}
		}
	}
}

// verifyDiagnostics checks that every expected diagnostic was reported, at its
// file, sheet and cell, and that there is no other error or warning. The
// expected diagnostics are the CSV survey's; the workbook has the same cells on
// its sheet Survey.
func verifyDiagnostics(t *testing.T, want, got []verifyDiag, survey string) {
	sheet := ""
	if strings.HasSuffix(survey, ".xlsx") {
		sheet = "Survey"
	}
	used := make([]bool, len(got))
	for _, w := range want {
		found := false
		for i, g := range got {
			if used[i] || g.Severity != w.Severity || g.Code != w.Code {
				continue
			}
			if w.Cells != nil {
				if g.File == nil || filepath.Base(*g.File) != survey || g.Sheet == nil || *g.Sheet != sheet || !slices.Contains(w.Cells, g.Cell) {
					continue
				}
			}
			mentions := true
			for _, m := range w.Mentions {
				mentions = mentions && strings.Contains(g.Message, m)
			}
			if !mentions {
				continue
			}
			used[i], found = true, true
			break
		}
		assert.True(t, found, "no %s %s diagnostic in %s at %v mentioning %q; got:\n%s", w.Severity, w.Code, survey, w.Cells, w.Mentions, fmtDiags(got))
	}
	for i, g := range got {
		if !used[i] && g.Severity != "info" {
			assert.Fail(t, "unexpected diagnostic", "%s %s at %s: %s", g.Severity, g.Code, g.Cell, g.Message)
		}
	}
}

func fmtDiags(ds []verifyDiag) string {
	var b strings.Builder
	for _, d := range ds {
		file, sheet := "", ""
		if d.File != nil {
			file = *d.File
		}
		if d.Sheet != nil {
			sheet = *d.Sheet
		}
		fmt.Fprintf(&b, "  %s %s %s!%s!%s: %s\n", d.Severity, d.Code, file, sheet, d.Cell, d.Message)
	}
	return b.String()
}

// codesOrNone writes a list of country codes for comparison, "none" when it is
// empty (JSON [] and null alike).
func codesOrNone(codes []string) string {
	if len(codes) == 0 {
		return "none"
	}
	return strings.Join(codes, " ")
}

// TestLibraryMatchesReferenceBestPractices compares what the CLI does not
// write with the reference: the similarity of every pair of countries
// (Result.Similarity), Result.Exemplars and Result.Peers (whose first three
// are the JSON's), and the ranking with the criterion adopters selected, alone
// and next to the default criteria.
func TestLibraryMatchesReferenceBestPractices(t *testing.T) {
	want := readVerifyDoc(t, filepath.Join(verifyDir, "expected-synthetic.json"))
	require.NotNil(t, want.Reference)
	require.NotEmpty(t, want.Reference.Similarity)
	f, err := os.Open(filepath.Join(verifyDir, "checklist-synthetic.yaml"))
	require.NoError(t, err)
	defer f.Close()
	cl, err := gapanalysis.LoadChecklist(f, "checklist-synthetic.yaml")
	require.NoError(t, err)
	analyze := func(crits []gapanalysis.CriterionWeight) *gapanalysis.Result {
		ds, err := importers.Open(filepath.Join(verifyDir, "survey-synthetic.csv"), &importers.Options{Checklist: cl})
		require.NoError(t, err)
		cfg := gapanalysis.DefaultConfig()
		cfg.Ranking.Criteria = crits
		res, err := gapanalysis.Analyze(cl, ds, cfg)
		require.NoError(t, err)
		return res
	}
	res := analyze(nil)
	for c, row := range want.Reference.Similarity {
		for e, sim := range row {
			got, ok := res.Similarity(gapanalysis.CountryCode(c), gapanalysis.CountryCode(e))
			require.True(t, ok, "%s, %s", c, e)
			assert.InDelta(t, sim, got, verifyTol, "sim(%s, %s)", c, e)
		}
	}
	for _, w := range want.Countries {
		var got []string
		for _, p := range res.Peers(gapanalysis.CountryCode(w.Code))[:len(w.Peers)] {
			got = append(got, string(p.Country))
		}
		assert.Equal(t, codesOrNone(w.Peers), codesOrNone(got), "%s peers", w.Code)
	}
	for _, w := range want.Gaps {
		all := res.Exemplars(gapanalysis.CountryCode(w.Country), gapanalysis.ItemID(w.Item))
		var got []string
		for _, e := range all[:min(len(all), 3)] {
			got = append(got, string(e.Country))
		}
		assert.Equal(t, codesOrNone(w.Exemplars), codesOrNone(got), "%s/%s exemplars", w.Country, w.Item)
	}

	priorities := func(res *gapanalysis.Result) []verifyPriority {
		var out []verifyPriority
		for _, p := range res.Priorities {
			vp := verifyPriority{Rank: &p.Rank, ID: string(p.ID), Score: &p.Score, Criteria: map[string]*float64{}}
			for id, v := range p.Criteria {
				vp.Criteria[string(id)] = &v
			}
			for _, c := range p.Adopters {
				vp.Adopters = append(vp.Adopters, string(c))
			}
			out = append(out, vp)
		}
		return out
	}
	t.Run("adopters only", func(t *testing.T) {
		verifyPriorities(t, want.Reference.PrioritiesAdoptersOnly, priorities(analyze([]gapanalysis.CriterionWeight{{ID: gapanalysis.CritAdopters}})))
	})
	t.Run("default criteria and adopters", func(t *testing.T) {
		var crits []gapanalysis.CriterionWeight
		for _, id := range []gapanalysis.CriterionID{gapanalysis.CritGapPoints, gapanalysis.CritCountries, gapanalysis.CritBindingGaps, "feasibility", "cost", gapanalysis.CritAdopters} {
			crits = append(crits, gapanalysis.CriterionWeight{ID: id})
		}
		verifyPriorities(t, want.Reference.PrioritiesWithAdopters, priorities(analyze(crits)))
	})
}
