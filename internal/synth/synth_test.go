package synth_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/internal/synth"
)

// items returns n items "<prefix>-1" … "<prefix>-n" of one obligation.
func items(prefix string, n int, ob gapanalysis.Obligation) []*gapanalysis.Item {
	out := make([]*gapanalysis.Item, n)
	for i := range out {
		out[i] = &gapanalysis.Item{
			ID:    gapanalysis.ItemID(fmt.Sprintf("%s-%d", prefix, i+1)),
			Title: fmt.Sprintf("%s item %d", prefix, i+1), Obligation: ob, Weight: 1,
		}
	}
	return out
}

// testChecklist is a small checklist shaped like the built-in one: four legal
// themes of different kinds (with a few optional provisions), one best-practice
// theme and one numeric item.
func testChecklist(t testing.TB) *gapanalysis.Checklist {
	t.Helper()
	offences := append(items("OFF", 6, gapanalysis.Mandatory), items("OFFOPT", 2, gapanalysis.Optional)...)
	offences[0].MinMaxPenalty = 5
	prevention := append(items("PRE", 5, gapanalysis.Mandatory), items("PREOPT", 1, gapanalysis.Optional)...)
	practice := append(items("BP", 6, gapanalysis.Practice), &gapanalysis.Item{
		ID: "BP-DAYS", Title: "Days to remove reported material", Obligation: gapanalysis.Practice, Weight: 1,
		Type: gapanalysis.NumericItem, Direction: gapanalysis.Lower, Normalize: gapanalysis.Target, Target: 3,
	})
	cl := &gapanalysis.Checklist{
		ID: "test", Title: "Test checklist", Version: "1",
		Instrument: gapanalysis.Instrument{NotBound: []gapanalysis.CountryCode{"DK"}},
		Pillars: []*gapanalysis.Pillar{
			{ID: "compliance", Title: "Legal compliance", Weight: 1, Themes: []*gapanalysis.Theme{
				{ID: "offences", Title: "Substantive criminal law", Weight: 1, Items: offences},
				{ID: "investigation", Title: "Investigation and prosecution", Weight: 1, Items: items("INV", 5, gapanalysis.Mandatory)},
				{ID: "victims", Title: "Assistance and protection of child victims", Weight: 1, Items: items("VIC", 6, gapanalysis.Mandatory)},
				{ID: "prevention", Title: "Prevention", Weight: 1, Items: prevention},
			}},
			{ID: "practice", Title: "Best practice", Weight: 1, Themes: []*gapanalysis.Theme{
				{ID: "bp", Title: "Recognised good practice", Weight: 1, Items: practice},
			}},
		},
	}
	require.NoError(t, cl.Validate())
	return cl
}

// first returns the first respondent's responses, keyed by country and item.
func first(ds *gapanalysis.Dataset) map[gapanalysis.CountryCode]map[gapanalysis.ItemID]gapanalysis.Response {
	out := map[gapanalysis.CountryCode]map[gapanalysis.ItemID]gapanalysis.Response{}
	for _, r := range ds.Responses.All() {
		if !strings.HasPrefix(r.Respondent, "Rapporteur ") {
			continue
		}
		if out[r.Country] == nil {
			out[r.Country] = map[gapanalysis.ItemID]gapanalysis.Response{}
		}
		out[r.Country][r.Item] = r
	}
	return out
}

var testSeeds = []uint64{1, 7, 2026}

func TestGenerateDeterministic(t *testing.T) {
	cl := testChecklist(t)
	for _, seed := range testSeeds {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			a, b := synth.Generate(cl, seed), synth.Generate(cl, seed)
			assert.Equal(t, a, b, "same seed, same dataset")
			assert.NotEqual(t, a.Responses.Slice(), synth.Generate(cl, seed+1).Responses.Slice(), "another seed, another dataset")
		})
	}
}

func TestGenerateLabels(t *testing.T) {
	ds := synth.Generate(testChecklist(t), 42)
	assert.True(t, ds.Synthetic)
	assert.Equal(t, "synthetic-eu27-survey.xlsx", ds.Label)
	assert.Equal(t, uint64(42), ds.Seed)
	assert.Empty(t, ds.Diagnostics)
	for i, r := range ds.Responses.All() {
		want := gapanalysis.Source{File: synth.Name, Sheet: "Survey", Cell: fmt.Sprintf("C%d", 4+i)}
		require.Equal(t, want, r.Source, "response %d", i)
	}
}

func TestGenerateNilChecklist(t *testing.T) {
	ds := synth.Generate(nil, 1)
	assert.Empty(t, ds.Responses.Slice())
	assert.True(t, ds.Synthetic)
}

func TestGenerateCoverage(t *testing.T) {
	cl := testChecklist(t)
	for _, seed := range testSeeds {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			ds := synth.Generate(cl, seed)
			assert.Equal(t, gapanalysis.EU27(), ds.Countries(), "all 27 Member States answer")
			byCountry := first(ds)

			var missing, unknown, na int
			for _, it := range cl.Items() {
				answered := 0
				for _, c := range gapanalysis.EU27() {
					r, ok := byCountry[c][it.ID]
					switch {
					case !ok:
						missing++
						continue
					case c == "DK":
					case r.Status == gapanalysis.StatusNA:
						na++
					case r.Status == gapanalysis.StatusUnknown && !r.HasValue:
						unknown++
					}
					answered++
				}
				assert.GreaterOrEqual(t, answered, 22, "item %s has a row for most countries", it.ID)
			}
			assert.Positive(t, missing, "some (country, item) pairs have no row")
			assert.Positive(t, unknown, "some answers are unknown")
			assert.Positive(t, na, "some answers are not applicable")
			n := len(gapanalysis.EU27()) * len(cl.Items())
			assert.Less(t, missing+unknown+na, n/8, "most answers are known")

			seen := map[string]bool{}
			for _, r := range ds.Responses.All() {
				key := fmt.Sprint(r.Country, r.Item, r.Respondent)
				require.False(t, seen[key], "duplicate %s", key)
				seen[key] = true
				assert.Contains(t, []string{"Rapporteur " + string(r.Country), "Co-rapporteur " + string(r.Country), "Peer reviewer " + string(r.Country)}, r.Respondent)
			}
		})
	}
}

func TestGenerateNotBound(t *testing.T) {
	cl := testChecklist(t)
	for _, seed := range testSeeds {
		dk := first(synth.Generate(cl, seed))["DK"]
		var practiceKnown int
		for _, it := range cl.Items() {
			r, ok := dk[it.ID]
			if it.Obligation == gapanalysis.Practice {
				if ok && (r.Status != gapanalysis.StatusNA && r.Status != gapanalysis.StatusUnknown || r.HasValue) {
					practiceKnown++
				}
				continue
			}
			require.True(t, ok, "seed %d: DK has a row for binding item %s", seed, it.ID)
			assert.Equal(t, gapanalysis.StatusNA, r.Status, "seed %d: DK %s", seed, it.ID)
			assert.Contains(t, r.Comment, "not bound")
		}
		assert.Positive(t, practiceKnown, "seed %d: DK answers best-practice items", seed)
	}
}

func TestGenerateFurtherRespondents(t *testing.T) {
	cl := testChecklist(t)
	rank := map[gapanalysis.Status]int{gapanalysis.StatusNone: 0, gapanalysis.StatusPartial: 1, gapanalysis.StatusFull: 2}
	for _, seed := range testSeeds {
		ds := synth.Generate(cl, seed)
		byCountry := first(ds)
		second := map[gapanalysis.CountryCode]bool{}
		third := map[gapanalysis.CountryCode]bool{}
		splits := map[gapanalysis.CountryCode]int{}
		var same, total, adjacent int
		for _, r := range ds.Responses.All() {
			switch {
			case strings.HasPrefix(r.Respondent, "Co-rapporteur "):
				second[r.Country] = true
			case strings.HasPrefix(r.Respondent, "Peer reviewer "):
				third[r.Country] = true
			default:
				continue
			}
			f, ok := byCountry[r.Country][r.Item]
			require.True(t, ok, "a further respondent answers only where the first did")
			total++
			if f.Status == r.Status && f.Value == r.Value {
				same++
				continue
			}
			rf, okf := rank[f.Status]
			rr, okr := rank[r.Status]
			if !okf || !okr {
				continue // numeric values
			}
			switch rf - rr {
			case 1, -1:
				adjacent++
			case 2:
				splits[r.Country]++
				assert.True(t, strings.HasPrefix(r.Respondent, "Co-rapporteur "), "seed %d: a split is the second respondent's", seed)
				assert.Equal(t, gapanalysis.Mandatory, cl.Item(r.Item).Obligation, "seed %d: a split is on a mandatory item", seed)
			default:
				t.Errorf("seed %d: %s %s: %s against %s", seed, r.Country, r.Item, r.Status, f.Status)
			}
		}
		assert.Len(t, second, 5, "seed %d: five countries have a second respondent", seed)
		assert.Len(t, third, 2, "seed %d: two of them a third", seed)
		for c := range third {
			assert.True(t, second[c], "seed %d: %s has a third respondent, so a second", seed, c)
		}
		assert.False(t, second["DK"], "seed %d: not the country the instrument does not bind", seed)
		assert.Greater(t, float64(same)/float64(total), 0.8, "seed %d: respondents mostly agree", seed)
		assert.Positive(t, adjacent, "seed %d: some neighbouring disagreements", seed)
		assert.Len(t, splits, 2, "seed %d: full against none in two countries", seed)
		for c, n := range splits {
			assert.Equal(t, 1, n, "seed %d: one split in %s", seed, c)
		}
	}
}

func TestGenerateTexts(t *testing.T) {
	ds := synth.Generate(testChecklist(t), 2026)
	var evidence, comments, values int
	for _, r := range ds.Responses.All() {
		if r.Evidence != "" {
			evidence++
			assert.True(t, strings.HasSuffix(r.Evidence, "(synthetic)"), "evidence %q is labelled synthetic", r.Evidence)
		}
		if r.Comment != "" {
			comments++
		}
		if r.HasValue {
			values++
			assert.Equal(t, gapanalysis.ItemID("BP-DAYS"), r.Item, "only the numeric item has values")
			assert.Equal(t, gapanalysis.StatusUnknown, r.Status)
			assert.Positive(t, r.Value)
		} else if r.Item == "BP-DAYS" {
			assert.Contains(t, []gapanalysis.Status{gapanalysis.StatusUnknown, gapanalysis.StatusNA}, r.Status,
				"a numeric item without a value is unknown or not applicable")
		}
	}
	n := ds.Responses.Len()
	assert.Greater(t, evidence, n/3, "many answers cite evidence")
	assert.Greater(t, comments, n/10, "some answers have comments")
	assert.Less(t, comments, n/2, "not every answer has a comment")
	assert.Greater(t, values, 20, "most countries give a value for the numeric item")
}

// score is the default item score of a status; ok is false for na and unknown.
func score(st gapanalysis.Status) (float64, bool) {
	return gapanalysis.Scale{Full: 1, Partial: 0.5, None: 0}.Score(st)
}

// meanBy averages the first respondents' known scores of status items, grouped
// by key(item); countries the item does not bind are left out.
func meanBy(cl *gapanalysis.Checklist, ds *gapanalysis.Dataset, key func(*gapanalysis.Item) string) map[string]float64 {
	sum, n := map[string]float64{}, map[string]float64{}
	for c, rs := range first(ds) {
		for _, r := range rs {
			it := cl.Item(r.Item)
			s, ok := score(r.Status)
			if !ok || !cl.Binds(c, it) {
				continue
			}
			sum[key(it)] += s
			n[key(it)]++
		}
	}
	out := map[string]float64{}
	for k := range sum {
		out[k] = sum[k] / n[k]
	}
	return out
}

func TestGenerateDistribution(t *testing.T) {
	cl := testChecklist(t)
	for _, seed := range testSeeds {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			ds := synth.Generate(cl, seed)
			theme := meanBy(cl, ds, func(it *gapanalysis.Item) string { return string(cl.ThemeOf(it.ID).ID) })
			t.Logf("theme means: %v", theme)
			assert.Greater(t, theme["offences"], theme["victims"], "offences stronger than victims' assistance")
			assert.Greater(t, theme["offences"], theme["prevention"], "offences stronger than prevention")
			assert.Greater(t, theme["investigation"], theme["prevention"], "investigation stronger than prevention")
			assert.Greater(t, theme["offences"], 0.6, "offences mostly in place")
			assert.Less(t, theme["prevention"], 0.75, "prevention lagging")

			pillar := meanBy(cl, ds, func(it *gapanalysis.Item) string {
				return string(cl.PillarOf(cl.ThemeOf(it.ID).ID).ID)
			})
			assert.Greater(t, pillar["compliance"], pillar["practice"], "practice weaker than compliance")

			// Optional provisions are more often "none" than mandatory ones.
			none, all := map[gapanalysis.Obligation]float64{}, map[gapanalysis.Obligation]float64{}
			for c, rs := range first(ds) {
				for _, r := range rs {
					if _, ok := score(r.Status); !ok || c == "DK" {
						continue
					}
					ob := cl.Item(r.Item).Obligation
					all[ob]++
					if r.Status == gapanalysis.StatusNone {
						none[ob]++
					}
				}
			}
			assert.Greater(t, none[gapanalysis.Optional]/all[gapanalysis.Optional],
				none[gapanalysis.Mandatory]/all[gapanalysis.Mandatory])

			// Every status occurs, and full is the most common known status.
			count := map[gapanalysis.Status]int{}
			for _, r := range ds.Responses.All() {
				count[r.Status]++
			}
			for _, st := range gapanalysis.Statuses() {
				assert.Positive(t, count[st], "status %s occurs", st)
			}
			assert.Greater(t, count[gapanalysis.StatusFull], count[gapanalysis.StatusPartial])
			assert.Greater(t, count[gapanalysis.StatusPartial], count[gapanalysis.StatusNone]/2)
		})
	}
}

// TestGenerateStable checks that adding an item leaves the other answers as they
// were: every answer has its own random stream.
func TestGenerateStable(t *testing.T) {
	cl := testChecklist(t)
	before := first(synth.Generate(cl, 5))
	th := cl.Pillars[0].Themes[1]
	th.Items = append(th.Items, &gapanalysis.Item{ID: "INV-NEW", Title: "new", Obligation: gapanalysis.Mandatory, Weight: 1})
	require.NoError(t, cl.Validate())
	after := first(synth.Generate(cl, 5))
	for c, rs := range before {
		for id, r := range rs {
			a := after[c][id]
			a.Source, r.Source = gapanalysis.Source{}, gapanalysis.Source{}
			assert.Equal(t, r, a, "%s %s", c, id)
		}
	}
}

// TestGenerateBuiltin checks the survey made for the built-in checklist (the one
// kept in testdata): every item answered for most countries, and the themes the
// Commission found weakest (victims, prevention) below the substantive offences.
func TestGenerateBuiltin(t *testing.T) {
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	ds := synth.Generate(cl, synth.DefaultSeed)
	assert.Equal(t, gapanalysis.EU27(), ds.Countries())
	byCountry := first(ds)
	for _, it := range cl.Items() {
		n := 0
		for _, rs := range byCountry {
			if _, ok := rs[it.ID]; ok {
				n++
			}
		}
		assert.GreaterOrEqual(t, n, 22, "item %s", it.ID)
	}
	theme := meanBy(cl, ds, func(it *gapanalysis.Item) string { return string(cl.ThemeOf(it.ID).ID) })
	t.Logf("theme means: %v", theme)
	require.Contains(t, theme, "offences")
	for _, weak := range []string{"victims", "prevention"} {
		require.Contains(t, theme, weak)
		assert.Greater(t, theme["offences"], theme[weak], "offences stronger than %s", weak)
	}
	pillar := meanBy(cl, ds, func(it *gapanalysis.Item) string {
		return string(cl.PillarOf(cl.ThemeOf(it.ID).ID).ID)
	})
	assert.Greater(t, pillar["compliance"], pillar["practice"], "practice weaker than compliance")
}

// TestGenerateAgreement analyses the survey of the built-in checklist: the
// countries with several respondents are the units' countries, two merged
// partials hide a full against a none, and agreement is high but not perfect.
func TestGenerateAgreement(t *testing.T) {
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	cfg := gapanalysis.DefaultConfig()
	cfg.Uncertainty.Bootstrap = 200
	res, err := gapanalysis.Analyze(cl, synth.Generate(cl, synth.DefaultSeed), cfg)
	require.NoError(t, err)
	ag := res.Agreement
	require.NotNil(t, ag)
	assert.Len(t, ag.Countries, 5)
	hidden := 0
	for _, u := range ag.Reconcile {
		if u.Hidden {
			hidden++
			assert.Len(t, u.Answers.Slice(), 2)
		}
	}
	assert.Equal(t, 2, hidden)
	pa := ag.Overall.PercentAgreement
	require.True(t, pa.Known)
	assert.Greater(t, pa.Value, 0.8)
	assert.Less(t, pa.Value, 1.0)
	assert.True(t, ag.Overall.AlphaOrdinal.Known && ag.Overall.AC1.Known)
}
