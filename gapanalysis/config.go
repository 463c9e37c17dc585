package gapanalysis

// MissingRule says how unknown answers count.
type MissingRule string

// Missing-data rules. The zero value means MissingExclude.
const (
	MissingExclude MissingRule = "exclude" // left out of averages, counted against coverage
	MissingZero    MissingRule = "zero"    // scored 0
)

// Scale maps statuses to item scores in [0, 1].
type Scale struct {
	Full    float64 `yaml:"full"`
	Partial float64 `yaml:"partial"`
	None    float64 `yaml:"none"`
}

// Score returns the score of a status and whether it is known and applicable.
func (s Scale) Score(st Status) (float64, bool) {
	switch st {
	case StatusFull:
		return s.Full, true
	case StatusPartial:
		return s.Partial, true
	case StatusNone:
		return s.None, true
	}
	return 0, false
}

// CriterionWeight sets a ranking criterion's weight and direction in the config.
type CriterionWeight struct {
	ID        CriterionID `yaml:"id"`
	Weight    *float64    `yaml:"weight,omitempty"` // nil: 1
	Direction Direction   `yaml:"direction,omitempty"`
	// Preference is the PROMETHEE II preference function of the criterion: usual
	// (default), u-shape, v-shape, level, linear or gaussian, with thresholds Q
	// (indifference), P (strict preference) and S (gaussian), in the criterion's
	// units. Other methods ignore them.
	Preference string  `yaml:"preference,omitempty"`
	Q          float64 `yaml:"q,omitempty"`
	P          float64 `yaml:"p,omitempty"`
	S          float64 `yaml:"s,omitempty"`
}

// Ranking configures the priority ranking (SPEC 6).
type Ranking struct {
	Method string `yaml:"method"` // wsm (default) | topsis | promethee2 | vikor
	TopK   int    `yaml:"top_k"`  // k of P(rank ≤ k); 5 when 0
	// Criteria, when non-empty, are exactly the criteria used.
	Criteria []CriterionWeight `yaml:"criteria,omitempty"`
	// VikorV is VIKOR's weight v ∈ [0, 1] of group utility against individual
	// regret; nil means 0.5, and 0 ranks by the largest regret alone. It is
	// passed to scoring.Problem.V as is.
	VikorV *float64 `yaml:"vikor_v,omitempty"`
	// Weights, when not nil, derives the criteria weights from judgements
	// (SPEC 14) instead of taking them from Criteria.
	Weights *WeightsConfig `yaml:"weights,omitempty"`
}

// WeightsConfig derives the ranking criteria's weights (SPEC 14): method ahp
// from pairwise judgements (Pairwise, one expert; or Experts, several experts
// combined by element-wise geometric mean), or method entropy from the
// spread of the criteria values over the measures.
type WeightsConfig struct {
	Method   string        `yaml:"method"` // ahp | entropy
	Pairwise []Judgement   `yaml:"pairwise,omitempty"`
	Experts  [][]Judgement `yaml:"experts,omitempty"`

	file string // the config file, for errors found by Analyze
	line int    // the line of ranking.weights
}

// PanelConfig configures the expert panel's scoring of the measures (SPEC 14).
type PanelConfig struct {
	// Aggregate combines the experts' ratings of a (measure, criterion):
	// median (default; the mean of the middle two for an even count), mean or
	// geomean.
	Aggregate string `yaml:"aggregate"`
}

// UncertaintyConfig configures the Monte Carlo analysis (SPEC 7).
type UncertaintyConfig struct {
	Samples        int           `yaml:"samples"` // Monte Carlo samples (SPEC 7 default 1000); 0: no uncertainty analysis
	Seed           uint64        `yaml:"seed"`
	Partial        []float64     `yaml:"partial,flow"` // range of the value of partial
	WeightJitter   float64       `yaml:"weight_jitter"`
	CriteriaJitter float64       `yaml:"criteria_jitter"`
	MissingRules   []MissingRule `yaml:"missing_rules,flow"`
	Methods        []string      `yaml:"methods,flow"`
	// Sobol is the number of base samples N of the Sobol sensitivity analysis
	// (the model runs N·(d+2) times for d uncertain inputs); 0: no Sobol
	// analysis. It runs only when Samples > 0.
	Sobol int `yaml:"sobol"`
	// Bootstrap is the number of bootstrap resamples behind the confidence
	// intervals of the Sobol indices and of the agreement between respondents
	// (SPEC 14); 0: 1000.
	Bootstrap int `yaml:"bootstrap"`
	// Panel switches the uncertain input panel (SPEC 14) when a panel is
	// given: each sample takes, per (measure, criterion), the rating of one
	// expert drawn at random among those who rated it. nil means on; false
	// keeps the panel values.
	Panel *bool `yaml:"panel,omitempty"`
}

// Config holds every parameter of a study. DefaultConfig gives the SPEC's defaults;
// LoadConfig reads a study.yaml over them.
type Config struct {
	Checklist   string              `yaml:"checklist"` // "builtin:dir-2011-93" or a path
	Scale       Scale               `yaml:"scale"`
	Missing     MissingRule         `yaml:"missing"`
	Ranking     Ranking             `yaml:"ranking"`
	Panel       PanelConfig         `yaml:"panel"`
	Uncertainty UncertaintyConfig   `yaml:"uncertainty"`
	Vocabulary  map[string][]string `yaml:"vocabulary,omitempty"` // status → extra spellings
	// Exemplars is the number of exemplars listed for each gap and of peers
	// listed for each country (SPEC 13); DefaultConfig sets 3, and 0 lists none
	// (a Config built in code without it lists none).
	Exemplars int `yaml:"exemplars"`
}

// DefaultConfig returns the defaults of SPEC 5–7.
func DefaultConfig() Config {
	return Config{
		Checklist: "builtin:" + BuiltinID,
		Scale:     Scale{Full: 1, Partial: 0.5, None: 0},
		Missing:   MissingExclude,
		Ranking:   Ranking{Method: "wsm", TopK: 5},
		Exemplars: 3,
		Uncertainty: UncertaintyConfig{
			Samples:        1000,
			Seed:           1,
			Partial:        []float64{0.25, 0.75},
			WeightJitter:   0.25,
			CriteriaJitter: 0.25,
			MissingRules:   []MissingRule{MissingExclude, MissingZero},
			Methods:        []string{"wsm", "topsis"},
			Sobol:          1024,
			Bootstrap:      1000,
		},
	}
}
