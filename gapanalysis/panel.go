package gapanalysis

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// The expert panel's scoring of the measures (SPEC 14).

// Panel aggregates: how the experts' ratings of one (measure, criterion) are
// combined into the panel value.
const (
	PanelMedian  = "median"  // the median; the mean of the middle two for an even count (default)
	PanelMean    = "mean"    // the arithmetic mean
	PanelGeomean = "geomean" // the geometric mean (ratings are ≥ 1)
)

// PanelMin and PanelMax bound a panel rating: the 1–5 scale of the scoring
// forms.
const (
	PanelMin = 1
	PanelMax = 5
)

// Diagnostic codes of a panel file.
const (
	// CodeUnknownMeasure: a panel row or form names a measure the checklist
	// does not have.
	CodeUnknownMeasure Code = "unknown-measure"
	// CodeUnknownCriterion: a panel row or form names a criterion that is not
	// one of the checklist's expert criteria.
	CodeUnknownCriterion Code = "unknown-criterion"
	// CodePanelMissing (warning): the panel rates a criterion but gave no
	// rating to a measure on it; the measure gets the worst panel value of
	// the others (SPEC 6's rule).
	CodePanelMissing Code = "panel-missing"
	// CodeInconsistentJudgements (warning): the consistency ratio of AHP
	// pairwise judgements is above 0.1.
	CodeInconsistentJudgements Code = "inconsistent-judgements"
)

// Sentinels of the panel codes.
var (
	ErrUnknownMeasure          = errors.New("unknown measure")
	ErrPanelMissing            = errors.New("measure without a panel rating")
	ErrInconsistentJudgements  = errors.New("inconsistent pairwise judgements")
	errPanelAggregateUnknownFn = errors.New("unknown panel aggregate")
)

// NewPanelDiagnostic returns a diagnostic of one of the panel codes (or any
// other code) with its sentinel.
func NewPanelDiagnostic(sev Severity, code Code, msg string) Diagnostic {
	d := NewDiagnostic(sev, code, msg)
	switch code {
	case CodeUnknownMeasure:
		d.Err = ErrUnknownMeasure
	case CodeUnknownCriterion:
		d.Err = ErrUnknownCriterion
	case CodePanelMissing:
		d.Err = ErrPanelMissing
	case CodeInconsistentJudgements:
		d.Err = ErrInconsistentJudgements
	}
	return d
}

// PanelRating is one expert's rating of one measure on one expert criterion,
// on the 1–5 scale (for a cost criterion 5 is the most costly).
type PanelRating struct {
	Expert    string
	Measure   MeasureID
	Criterion CriterionID
	Value     float64
	Source    Source
}

// Panel is an expert panel's ratings of the measures, as read from scoring
// forms or a long table. Analyze uses it through Dataset.Panel.
type Panel struct {
	// Ratings in the order read. One expert rates a (measure, criterion) at
	// most once: the importers report a repeated rating.
	Ratings     []PanelRating
	Diagnostics []Diagnostic
	Accounts    []SheetAccount
	// Synthetic marks a made-up panel (demo and tests); every output says so.
	Synthetic bool
	Label     string // names the panel in outputs (the file or folder)
}

// Experts returns the distinct experts of the ratings in order of first
// appearance.
func (p *Panel) Experts() []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range p.Ratings {
		if !seen[r.Expert] {
			seen[r.Expert] = true
			out = append(out, r.Expert)
		}
	}
	return out
}

// Merge appends the ratings, diagnostics and accounts of other to p.
func (p *Panel) Merge(other *Panel) {
	if other == nil {
		return
	}
	p.Ratings = append(p.Ratings, other.Ratings...)
	p.Diagnostics = append(p.Diagnostics, other.Diagnostics...)
	p.Accounts = append(p.Accounts, other.Accounts...)
	p.Synthetic = p.Synthetic || other.Synthetic
	if p.Label == "" {
		p.Label = other.Label
	}
}

// PanelAggregate combines ratings by the named aggregate (PanelMedian,
// PanelMean, PanelGeomean). x must not be empty; it is not modified.
func PanelAggregate(aggregate string, x []float64) (float64, error) {
	if len(x) == 0 {
		return math.NaN(), errors.New("gapanalysis: PanelAggregate: no rating")
	}
	switch aggregate {
	case PanelMedian, "":
		s := slices.Sorted(slices.Values(x))
		n := len(s)
		if n%2 == 1 {
			return s[n/2], nil
		}
		return (s[n/2-1] + s[n/2]) / 2, nil
	case PanelMean:
		return mean(x), nil
	case PanelGeomean:
		var sum float64
		for _, v := range x {
			if v <= 0 {
				return math.NaN(), fmt.Errorf("gapanalysis: PanelAggregate: geomean of %g", v)
			}
			sum += math.Log(v)
		}
		return math.Exp(sum / float64(len(x))), nil
	}
	return math.NaN(), fmt.Errorf("%w %q (median, mean or geomean)", errPanelAggregateUnknownFn, aggregate)
}

// IQR returns the interquartile range Q3 − Q1 of x, the quartiles by linear
// interpolation between the order statistics (Hyndman & Fan's type 7, as
// Excel's QUARTILE.INC and R's default): Q_p = x₍ₕ₎ + (h − ⌊h⌋)(x₍ₕ₊₁₎ − x₍ₕ₎)
// with h = (n − 1)p on the sorted values (0-based). One value gives 0; no
// value gives 0.
func IQR(x []float64) float64 {
	if len(x) < 2 {
		return 0
	}
	s := slices.Sorted(slices.Values(x))
	q := func(p float64) float64 {
		h := float64(len(s)-1) * p
		lo := int(math.Floor(h))
		if lo+1 >= len(s) {
			return s[lo]
		}
		return s[lo] + (h-float64(lo))*(s[lo+1]-s[lo])
	}
	return q(0.75) - q(0.25)
}

// buildPanel computes the panel report: the value, IQR and count of every
// (measure, criterion) rated by at least one expert, in checklist measure
// then criterion order, and Kendall's W per criterion.
func buildPanel(cl *Checklist, p *Panel, aggregate string) (*PanelReport, error) {
	if aggregate == "" {
		aggregate = PanelMedian
	}
	rep := &PanelReport{ExpertIDs: p.Experts(), Aggregate: aggregate, KendallW: map[CriterionID]KendallWStats{}}
	rep.Experts = len(rep.ExpertIDs)
	type mc struct {
		m MeasureID
		c CriterionID
	}
	ratings := map[mc]map[string]float64{}
	for _, r := range p.Ratings {
		k := mc{r.Measure, r.Criterion}
		if ratings[k] == nil {
			ratings[k] = map[string]float64{}
		}
		ratings[k][r.Expert] = r.Value
	}
	for _, ms := range cl.Measures {
		for _, c := range cl.Criteria {
			rs := ratings[mc{ms.ID, c.ID}]
			if len(rs) == 0 {
				continue
			}
			x := make([]float64, 0, len(rs))
			for _, e := range rep.ExpertIDs {
				if v, ok := rs[e]; ok {
					x = append(x, v)
				}
			}
			v, err := PanelAggregate(aggregate, x)
			if err != nil {
				return nil, fmt.Errorf("%w: panel.aggregate: %w", ErrConfig, err)
			}
			rep.Values = append(rep.Values, PanelValue{Measure: ms.ID, Criterion: c.ID, Value: v, IQR: IQR(x), N: len(x), Ratings: rs})
		}
	}
	for _, c := range cl.Criteria {
		if st, ok := panelConcordance(cl, rep, c.ID); ok {
			rep.KendallW[c.ID] = st
		}
	}
	return rep, nil
}

// panelConcordance returns Kendall's W of the experts on criterion c over the
// measures rated by every expert of the panel; false when there are fewer than
// two experts or two such measures, or the ratings are all tied for every
// expert (W is then undefined).
func panelConcordance(cl *Checklist, rep *PanelReport, c CriterionID) (KendallWStats, bool) {
	if rep.Experts < 2 {
		return KendallWStats{}, false
	}
	var cols []map[string]float64
	for _, v := range rep.Values {
		if v.Criterion == c && v.N == rep.Experts {
			cols = append(cols, v.Ratings)
		}
	}
	if len(cols) < 2 {
		return KendallWStats{}, false
	}
	scores := make([][]float64, rep.Experts)
	for e, id := range rep.ExpertIDs {
		scores[e] = make([]float64, len(cols))
		for j, col := range cols {
			scores[e][j] = col[id]
		}
	}
	return kendallW(scores, len(cols))
}

// lookup returns the panel value of every (measure, criterion) the panel
// rated, and the set of criteria the panel rated at all.
func (rep *PanelReport) lookup() (map[MeasureID]map[CriterionID]float64, map[CriterionID]bool) {
	vals := map[MeasureID]map[CriterionID]float64{}
	rated := map[CriterionID]bool{}
	for _, v := range rep.Values {
		if vals[v.Measure] == nil {
			vals[v.Measure] = map[CriterionID]float64{}
		}
		vals[v.Measure][v.Criterion] = v.Value
		rated[v.Criterion] = true
	}
	return vals, rated
}

// ratingsOf returns the ratings of one (measure, criterion) in expert order,
// nil when the panel did not rate it.
func (rep *PanelReport) ratingsOf(m MeasureID, c CriterionID) []float64 {
	for _, v := range rep.Values {
		if v.Measure == m && v.Criterion == c {
			out := make([]float64, 0, len(v.Ratings))
			for _, e := range rep.ExpertIDs {
				if x, ok := v.Ratings[e]; ok {
					out = append(out, x)
				}
			}
			return out
		}
	}
	return nil
}

// PanelLabel says where the expert criteria values come from, for the
// Methodology sheet and the JSON meta: "panel of N experts (median)" or
// "checklist's illustrative values".
func PanelLabel(rep *PanelReport) string {
	if rep == nil {
		return "checklist's illustrative values"
	}
	return fmt.Sprintf("panel of %d experts (%s)", rep.Experts, rep.Aggregate)
}
