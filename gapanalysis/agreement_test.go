package gapanalysis

import (
	"math/rand/v2"
	"runtime"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/scoring"
)

// agreementDataset is a small survey of testChecklist with several respondents
// (x, y, z) per country. The units, with their counts (none, partial, full):
//
//	AT A  x full, y full                    (0, 0, 2)
//	AT B  x full, y partial                 (0, 1, 1)  to reconcile
//	AT C  x none, y full (optional)         no unit: none = option not used; to reconcile (option)
//	AT D  x full, y none                    (1, 0, 1)  to reconcile, hidden: merged partial
//	AT E  x 10, y 20 (numeric)              no unit
//	AT F  x none, y none, z none            (3, 0, 0)
//	BE A  x partial, y partial              (0, 2, 0)
//	BE B  x full, y full, z partial         (0, 1, 2)  to reconcile
//	BE D  x none, y unknown                 no unit: one known answer
//	BE F  x full, x full again, y partial   (0, 1, 1)  x counted once; to reconcile
//	BE G  x full, x none, y full            no unit: x's answers conflict
//	DK A  x full, y none                    no unit: DK is not bound
//	DK F  x full, y full                    (0, 0, 2)
func agreementDataset() *Dataset {
	by := func(c CountryCode, i ItemID, s Status, who, cell string) Response {
		r := resp(c, i, s)
		r.Respondent, r.Source.Cell = who, cell
		return r
	}
	n := func(c CountryCode, i ItemID, v float64, who string) Response {
		r := num(c, i, v)
		r.Respondent = who
		return r
	}
	return &Dataset{Responses: NewResponses(
		by("AT", "A", StatusFull, "x", "C2"), by("AT", "A", StatusFull, "y", "C3"),
		by("AT", "B", StatusFull, "x", "C4"), by("AT", "B", StatusPartial, "y", "C5"),
		by("AT", "C", StatusNone, "x", "C6"), by("AT", "C", StatusFull, "y", "C7"),
		by("AT", "D", StatusFull, "x", "C8"), by("AT", "D", StatusNone, "y", "C9"),
		n("AT", "E", 10, "x"), n("AT", "E", 20, "y"),
		by("AT", "F", StatusNone, "x", "C10"), by("AT", "F", StatusNone, "y", "C11"), by("AT", "F", StatusNone, "z", "C12"),
		by("BE", "A", StatusPartial, "x", "C13"), by("BE", "A", StatusPartial, "y", "C14"),
		by("BE", "B", StatusFull, "x", "C15"), by("BE", "B", StatusFull, "y", "C16"), by("BE", "B", StatusPartial, "z", "C17"),
		by("BE", "D", StatusNone, "x", "C18"), by("BE", "D", StatusUnknown, "y", "C19"),
		by("BE", "F", StatusFull, "x", "C20"), by("BE", "F", StatusFull, " x ", "C21"), by("BE", "F", StatusPartial, "y", "C22"),
		by("BE", "G", StatusFull, "x", "C23"), by("BE", "G", StatusNone, "x", "C24"), by("BE", "G", StatusFull, "y", "C25"),
		by("DK", "A", StatusFull, "x", "C26"), by("DK", "A", StatusNone, "y", "C27"),
		by("DK", "F", StatusFull, "x", "C28"), by("DK", "F", StatusFull, "y", "C29"),
	)}
}

func TestAgreementHandWorked(t *testing.T) {
	res, err := Analyze(testChecklist(t), agreementDataset(), DefaultConfig())
	require.NoError(t, err)
	ag := res.Agreement
	require.NotNil(t, ag)

	// Percent agreement = Σ agreeing pairs ÷ Σ pairs. A unit of m answers has
	// m(m−1)/2 pairs, Σ_k n_k(n_k−1)/2 of them agreeing.
	//   AT: pairs 1+1+1+3 = 6, agreeing 1+0+0+3 = 4
	//   BE: pairs 1+3+1 = 5, agreeing 1+1+0 = 2
	//   DK: 1 pair, agreeing
	//   overall: 12 pairs, 7 agreeing
	//
	// Gwet's AC1, p_a = mean of Σ_k n_k(n_k−1)/(m(m−1)); π_k = mean of n_k/m;
	// p_e = Σ π_k(1−π_k)/2.
	//   AT: p_a = (1+0+0+1)/4 = 1/2; π = (3/8, 1/8, 1/2);
	//       p_e = (15/64 + 7/64 + 16/64)/2 = 19/64; AC1 = (13/64)/(45/64) = 13/45
	//   BE: p_a = (1 + 1/3 + 0)/3 = 4/9; π = (0, 11/18, 7/18); p_e = 77/324;
	//       AC1 = (67/324)/(247/324) = 67/247
	//   DK: p_a = 1, π = (0, 0, 1), p_e = 0: AC1 = 1
	//   overall: p_a = 13/24; π = (3/16, 7/24, 25/48);
	//       p_e = (351 + 476 + 575)/2304/2 = 701/2304; AC1 = 547/1603
	//
	// Krippendorff's α (ordinal), coincidences o_ck (none 0, partial 1, full 2):
	//   AT: o00 = 3, o02 = 1, o12 = 1, o22 = 2; n = (4, 1, 4), n.. = 9;
	//       δ²01 = 2.5² , δ²12 = 2.5², δ²02 = (9 − 4)² = 25;
	//       α = 1 − 8·(1·6.25 + 1·25)/(4·6.25 + 4·6.25 + 16·25) = 1 − 250/450 = 4/9
	//   BE: o11 = 2, o12 = 2, o22 = 1; n = (0, 4, 3), n.. = 7; δ²12 = 3.5² = 12.25;
	//       α = 1 − 6·(2·12.25)/(12·12.25) = 0
	//   DK: every answer full: no variation, α undefined
	//   overall: o00 = 3, o02 = 1, o11 = 2, o12 = 3, o22 = 5; n = (4, 5, 9), n.. = 18;
	//       δ²01 = 4.5² = 20.25, δ²12 = 7² = 49, δ²02 = (18 − 6.5)² = 132.25;
	//       α = 1 − 17·(3·49 + 1·132.25)/(20·20.25 + 45·49 + 36·132.25)
	//         = 1 − 4747.25/7371
	tests := []struct {
		name          string
		got           AgreementStats
		units         int
		pa, alpha, ac Score
	}{
		{"overall", ag.Overall, 8, Known(7.0 / 12), Known(1 - 4747.25/7371), Known(547.0 / 1603)},
		{"AT", ag.Countries["AT"], 4, Known(4.0 / 6), Known(4.0 / 9), Known(13.0 / 45)},
		{"BE", ag.Countries["BE"], 3, Known(2.0 / 5), Known(0), Known(67.0 / 247)},
		{"DK", ag.Countries["DK"], 1, Known(1), Score{}, Known(1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.units, tc.got.Units)
			assertScore(t, tc.pa, tc.got.PercentAgreement, "percent agreement")
			assertScore(t, tc.alpha, tc.got.AlphaOrdinal, "alpha")
			assertScore(t, tc.ac, tc.got.AC1, "AC1")
			for _, iv := range [][3]Score{
				{tc.got.PercentAgreement, tc.got.PercentAgreementLo, tc.got.PercentAgreementHi},
				{tc.got.AlphaOrdinal, tc.got.AlphaOrdinalLo, tc.got.AlphaOrdinalHi},
				{tc.got.AC1, tc.got.AC1Lo, tc.got.AC1Hi},
			} {
				if !iv[0].Known {
					assert.False(t, iv[1].Known || iv[2].Known, "no interval for an unknown statistic")
					continue
				}
				require.True(t, iv[1].Known && iv[2].Known)
				assert.LessOrEqual(t, iv[1].Value, iv[2].Value)
				assert.LessOrEqual(t, iv[2].Value, 1+1e-12)
			}
		})
	}
	assert.Len(t, ag.Countries, 3)
	assert.Equal(t, 1000, ag.Bootstrap)
	assert.Equal(t, uint64(1), ag.Seed)
	// One unit: every resample is that unit.
	dk := ag.Countries["DK"]
	assert.Equal(t, [4]Score{Known(1), Known(1), Known(1), Known(1)},
		[4]Score{dk.PercentAgreementLo, dk.PercentAgreementHi, dk.AC1Lo, dk.AC1Hi})
}

func assertScore(t *testing.T, want, got Score, what string) {
	t.Helper()
	require.Equal(t, want.Known, got.Known, "%s known", what)
	if want.Known {
		assert.InDelta(t, want.Value, got.Value, 1e-12, what)
	}
}

func TestAgreementReconcile(t *testing.T) {
	res, err := Analyze(testChecklist(t), agreementDataset(), DefaultConfig())
	require.NoError(t, err)
	at := func(who string, s Status, cell string) RespondentAnswer {
		return RespondentAnswer{Respondent: who, Status: s, Source: Source{File: "s.xlsx", Sheet: "S", Cell: cell}}
	}
	want := []ReconcileUnit{
		{Country: "AT", Item: "B", Answers: AnswersOf(at("x", StatusFull, "C4"), at("y", StatusPartial, "C5"))},
		{Country: "AT", Item: "C", Answers: AnswersOf(at("x", StatusNone, "C6"), at("y", StatusFull, "C7")), Option: true},
		{Country: "AT", Item: "D", Answers: AnswersOf(at("x", StatusFull, "C8"), at("y", StatusNone, "C9")), Hidden: true},
		{Country: "BE", Item: "B", Answers: AnswersOf(at("x", StatusFull, "C15"), at("y", StatusFull, "C16"), at("z", StatusPartial, "C17"))},
		{Country: "BE", Item: "F", Answers: AnswersOf(at("x", StatusFull, "C20"), at("y", StatusPartial, "C22"))},
	}
	assert.Equal(t, want, plainReconcile(res.Agreement.Reconcile))

	// The hidden disagreement is a merged partial.
	a := assessment(t, res, "AT", "D")
	assert.Equal(t, StatusPartial, a.Status)
	require.NotNil(t, res.Agreement.Hidden("AT", "D"))
	assert.Nil(t, res.Agreement.Hidden("AT", "B"))
	assert.Nil(t, (*AgreementReport)(nil).Hidden("AT", "D"))
}

func TestAgreementHiddenWithThreeRespondents(t *testing.T) {
	// full, full, none: mean 2/3, merged partial; no respondent said partial.
	// full, partial, none: a respondent said partial, so nothing is hidden.
	ds := &Dataset{}
	for i, s := range []Status{StatusFull, StatusFull, StatusNone} {
		r := resp("AT", "A", s)
		r.Respondent = string(rune('x' + i))
		ds.Responses.Append(r)
	}
	for i, s := range []Status{StatusFull, StatusPartial, StatusNone} {
		r := resp("AT", "B", s)
		r.Respondent = string(rune('x' + i))
		ds.Responses.Append(r)
	}
	res, err := Analyze(testChecklist(t), ds, DefaultConfig())
	require.NoError(t, err)
	assert.Equal(t, StatusPartial, assessment(t, res, "AT", "A").Status)
	assert.NotNil(t, res.Agreement.Hidden("AT", "A"))
	assert.Equal(t, StatusPartial, assessment(t, res, "AT", "B").Status)
	assert.Nil(t, res.Agreement.Hidden("AT", "B"))
}

func TestAgreementPerfect(t *testing.T) {
	// Every unit agrees, and the units vary (full, none, partial): α = AC1 =
	// percent agreement = 1, intervals included.
	ds := &Dataset{}
	for _, r := range []struct {
		i ItemID
		s Status
	}{{"A", StatusFull}, {"B", StatusNone}, {"D", StatusPartial}, {"F", StatusFull}} {
		for _, who := range []string{"x", "y"} {
			x := resp("AT", r.i, r.s)
			x.Respondent = who
			ds.Responses.Append(x)
		}
	}
	res, err := Analyze(testChecklist(t), ds, DefaultConfig())
	require.NoError(t, err)
	o := res.Agreement.Overall
	assert.Equal(t, 4, o.Units)
	for _, s := range []Score{o.PercentAgreement, o.PercentAgreementLo, o.PercentAgreementHi,
		o.AlphaOrdinal, o.AlphaOrdinalLo, o.AlphaOrdinalHi, o.AC1, o.AC1Lo, o.AC1Hi} {
		assertScore(t, Known(1), s, "perfect agreement")
	}
	assert.Empty(t, res.Agreement.Reconcile)
}

func TestAgreementNone(t *testing.T) {
	// One respondent per country: no unit, no report.
	res, err := Analyze(testChecklist(t), testDataset(), DefaultConfig())
	require.NoError(t, err)
	assert.Nil(t, res.Agreement)
}

func TestAgreementBootstrapDeterministic(t *testing.T) {
	cl := testChecklist(t)
	ds := agreementDataset()
	cfg := DefaultConfig()
	cfg.Uncertainty.Bootstrap = 400
	want := respondentAgreement(cl, ds, cfg.Uncertainty, 1)
	for _, workers := range []int{2, 3, 8} {
		assert.Equal(t, want, respondentAgreement(cl, ds, cfg.Uncertainty, workers), "%d workers", workers)
	}
	assert.Equal(t, 400, want.Bootstrap)

	// Analyze uses GOMAXPROCS workers: the same numbers for any.
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	one, err := Analyze(cl, ds, cfg)
	require.NoError(t, err)
	runtime.GOMAXPROCS(4)
	four, err := Analyze(cl, ds, cfg)
	require.NoError(t, err)
	assert.Equal(t, one.Agreement, four.Agreement)
	assert.Equal(t, want, one.Agreement)

	// Another seed draws other resamples.
	cfg.Uncertainty.Seed = 7
	other := respondentAgreement(cl, ds, cfg.Uncertainty, 2)
	assert.Equal(t, want.Overall.PercentAgreement, other.Overall.PercentAgreement)
	assert.NotEqual(t, want.Overall, other.Overall)
}

func TestPercentileIntervalUndefined(t *testing.T) {
	// Defined in fewer than half the resamples: unknown.
	boot := [][3]Score{{Known(1)}, {}, {}}
	lo, hi := percentileInterval(boot, 0)
	assert.False(t, lo.Known || hi.Known)
	// Defined in half of them: the interval of those, linearly interpolated
	// (gonum LinInterp: the 2.5% quantile of {0, 1} is 0, the 97.5% one 0.95).
	boot = [][3]Score{{Known(0)}, {Known(1)}, {}, {}}
	lo, hi = percentileInterval(boot, 0)
	assertScore(t, Known(0), lo, "lo")
	assertScore(t, Known(0.95), hi, "hi")
}

// TestAlphaOrdinalFromCounts holds alphaOrdinal, computed from the category
// counts of the units, equal to scoring.KrippendorffAlpha with the ordinal
// metric on the answers themselves, on random sets of units of 2 to 6 answers.
func TestAlphaOrdinalFromCounts(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		units := make([]agreementUnit, 1+rng.IntN(12))
		values := make([][]float64, len(units))
		// Some trials draw from fewer categories, down to one (α undefined).
		cats := 1 + trial%3
		for i := range units {
			for range 2 + rng.IntN(5) {
				k := rng.IntN(cats)
				units[i].counts[k]++
				values[i] = append(values[i], float64(k))
			}
		}
		got, ok := alphaOrdinal(units)
		want, err := scoring.KrippendorffAlpha(values, scoring.OrdinalMetric)
		require.Equal(t, err == nil, ok, "trial %d: defined", trial)
		if ok {
			require.InDelta(t, want, got, 1e-12, "trial %d", trial)
		}
	}
}

// BenchmarkRespondentAgreement measures the agreement of a survey-tool export
// with 200 respondents per (country, item): 27 countries × 4 items, 1000
// resamples.
func BenchmarkRespondentAgreement(b *testing.B) {
	cl := testChecklist(b)
	ds := &Dataset{}
	rng := rand.New(rand.NewPCG(1, 1))
	for _, c := range EU27() {
		for _, it := range []ItemID{"A", "B", "D", "F"} {
			for r := range 200 {
				st := []Status{StatusFull, StatusPartial, StatusNone}[rng.IntN(3)]
				ds.Responses.Append(Response{Country: c, Item: it, Status: st, Respondent: strconv.Itoa(r)})
			}
		}
	}
	u := DefaultConfig().Uncertainty
	for b.Loop() {
		respondentAgreement(cl, ds, u, 0)
	}
}

// plainReconcile returns units whose answers are lists of values rather than
// views of a dataset, for comparing them.
func plainReconcile(units []ReconcileUnit) []ReconcileUnit {
	out := make([]ReconcileUnit, len(units))
	for i, u := range units {
		u.Answers = AnswersOf(u.Answers.Slice()...)
		out[i] = u
	}
	return out
}

// plainGaps returns gaps whose sources (theirs and their exemplars') are lists
// of cells rather than views of a dataset, for comparing them.
func plainGaps(gaps []Gap) []Gap {
	out := make([]Gap, len(gaps))
	for i, g := range gaps {
		g.Sources = SourcesOf(g.Sources.Slice()...)
		g.Exemplars = append([]Exemplar(nil), g.Exemplars...)
		for k := range g.Exemplars {
			g.Exemplars[k].Sources = SourcesOf(g.Exemplars[k].Sources.Slice()...)
		}
		out[i] = g
	}
	return out
}
