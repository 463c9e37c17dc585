package gapanalysis

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestResponsesRoundTrip(t *testing.T) {
	src := func(cell string) Source { return Source{File: "s-synthetic.xlsx", Sheet: "Answers", Cell: cell} }
	tests := []struct {
		name string
		r    Response
	}{
		{"zero", Response{}},
		{"status item", Response{Country: "AT", Item: "D-3.4", Status: StatusPartial, Evidence: "§ 206 StGB", Comment: "in part", Respondent: "R1", Source: src("C2")}},
		{"numeric item", Response{Country: "BE", Item: "BP-HOTLINE", Value: 0.5, HasValue: true, Source: src("XFD1048576")}},
		{"NaN value kept as read", Response{Country: "BE", Item: "X", Value: math.NaN(), HasValue: true}},
		{"CSV file, no sheet", Response{Country: "CZ", Item: "D-5.2", Status: StatusNone, Source: Source{File: "a.csv", Cell: "D7"}}},
		{"absolute reference kept as text", Response{Country: "DE", Item: "D-5.2", Source: src("$C$2")}},
		{"lower case kept as text", Response{Country: "DE", Item: "D-5.2", Source: src("c2")}},
		{"row 0 kept as text", Response{Country: "DE", Item: "D-5.2", Source: src("C0")}},
		{"leading zero kept as text", Response{Country: "DE", Item: "D-5.2", Source: src("C02")}},
		{"a range kept as text", Response{Country: "DE", Item: "D-5.2", Source: src("C2:D3")}},
		{"a column past 65535 kept as text", Response{Country: "DE", Item: "D-5.2", Source: src("DNXM1")}},
		{"a row past 9 digits kept as text", Response{Country: "DE", Item: "D-5.2", Source: src("A1234567890")}},
		{"no cell", Response{Country: "EE", Item: "D-5.2", Source: Source{File: "x.xlsx", Sheet: "S"}}},
		{"spaces kept", Response{Country: " FI ", Item: " D-5.2", Respondent: " R2 ", Evidence: " e "}},
	}
	var rs Responses
	for _, tc := range tests {
		rs.Append(tc.r)
	}
	require.Equal(t, len(tests), rs.Len())
	for i, tc := range tests {
		got := rs.At(i)
		if math.IsNaN(tc.r.Value) {
			assert.True(t, math.IsNaN(got.Value), tc.name)
			got.Value, tc.r.Value = 0, 0
		}
		assert.Equal(t, tc.r, got, tc.name)
		assert.Equal(t, tc.r.Country, rs.Country(i), tc.name)
		assert.Equal(t, tc.r.Item, rs.Item(i), tc.name)
		assert.Equal(t, tc.r.Status, rs.Status(i), tc.name)
		assert.Equal(t, tc.r.Respondent, rs.Respondent(i), tc.name)
		assert.Equal(t, tc.r.Source, rs.Source(i), tc.name)
	}
	assert.Panics(t, func() { rs.At(len(tests)) })
	assert.Panics(t, func() { rs.At(-1) })
}

func TestResponsesPagesAndSet(t *testing.T) {
	// Three pages and a bit: every record where it was put, Set changes one.
	n := 3*pageSize + 17
	var rs Responses
	for i := range n {
		rs.Append(Response{Country: "AT", Item: ItemID([]string{"A", "B", "C"}[i%3]), Value: float64(i), HasValue: true,
			Source: Source{File: "f", Sheet: "S", Cell: cellName(1+i%26, i+2)}})
	}
	require.Equal(t, n, rs.Len())
	rs.Set(pageSize, Response{Country: "BE", Item: "Z", Status: StatusFull})
	seen := 0
	for i, r := range rs.All() {
		seen++
		if i == pageSize {
			assert.Equal(t, Response{Country: "BE", Item: "Z", Status: StatusFull}, r)
			continue
		}
		assert.Equal(t, float64(i), r.Value)
		assert.Equal(t, cellName(1+i%26, i+2), r.Source.Cell)
	}
	assert.Equal(t, n, seen)
	assert.Len(t, rs.Slice(), n)
	// Each distinct string is stored once: "", AT, A, B, C, f, S, BE, Z.
	assert.Len(t, rs.st.strs, 9)
}

func TestMergeTakesOverStorage(t *testing.T) {
	var other Dataset
	for i := range 5 {
		other.Responses.Append(Response{Country: "AT", Item: ItemID(rune('A' + i))})
	}
	var d Dataset
	d.Merge(&other)
	require.Equal(t, 5, d.Responses.Len())
	// d works on its own: appends and changes go where they should (other,
	// whose storage d took over, is not to be used any more).
	d.Responses.Append(Response{Country: "BE", Item: "F"})
	d.Responses.Set(0, Response{Country: "CZ", Item: "A"})
	assert.Equal(t, 6, d.Responses.Len())
	assert.Equal(t, CountryCode("CZ"), d.Responses.Country(0))
	assert.Equal(t, CountryCode("BE"), d.Responses.Country(5))
	other = Dataset{}
	for i := range 5 {
		other.Responses.Append(Response{Country: "AT", Item: ItemID(rune('A' + i))})
	}
	// A second merge copies.
	d.Merge(&other)
	assert.Equal(t, 11, d.Responses.Len())
	assert.Equal(t, ItemID("E"), d.Responses.Item(10))
	assert.Equal(t, ItemID("A"), other.Responses.Item(0), "a merge that copies leaves other as it was")
}

func TestCellName(t *testing.T) {
	for cell, at := range map[string][2]int{"A1": {1, 1}, "Z9": {26, 9}, "AA10": {27, 10}, "XFD1048576": {16384, 1048576}, "AZ2": {52, 2}, "BA3": {53, 3}} {
		assert.Equal(t, cell, cellName(at[0], at[1]))
		col, row, ok := parseCell(cell)
		assert.True(t, ok, cell)
		assert.Equal(t, at, [2]int{col, row}, cell)
	}
}

// FuzzResponsesRoundTrip: whatever strings a response holds, the store gives
// the same response back.
func FuzzResponsesRoundTrip(f *testing.F) {
	f.Add("AT", "D-3.4", "R1", "ev", "", "s.xlsx", "S", "C2", uint8(1))
	f.Add("", "", "", "", "", "", "", "$A$1", uint8(0))
	f.Add("BE", "X", " R ", "é", "=1+1", "a.csv", "", "A0", uint8(4))
	f.Fuzz(func(t *testing.T, country, item, who, ev, cm, file, sheet, cell string, st uint8) {
		r := Response{Country: CountryCode(country), Item: ItemID(item), Respondent: who, Evidence: ev, Comment: cm,
			Status: Status(st % 5), Source: Source{File: file, Sheet: sheet, Cell: cell}}
		var rs Responses
		rs.Append(Response{Country: "AT", Item: "A", Source: Source{Cell: "B2"}}, r)
		if got := rs.At(1); got != r {
			t.Fatalf("got %#v, want %#v", got, r)
		}
	})
}

func TestSourcesAndAnswersJSON(t *testing.T) {
	rs := NewResponses(Response{Country: "AT", Item: "A", Status: StatusFull, Respondent: " R1 ", Evidence: "§ 1 ",
		Source: Source{File: "s.xlsx", Sheet: "S", Cell: "C2"}})
	view := sourcesOf(&rs, []int32{0})
	b, err := json.Marshal(struct {
		Sources Sources
		Empty   Sources
		Given   Sources
	}{view, Sources{}, SourcesOf(Source{File: "b.csv", Cell: "D4"})})
	require.NoError(t, err)
	assert.JSONEq(t, `{"Sources":[{"file":"s.xlsx","sheet":"S","cell":"C2"}],"Empty":[],"Given":[{"file":"b.csv","sheet":"","cell":"D4"}]}`, string(b))

	b, err = json.Marshal(RespondentAnswers{rs: &rs, idx: []int32{0}})
	require.NoError(t, err)
	// respondent and evidence trimmed, as At gives them
	assert.JSONEq(t, `[{"Respondent":"R1","Status":1,"Source":{"file":"s.xlsx","sheet":"S","cell":"C2"},"Evidence":"§ 1","Comment":""}]`, string(b))
}
