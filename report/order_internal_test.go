package report

import (
	"math/rand/v2"
	"sort"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// TestResponseOrder checks responseOrder against one stable sort by country,
// checklist position (unknown items last, by ID) and respondent, on responses
// in random order with unknown items, repeated respondents (whose order of
// import must stay) and groups already in order.
func TestResponseOrder(t *testing.T) {
	cl, err := gapanalysis.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	all := cl.Items()
	// Checklist items out of their order, and two the checklist does not know.
	items := []gapanalysis.ItemID{all[5].ID, all[0].ID, all[3].ID, all[1].ID, "X-UNKNOWN", "A-UNKNOWN"}
	countries := []gapanalysis.CountryCode{"SE", "AT", "EL", "DK"}
	for _, tc := range []struct {
		name   string
		n      int
		seed   uint64
		sorted bool // respondents in order of import within each group
	}{
		{"empty", 0, 1, false},
		{"one", 1, 1, false},
		{"random", 2000, 2, false},
		{"respondent by respondent", 2000, 3, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(tc.seed, 7))
			res := &gapanalysis.Result{Checklist: cl, Dataset: &gapanalysis.Dataset{}}
			for i := range tc.n {
				r := gapanalysis.Response{
					Country: countries[rng.IntN(len(countries))],
					Item:    items[rng.IntN(len(items))],
					Comment: strconv.Itoa(i), // tells duplicates apart
				}
				if tc.sorted {
					r.Respondent = "R" + strconv.Itoa(100000+i/len(items))
				} else {
					r.Respondent = "R" + strconv.Itoa(rng.IntN(50))
				}
				res.Dataset.Responses.Append(r)
			}
			rs := res.Dataset.Responses.Slice()
			pos := map[gapanalysis.ItemID]int{}
			for i, it := range res.Checklist.Items() {
				pos[it.ID] = i
			}
			p := func(id gapanalysis.ItemID) int {
				if v, ok := pos[id]; ok {
					return v
				}
				return len(pos)
			}
			want := make([]int, len(rs))
			for i := range want {
				want[i] = i
			}
			sort.SliceStable(want, func(i, j int) bool {
				a, b := rs[want[i]], rs[want[j]]
				if a.Country != b.Country {
					return a.Country < b.Country
				}
				if p(a.Item) != p(b.Item) {
					return p(a.Item) < p(b.Item)
				}
				if a.Item != b.Item {
					return a.Item < b.Item
				}
				return a.Respondent < b.Respondent
			})
			for _, packed := range []bool{true, false} {
				packOrderKeys = packed
				got := responseOrder(res)
				gotInt := make([]int, len(got))
				for i, k := range got {
					gotInt[i] = int(k)
				}
				assert.Equal(t, want, gotInt, "keys packed: %v", packed)
			}
			packOrderKeys = true
		})
	}
}

func TestBitsFor(t *testing.T) {
	for n, want := range map[int]int{0: 0, 1: 0, 2: 1, 3: 2, 4: 2, 5: 3, 27: 5, 100_000: 17, 5_400_000: 23} {
		assert.Equal(t, want, bitsFor(n), "bitsFor(%d)", n)
	}
}
