package gapanalysis

// Types of the best-practice analysis (SPEC 13), the agreement between
// respondents and the expert panel (SPEC 14).

// Exemplar is a country at full on an item, offered as a model to a country
// with a gap on it (SPEC 13).
type Exemplar struct {
	Country CountryCode
	// Similarity is sim(gap country, exemplar) in [0, 1]: 1 − the mean absolute
	// difference of their item scores over the items known and applicable for
	// both (0 when there is none).
	Similarity float64
	Evidence   string  // the exemplar's evidence on the item
	Sources    Sources // the cells of the exemplar's answers
}

// Peer is a country similar to another one (SPEC 13).
type Peer struct {
	Country    CountryCode
	Similarity float64 // in [0, 1], as for Exemplar
}

// AgreementStats are the agreement statistics between respondents over a set of
// units (SPEC 14): a unit is a (country, item) with known answers from two or
// more respondents. Statistics are unknown when they cannot be computed (no
// unit, or no variation to measure against); Lo and Hi are the 95% percentile
// bootstrap interval over units.
type AgreementStats struct {
	Units int
	// PercentAgreement is Σ agreeing pairs ÷ Σ pairs, pooled over units (0–1).
	PercentAgreement, PercentAgreementLo, PercentAgreementHi Score
	// AlphaOrdinal is Krippendorff's α with the ordinal metric on none < partial
	// < full.
	AlphaOrdinal, AlphaOrdinalLo, AlphaOrdinalHi Score
	// AC1 is Gwet's AC1 over the same three categories.
	AC1, AC1Lo, AC1Hi Score
}

// AgreementReport holds the agreement between respondents overall and per
// country, and the units to reconcile.
type AgreementReport struct {
	Overall   AgreementStats
	Countries map[CountryCode]AgreementStats
	// Reconcile lists every unit whose respondents disagree, by country then
	// checklist item order.
	Reconcile []ReconcileUnit
	Bootstrap int    // bootstrap resamples
	Seed      uint64 // seed of the bootstrap
}

// ReconcileUnit is a (country, item) whose respondents disagree, with each
// answer, for the study team to send back to the experts.
type ReconcileUnit struct {
	Country CountryCode
	Item    ItemID
	Answers RespondentAnswers
	// Hidden is true when the merged status is partial although no respondent
	// said partial (a full against a none).
	Hidden bool
	// Option is true on an optional item when respondents disagree on whether
	// the country uses the option: a none ("option not used", not applicable)
	// next to a full or partial. The none is no category of the statistics, so
	// such a (country, item) is a unit only when two respondents say the option
	// is used; it is listed here either way.
	Option bool
}

// RespondentAnswer is one respondent's answer on a unit.
type RespondentAnswer struct {
	Respondent string // "" when the survey names none
	Status     Status // as answered (on an optional item, none is "option not used")
	Source     Source // the cell of the answer
	Evidence   string // the evidence the respondent cited with it
	Comment    string // the respondent's comment on it
}

// PanelReport holds the expert panel's scores of the measures (SPEC 14).
type PanelReport struct {
	Experts   int      // number of experts
	ExpertIDs []string // in the order of the forms or the table
	Aggregate string   // median | mean | geomean
	Label     string   // the panel's file or folder
	// Values holds one entry per (measure, criterion) rated by at least one
	// expert, in measure then criterion order.
	Values []PanelValue
	// KendallW holds Kendall's W per expert criterion, over the measures rated
	// by every expert.
	KendallW map[CriterionID]KendallWStats
}

// PanelValue is the panel's value for one (measure, criterion).
type PanelValue struct {
	Measure   MeasureID
	Criterion CriterionID
	Value     float64 // the aggregate of the experts' ratings (1–5)
	IQR       float64 // interquartile range of the ratings
	N         int     // number of experts who rated it
	// Ratings holds each expert's rating, keyed by expert ID.
	Ratings map[string]float64
}

// KendallWStats is Kendall's coefficient of concordance of the experts on one
// criterion, tie-corrected, with its χ² test.
type KendallWStats struct {
	W, Chi2, P float64
	NMeasures  int
}

// AHPReport describes an AHP pairwise-comparison matrix (SPEC 14).
type AHPReport struct {
	LambdaMax, CI, CR float64
	// Experts is the number of experts whose matrices were combined (1 for a
	// single matrix).
	Experts int
	// WorstPair names the most inconsistent judgement (largest |ln(a_ab·w_b/w_a)|).
	WorstA, WorstB CriterionID
}
