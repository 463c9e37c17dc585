package gapanalysis

import (
	"encoding/json"
	"math"

	"github.com/gapstudy/gapstudy/scoring"
)

// Score is a value that may be missing: Known is false when there was nothing to
// compute it from. Scores of the index, pillars and themes are on 0–100; item
// scores on 0–1. A Score marshals to JSON as a number or null.
type Score struct {
	Value float64
	Known bool
}

// Known returns a known score.
func Known(v float64) Score { return Score{Value: v, Known: true} }

// MarshalJSON writes the value, or null when unknown (or not finite).
func (s Score) MarshalJSON() ([]byte, error) {
	if !s.Known || math.IsNaN(s.Value) || math.IsInf(s.Value, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(s.Value)
}

// UnmarshalJSON reads a number or null.
func (s *Score) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*s = Score{}
		return nil
	}
	var v float64
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*s = Known(v)
	return nil
}

// Result is everything a study produces. It is built by Analyze and read by the
// writers in package report.
type Result struct {
	Meta      Meta
	Checklist *Checklist
	Config    Config
	Dataset   *Dataset

	// Countries in rank order (unranked last), ties by code.
	Countries []CountryResult
	// Assessments holds one entry per (assessed country, checklist item), countries
	// in code order, items in checklist order.
	Assessments []Assessment
	// Items holds EU-level statistics per item, in checklist order.
	Items []ItemStats
	// Gaps in country order, then by severity descending, then item order.
	Gaps []Gap
	// Criteria used for the ranking, in column order.
	Criteria []RankCriterion
	// Priorities in rank order, ties by ID.
	Priorities []Priority
	// Diagnostics of the import followed by those of the analysis.
	Diagnostics []Diagnostic
	// Uncertainty is filled when the Monte Carlo analysis ran (nil otherwise).
	Uncertainty *Uncertainty
	// Progress compares this study (the later wave) with a baseline (SPEC 12):
	// set by the caller from Compare, nil when there is no baseline.
	Progress *Comparison
	// KnownIssues holds the known-issues register judged against this study
	// (SPEC 12), in register order: set by the caller from JudgeKnownIssues, nil
	// when no register was given.
	KnownIssues []KnownIssueVerdict
	// Agreement holds the agreement between respondents (SPEC 14): nil when no
	// (country, item) has known answers from two or more respondents and none
	// has respondents who disagree on whether an optional item's option is used.
	Agreement *AgreementReport
	// Panel holds the expert panel's scoring of the measures (SPEC 14): nil when
	// no panel was given.
	Panel *PanelReport

	// practice holds the similarity of the assessed countries (SPEC 13), set by
	// Analyze.
	practice *practiceIndex
}

// Meta describes a study run: what went in and with which settings.
type Meta struct {
	Tool             string // "gapstudy"
	ToolVersion      string
	ChecklistID      string
	ChecklistTitle   string
	ChecklistVersion string
	ChecklistSHA256  string
	Inputs           []string // input file names
	Synthetic        bool     // the data are synthetic (demo/test)
	DataLabel        string
	Method           string
	Missing          string
	TopK             int
	Samples          int
	Seed             uint64
	// CriteriaWeights holds the weights of the ranking criteria normalised to sum
	// 1, keyed by criterion ID (SPEC 14: meta.criteria_weights).
	CriteriaWeights map[CriterionID]float64
	// ExpertValues says where the expert criteria values come from: "panel of
	// N experts (median)" or "checklist's illustrative values".
	ExpertValues string
	// WeightsMethod is how the criteria weights were set: "given" (the
	// checklist's defaults or ranking.criteria), "ahp" or "entropy".
	WeightsMethod string
	// AHP describes the pairwise-comparison matrix when the weights come from
	// ranking.weights method ahp (nil otherwise).
	AHP *AHPReport
}

// CountryResult holds the scores of one country.
type CountryResult struct {
	Code CountryCode
	Name string
	Rank int // 1 = best; 0 = no index, hence no rank
	// RankNote says what the rank rests on when that is not the whole checklist:
	// RankNoteNotBound for a country the instrument does not bind. Empty
	// otherwise.
	RankNote string
	// PillarRanks holds the country's rank on each pillar's score among the
	// assessed countries, as for Rank (1 = best; equal scores within 1e-9 share
	// the best rank; 0 = no score on that pillar, hence no rank).
	PillarRanks map[PillarID]int
	Index       Score // 0–100
	Coverage    float64
	Pillars     map[PillarID]Score // 0–100
	Themes      map[ThemeID]Score  // 0–100
	// Counts of items by merged status (applicable and not).
	NFull, NPartial, NNone, NNA, NUnknown int
	Gaps                                  int     // number of gaps
	GapPoints                             float64 // Σ severity, index points
	// Peers are the countries most similar to this one (SPEC 13), most similar
	// first, ties by code; at most Config.Exemplars of them.
	Peers []Peer
}

// Assessment is the merged answer for one (country, item).
type Assessment struct {
	Country    CountryCode
	Item       ItemID
	Applicable bool   // false: na, or an item of an instrument that does not bind the country
	Status     Status // merged status (see Analyze)
	Score      Score  // 0–1; unknown when missing (or not applicable)
	// Respondents is the number of responses with a known score that were merged;
	// Agreement is the share of them that gave the most frequent status (1 when
	// one or none); SD the standard deviation of their scores.
	Respondents int
	Agreement   float64
	SD          float64
	Evidence    string
	Comment     string
	Sources     Sources
	Value       float64 // numeric items: the raw mean value
	HasValue    bool
	// OptionNotUsed is true for an optional status item that the answers say the
	// country does not use (none from every respondent who answered, or none and
	// na): the item is then not applicable (Applicable false, Status na), as the
	// Directive lets Member States choose. It is false for a country the
	// instrument does not bind.
	OptionNotUsed bool

	// statusCounts holds how many merged answers said full, partial and none.
	statusCounts [3]float64
}

// ItemStats are EU-level statistics of one item across the assessed countries.
type ItemStats struct {
	ID                                    ItemID
	NFull, NPartial, NNone, NNA, NUnknown int
	Mean                                  Score // mean known score, 0–1
	Gaps                                  int
}

// Gap is an applicable, known item with a score below 1 for a country.
type Gap struct {
	Country  CountryCode
	Item     ItemID
	Status   Status
	Score    float64 // 0–1
	Gap      float64 // 1 − score
	Severity float64 // 100 × gap × effective weight: index points lost
	Evidence string
	Comment  string
	Sources  Sources
	// Exemplars are countries at full on the item, most similar to Country first
	// (SPEC 13); empty when no other country is at full.
	Exemplars []Exemplar
}

// RankCriterion is a criterion as used in the ranking.
type RankCriterion struct {
	ID        CriterionID
	Title     string
	Direction Direction // Benefit or Cost
	Weight    float64
	Derived   bool // computed from the data rather than given by experts
	// Pref is the PROMETHEE II preference function (zero value: usual).
	Pref scoring.Preference
}

// Priority is a ranked candidate measure.
type Priority struct {
	Rank      int
	ID        MeasureID
	Title     string
	Score     float64 // 0–100 for wsm and topsis; net flow for promethee2
	Addresses []ItemID
	// Criteria holds the raw criterion values (after filling missing expert
	// values), keyed by criterion ID.
	Criteria map[CriterionID]float64
	// Contributions holds each criterion's share of Score (they add up to Score
	// for wsm).
	Contributions map[CriterionID]float64
	// Filled lists expert criteria whose value was missing and filled with the
	// worst value of the other measures.
	Filled []CriterionID
	// GapCountries lists the countries with at least one gap in Addresses.
	GapCountries []CountryCode
	// Closes lists the gaps the measure would close — the (country, item) pairs
	// behind its derived criteria — by country, then item order.
	Closes      []GapRef
	Uncertainty *RankUncertainty
	// Adopters lists the assessed countries in which every applicable item the
	// measure addresses is known and at full (at least one applicable), in code
	// order (SPEC 13).
	Adopters []CountryCode
}

// GapRef names one gap: a country, an item and its severity (index points).
type GapRef struct {
	Country  CountryCode
	Item     ItemID
	Severity float64
}

// RankUncertainty summarises the Monte Carlo distribution of a rank.
type RankUncertainty struct {
	Nominal int
	Median  float64
	P05     float64
	P95     float64
	PTopK   float64 // P(rank ≤ k)
}

// Uncertainty holds the results of the uncertainty and sensitivity analysis
// (SPEC 7).
type Uncertainty struct {
	Samples int    // Monte Carlo samples
	Seed    uint64 // seed of every random stream
	TopK    int    // k of P(rank ≤ k)
	// Inputs names the uncertain inputs that were varied, in the order of the
	// Sobol indices: "partial", "checklist_weights", "criteria_weights",
	// "missing_rule", "method".
	Inputs    []string
	Countries map[CountryCode]RankUncertainty
	Measures  map[MeasureID]RankUncertainty
	// Sobol holds the variance-based sensitivity indices (nil when not computed).
	Sobol *SobolReport
	// Agreement compares the nominal ranking of the measures under each pair of
	// methods (nil when fewer than two methods).
	Agreement []MethodAgreement
}

// SobolReport holds first-order and total Sobol indices of each uncertain input
// on each output (a measure's rank, and the mean absolute rank shift).
type SobolReport struct {
	N           int // base samples
	Evaluations int // model evaluations, N·(d+2)
	Sequence    string
	Confidence  float64 // level of the bootstrap intervals, e.g. 0.95
	Inputs      []string
	Outputs     []SobolOutput
}

// SobolOutput holds the indices of every input on one output; slices are indexed
// like SobolReport.Inputs.
type SobolOutput struct {
	Name                    string // a measure ID, or "mean_abs_rank_shift"
	Variance                float64
	First, FirstLo, FirstHi []float64
	Total, TotalLo, TotalHi []float64
}

// MethodAgreement compares the nominal ranks of the measures under two methods.
type MethodAgreement struct {
	A, B     string  // method names
	Spearman float64 // Spearman's rho
	Kendall  float64 // Kendall's tau-b
	WS       float64 // WS rank similarity coefficient (A is the reference)
}
