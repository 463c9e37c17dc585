package gapanalysis

// Types of the comparison of two survey waves and of the known-issues register
// (SPEC 12). Compare, CompareUncertainty and JudgeKnownIssues fill them; the
// writers in package report read them from Result.Progress and
// Result.KnownIssues.

// Transition says how the assessment of one (country, item) changed between an
// earlier and a later wave (SPEC 12). Its string form is the one in the JSON.
type Transition string

// Transitions, in the order of SPEC 12's table. With s the item score of SPEC 5
// (scores equal within 1e-9), the first matching row applies:
//
//	not-applicable  na in either wave (an optional item not used is na)
//	closed          old known, < 1; new 1
//	improved        old known, < 1; new known, > old and < 1
//	remaining       old known, < 1; new equal to old
//	worsened        old known, < 1; new known, < old
//	new-gap         old 1; new known, < 1
//	kept            old 1; new 1
//	now-known       old unknown; new known
//	now-unknown     old known; new unknown
//	unknown         unknown in both
const (
	TransClosed        Transition = "closed"
	TransImproved      Transition = "improved"
	TransRemaining     Transition = "remaining"
	TransWorsened      Transition = "worsened"
	TransNewGap        Transition = "new-gap"
	TransKept          Transition = "kept"
	TransNowKnown      Transition = "now-known"
	TransNowUnknown    Transition = "now-unknown"
	TransUnknown       Transition = "unknown"
	TransNotApplicable Transition = "not-applicable"
)

// AllTransitions lists the transitions in the order of SPEC 12's table (the
// column order of counts in every output).
func AllTransitions() []Transition {
	return []Transition{TransClosed, TransImproved, TransRemaining, TransWorsened,
		TransNewGap, TransKept, TransNowKnown, TransNowUnknown, TransUnknown, TransNotApplicable}
}

// ItemChange is the transition of one (country, item) for a country assessed in
// both waves.
type ItemChange struct {
	Country CountryCode
	Item    ItemID
	// Old and New are the merged statuses of the two waves' assessments (an
	// optional item answered none is StatusNA, SPEC 12).
	Old, New Status
	// OldScore and NewScore are the item scores (0–1), unknown when missing or
	// not applicable.
	OldScore, NewScore Score
	Transition         Transition
	// OldSources and NewSources are the cells the two assessments came from.
	OldSources, NewSources Sources
}

// CountryProgress compares one country's results in the two waves. A country
// assessed in one wave only is listed with the other wave's values unknown (0
// ranks) and no transitions.
type CountryProgress struct {
	Code         CountryCode
	Name         string
	InOld, InNew bool
	// IndexOld and IndexNew are the indexes (0–100); Delta = new − old, unknown
	// when either is.
	IndexOld, IndexNew, Delta Score
	// RankOld and RankNew are the ranks in each wave (0: no rank).
	RankOld, RankNew int
	// Counts holds the number of items in each transition (every transition of
	// AllTransitions is a key, zero counts included, for a country in both waves).
	Counts map[Transition]int
	// Uncertainty is the paired Monte Carlo distribution of Delta (nil when the
	// analysis did not run or Delta is unknown).
	Uncertainty *DeltaUncertainty
}

// DeltaUncertainty summarises the paired Monte Carlo distribution of a country's
// index delta: every sample applies the same draw of the item-level inputs
// (value of partial, checklist weights, missing-data rule) to both waves.
type DeltaUncertainty struct {
	P05, P95  float64 // 5th and 95th percentile of the delta, index points
	PImproved float64 // P(delta > 0)
}

// ItemProgress counts the transitions of one item over the countries assessed in
// both waves.
type ItemProgress struct {
	Item   ItemID
	Counts map[Transition]int // every transition a key
}

// MeasureProgress compares the gap points a measure addresses in each wave, each
// over that wave's own countries (SPEC 12).
type MeasureProgress struct {
	ID                         MeasureID
	GapPointsOld, GapPointsNew float64 // index points
}

// Comparison is the comparison of two waves scored with the same checklist and
// config (SPEC 12).
type Comparison struct {
	// OldLabel and NewLabel name the two waves (their input files or labels).
	OldLabel, NewLabel string
	// Changes holds one entry per (country in both waves, item in both checklists),
	// countries in code order, items in checklist order.
	Changes []ItemChange
	// Countries holds every country of either wave, in code order.
	Countries []CountryProgress
	// Items holds the transition counts per item, in checklist order.
	Items []ItemProgress
	// Measures holds the gap points per measure, in the order of the later wave's
	// priorities.
	Measures []MeasureProgress
	// OnlyOld and OnlyNew list the item IDs found in only one wave's checklist
	// version; they are left out of Changes and Items.
	OnlyOld, OnlyNew []ItemID
	// Samples and Seed describe the paired uncertainty analysis (0 samples: not
	// run).
	Samples int
	Seed    uint64
}

// Verdict is the judgement of a known issue against the current wave (SPEC 12).
type Verdict string

// Verdicts of known issues.
const (
	VerdictResolved      Verdict = "resolved"       // score 1
	VerdictRemaining     Verdict = "remaining"      // known, < 1
	VerdictNotApplicable Verdict = "not-applicable" // na (or an optional item not used)
	VerdictUnknown       Verdict = "unknown"        // no known score, or the country is not assessed
)

// KnownIssue is a problem found earlier (a Commission report, an infringement
// procedure), entered by the study team in a register.
type KnownIssue struct {
	Country CountryCode
	Item    ItemID
	Source  string // e.g. "COM(2016) 871" or an infringement number
	Date    string // as written (ISO text for a date cell); "" when not given
	Note    string
	// At is the register row the issue was read from (its first cell).
	At Source
}

// KnownIssueVerdict is a known issue with its verdict against the current wave.
type KnownIssueVerdict struct {
	KnownIssue
	Verdict Verdict
	// Status is the current wave's merged status (an optional item answered none
	// is StatusNA); Score its item score, unknown when missing or not applicable.
	Status Status
	Score  Score
	// Sources are the cells of the current wave's assessment.
	Sources Sources
}
