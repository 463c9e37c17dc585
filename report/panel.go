package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// SheetPanel lists the expert panel's ratings of the measures (SPEC 14); it
// is present only when the result holds a panel.
const SheetPanel = "Panel"

// PanelHeaders are the fixed column headers of the Panel sheet; one column
// per expert follows them.
var PanelHeaders = []string{"Measure", "Title", "Criterion", "Value", "IQR", "N", "Kendall's W", "W χ²", "W p-value", "W measures"}

func hasPanel(res *gapanalysis.Result) bool { return res.Panel != nil }

// panel writes the Panel sheet: one row per (measure, criterion) the panel
// rated, in measure then criterion order, with the panel value, the
// interquartile range and number of ratings, the criterion's Kendall's W (the
// same on each row of the criterion; empty when W is not defined) and each
// expert's rating.
func (b *book) panel(s *sheetWriter) {
	res, st := b.res, b.st
	rep := res.Panel
	headers := append([]string(nil), PanelHeaders...)
	for _, e := range rep.ExpertIDs {
		headers = append(headers, e)
	}
	s.header(1, headers...)
	titles := map[gapanalysis.MeasureID]string{}
	if res.Checklist != nil {
		for _, m := range res.Checklist.Measures {
			titles[m.ID] = m.Title
		}
	}
	for i, v := range rep.Values {
		r := i + 2
		s.text(1, r, string(v.Measure), st.text)
		s.text(2, r, titles[v.Measure], st.text)
		s.text(3, r, string(v.Criterion), st.text)
		s.number(4, r, v.Value, st.dec2)
		s.number(5, r, v.IQR, st.dec2)
		s.integer(6, r, v.N)
		if w, ok := rep.KendallW[v.Criterion]; ok {
			s.number(7, r, w.W, st.dec3)
			s.number(8, r, w.Chi2, st.dec2)
			s.number(9, r, w.P, st.dec4)
			s.integer(10, r, w.NMeasures)
		}
		for e, id := range rep.ExpertIDs {
			if x, ok := v.Ratings[id]; ok {
				s.number(len(PanelHeaders)+1+e, r, x, st.general)
			}
		}
	}
	s.table(len(headers), 1)
}

// panelParameters lists the Methodology rows of the panel and of the
// criteria weights.
func panelParameters(res *gapanalysis.Result) []parameter {
	var ps []parameter
	ps = append(ps, parameter{"Expert criteria values", firstNonEmpty(res.Meta.ExpertValues, gapanalysis.PanelLabel(res.Panel))})
	if rep := res.Panel; rep != nil {
		ps = append(ps,
			parameter{"Panel", rep.Label},
			parameter{"Panel experts", rep.Experts},
			parameter{"Panel aggregate", rep.Aggregate},
		)
		for _, c := range sortedCriteria(rep.KendallW) {
			w := rep.KendallW[c]
			ps = append(ps, parameter{"Kendall's W: " + string(c),
				fmt.Sprintf("W = %.3f, χ² = %.2f, p = %.4f over %d measures rated by every expert", w.W, w.Chi2, w.P, w.NMeasures)})
		}
	}
	method := firstNonEmpty(res.Meta.WeightsMethod, gapanalysis.WeightsGiven)
	ps = append(ps, parameter{"Criteria weights", weightsMethodText(method)})
	if len(res.Meta.CriteriaWeights) > 0 {
		parts := make([]string, 0, len(res.Criteria))
		for _, c := range res.Criteria {
			parts = append(parts, fmt.Sprintf("%s %.4f", c.ID, res.Meta.CriteriaWeights[c.ID]))
		}
		ps = append(ps, parameter{"Criteria weights (normalised)", strings.Join(parts, "; ")})
	}
	if a := res.Meta.AHP; a != nil {
		ps = append(ps,
			parameter{"AHP λmax", a.LambdaMax},
			parameter{"AHP consistency index (CI)", a.CI},
			parameter{"AHP consistency ratio (CR)", a.CR},
			parameter{"AHP experts combined", a.Experts},
			parameter{"AHP most inconsistent judgement", fmt.Sprintf("%s against %s", a.WorstA, a.WorstB)},
		)
	}
	return ps
}

func weightsMethodText(m string) string {
	switch m {
	case gapanalysis.WeightsAHP:
		return "AHP: principal eigenvector of the pairwise judgements (Saaty 1980), then the criteria jitter of the uncertainty analysis on top"
	case gapanalysis.WeightsEntropy:
		return "entropy weights of the criteria values over the measures, w_k ∝ 1 − E_k"
	}
	return "given (the checklist's defaults or ranking.criteria)"
}

func sortedCriteria[V any](m map[gapanalysis.CriterionID]V) []gapanalysis.CriterionID {
	out := make([]gapanalysis.CriterionID, 0, len(m))
	for c := range m {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// JSON of the panel and of the criteria weights (SPEC 14).
type (
	jsonPanel struct {
		Experts   int                     `json:"experts"`
		ExpertIDs []string                `json:"expert_ids"`
		Aggregate string                  `json:"aggregate"`
		Values    []jsonPanelValue        `json:"values"`
		KendallW  map[string]jsonKendallW `json:"kendall_w"`
	}
	jsonPanelValue struct {
		Measure   string             `json:"measure"`
		Criterion string             `json:"criterion"`
		Value     float64            `json:"value"`
		IQR       float64            `json:"iqr"`
		N         int                `json:"n"`
		Ratings   map[string]float64 `json:"ratings"`
	}
	jsonKendallW struct {
		W         float64 `json:"w"`
		Chi2      float64 `json:"chi2"`
		P         float64 `json:"p"`
		NMeasures int     `json:"n_measures"`
	}
	jsonAHP struct {
		LambdaMax float64   `json:"lambda_max"`
		CI        float64   `json:"ci"`
		CR        float64   `json:"cr"`
		Experts   int       `json:"experts"`
		WorstPair [2]string `json:"worst_pair"`
	}
)

// panelJSON returns the "panel" object, nil without a panel.
func panelJSON(res *gapanalysis.Result) *jsonPanel {
	rep := res.Panel
	if rep == nil {
		return nil
	}
	jp := &jsonPanel{Experts: rep.Experts, ExpertIDs: append([]string{}, rep.ExpertIDs...), Aggregate: rep.Aggregate,
		Values: make([]jsonPanelValue, 0, len(rep.Values)), KendallW: map[string]jsonKendallW{}}
	for _, v := range rep.Values {
		jp.Values = append(jp.Values, jsonPanelValue{Measure: string(v.Measure), Criterion: string(v.Criterion),
			Value: v.Value, IQR: v.IQR, N: v.N, Ratings: v.Ratings})
	}
	for c, w := range rep.KendallW {
		jp.KendallW[string(c)] = jsonKendallW{W: w.W, Chi2: w.Chi2, P: w.P, NMeasures: w.NMeasures}
	}
	return jp
}

// criteriaWeightsJSON returns meta.criteria_weights: the weights normalised
// to sum 1 (from the result's meta, or computed from its criteria).
func criteriaWeightsJSON(res *gapanalysis.Result) map[string]float64 {
	out := map[string]float64{}
	if len(res.Meta.CriteriaWeights) > 0 {
		for c, w := range res.Meta.CriteriaWeights {
			out[string(c)] = w
		}
		return out
	}
	var sum float64
	for _, c := range res.Criteria {
		sum += c.Weight
	}
	for _, c := range res.Criteria {
		if sum > 0 {
			out[string(c.ID)] = c.Weight / sum
		} else {
			out[string(c.ID)] = 0
		}
	}
	return out
}

func ahpJSON(res *gapanalysis.Result) *jsonAHP {
	a := res.Meta.AHP
	if a == nil {
		return nil
	}
	return &jsonAHP{LambdaMax: a.LambdaMax, CI: a.CI, CR: a.CR, Experts: a.Experts, WorstPair: [2]string{string(a.WorstA), string(a.WorstB)}}
}
