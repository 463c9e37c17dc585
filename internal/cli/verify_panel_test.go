package cli

// This test checks "gapstudy run --panel … --config …" end to end against an
// independent implementation of SPEC 14 (expert panel and agreement).
//
// The expected values in testdata/verify/expected-panel-synthetic.json come from
// testdata/verify/reference_panel.py, a Python implementation written from the
// text of SPEC 14 and the choices docs/methodology.md documents where SPEC 14 is
// silent (the IQR's quartiles, how units are formed); it reuses reference.py for
// the derived criteria of SPEC 6 and the wsm ranking and reference_agreement.py
// for the units. They were not produced by gapstudy. To regenerate them:
//
//	cd testdata/verify
//	/usr/bin/python3 gen_verify_panel.py                                 # panel and survey
//	/usr/bin/python3 reference_panel.py -o expected-panel-synthetic.json # expected values
//
// The SYNTHETIC panel (a long table, CSV and xlsx) has five experts, ties within
// an expert's ratings, one missing rating, an expert who rated only four of the
// five measures and a (measure, criterion) nobody rated. The SYNTHETIC survey
// (semicolon CSV and xlsx) has countries with two, three and four respondents,
// a full-vs-none split, an optional item where one respondent says none, a unit
// with an unknown answer, a country the instrument does not bind and one with a
// single respondent. Four study configs: AHP from one expert's judgements
// (median), AHP with a consistency ratio above 0.1, AHP from three experts
// (geometric mean of the panel), entropy weights (mean of the panel).
//
// Not compared: the bootstrap intervals of the agreement (_lo, _hi), which
// depend on the random streams; the configs run no Monte Carlo.

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type panelAgreementStats struct {
	Units            int      `json:"units"`
	PercentAgreement *float64 `json:"percent_agreement"`
	AlphaOrdinal     *float64 `json:"alpha_ordinal"`
	AC1              *float64 `json:"ac1"`
}

type panelAgreementDoc struct {
	Overall   panelAgreementStats            `json:"overall"`
	Countries map[string]panelAgreementStats `json:"countries"`
}

type panelKendall struct {
	W         float64 `json:"w"`
	Chi2      float64 `json:"chi2"`
	P         float64 `json:"p"`
	NMeasures int     `json:"n_measures"`
}

type panelBlock struct {
	Experts   int    `json:"experts"`
	Aggregate string `json:"aggregate"`
	Values    []struct {
		Measure   string             `json:"measure"`
		Criterion string             `json:"criterion"`
		Value     float64            `json:"value"`
		IQR       float64            `json:"iqr"`
		N         int                `json:"n"`
		Ratings   map[string]float64 `json:"ratings"`
	} `json:"values"`
	KendallW map[string]panelKendall `json:"kendall_w"`
}

type panelMeta struct {
	CriteriaWeights map[string]float64 `json:"criteria_weights"`
	AHP             *struct {
		LambdaMax float64  `json:"lambda_max"`
		CI        float64  `json:"ci"`
		CR        float64  `json:"cr"`
		Experts   int      `json:"experts"`
		WorstPair []string `json:"worst_pair"`
	} `json:"ahp"`
}

// panelRunDoc is the part of the JSON of "gapstudy run" (and of each run of
// the expected file) the test compares.
type panelRunDoc struct {
	Meta        panelMeta          `json:"meta"`
	Panel       *panelBlock        `json:"panel"`
	Priorities  []verifyPriority   `json:"priorities"`
	Agreement   *panelAgreementDoc `json:"agreement"`
	Diagnostics []struct {
		Severity string `json:"severity"`
		Code     string `json:"code"`
		Message  string `json:"message"`
	} `json:"diagnostics"`
}

type panelExpected struct {
	Agreement panelAgreementDoc `json:"agreement"`
	Runs      map[string]struct {
		Config     string           `json:"config"`
		Meta       panelMeta        `json:"meta"`
		Panel      panelBlock       `json:"panel"`
		Priorities []verifyPriority `json:"priorities"`
		// Diagnostics are the warnings the run must give: code, and for
		// inconsistent-judgements the pair it must name.
		Diagnostics []struct {
			Code      string `json:"code"`
			Measure   string `json:"measure"`
			Criterion string `json:"criterion"`
			Pair      []string
		} `json:"diagnostics"`
	} `json:"runs"`
}

func TestRunPanelMatchesReference(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(verifyDir, "expected-panel-synthetic.json"))
	require.NoError(t, err)
	var want panelExpected
	require.NoError(t, json.Unmarshal(raw, &want))
	require.Len(t, want.Runs, 4)

	inputs := []struct{ panel, survey string }{
		{"panel-verify-synthetic.csv", "survey-agreement-verify-synthetic.csv"},
		{"panel-verify-synthetic.xlsx", "survey-agreement-verify-synthetic.xlsx"},
	}
	names := make([]string, 0, len(want.Runs))
	for name := range want.Runs {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, in := range inputs {
		for _, name := range names {
			w := want.Runs[name]
			t.Run(filepath.Ext(in.panel)[1:]+"/"+name, func(t *testing.T) {
				got := runPanelVerify(t, in.panel, in.survey, w.Config)
				t.Run("panel", func(t *testing.T) {
					require.NotNil(t, got.Panel)
					g := got.Panel
					assert.Equal(t, w.Panel.Experts, g.Experts)
					assert.Equal(t, w.Panel.Aggregate, g.Aggregate)
					require.Len(t, g.Values, len(w.Panel.Values))
					for i, wv := range w.Panel.Values {
						gv := g.Values[i]
						what := wv.Measure + "/" + wv.Criterion
						assert.Equal(t, wv.Measure, gv.Measure, "value %d", i)
						assert.Equal(t, wv.Criterion, gv.Criterion, "value %d", i)
						assert.InDelta(t, wv.Value, gv.Value, verifyTol, "%s value", what)
						assert.InDelta(t, wv.IQR, gv.IQR, verifyTol, "%s iqr", what)
						assert.Equal(t, wv.N, gv.N, "%s n", what)
						assert.Equal(t, wv.Ratings, gv.Ratings, "%s ratings", what)
					}
					require.Len(t, g.KendallW, len(w.Panel.KendallW))
					for c, wk := range w.Panel.KendallW {
						gk, ok := g.KendallW[c]
						if !assert.True(t, ok, "kendall_w %s missing", c) {
							continue
						}
						assert.InDelta(t, wk.W, gk.W, verifyTol, "%s w", c)
						assert.InDelta(t, wk.Chi2, gk.Chi2, verifyTol, "%s chi2", c)
						assert.InDelta(t, wk.P, gk.P, verifyTol, "%s p", c)
						assert.Equal(t, wk.NMeasures, gk.NMeasures, "%s n_measures", c)
					}
				})
				t.Run("weights", func(t *testing.T) {
					require.Len(t, got.Meta.CriteriaWeights, len(w.Meta.CriteriaWeights))
					for c, wv := range w.Meta.CriteriaWeights {
						assert.InDelta(t, wv, got.Meta.CriteriaWeights[c], verifyTol, "weight of %s", c)
					}
					if w.Meta.AHP == nil {
						assert.Nil(t, got.Meta.AHP)
						return
					}
					require.NotNil(t, got.Meta.AHP)
					wa, ga := w.Meta.AHP, got.Meta.AHP
					assert.InDelta(t, wa.LambdaMax, ga.LambdaMax, verifyTol, "lambda_max")
					assert.InDelta(t, wa.CI, ga.CI, verifyTol, "ci")
					assert.InDelta(t, wa.CR, ga.CR, verifyTol, "cr")
					assert.Equal(t, wa.Experts, ga.Experts, "experts")
					// The pair is unordered: compare it as a set.
					assert.ElementsMatch(t, wa.WorstPair, ga.WorstPair, "worst_pair")
				})
				t.Run("agreement", func(t *testing.T) {
					require.NotNil(t, got.Agreement)
					samePanelAgreement(t, "overall", want.Agreement.Overall, got.Agreement.Overall)
					assert.Len(t, got.Agreement.Countries, len(want.Agreement.Countries))
					for c, wa := range want.Agreement.Countries {
						samePanelAgreement(t, c, wa, got.Agreement.Countries[c])
					}
				})
				t.Run("priorities", func(t *testing.T) {
					require.Len(t, got.Priorities, len(w.Priorities))
					for i, wp := range w.Priorities {
						gp := got.Priorities[i]
						assert.Equal(t, wp.ID, gp.ID, "priority %d", i)
						assert.Equal(t, fmtInt(wp.Rank), fmtInt(gp.Rank), "rank of %s", wp.ID)
						assertNum(t, wp.Score, gp.Score, "score of "+wp.ID)
						assert.Len(t, gp.Criteria, len(wp.Criteria), wp.ID)
						for c, wv := range wp.Criteria {
							assertNum(t, wv, gp.Criteria[c], wp.ID+" "+c)
						}
					}
				})
				t.Run("warnings", func(t *testing.T) {
					var wantCodes []string
					for _, d := range w.Diagnostics {
						wantCodes = append(wantCodes, d.Code)
					}
					var gotWarnings []string
					for _, d := range got.Diagnostics {
						if d.Severity == "warning" {
							gotWarnings = append(gotWarnings, d.Code)
						}
					}
					assert.ElementsMatch(t, wantCodes, gotWarnings)
					for _, wd := range w.Diagnostics {
						for _, gd := range got.Diagnostics {
							if gd.Code != wd.Code {
								continue
							}
							for _, s := range []string{wd.Measure, wd.Criterion} {
								assert.Contains(t, gd.Message, s, "%s names %q", wd.Code, s)
							}
							if len(wd.Pair) == 2 {
								// The judgement named, in either order.
								a, b := wd.Pair[0]+" against "+wd.Pair[1], wd.Pair[1]+" against "+wd.Pair[0]
								assert.True(t, strings.Contains(gd.Message, a) || strings.Contains(gd.Message, b),
									"%s names %s: %s", wd.Code, a, gd.Message)
							}
						}
					}
				})
			})
		}
	}
}

func samePanelAgreement(t *testing.T, what string, w, g panelAgreementStats) {
	t.Helper()
	assert.Equal(t, w.Units, g.Units, "%s units", what)
	assertNum(t, w.PercentAgreement, g.PercentAgreement, what+" percent_agreement")
	assertNum(t, w.AlphaOrdinal, g.AlphaOrdinal, what+" alpha_ordinal")
	assertNum(t, w.AC1, g.AC1, what+" ac1")
}

// runPanelVerify runs "gapstudy run --panel … --config …" on the verification
// fixtures and returns the JSON it wrote, decoded.
func runPanelVerify(t *testing.T, panel, survey, config string) panelRunDoc {
	t.Helper()
	out := filepath.Join(t.TempDir(), "results.json")
	var stdout, stderr strings.Builder
	code := Run([]string{"run",
		"--checklist", filepath.Join(verifyDir, "checklist-synthetic.yaml"),
		"--panel", filepath.Join(verifyDir, panel),
		"--config", filepath.Join(verifyDir, config),
		"--json", out,
		filepath.Join(verifyDir, survey)}, IO{In: strings.NewReader(""), Out: &stdout, ErrOut: &stderr})
	// Warnings only (panel-missing, inconsistent-judgements): the run succeeds.
	require.Equal(t, ExitOK, code, stderr.String())
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	var doc panelRunDoc
	require.NoError(t, json.Unmarshal(b, &doc))
	return doc
}

// TestRunPanelCSVAndMarkdownMatchReference checks the panel and the agreement
// in the CSV files (panel.csv, agreement.csv, reconcile.csv) and the Markdown
// summary's "Expert panel" section against the same reference values.
func TestRunPanelCSVAndMarkdownMatchReference(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(verifyDir, "expected-panel-synthetic.json"))
	require.NoError(t, err)
	var want panelExpected
	require.NoError(t, json.Unmarshal(raw, &want))
	var reconcile struct {
		Reconcile []struct {
			Country string `json:"country"`
			Item    string `json:"item"`
			Hidden  bool   `json:"hidden"`
		} `json:"reconcile"`
	}
	require.NoError(t, json.Unmarshal(raw, &reconcile))
	w := want.Runs["ahp_inconsistent"]

	dir := t.TempDir()
	csvDir, md := filepath.Join(dir, "csv"), filepath.Join(dir, "summary.md")
	var stdout, stderr strings.Builder
	code := Run([]string{"run",
		"--checklist", filepath.Join(verifyDir, "checklist-synthetic.yaml"),
		"--panel", filepath.Join(verifyDir, "panel-verify-synthetic.csv"),
		"--config", filepath.Join(verifyDir, w.Config),
		"--csv", csvDir, "--markdown", md,
		filepath.Join(verifyDir, "survey-agreement-verify-synthetic.csv")}, IO{In: strings.NewReader(""), Out: &stdout, ErrOut: &stderr})
	require.Equal(t, ExitOK, code, stderr.String())

	t.Run("panel.csv", func(t *testing.T) {
		rows := readCSVFile(t, filepath.Join(csvDir, "panel.csv"))
		require.Len(t, rows, len(w.Panel.Values)+1)
		col := csvColumns(rows[0])
		for _, e := range []string{"SYN-E1", "SYN-E2", "SYN-E3", "SYN-E4", "SYN-E5"} {
			assert.Contains(t, col, "rating:"+e)
		}
		for i, wv := range w.Panel.Values {
			row := rows[i+1]
			what := wv.Measure + "/" + wv.Criterion
			assert.Equal(t, wv.Measure, row[col["measure"]], what)
			assert.Equal(t, wv.Criterion, row[col["criterion"]], what)
			assert.InDelta(t, wv.Value, parseCSVNum(t, row[col["value"]]), verifyTol, what)
			assert.InDelta(t, wv.IQR, parseCSVNum(t, row[col["iqr"]]), verifyTol, what)
			assert.Equal(t, strconv.Itoa(wv.N), row[col["n"]], what)
			k := w.Panel.KendallW[wv.Criterion]
			assert.InDelta(t, k.W, parseCSVNum(t, row[col["kendall_w"]]), verifyTol, what)
			assert.InDelta(t, k.P, parseCSVNum(t, row[col["kendall_w_p"]]), verifyTol, what)
			for e, x := range wv.Ratings {
				assert.InDelta(t, x, parseCSVNum(t, row[col["rating:"+e]]), verifyTol, what+" "+e)
			}
			assert.Equal(t, len(wv.Ratings), countNonEmpty(row[col["rating:SYN-E1"]:]), what)
		}
	})
	t.Run("agreement.csv", func(t *testing.T) {
		rows := readCSVFile(t, filepath.Join(csvDir, "agreement.csv"))
		col := csvColumns(rows[0])
		require.Len(t, rows, len(want.Agreement.Countries)+2)
		for _, row := range rows[1:] {
			wa, ok := want.Agreement.Countries[row[col["scope"]]]
			if row[col["scope"]] == "Overall" {
				wa, ok = want.Agreement.Overall, true
			}
			require.True(t, ok, row[col["scope"]])
			assert.Equal(t, strconv.Itoa(wa.Units), row[col["units"]], row[0])
			for name, p := range map[string]*float64{"percent_agreement": wa.PercentAgreement, "alpha_ordinal": wa.AlphaOrdinal, "ac1": wa.AC1} {
				require.NotNil(t, p)
				assert.InDelta(t, *p, parseCSVNum(t, row[col[name]]), verifyTol, "%s %s", row[0], name)
			}
		}
	})
	t.Run("reconcile.csv", func(t *testing.T) {
		rows := readCSVFile(t, filepath.Join(csvDir, "reconcile.csv"))
		col := csvColumns(rows[0])
		type unit struct {
			country, item string
			hidden        bool
		}
		var got []unit
		for _, row := range rows[1:] {
			u := unit{row[col["country"]], row[col["item"]], row[col["hidden_split"]] == "yes"}
			if len(got) == 0 || got[len(got)-1] != u {
				got = append(got, u)
			}
		}
		var wantUnits []unit
		for _, r := range reconcile.Reconcile {
			wantUnits = append(wantUnits, unit{r.Country, r.Item, r.Hidden})
		}
		assert.ElementsMatch(t, wantUnits, got)
	})
	t.Run("markdown", func(t *testing.T) {
		b, err := os.ReadFile(md)
		require.NoError(t, err)
		text := string(b)
		assert.Contains(t, text, "## Expert panel")
		assert.Contains(t, text, "panel of 5 experts (median)")
		for c, k := range w.Panel.KendallW {
			assert.Contains(t, text, fmt.Sprintf("| %s | %.3f | %.2f | %.3f | %d |", c, k.W, k.Chi2, k.P, k.NMeasures))
		}
		assert.Contains(t, text, fmt.Sprintf("CR %.3f", w.Meta.AHP.CR))
		assert.Contains(t, text, fmt.Sprintf("%s against %s", w.Meta.AHP.WorstPair[0], w.Meta.AHP.WorstPair[1]))
	})
}

func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, rows)
	return rows
}

func csvColumns(header []string) map[string]int {
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	return col
}

func parseCSVNum(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	require.NoError(t, err, "%q", s)
	return v
}

func countNonEmpty(cells []string) int {
	n := 0
	for _, c := range cells {
		if c != "" {
			n++
		}
	}
	return n
}
