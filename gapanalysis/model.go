package gapanalysis

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/gapstudy/gapstudy/scoring"
)

// Uncertain inputs, in the order of the model's input vector.
const (
	InputPartial          = "partial"           // value of a partial answer
	InputChecklistWeights = "checklist_weights" // item, theme and pillar weights
	InputCriteriaWeights  = "criteria_weights"  // weights of the ranking criteria
	InputMissingRule      = "missing_rule"      // exclude | zero
	InputMethod           = "method"            // ranking method
	InputPanel            = "panel"             // one expert's rating per (measure, criterion)
)

// ModelInputs lists the uncertain inputs in the order of a Model's input vector.
var ModelInputs = []string{InputPartial, InputChecklistWeights, InputCriteriaWeights, InputMissingRule, InputMethod, InputPanel}

// cell kinds of the compiled model.
const (
	cellNA      uint8 = iota // not applicable
	cellUnknown              // applicable, no known answer
	cellStatus               // known status answers (counts)
	cellFixed                // known fixed score (numeric items)
)

// Model is a compiled form of a study result for fast re-evaluation under other
// parameters (the uncertainty analysis): scores, gaps, derived criteria and ranks
// are recomputed from the merged answers without touching maps or files. A Model
// is read-only after NewModel and safe for concurrent use; every evaluation needs
// its own Workspace.
//
// The model's input vector x has one coordinate in [0, 1) per entry of
// ModelInputs:
//
//   - partial: the value of partial is lo + x·(hi − lo) over Uncertainty.Partial;
//   - checklist_weights: x seeds a random stream that multiplies every item, theme
//     and pillar weight by an independent uniform factor in 1 ± weight_jitter;
//   - criteria_weights: likewise for the criteria weights, 1 ± criteria_jitter;
//   - missing_rule: the ⌊x·m⌋-th of the m rules in Uncertainty.MissingRules;
//   - method: the ⌊x·m⌋-th of the m methods in Uncertainty.Methods;
//   - panel: x seeds a random stream that takes, per (measure, criterion) the
//     panel rated, the rating of one expert drawn uniformly among those who
//     rated it (only with a panel of two or more experts and
//     Uncertainty.Panel not false).
//
// An input that is switched off (a zero-width range, zero jitter, a single rule or
// method) keeps its nominal value whatever x is.
type Model struct {
	cfg       Config
	countries []CountryCode
	measures  []MeasureID

	nItems, nThemes, nPillars int
	itemTheme                 []int // item → theme index
	themePillar               []int // theme → pillar index
	wItem, wTheme, wPillar    []float64
	binding                   []bool // mandatory or optional: counts in binding_gaps
	// itemKey, themeKey and pillarKey hash the IDs of the items, themes and
	// pillars, so that EvalIndex draws a weight's factor from its ID (the
	// same in two waves whose checklists differ).
	itemKey, themeKey, pillarKey []uint64

	kind    []uint8   // country·nItems + item
	nF, nP  []float64 // status counts
	nN      []float64
	fixed   []float64 // fixed score
	full    float64
	none    float64
	partial float64 // nominal

	// measures
	addr     [][]int // measure → unique item indices
	crit     []RankCriterion
	expert   []float64 // measure·k + c: expert values (filled), NaN for derived
	nominalM []int     // nominal ranks of the measures
	nominalC []int     // nominal ranks of the countries
	// adoptersOn is true when the criterion adopters is selected.
	adoptersOn bool

	// panelStart and panelVals hold the experts' ratings of every (measure,
	// criterion) the panel rated: those of measure·k + c are
	// panelVals[panelStart[measure·k+c]:panelStart[measure·k+c+1]].
	panelStart []int
	panelVals  []float64

	partialOn, weightsOn, criteriaOn, panelOn bool
	rules                                     []MissingRule
	methods                                   []scoring.Method
}

// NewModel compiles a study result (from Analyze) with the uncertainty settings of
// cfg.Uncertainty.
func NewModel(res *Result) (*Model, error) {
	cl := res.Checklist
	cfg := res.Config
	items := cl.Items()
	m := &Model{cfg: cfg, nItems: len(items), crit: res.Criteria}
	for _, c := range res.Countries {
		m.countries = append(m.countries, c.Code)
	}
	sortCodes(m.countries)

	themeIdx := map[ThemeID]int{}
	for pi, p := range cl.Pillars {
		m.wPillar = append(m.wPillar, p.Weight)
		m.pillarKey = append(m.pillarKey, idKey('p', string(p.ID)))
		for _, t := range p.Themes {
			themeIdx[t.ID] = len(m.wTheme)
			m.wTheme = append(m.wTheme, t.Weight)
			m.themeKey = append(m.themeKey, idKey('t', string(t.ID)))
			m.themePillar = append(m.themePillar, pi)
		}
	}
	m.nThemes, m.nPillars = len(m.wTheme), len(m.wPillar)
	itemIdx := map[ItemID]int{}
	for i, it := range items {
		itemIdx[it.ID] = i
		m.itemTheme = append(m.itemTheme, themeIdx[cl.ThemeOf(it.ID).ID])
		m.wItem = append(m.wItem, it.Weight)
		m.itemKey = append(m.itemKey, idKey('i', string(it.ID)))
		m.binding = append(m.binding, binds(it))
	}

	// Answers: recount the merged statuses of every (country, item).
	n := len(m.countries) * m.nItems
	m.kind = make([]uint8, n)
	m.nF, m.nP, m.nN, m.fixed = make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	m.full, m.none, m.partial = cfg.Scale.Full, cfg.Scale.None, cfg.Scale.Partial
	if len(res.Assessments) != n {
		return nil, fmt.Errorf("gapanalysis: NewModel: %d assessments for %d countries × %d items", len(res.Assessments), len(m.countries), m.nItems)
	}
	for k, a := range res.Assessments {
		switch {
		case !a.Applicable:
			m.kind[k] = cellNA
		case items[k%m.nItems].Type == NumericItem:
			if a.Score.Known && a.HasValue {
				m.kind[k], m.fixed[k] = cellFixed, a.Score.Value
			} else {
				m.kind[k] = cellUnknown
			}
		case !a.Score.Known || a.Status == StatusUnknown:
			m.kind[k] = cellUnknown
		default:
			m.kind[k] = cellStatus
			m.nF[k], m.nP[k], m.nN[k] = statusCounts(a)
		}
	}

	// Measures in checklist order, with their expert values as filled by Analyze.
	byID := map[MeasureID]Priority{}
	for _, p := range res.Priorities {
		byID[p.ID] = p
	}
	for _, ms := range cl.Measures {
		m.measures = append(m.measures, ms.ID)
		var ids []int
		for _, id := range uniqueItems(ms.Addresses) {
			ids = append(ids, itemIdx[id])
		}
		m.addr = append(m.addr, ids)
		p := byID[ms.ID]
		for _, c := range m.crit {
			v := math.NaN()
			if !c.Derived {
				v = p.Criteria[c.ID]
			}
			m.expert = append(m.expert, v)
		}
		m.nominalM = append(m.nominalM, p.Rank)
	}
	codeRank := map[CountryCode]int{}
	for _, c := range res.Countries {
		codeRank[c.Code] = c.Rank
	}
	for _, c := range m.countries {
		m.nominalC = append(m.nominalC, codeRank[c])
	}
	m.adoptersOn = hasCriterion(m.crit, CritAdopters)

	m.compilePanel(res)
	u := cfg.Uncertainty
	m.partialOn = len(u.Partial) == 2 && u.Partial[1] > u.Partial[0]
	m.weightsOn = u.WeightJitter > 0
	m.criteriaOn = u.CriteriaJitter > 0
	m.rules = u.MissingRules
	if len(m.rules) == 0 {
		m.rules = []MissingRule{cfg.Missing}
	}
	for _, s := range u.Methods {
		meth, err := scoring.ParseMethod(s)
		if err != nil {
			return nil, fmt.Errorf("%w: uncertainty.methods: %v", ErrConfig, err)
		}
		m.methods = append(m.methods, meth)
	}
	if len(m.methods) == 0 {
		meth, err := scoring.ParseMethod(cfg.Ranking.Method)
		if err != nil {
			return nil, fmt.Errorf("%w: ranking.method: %v", ErrConfig, err)
		}
		m.methods = []scoring.Method{meth}
	}
	return m, nil
}

// statusCounts returns how many merged answers said full, partial and none.
func statusCounts(a Assessment) (nF, nP, nN float64) {
	return a.statusCounts[0], a.statusCounts[1], a.statusCounts[2]
}

// Countries returns the countries of the model in its output order (by code).
func (m *Model) Countries() []CountryCode { return m.countries }

// Measures returns the measures of the model in its output order (checklist order).
func (m *Model) Measures() []MeasureID { return m.measures }

// NominalMeasureRanks returns the measures' ranks of the study (output order).
func (m *Model) NominalMeasureRanks() []int { return m.nominalM }

// NominalCountryRanks returns the countries' ranks of the study (output order).
func (m *Model) NominalCountryRanks() []int { return m.nominalC }

// Workspace holds the scratch space of one model evaluation; reuse it across
// evaluations in one goroutine.
type Workspace struct {
	wItem, wTheme, wPillar []float64
	eff                    []float64
	themeSum, themeW       []float64
	pillarSum, pillarW     []float64
	score                  []float64 // country·nItems + item; NaN when unknown or na
	index                  []float64
	critW                  []float64
	x                      *mat.Dense
	prob                   scoring.Problem
	scratch                scoring.Scratch // work vectors of the ranking method
	mscore                 []float64
	rankIdx                []int
	rng                    *rand.Rand
	pcg                    *rand.PCG
}

// NewWorkspace returns scratch space for evaluations of m.
func (m *Model) NewWorkspace() *Workspace {
	nc, nm, k := len(m.countries), len(m.measures), len(m.crit)
	ws := &Workspace{
		wItem: make([]float64, m.nItems), wTheme: make([]float64, m.nThemes), wPillar: make([]float64, m.nPillars),
		eff:      make([]float64, m.nItems),
		themeSum: make([]float64, m.nThemes), themeW: make([]float64, m.nThemes),
		pillarSum: make([]float64, m.nPillars), pillarW: make([]float64, m.nPillars),
		score: make([]float64, nc*m.nItems), index: make([]float64, nc),
		critW:   make([]float64, k),
		mscore:  make([]float64, nm),
		rankIdx: make([]int, max(nc, nm)),
		pcg:     rand.NewPCG(0, 0),
	}
	ws.rng = rand.New(ws.pcg)
	if nm > 0 && k > 0 {
		ws.x = mat.NewDense(nm, k, nil)
		ws.prob = *problem(ws.x, m.crit, m.cfg.Ranking)
		ws.prob.Weights = ws.critW
		ws.scratch.Grow(nm, k)
	}
	return ws
}

// pick returns the ⌊x·n⌋-th index, clamped to [0, n).
func pick(x float64, n int) int {
	i := int(x * float64(n))
	return min(max(i, 0), n-1)
}

// seedOf turns a coordinate in [0, 1) into a 64-bit seed.
func seedOf(x float64) uint64 { return math.Float64bits(x) }

// Nominal returns the input vector that reproduces the study's own parameters
// when every input is switched off; with inputs switched on it is a valid point.
func (m *Model) Nominal() []float64 {
	x := make([]float64, len(ModelInputs))
	u := m.cfg.Uncertainty
	if m.partialOn {
		x[0] = (m.partial - u.Partial[0]) / (u.Partial[1] - u.Partial[0])
	}
	for i, r := range m.rules {
		if r == m.cfg.Missing {
			x[3] = (float64(i) + 0.5) / float64(len(m.rules))
		}
	}
	for i, meth := range m.methods {
		if string(meth) == m.cfg.Ranking.Method {
			x[4] = (float64(i) + 0.5) / float64(len(m.methods))
		}
	}
	return x
}

// Eval evaluates the model at x (len(ModelInputs) coordinates in [0, 1)) and
// writes the rank of every measure and of every country (output orders of
// Measures and Countries; 0 = no rank). It does not allocate.
func (m *Model) Eval(ws *Workspace, x []float64, measureRanks, countryRanks []int) error {
	if len(x) != len(ModelInputs) || len(measureRanks) != len(m.measures) || len(countryRanks) != len(m.countries) {
		panic("gapanalysis: Model.Eval: wrong slice lengths")
	}
	u := m.cfg.Uncertainty
	partial := m.partial
	if m.partialOn {
		partial = u.Partial[0] + x[0]*(u.Partial[1]-u.Partial[0])
	}
	copy(ws.wItem, m.wItem)
	copy(ws.wTheme, m.wTheme)
	copy(ws.wPillar, m.wPillar)
	if m.weightsOn {
		ws.pcg.Seed(seedOf(x[1]), 0x5eed1)
		j := u.WeightJitter
		for _, w := range [][]float64{ws.wItem, ws.wTheme, ws.wPillar} {
			for i := range w {
				w[i] *= 1 - j + 2*j*ws.rng.Float64()
			}
		}
	}
	for c, cr := range m.crit {
		ws.critW[c] = cr.Weight
	}
	if m.criteriaOn {
		ws.pcg.Seed(seedOf(x[2]), 0x5eed2)
		j := u.CriteriaJitter
		for c := range ws.critW {
			ws.critW[c] *= 1 - j + 2*j*ws.rng.Float64()
		}
	}
	rule := m.rules[pick(x[3], len(m.rules))]
	method := m.methods[pick(x[4], len(m.methods))]

	m.effectiveWeights(ws)
	m.scoreCountries(ws, partial, rule)
	scoring.RankInto(countryRanks, ws.index, 1e-9, ws.rankIdx[:len(m.countries)])
	if len(m.measures) == 0 {
		return nil
	}
	m.deriveCriteria(ws)
	if m.panelOn {
		m.drawPanel(ws, x[5])
	}
	if _, err := scoring.SolveScratch(method, &ws.prob, ws.mscore, nil, &ws.scratch); err != nil {
		return err
	}
	scoring.RankInto(measureRanks, ws.mscore, 1e-9, ws.rankIdx[:len(m.measures)])
	return nil
}

func (m *Model) effectiveWeights(ws *Workspace) {
	for t := range ws.themeW {
		ws.themeW[t] = 0
	}
	for p := range ws.pillarW {
		ws.pillarW[p] = 0
	}
	for i, w := range ws.wItem {
		ws.themeW[m.itemTheme[i]] += w
	}
	for t, w := range ws.wTheme {
		ws.pillarW[m.themePillar[t]] += w
	}
	var sp float64
	for _, w := range ws.wPillar {
		sp += w
	}
	for i, w := range ws.wItem {
		t := m.itemTheme[i]
		p := m.themePillar[t]
		si, st := ws.themeW[t], ws.pillarW[p]
		if si == 0 || st == 0 || sp == 0 {
			ws.eff[i] = 0
			continue
		}
		ws.eff[i] = w / si * ws.wTheme[t] / st * ws.wPillar[p] / sp
	}
}

func (m *Model) scoreCountries(ws *Workspace, partial float64, rule MissingRule) {
	for c := range m.countries {
		for t := range ws.themeSum {
			ws.themeSum[t], ws.themeW[t] = 0, 0
		}
		base := c * m.nItems
		for i := 0; i < m.nItems; i++ {
			k := base + i
			s := math.NaN()
			switch m.kind[k] {
			case cellStatus:
				n := m.nF[k] + m.nP[k] + m.nN[k]
				s = (m.nF[k]*m.full + m.nP[k]*partial + m.nN[k]*m.none) / n
			case cellFixed:
				s = m.fixed[k]
			case cellUnknown:
				if rule == MissingZero {
					ws.score[k] = math.NaN() // never a gap
					t := m.itemTheme[i]
					ws.themeW[t] += ws.wItem[i]
					continue
				}
			}
			ws.score[k] = s
			if math.IsNaN(s) {
				continue
			}
			t := m.itemTheme[i]
			ws.themeSum[t] += ws.wItem[i] * s
			ws.themeW[t] += ws.wItem[i]
		}
		for p := range ws.pillarSum {
			ws.pillarSum[p], ws.pillarW[p] = 0, 0
		}
		for t := range ws.themeSum {
			if ws.themeW[t] == 0 {
				continue
			}
			p := m.themePillar[t]
			ws.pillarSum[p] += ws.wTheme[t] * ws.themeSum[t] / ws.themeW[t]
			ws.pillarW[p] += ws.wTheme[t]
		}
		var sum, sw float64
		for p := range ws.pillarSum {
			if ws.pillarW[p] == 0 {
				continue
			}
			sum += ws.wPillar[p] * ws.pillarSum[p] / ws.pillarW[p]
			sw += ws.wPillar[p]
		}
		ws.index[c] = math.NaN()
		if sw > 0 {
			ws.index[c] = 100 * sum / sw
		}
	}
}

func (m *Model) deriveCriteria(ws *Workspace) {
	k := len(m.crit)
	nc := len(m.countries)
	for j, items := range m.addr {
		var gapPoints, binding float64
		countries, adopters := 0, 0
		for c := 0; c < nc; c++ {
			has := false
			if m.adoptersOn && m.adopts(ws, c, items) {
				adopters++
			}
			for _, i := range items {
				s := ws.score[c*m.nItems+i]
				if math.IsNaN(s) || s >= 1 {
					continue
				}
				has = true
				gapPoints += 100 * (1 - s) * ws.eff[i]
				if m.binding[i] {
					binding++
				}
			}
			if has {
				countries++
			}
		}
		for c, cr := range m.crit {
			v := m.expert[j*k+c]
			switch cr.ID {
			case CritGapPoints:
				v = gapPoints
			case CritCountries:
				v = float64(countries)
			case CritBindingGaps:
				v = binding
			case CritAdopters:
				v = float64(adopters)
			}
			ws.x.Set(j, c, v)
		}
	}
}
