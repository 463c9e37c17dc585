package report_test

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
)

func writeJSON(t *testing.T, res *gapanalysis.Result) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, report.WriteJSON(&buf, res))
	return buf.Bytes()
}

func TestWriteJSONGolden(t *testing.T) {
	tests := []struct {
		name   string
		res    func() *gapanalysis.Result
		golden string
	}{
		{"survey data", sampleResult, "result.json.golden"},
		{"synthetic with uncertainty", syntheticResult, "result_synthetic.json.golden"},
		{"baseline and known issues", progressResult, "result_progress.json.golden"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			golden(t, tc.golden, writeJSON(t, tc.res()))
		})
	}
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sorted(s ...string) []string {
	sort.Strings(s)
	return s
}

// TestWriteJSONSchema checks the exact key sets of SPEC 8 (plus the documented
// extra keys in meta and priorities).
func TestWriteJSONSchema(t *testing.T) {
	var doc map[string]any
	require.NoError(t, json.Unmarshal(writeJSON(t, syntheticResult()), &doc))
	assert.Equal(t, sorted("meta", "countries", "items", "gaps", "priorities", "diagnostics"), keys(doc),
		"exactly SPEC 8's top-level keys")

	meta := doc["meta"].(map[string]any)
	assert.Equal(t, sorted("title", "tool", "tool_version", "checklist", "synthetic", "data_label", "inputs",
		"method", "missing", "top_k", "samples", "seed", "criteria", "sensitivity",
		"expert_values", "criteria_weights", "weights_method"), keys(meta))
	assert.Equal(t, sorted("id", "title", "version", "sha256"), keys(meta["checklist"].(map[string]any)))
	for _, c := range meta["criteria"].([]any) {
		assert.Equal(t, sorted("id", "title", "direction", "weight", "derived"), keys(c.(map[string]any)))
	}

	lists := []struct {
		name string
		want []string
		n    int
	}{
		{"countries", sorted("code", "name", "rank", "rank_note", "index", "coverage", "pillars", "pillar_ranks", "themes",
			"peers", "peer_details"), 3},
		{"items", sorted("id", "mean", "n_full", "n_partial", "n_none", "n_na", "n_unknown", "at_full"), 6},
		{"gaps", sorted("country", "item", "status", "score", "gap", "severity", "exemplars", "exemplar_details"), 6},
		{"priorities", sorted("rank", "id", "title", "score", "criteria", "uncertainty", "contributions", "addresses", "gaps_closed",
			"adopters"), 3},
		{"diagnostics", sorted("severity", "code", "message", "file", "sheet", "cell"), 3},
	}
	for _, l := range lists {
		t.Run(l.name, func(t *testing.T) {
			entries := doc[l.name].([]any)
			require.Len(t, entries, l.n)
			for _, e := range entries {
				assert.Equal(t, l.want, keys(e.(map[string]any)))
			}
		})
	}
	for _, p := range doc["priorities"].([]any) {
		u := p.(map[string]any)["uncertainty"].(map[string]any)
		assert.Equal(t, sorted("median_rank", "p05", "p95", "p_top_k"), keys(u))
		assert.Equal(t, sorted("gap_points", "countries", "binding_gaps", "feasibility", "cost"),
			keys(p.(map[string]any)["criteria"].(map[string]any)))
	}
	for _, c := range doc["countries"].([]any) {
		cm := c.(map[string]any)
		assert.Equal(t, sorted("compliance", "practice"), keys(cm["pillars"].(map[string]any)))
		assert.Equal(t, sorted("compliance", "practice"), keys(cm["pillar_ranks"].(map[string]any)))
		assert.Equal(t, sorted("offences", "victims", "prevention"), keys(cm["themes"].(map[string]any)))
	}

	sens := meta["sensitivity"].(map[string]any)
	assert.Equal(t, sorted("samples", "seed", "top_k", "inputs", "countries", "sobol", "method_agreement"), keys(sens))
	for _, in := range sens["inputs"].([]any) {
		assert.Equal(t, sorted("name", "varied", "kind", "low", "high", "values"), keys(in.(map[string]any)))
	}
	for _, c := range sens["countries"].([]any) {
		assert.Equal(t, sorted("code", "rank", "rank_note", "median_rank", "p05", "p95", "p_top_k"), keys(c.(map[string]any)))
	}
	sob := sens["sobol"].(map[string]any)
	assert.Equal(t, sorted("n", "evaluations", "sequence", "confidence", "inputs", "outputs"), keys(sob))
	for _, o := range sob["outputs"].([]any) {
		assert.Equal(t, sorted("name", "variance", "first", "first_lo", "first_hi", "total", "total_lo", "total_hi"),
			keys(o.(map[string]any)))
	}
	for _, a := range sens["method_agreement"].([]any) {
		assert.Equal(t, sorted("a", "b", "spearman", "kendall_tau_b", "ws"), keys(a.(map[string]any)))
	}

	// Without an uncertainty analysis there is no "sensitivity" key.
	var plain map[string]any
	require.NoError(t, json.Unmarshal(writeJSON(t, sampleResult()), &plain))
	assert.NotContains(t, plain["meta"], "sensitivity")
}

// TestWriteJSONValues checks values and nulls against the hand-worked sample.
func TestWriteJSONValues(t *testing.T) {
	res := sampleResult()
	res.Countries[2].Index = gapanalysis.Score{Value: math.NaN()}
	res.Countries[2].Rank = 0
	res.Countries[2].Coverage = math.NaN()
	res.Items[0].Mean = gapanalysis.Score{Value: math.Inf(-1), Known: true}
	data := writeJSON(t, res)
	assert.NotContains(t, string(data), "NaN")
	assert.NotContains(t, string(data), "Inf")

	var doc struct {
		Meta struct {
			Synthetic bool   `json:"synthetic"`
			TopK      int    `json:"top_k"`
			Seed      uint64 `json:"seed"`
		} `json:"meta"`
		Countries []struct {
			Code     string              `json:"code"`
			Rank     *int                `json:"rank"`
			Index    *float64            `json:"index"`
			Coverage *float64            `json:"coverage"`
			Pillars  map[string]*float64 `json:"pillars"`
		} `json:"countries"`
		Items []struct {
			ID   string   `json:"id"`
			Mean *float64 `json:"mean"`
		} `json:"items"`
		Gaps []struct {
			Status   string  `json:"status"`
			Score    float64 `json:"score"`
			Gap      float64 `json:"gap"`
			Severity float64 `json:"severity"`
		} `json:"gaps"`
		Priorities []struct {
			Rank          *int               `json:"rank"`
			Score         float64            `json:"score"`
			Uncertainty   *json.RawMessage   `json:"uncertainty"`
			Contributions map[string]float64 `json:"contributions"`
			Addresses     []string           `json:"addresses"`
		} `json:"priorities"`
	}
	require.NoError(t, json.Unmarshal(data, &doc))
	assert.False(t, doc.Meta.Synthetic)
	assert.Equal(t, 5, doc.Meta.TopK)
	assert.Equal(t, uint64(1), doc.Meta.Seed)

	require.Len(t, doc.Countries, 3)
	at, dk, el := doc.Countries[0], doc.Countries[1], doc.Countries[2]
	assert.Equal(t, 1, *at.Rank)
	assert.Equal(t, 56.25, *at.Index)
	assert.InDelta(t, 5.0/6, *at.Coverage, 1e-15)
	assert.Nil(t, dk.Pillars["compliance"], "DK compliance unknown")
	assert.Equal(t, 50.0, *dk.Pillars["practice"])
	assert.Nil(t, el.Rank, "no index, no rank")
	assert.Nil(t, el.Index)
	assert.Nil(t, el.Coverage)

	assert.Nil(t, doc.Items[0].Mean)
	assert.Equal(t, 0.75, *doc.Items[1].Mean)

	require.Len(t, doc.Gaps, 6)
	assert.Equal(t, "partial", doc.Gaps[1].Status) // AT BP-REPORTS
	assert.Equal(t, 0.5, doc.Gaps[1].Gap)
	assert.Equal(t, 25.0, doc.Gaps[4].Severity) // EL BP-HOTLINE: 100 × 1 × 0.25

	require.Len(t, doc.Priorities, 3)
	v := doc.Priorities[2]
	assert.Equal(t, 3, *v.Rank)
	assert.InDelta(t, 30+40.0/7, v.Score, 1e-12)
	assert.Nil(t, v.Uncertainty, "no Monte Carlo: null")
	sum := 0.0
	for _, c := range v.Contributions {
		sum += c
	}
	assert.InDelta(t, v.Score, sum, 1e-12, "wsm contributions add up to the score")
	assert.Equal(t, []string{"D-18.1", "D-20.3"}, v.Addresses)
}

func TestWriteJSONEmpty(t *testing.T) {
	data := writeJSON(t, &gapanalysis.Result{})
	var doc map[string]any
	require.NoError(t, json.Unmarshal(data, &doc))
	for _, list := range []string{"countries", "items", "gaps", "priorities", "diagnostics"} {
		assert.Equal(t, []any{}, doc[list], "%s is [] rather than null", list)
	}
	assert.Equal(t, []any{}, doc["meta"].(map[string]any)["inputs"])
	assert.Error(t, report.WriteJSON(&bytes.Buffer{}, nil))
}

// ExampleWriteJSON writes the JSON of a one-country, one-item study.
func ExampleWriteJSON() {
	cl := &gapanalysis.Checklist{
		ID: "mini", Title: "Mini checklist", Version: "1",
		Pillars: []*gapanalysis.Pillar{{ID: "law", Title: "Law", Weight: 1, Themes: []*gapanalysis.Theme{
			{ID: "offences", Title: "Offences", Weight: 1, Items: []*gapanalysis.Item{
				{ID: "D-3.4", Title: "Sexual activities with a child", Obligation: gapanalysis.Mandatory, Weight: 1},
			}},
		}}},
	}
	res := &gapanalysis.Result{
		Meta: gapanalysis.Meta{Tool: "gapstudy", ToolVersion: "0.1.0", ChecklistID: "mini",
			ChecklistTitle: "Mini checklist", ChecklistVersion: "1", Synthetic: true,
			DataLabel: "example_synthetic.csv", Inputs: []string{"example_synthetic.csv"},
			Method: "wsm", Missing: "exclude", TopK: 5, Seed: 1},
		Checklist: cl,
		Countries: []gapanalysis.CountryResult{{
			Code: "AT", Name: "Austria", Rank: 1, Index: gapanalysis.Known(50), Coverage: 1,
			Pillars:     map[gapanalysis.PillarID]gapanalysis.Score{"law": gapanalysis.Known(50)},
			PillarRanks: map[gapanalysis.PillarID]int{"law": 1},
			Themes:      map[gapanalysis.ThemeID]gapanalysis.Score{"offences": gapanalysis.Known(50)},
		}},
		Items: []gapanalysis.ItemStats{{ID: "D-3.4", NPartial: 1, Mean: gapanalysis.Known(0.5), Gaps: 1}},
		Gaps:  []gapanalysis.Gap{{Country: "AT", Item: "D-3.4", Status: gapanalysis.StatusPartial, Score: 0.5, Gap: 0.5, Severity: 50}},
	}
	if err := report.WriteJSON(os.Stdout, res); err != nil {
		panic(err)
	}
	// Output:
	// {
	//   "meta": {
	//     "title": "Gap study: Mini checklist",
	//     "tool": "gapstudy",
	//     "tool_version": "0.1.0",
	//     "checklist": {
	//       "id": "mini",
	//       "title": "Mini checklist",
	//       "version": "1",
	//       "sha256": ""
	//     },
	//     "synthetic": true,
	//     "data_label": "example_synthetic.csv",
	//     "inputs": [
	//       "example_synthetic.csv"
	//     ],
	//     "method": "wsm",
	//     "missing": "exclude",
	//     "top_k": 5,
	//     "samples": 0,
	//     "seed": 1,
	//     "criteria": [],
	//     "expert_values": "checklist's illustrative values",
	//     "criteria_weights": {},
	//     "weights_method": "given"
	//   },
	//   "countries": [
	//     {
	//       "code": "AT",
	//       "name": "Austria",
	//       "rank": 1,
	//       "rank_note": null,
	//       "index": 50,
	//       "coverage": 1,
	//       "pillars": {
	//         "law": 50
	//       },
	//       "pillar_ranks": {
	//         "law": 1
	//       },
	//       "themes": {
	//         "offences": 50
	//       },
	//       "peers": [],
	//       "peer_details": []
	//     }
	//   ],
	//   "items": [
	//     {
	//       "id": "D-3.4",
	//       "mean": 0.5,
	//       "n_full": 0,
	//       "n_partial": 1,
	//       "n_none": 0,
	//       "n_na": 0,
	//       "n_unknown": 0,
	//       "at_full": []
	//     }
	//   ],
	//   "gaps": [
	//     {
	//       "country": "AT",
	//       "item": "D-3.4",
	//       "status": "partial",
	//       "score": 0.5,
	//       "gap": 0.5,
	//       "severity": 50,
	//       "exemplars": [],
	//       "exemplar_details": []
	//     }
	//   ],
	//   "priorities": [],
	//   "diagnostics": []
	// }
}

// TestWriteJSONMeasureUncertainty checks that a measure's rank distribution is
// taken from Uncertainty.Measures when the priority does not carry its own.
func TestWriteJSONMeasureUncertainty(t *testing.T) {
	res := syntheticResult()
	for i := range res.Priorities {
		res.Priorities[i].Uncertainty = nil
	}
	var doc struct {
		Priorities []struct {
			ID          string `json:"id"`
			Uncertainty *struct {
				MedianRank float64 `json:"median_rank"`
				PTopK      float64 `json:"p_top_k"`
			} `json:"uncertainty"`
		} `json:"priorities"`
	}
	require.NoError(t, json.Unmarshal(writeJSON(t, res), &doc))
	require.Len(t, doc.Priorities, 3)
	v := doc.Priorities[2]
	assert.Equal(t, "M-VICTIMS", v.ID)
	require.NotNil(t, v.Uncertainty)
	assert.Equal(t, 2.5, v.Uncertainty.MedianRank)
	assert.Equal(t, 0.95, v.Uncertainty.PTopK)
}

// TestWriteJSONSensitivity checks the "sensitivity" object against the
// hand-built analysis of syntheticResult: the order of the Sobol outputs, null
// for undefined agreement statistics and for missing bootstrap bounds, and a
// null "sobol" without Sobol indices.
func TestWriteJSONSensitivity(t *testing.T) {
	type sensitivity struct {
		Samples int    `json:"samples"`
		Seed    uint64 `json:"seed"`
		TopK    int    `json:"top_k"`
		Inputs  []struct {
			Name   string   `json:"name"`
			Varied bool     `json:"varied"`
			Kind   string   `json:"kind"`
			Low    *float64 `json:"low"`
			High   *float64 `json:"high"`
			Values []string `json:"values"`
		} `json:"inputs"`
		Countries []struct {
			Code  string  `json:"code"`
			Rank  *int    `json:"rank"`
			P95   float64 `json:"p95"`
			PTopK float64 `json:"p_top_k"`
		} `json:"countries"`
		Sobol *struct {
			N           int      `json:"n"`
			Evaluations int      `json:"evaluations"`
			Sequence    string   `json:"sequence"`
			Confidence  float64  `json:"confidence"`
			Inputs      []string `json:"inputs"`
			Outputs     []struct {
				Name     string     `json:"name"`
				Variance float64    `json:"variance"`
				First    []*float64 `json:"first"`
				TotalLo  []*float64 `json:"total_lo"`
				TotalHi  []*float64 `json:"total_hi"`
			} `json:"outputs"`
		} `json:"sobol"`
		Agreement []struct {
			A        string   `json:"a"`
			B        string   `json:"b"`
			Spearman *float64 `json:"spearman"`
			Kendall  *float64 `json:"kendall_tau_b"`
			WS       *float64 `json:"ws"`
		} `json:"method_agreement"`
	}
	read := func(t *testing.T, res *gapanalysis.Result) sensitivity {
		data := writeJSON(t, res)
		assert.NotContains(t, string(data), "NaN")
		var doc struct {
			Meta struct {
				Sensitivity *sensitivity `json:"sensitivity"`
			} `json:"meta"`
		}
		require.NoError(t, json.Unmarshal(data, &doc))
		require.NotNil(t, doc.Meta.Sensitivity)
		return *doc.Meta.Sensitivity
	}

	t.Run("full analysis", func(t *testing.T) {
		s := read(t, syntheticResult())
		assert.Equal(t, 200, s.Samples)
		assert.Equal(t, uint64(42), s.Seed)
		assert.Equal(t, 5, s.TopK)

		require.Len(t, s.Inputs, 5)
		assert.Equal(t, "partial", s.Inputs[0].Name)
		assert.True(t, s.Inputs[0].Varied)
		assert.Equal(t, "uniform", s.Inputs[0].Kind)
		assert.Equal(t, 0.25, *s.Inputs[0].Low)
		assert.Equal(t, 0.75, *s.Inputs[0].High)
		assert.False(t, s.Inputs[1].Varied, "checklist weights are not varied")
		assert.Equal(t, "factor", s.Inputs[1].Kind)
		assert.Equal(t, 1.25, *s.Inputs[1].High) // 1 + weight jitter 0.25
		assert.Equal(t, "choice", s.Inputs[4].Kind)
		assert.Nil(t, s.Inputs[4].Low)
		assert.Equal(t, []string{"wsm", "topsis"}, s.Inputs[4].Values)

		require.Len(t, s.Countries, 3)
		assert.Equal(t, "DK", s.Countries[1].Code)
		assert.Equal(t, 2, *s.Countries[1].Rank)
		assert.Equal(t, 3.0, s.Countries[1].P95)

		require.NotNil(t, s.Sobol)
		assert.Equal(t, 64, s.Sobol.N)
		assert.Equal(t, 256, s.Sobol.Evaluations) // 64 · (2 inputs + 2)
		assert.Equal(t, "sobol", s.Sobol.Sequence)
		assert.Equal(t, 0.95, s.Sobol.Confidence)
		assert.Equal(t, []string{"partial", "method"}, s.Sobol.Inputs)
		var names []string
		for _, o := range s.Sobol.Outputs {
			names = append(names, o.Name)
		}
		assert.Equal(t, []string{"mean_abs_rank_shift", "M-HOTLINE", "M-PENALTIES", "M-VICTIMS"}, names,
			"the mean shift first, then the measures in priority order")
		assert.Equal(t, 0.375, s.Sobol.Outputs[0].Variance)
		assert.Equal(t, 0.6875, *s.Sobol.Outputs[0].TotalLo[1])

		require.Len(t, s.Agreement, 2)
		assert.Equal(t, 0.5, *s.Agreement[0].Spearman)
		assert.Equal(t, 0.25, *s.Agreement[0].Kendall)
		assert.Equal(t, "promethee2", s.Agreement[1].B)
		assert.Nil(t, s.Agreement[1].Spearman, "NaN is null")
		assert.Nil(t, s.Agreement[1].Kendall, "NaN is null")
		assert.Equal(t, 1.0, *s.Agreement[1].WS)
	})

	t.Run("no bootstrap bounds", func(t *testing.T) {
		res := syntheticResult()
		for i := range res.Uncertainty.Sobol.Outputs {
			o := &res.Uncertainty.Sobol.Outputs[i]
			o.FirstLo, o.FirstHi, o.TotalLo, o.TotalHi = nil, nil, nil, nil
		}
		s := read(t, res)
		require.NotNil(t, s.Sobol)
		o := s.Sobol.Outputs[0]
		assert.Equal(t, []*float64{nil, nil}, o.TotalLo)
		assert.Equal(t, []*float64{nil, nil}, o.TotalHi)
		assert.Equal(t, 0.625, *o.First[1])
	})

	t.Run("no Sobol indices", func(t *testing.T) {
		res := syntheticResult()
		res.Uncertainty.Sobol = nil
		res.Uncertainty.Agreement = nil
		s := read(t, res)
		assert.Nil(t, s.Sobol)
		assert.NotNil(t, s.Agreement, "[] rather than null")
		assert.Empty(t, s.Agreement)
	})
}
