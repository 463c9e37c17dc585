package gapanalysis

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTransitionTable(t *testing.T) {
	na := itemState{na: true}
	unk := itemState{}
	k := func(s float64) itemState { return itemState{known: true, s: s} }
	tests := []struct {
		name     string
		old, new itemState
		want     Transition
	}{
		{"closed", k(0.5), k(1), TransClosed},
		{"closed from none", k(0), k(1), TransClosed},
		{"closed within 1e-9 of 1", k(0.5), k(1 - 5e-10), TransClosed},
		{"improved", k(0), k(0.5), TransImproved},
		{"improved by more than 1e-9", k(0.5), k(0.5 + 2e-9), TransImproved},
		{"remaining", k(0.5), k(0.5), TransRemaining},
		{"remaining within 1e-9", k(0.5), k(0.5 + 5e-10), TransRemaining},
		{"remaining within 1e-9 below", k(0.5), k(0.5 - 5e-10), TransRemaining},
		{"remaining none", k(0), k(0), TransRemaining},
		{"worsened", k(0.5), k(0), TransWorsened},
		{"worsened by more than 1e-9", k(0.5), k(0.5 - 2e-9), TransWorsened},
		{"new-gap", k(1), k(0.5), TransNewGap},
		{"new-gap from 1 within 1e-9", k(1 - 5e-10), k(0), TransNewGap},
		{"kept", k(1), k(1), TransKept},
		{"kept within 1e-9", k(1 - 5e-10), k(1), TransKept},
		{"now-known", unk, k(0.5), TransNowKnown},
		{"now-known full", unk, k(1), TransNowKnown},
		{"now-unknown", k(0), unk, TransNowUnknown},
		{"unknown", unk, unk, TransUnknown},
		{"not-applicable old", na, k(1), TransNotApplicable},
		{"not-applicable new", k(0.5), na, TransNotApplicable},
		{"not-applicable before unknown", na, unk, TransNotApplicable},
		{"not-applicable both", na, na, TransNotApplicable},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, transition(tc.old, tc.new))
		})
	}
}

// waveDatasets are two waves of testChecklist in which item A of each country
// goes through one row of SPEC 12's table. Every country answers D full in
// both waves (so it is assessed and has an index); HR uses the optional item C
// in the earlier wave and not in the later one.
//
//	country  A old    A new    transition of A
//	AT       partial  full     closed
//	BE       none     partial  improved
//	CY       partial  partial  remaining
//	CZ       partial  none     worsened
//	DE       full     partial  new-gap
//	EE       full     full     kept
//	EL       –        full     now-known
//	ES       full     –        now-unknown
//	FI       –        –        unknown
//	FR       na       full     not-applicable
//	HR       full     full     kept;  C: full → none (option not used): not-applicable
//	MT       full     (not in the later wave)
//	LU       (not in the earlier wave)  none
func waveDatasets() (old, new *Dataset) {
	old, new = &Dataset{Label: "wave 1"}, &Dataset{Label: "wave 2"}
	a := []struct {
		c        CountryCode
		old, new Status
	}{
		{"AT", StatusPartial, StatusFull}, {"BE", StatusNone, StatusPartial},
		{"CY", StatusPartial, StatusPartial}, {"CZ", StatusPartial, StatusNone},
		{"DE", StatusFull, StatusPartial}, {"EE", StatusFull, StatusFull},
		{"EL", StatusUnknown, StatusFull}, {"ES", StatusFull, StatusUnknown},
		{"FI", StatusUnknown, StatusUnknown}, {"FR", StatusNA, StatusFull},
		{"HR", StatusFull, StatusFull},
	}
	for _, r := range a {
		old.Responses.Append(resp(r.c, "D", StatusFull))
		new.Responses.Append(resp(r.c, "D", StatusFull))
		if r.old != StatusUnknown {
			old.Responses.Append(resp(r.c, "A", r.old))
		}
		if r.new != StatusUnknown {
			new.Responses.Append(resp(r.c, "A", r.new))
		}
	}
	old.Responses.Append(resp("HR", "C", StatusFull), resp("MT", "A", StatusFull))
	new.Responses.Append(resp("HR", "C", StatusNone), resp("LU", "A", StatusNone))
	return old, new
}

func analyzeWaves(t *testing.T) (old, new *Result) {
	t.Helper()
	cl := testChecklist(t)
	dsOld, dsNew := waveDatasets()
	old, err := Analyze(cl, dsOld, DefaultConfig())
	require.NoError(t, err)
	new, err = Analyze(cl, dsNew, DefaultConfig())
	require.NoError(t, err)
	return old, new
}

func findChange(t *testing.T, cmp *Comparison, c CountryCode, i ItemID) ItemChange {
	t.Helper()
	for _, ch := range cmp.Changes {
		if ch.Country == c && ch.Item == i {
			return ch
		}
	}
	t.Fatalf("no change %s/%s", c, i)
	return ItemChange{}
}

func findProgress(t *testing.T, cmp *Comparison, c CountryCode) CountryProgress {
	t.Helper()
	for _, cp := range cmp.Countries {
		if cp.Code == c {
			return cp
		}
	}
	t.Fatalf("no country %s", c)
	return CountryProgress{}
}

func TestCompareTransitions(t *testing.T) {
	old, new := analyzeWaves(t)
	cmp, err := Compare(old, new)
	require.NoError(t, err)
	assert.Equal(t, "wave 1", cmp.OldLabel)
	assert.Equal(t, "wave 2", cmp.NewLabel)

	tests := []struct {
		country  CountryCode
		item     ItemID
		old, new Status
		want     Transition
	}{
		{"AT", "A", StatusPartial, StatusFull, TransClosed},
		{"BE", "A", StatusNone, StatusPartial, TransImproved},
		{"CY", "A", StatusPartial, StatusPartial, TransRemaining},
		{"CZ", "A", StatusPartial, StatusNone, TransWorsened},
		{"DE", "A", StatusFull, StatusPartial, TransNewGap},
		{"EE", "A", StatusFull, StatusFull, TransKept},
		{"EL", "A", StatusUnknown, StatusFull, TransNowKnown},
		{"ES", "A", StatusFull, StatusUnknown, TransNowUnknown},
		{"FI", "A", StatusUnknown, StatusUnknown, TransUnknown},
		{"FR", "A", StatusNA, StatusFull, TransNotApplicable},
		{"HR", "A", StatusFull, StatusFull, TransKept},
		// An optional item answered none is na: the option is not used.
		{"HR", "C", StatusFull, StatusNA, TransNotApplicable},
		{"AT", "D", StatusFull, StatusFull, TransKept},
		{"AT", "B", StatusUnknown, StatusUnknown, TransUnknown},
	}
	for _, tc := range tests {
		t.Run(string(tc.country)+"/"+string(tc.item), func(t *testing.T) {
			ch := findChange(t, cmp, tc.country, tc.item)
			assert.Equal(t, tc.want, ch.Transition)
			assert.Equal(t, tc.old, ch.Old)
			assert.Equal(t, tc.new, ch.New)
		})
	}

	// Sources of both waves travel with the change.
	ch := findChange(t, cmp, "AT", "A")
	assert.Equal(t, []Source{{File: "s.xlsx", Sheet: "S", Cell: "ATA"}}, ch.OldSources.Slice())
	assert.Equal(t, Known(0.5), ch.OldScore)
	assert.Equal(t, Known(1.0), ch.NewScore)

	// 11 countries in both waves × 7 items; MT and LU have no changes.
	assert.Len(t, cmp.Changes, 11*7)
	for _, ch := range cmp.Changes {
		assert.NotContains(t, []CountryCode{"MT", "LU"}, ch.Country)
	}

	// Item A: one of each row, kept twice (EE, HR).
	var itemA, itemC ItemProgress
	for _, ip := range cmp.Items {
		switch ip.Item {
		case "A":
			itemA = ip
		case "C":
			itemC = ip
		}
	}
	assert.Equal(t, map[Transition]int{
		TransClosed: 1, TransImproved: 1, TransRemaining: 1, TransWorsened: 1, TransNewGap: 1,
		TransKept: 2, TransNowKnown: 1, TransNowUnknown: 1, TransUnknown: 1, TransNotApplicable: 1,
	}, itemA.Counts)
	assert.Equal(t, 1, itemC.Counts[TransNotApplicable])
	assert.Equal(t, 10, itemC.Counts[TransUnknown])
	assert.Len(t, itemC.Counts, 10, "every transition is a key")

	// AT: A closed, D kept, B C E F G unknown in both.
	at := findProgress(t, cmp, "AT")
	want := zeroCounts()
	want[TransClosed], want[TransKept], want[TransUnknown] = 1, 1, 5
	assert.Equal(t, want, at.Counts)
}

func TestCompareCountries(t *testing.T) {
	old, new := analyzeWaves(t)
	cmp, err := Compare(old, new)
	require.NoError(t, err)

	var codes []CountryCode
	for _, cp := range cmp.Countries {
		codes = append(codes, cp.Code)
	}
	assert.Equal(t, []CountryCode{"AT", "BE", "CY", "CZ", "DE", "EE", "EL", "ES", "FI", "FR", "HR", "LU", "MT"}, codes)

	// The compliance pillar has themes offences (A, B, C) and victims (D, E);
	// practice is unknown everywhere, so the index is the compliance score.
	// AT: offences 50 → 100, victims 100: index 75 → 100.
	// DE: offences 100 → 50: index 100 → 75. BE: 0 → 50: 50 → 75.
	// CZ: 50 → 0: 75 → 50. FI: A unknown: offences unknown, index 100 both.
	tests := []struct {
		code               CountryCode
		indexOld, indexNew float64
	}{
		{"AT", 75, 100}, {"BE", 50, 75}, {"CY", 75, 75}, {"CZ", 75, 50},
		{"DE", 100, 75}, {"EE", 100, 100}, {"FI", 100, 100},
	}
	for _, tc := range tests {
		t.Run(string(tc.code), func(t *testing.T) {
			cp := findProgress(t, cmp, tc.code)
			assert.True(t, cp.InOld && cp.InNew)
			assert.InDelta(t, tc.indexOld, cp.IndexOld.Value, 1e-9)
			assert.InDelta(t, tc.indexNew, cp.IndexNew.Value, 1e-9)
			require.True(t, cp.Delta.Known)
			assert.InDelta(t, tc.indexNew-tc.indexOld, cp.Delta.Value, 1e-9)
			assert.Positive(t, cp.RankOld)
			assert.Positive(t, cp.RankNew)
		})
	}
	// Ranks are each wave's own ranks (0 for the wave a country is not in).
	for _, cp := range cmp.Countries {
		for _, w := range []struct {
			res  *Result
			in   bool
			rank int
		}{{old, cp.InOld, cp.RankOld}, {new, cp.InNew, cp.RankNew}} {
			if !w.in {
				assert.Zero(t, w.rank)
				continue
			}
			assert.Equal(t, waveCountries(w.res)[cp.Code].Rank, w.rank, cp.Code)
		}
	}

	mt := findProgress(t, cmp, "MT")
	assert.True(t, mt.InOld)
	assert.False(t, mt.InNew)
	assert.True(t, mt.IndexOld.Known)
	assert.False(t, mt.IndexNew.Known)
	assert.False(t, mt.Delta.Known)
	assert.Zero(t, mt.RankNew)
	assert.Nil(t, mt.Counts)

	lu := findProgress(t, cmp, "LU")
	assert.False(t, lu.InOld)
	assert.True(t, lu.InNew)
	assert.False(t, lu.Delta.Known)
	assert.Zero(t, lu.RankOld)
	assert.Equal(t, "Luxembourg", lu.Name)
}

func TestCompareMeasures(t *testing.T) {
	old, new := analyzeWaves(t)
	cmp, err := Compare(old, new)
	require.NoError(t, err)
	// A's effective weight is 1/4 (in offences: A 1, B 1, C 2) × 1/2 × 1/2 =
	// 1/16, so a gap g on A costs 100·g/16 = 6.25·g index points.
	// M1 addresses A and B (B never known).
	// old: AT 0.5, BE 1, CY 0.5, CZ 0.5 → 2.5 × 6.25 = 15.625
	// new: BE 0.5, CY 0.5, CZ 1, DE 0.5, LU 1 → 3.5 × 6.25 = 21.875
	// M3 addresses C and G: no gaps in either wave (HR C full, then not used).
	byID := map[MeasureID]MeasureProgress{}
	for _, mp := range cmp.Measures {
		byID[mp.ID] = mp
	}
	require.Len(t, cmp.Measures, 3)
	assert.Equal(t, new.Priorities[0].ID, cmp.Measures[0].ID, "in the later wave's priority order")
	assert.InDelta(t, 15.625, byID["M1"].GapPointsOld, 1e-9)
	assert.InDelta(t, 21.875, byID["M1"].GapPointsNew, 1e-9)
	assert.Zero(t, byID["M3"].GapPointsOld)
	assert.Zero(t, byID["M3"].GapPointsNew)
	// They are the gap_points criterion of each wave's ranking.
	for _, w := range []struct {
		res *Result
		get func(MeasureProgress) float64
	}{{old, func(m MeasureProgress) float64 { return m.GapPointsOld }}, {new, func(m MeasureProgress) float64 { return m.GapPointsNew }}} {
		for _, p := range w.res.Priorities {
			assert.InDelta(t, p.Criteria[CritGapPoints], w.get(byID[p.ID]), 1e-9, p.ID)
		}
	}
}

func TestCompareWithItself(t *testing.T) {
	cl := testChecklist(t)
	for name, ds := range map[string]*Dataset{"test": testDataset(), "optional": optionalDataset()} {
		t.Run(name, func(t *testing.T) {
			res, err := Analyze(cl, ds, DefaultConfig())
			require.NoError(t, err)
			cmp, err := Compare(res, res)
			require.NoError(t, err)
			for _, ch := range cmp.Changes {
				assert.NotContains(t, []Transition{TransClosed, TransImproved, TransWorsened, TransNewGap,
					TransNowKnown, TransNowUnknown}, ch.Transition, "%s/%s", ch.Country, ch.Item)
			}
			for _, cp := range cmp.Countries {
				assert.True(t, cp.InOld && cp.InNew)
				if cp.IndexNew.Known {
					assert.Equal(t, Known(0), cp.Delta, cp.Code)
				}
				assert.Equal(t, cp.RankOld, cp.RankNew)
			}
			for _, mp := range cmp.Measures {
				assert.Equal(t, mp.GapPointsOld, mp.GapPointsNew)
			}
		})
	}
}

func TestCompareSwapped(t *testing.T) {
	old, new := analyzeWaves(t)
	fwd, err := Compare(old, new)
	require.NoError(t, err)
	back, err := Compare(new, old)
	require.NoError(t, err)
	swap := map[Transition]Transition{
		TransClosed: TransNewGap, TransNewGap: TransClosed,
		TransImproved: TransWorsened, TransWorsened: TransImproved,
		TransNowKnown: TransNowUnknown, TransNowUnknown: TransNowKnown,
		TransRemaining: TransRemaining, TransKept: TransKept,
		TransUnknown: TransUnknown, TransNotApplicable: TransNotApplicable,
	}
	require.Len(t, back.Changes, len(fwd.Changes))
	for i, ch := range fwd.Changes {
		b := back.Changes[i]
		require.Equal(t, ch.Country, b.Country)
		require.Equal(t, ch.Item, b.Item)
		assert.Equal(t, swap[ch.Transition], b.Transition, "%s/%s", ch.Country, ch.Item)
		assert.Equal(t, ch.Old, b.New)
		assert.Equal(t, ch.New, b.Old)
	}
	require.Len(t, back.Countries, len(fwd.Countries))
	for i, cp := range fwd.Countries {
		b := back.Countries[i]
		assert.Equal(t, cp.Delta.Known, b.Delta.Known)
		if cp.Delta.Known {
			assert.Equal(t, -cp.Delta.Value, b.Delta.Value, cp.Code)
		}
		assert.Equal(t, cp.RankOld, b.RankNew)
		for tr, n := range cp.Counts {
			assert.Equal(t, n, b.Counts[swap[tr]], "%s %s", cp.Code, tr)
		}
	}
}

func TestCompareChecklistVersions(t *testing.T) {
	old, _ := analyzeWaves(t)
	src := strings.NewReader(`
id: test
title: Test checklist
version: "2"
instrument: {not_bound: [DK]}
pillars:
  - id: compliance
    title: Compliance
    themes:
      - id: offences
        title: Offences
        items:
          - {id: A, title: Item A, obligation: mandatory}
          - {id: H, title: Item H, obligation: mandatory}
          - {id: B, title: Item B, obligation: mandatory}
      - id: victims
        title: Victims
        items:
          - {id: D, title: Item D, obligation: mandatory}
`)
	cl2, err := LoadChecklist(src, "test2.yaml")
	require.NoError(t, err)
	_, dsNew := waveDatasets()
	dsNew.Responses.Append(resp("AT", "H", StatusNone))
	var keep []Response
	for _, r := range dsNew.Responses.All() {
		if cl2.Item(r.Item) != nil {
			keep = append(keep, r)
		}
	}
	dsNew.Responses = NewResponses(keep...)
	new, err := Analyze(cl2, dsNew, DefaultConfig())
	require.NoError(t, err)
	cmp, err := Compare(old, new)
	require.NoError(t, err)
	assert.Equal(t, []ItemID{"C", "E", "F", "G"}, cmp.OnlyOld)
	assert.Equal(t, []ItemID{"H"}, cmp.OnlyNew)
	var items []ItemID
	for _, ip := range cmp.Items {
		items = append(items, ip.Item)
	}
	assert.Equal(t, []ItemID{"A", "B", "D"}, items, "common items in the later checklist's order")
	assert.Len(t, cmp.Changes, 11*3)
	assert.Equal(t, TransClosed, findChange(t, cmp, "AT", "A").Transition)
}

func TestCompareIncompatible(t *testing.T) {
	cl := testChecklist(t)
	old, err := Analyze(cl, testDataset(), DefaultConfig())
	require.NoError(t, err)
	tests := []struct {
		name string
		edit func(*Config)
		ok   bool
	}{
		{"scale", func(c *Config) { c.Scale.Partial = 0.4 }, false},
		{"missing rule", func(c *Config) { c.Missing = MissingZero }, false},
		{"ranking method", func(c *Config) { c.Ranking.Method = "topsis" }, true},
		{"seed", func(c *Config) { c.Uncertainty.Seed = 7 }, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultConfig()
			tc.edit(&cfg)
			new, err := Analyze(cl, testDataset(), cfg)
			require.NoError(t, err)
			_, err = Compare(old, new)
			if tc.ok {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, ErrIncompatibleWaves)
		})
	}
	_, err = Compare(nil, old)
	assert.ErrorIs(t, err, ErrIncompatibleWaves)
}

// TestCompareEqualWithin1e9 goes through Analyze: a numeric item scored
// against a target of 10 gives 0.5 for 5; a value 5 + 5e-9 scores 0.5 + 5e-10,
// equal to 0.5 within 1e-9 (remaining), while 5 + 5e-8 scores 0.5 + 5e-9
// (improved), and 10 − 5e-9 scores within 1e-9 of 1 (closed).
func TestCompareEqualWithin1e9(t *testing.T) {
	cl, err := LoadChecklist(strings.NewReader(`
id: num
title: Numeric checklist
pillars:
  - id: p
    title: P
    themes:
      - id: t
        title: T
        items:
          - {id: N, title: Convictions, obligation: practice, type: numeric, direction: higher, normalize: target, target: 10}
`), "num.yaml")
	require.NoError(t, err)
	wave := func(at, be, cy float64) *Dataset {
		return &Dataset{Responses: NewResponses(num("AT", "N", at), num("BE", "N", be), num("CY", "N", cy))}
	}
	old, err := Analyze(cl, wave(5, 5, 5), DefaultConfig())
	require.NoError(t, err)
	new, err := Analyze(cl, wave(5+5e-9, 5+5e-8, 10-5e-9), DefaultConfig())
	require.NoError(t, err)
	cmp, err := Compare(old, new)
	require.NoError(t, err)
	assert.Equal(t, TransRemaining, findChange(t, cmp, "AT", "N").Transition)
	assert.Equal(t, TransImproved, findChange(t, cmp, "BE", "N").Transition)
	assert.Equal(t, TransClosed, findChange(t, cmp, "CY", "N").Transition)
}
