package gapanalysis

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
	"gonum.org/v1/gonum/mat"

	"github.com/gapstudy/gapstudy/scoring"
)

// Weights from judgements (SPEC 14).

// Weight methods of ranking.weights.
const (
	WeightsGiven   = "given"   // the checklist's defaults or ranking.criteria
	WeightsAHP     = "ahp"     // principal eigenvector of pairwise judgements
	WeightsEntropy = "entropy" // entropy of the criteria values
)

// AHPConsistencyLimit is the consistency ratio above which AHP judgements get
// a warning (Saaty 1980).
const AHPConsistencyLimit = 0.1

// Judgement is one pairwise comparison: criterion A is Value times as
// important as criterion B, on Saaty's 1/9–9 scale. In YAML it is written
// [a, b, value]; the value may be a number or a fraction such as "1/3".
type Judgement struct {
	A, B  CriterionID
	Value float64

	line int // its line in the config file (0: built in code)
}

// UnmarshalYAML reads [a, b, value].
func (j *Judgement) UnmarshalYAML(n *yaml.Node) error {
	j.line = n.Line
	if n.Kind != yaml.SequenceNode || len(n.Content) != 3 {
		return fmt.Errorf("line %d: a judgement is [criterion a, criterion b, value]", n.Line)
	}
	j.A = CriterionID(strings.TrimSpace(n.Content[0].Value))
	j.B = CriterionID(strings.TrimSpace(n.Content[1].Value))
	v, err := parseJudgementValue(n.Content[2].Value)
	if err != nil {
		return fmt.Errorf("line %d: judgement value %q: %v", n.Line, n.Content[2].Value, err)
	}
	j.Value = v
	return nil
}

// MarshalYAML writes [a, b, value].
func (j Judgement) MarshalYAML() (any, error) {
	return []any{string(j.A), string(j.B), j.Value}, nil
}

// parseJudgementValue reads a number or a fraction "p/q"; YAML's .nan and
// .inf are read as NaN and ±Inf (checked later, with their line).
func parseJudgementValue(s string) (float64, error) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case ".nan":
		return math.NaN(), nil
	case ".inf", "+.inf":
		return math.Inf(1), nil
	case "-.inf":
		return math.Inf(-1), nil
	}
	if p, q, ok := strings.Cut(s, "/"); ok {
		a, err1 := strconv.ParseFloat(strings.TrimSpace(p), 64)
		b, err2 := strconv.ParseFloat(strings.TrimSpace(q), 64)
		if err1 != nil || err2 != nil || b == 0 {
			return 0, fmt.Errorf("not a number or a fraction")
		}
		return a / b, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("not a number or a fraction")
	}
	return v, nil
}

// checkWeights checks ranking.weights as far as it can without the checklist:
// the method, which judgements it needs, and each judgement's value (finite,
// within 1/9–9) and criteria (two different ones).
func (w *WeightsConfig) check(bad func(sentinel error, line int, msg string)) {
	switch w.Method {
	case WeightsAHP:
		switch {
		case len(w.Pairwise) == 0 && len(w.Experts) == 0:
			bad(nil, w.line, "method ahp needs pairwise: [[a, b, value], …] or experts: [[[a, b, value], …], …]")
		case len(w.Pairwise) > 0 && len(w.Experts) > 0:
			bad(nil, w.line, "give pairwise (one expert) or experts (several), not both")
		}
	case WeightsEntropy:
		if len(w.Pairwise) > 0 || len(w.Experts) > 0 {
			bad(nil, w.line, "method entropy takes no judgements; remove pairwise and experts or use method ahp")
		}
	default:
		bad(nil, w.line, fmt.Sprintf("method %q is not ahp or entropy", w.Method))
	}
	for _, set := range w.judgementSets() {
		for _, j := range set {
			switch {
			case j.A == "" || j.B == "":
				bad(nil, j.line, "a judgement names no criterion")
			case j.A == j.B:
				bad(nil, j.line, fmt.Sprintf("judgement [%s, %s, …] compares a criterion with itself", j.A, j.B))
			}
			switch {
			case !isFinite(j.Value):
				bad(ErrNonFinite, j.line, fmt.Sprintf("judgement [%s, %s, %g]: the value is not a finite number", j.A, j.B, j.Value))
			case j.Value < 0.111 || j.Value > 9: // 0.111 stands for 1/9
				bad(nil, j.line, fmt.Sprintf("judgement [%s, %s, %g]: the value is outside Saaty's scale 1/9–9", j.A, j.B, j.Value))
			}
		}
	}
}

// judgementSets returns the experts' judgement sets (one for pairwise).
func (w *WeightsConfig) judgementSets() [][]Judgement {
	if len(w.Pairwise) > 0 {
		return [][]Judgement{w.Pairwise}
	}
	return w.Experts
}

// configErr returns a *ConfigError at a line of the weights' config file.
func (w *WeightsConfig) configErr(line int, msg string) error {
	file := w.file
	if file == "" {
		file = "config"
	}
	return &ConfigError{File: file, Line: line, Key: "ranking.weights", Msg: msg}
}

// judgementMatrices checks that every set compares every pair of the ranking
// criteria exactly once and returns its reciprocal matrix (criteria in
// ranking order).
func (w *WeightsConfig) judgementMatrices(crits []RankCriterion) ([]*mat.Dense, error) {
	pos := map[CriterionID]int{}
	ids := make([]string, len(crits))
	for i, c := range crits {
		pos[c.ID] = i
		ids[i] = string(c.ID)
	}
	n := len(crits)
	var out []*mat.Dense
	for e, set := range w.judgementSets() {
		who := ""
		if len(w.Experts) > 0 {
			who = fmt.Sprintf("expert %d: ", e+1)
		}
		seen := map[[2]int]int{}
		js := make([]scoring.Judgement, 0, len(set))
		for _, j := range set {
			a, okA := pos[j.A]
			b, okB := pos[j.B]
			for _, x := range []struct {
				id CriterionID
				ok bool
			}{{j.A, okA}, {j.B, okB}} {
				if !x.ok {
					return nil, w.configErr(j.line, fmt.Sprintf("%sunknown criterion %q%s (the ranking criteria are %s)", who, x.id, suggestion(string(x.id), ids), strings.Join(ids, ", ")))
				}
			}
			key := [2]int{min(a, b), max(a, b)}
			if l, ok := seen[key]; ok {
				return nil, w.configErr(j.line, fmt.Sprintf("%sthe pair %s, %s is judged twice (first on line %d); give every pair once", who, j.A, j.B, l))
			}
			seen[key] = j.line
			js = append(js, scoring.Judgement{A: a, B: b, Value: j.Value})
		}
		var missing []string
		for a := 0; a < n; a++ {
			for b := a + 1; b < n; b++ {
				if _, ok := seen[[2]int{a, b}]; !ok {
					missing = append(missing, "["+ids[a]+", "+ids[b]+"]")
				}
			}
		}
		if len(missing) > 0 {
			line := w.line
			if len(set) > 0 {
				line = set[0].line
			}
			return nil, w.configErr(line, fmt.Sprintf("%s%d of the %d pairs of the ranking criteria are not judged: %s; give every pair once", who, len(missing), n*(n-1)/2, strings.Join(missing, ", ")))
		}
		m, err := scoring.AHPMatrix(n, js)
		if err != nil {
			return nil, w.configErr(w.line, who+err.Error())
		}
		out = append(out, m)
	}
	return out, nil
}

// judgedWeights sets the weights of res.Criteria from ranking.weights (no
// change without it): AHP's principal eigenvector, or the entropy weights of
// x, the measures × criteria values after filling. A consistency ratio above
// AHPConsistencyLimit adds a warning naming the most inconsistent judgement.
func judgedWeights(res *Result, x *mat.Dense) error {
	w := res.Config.Ranking.Weights
	if w == nil {
		return nil
	}
	crits := append([]RankCriterion(nil), res.Criteria...)
	var weights []float64
	switch w.Method {
	case WeightsAHP:
		ms, err := w.judgementMatrices(crits)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrConfig, err)
		}
		m := ms[0]
		if len(ms) > 1 {
			if m, err = scoring.AHPCombine(ms); err != nil {
				return fmt.Errorf("%w: ranking.weights: %w", ErrConfig, err)
			}
		}
		ahp, err := scoring.AHP(m)
		if err != nil {
			return fmt.Errorf("%w: ranking.weights: %w", ErrConfig, err)
		}
		weights = ahp.Weights
		rep := &AHPReport{LambdaMax: ahp.LambdaMax, CI: ahp.CI, CR: ahp.CR, Experts: len(ms)}
		a, b := scoring.AHPWorstPair(m, ahp.Weights)
		if a >= 0 {
			rep.WorstA, rep.WorstB = crits[a].ID, crits[b].ID
		}
		res.Meta.AHP = rep
		if ahp.CR > AHPConsistencyLimit && a >= 0 {
			d := NewPanelDiagnostic(SevWarning, CodeInconsistentJudgements, fmt.Sprintf(
				"the AHP judgements are inconsistent: consistency ratio %.3f > %g; the most inconsistent judgement is %s against %s (given %s, the other judgements imply %s) — worth asking the experts again",
				ahp.CR, AHPConsistencyLimit, rep.WorstA, rep.WorstB, fmtRatio(m.At(a, b)), fmtRatio(ahp.Weights[a]/ahp.Weights[b])))
			d.File = w.file
			res.Diagnostics = append(res.Diagnostics, d)
		}
	case WeightsEntropy:
		var err error
		if weights, err = scoring.EntropyWeights(x); err != nil {
			return fmt.Errorf("%w: ranking.weights: entropy: %w", ErrConfig, err)
		}
	default:
		return fmt.Errorf("%w: ranking.weights: method %q is not ahp or entropy", ErrConfig, w.Method)
	}
	for i := range crits {
		crits[i].Weight = weights[i]
	}
	res.Criteria = crits
	res.Meta.WeightsMethod = w.Method
	return nil
}

func fmtRatio(v float64) string {
	if v >= 1 {
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
	return "1/" + strconv.FormatFloat(1/v, 'g', 3, 64)
}

// setCriteriaWeights records the criteria weights normalised to sum 1 in
// res.Meta.CriteriaWeights (all 0 when every weight is 0).
func setCriteriaWeights(res *Result) {
	if res.Meta.WeightsMethod == "" {
		res.Meta.WeightsMethod = WeightsGiven
	}
	var sum float64
	for _, c := range res.Criteria {
		sum += c.Weight
	}
	res.Meta.CriteriaWeights = make(map[CriterionID]float64, len(res.Criteria))
	for _, c := range res.Criteria {
		v := 0.0
		if sum > 0 {
			v = c.Weight / sum
		}
		res.Meta.CriteriaWeights[c.ID] = v
	}
}
