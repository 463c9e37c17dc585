package importers

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

func TestLoadMapping(t *testing.T) {
	want := []MappingEntry{{Header: "Q12", Item: "D-3.4", Line: 2}, {Header: "Does it apply?", Item: "D-3.5", Line: 3}}
	cases := []struct {
		name, file, text string
		want             []MappingEntry
	}{
		{"yaml", "m.yaml", "# codes\nQ12: D-3.4\n\"Does it apply?\": D-3.5\n", want},
		{"yaml with a BOM", "m.yml", "\xef\xbb\xbf# codes\nQ12: D-3.4\nDoes it apply?: D-3.5\n", want},
		{"csv with a title line", "m.csv", "header,item\nQ12,D-3.4\n\"Does it apply?\",D-3.5\n", want},
		{"csv with semicolons and padding", "m.csv", "Column;Item ID;;\r\nQ12;D-3.4;;\r\nDoes it apply?;D-3.5;;\r\n", want},
		{"tsv without a title line", "m.tsv", "# codes\nQ12\tD-3.4\nDoes it apply?\tD-3.5\n", want},
		{"csv with comments and blank lines", "m.txt", "\nQ12, D-3.4\n# note\n\n\"Does it apply?\",D-3.5 \n",
			[]MappingEntry{{Header: "Q12", Item: "D-3.4", Line: 2}, {Header: "Does it apply?", Item: "D-3.5", Line: 5}}},
		{"no extension: yaml", "mapping", "x: y\nQ12: D-3.4\n", []MappingEntry{{Header: "x", Item: "y", Line: 1}, {Header: "Q12", Item: "D-3.4", Line: 2}}},
		{"no extension: csv", "mapping", "Q12,D-3.4\nQ13,D-3.5\n",
			[]MappingEntry{{Header: "Q12", Item: "D-3.4", Line: 1}, {Header: "Q13", Item: "D-3.5", Line: 2}}},
		{"the same header twice for one item", "m.yaml", "Q12: D-3.4\nq 12: d-3.4\n",
			[]MappingEntry{{Header: "Q12", Item: "D-3.4", Line: 1}, {Header: "q 12", Item: "d-3.4", Line: 2}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, err := LoadMapping(strings.NewReader(tc.text), tc.file)
			require.NoError(t, err)
			assert.Equal(t, tc.file, m.File)
			assert.Equal(t, tc.want, m.Entries)
		})
	}
}

func TestLoadMappingErrors(t *testing.T) {
	cases := []struct {
		name, file, text string
		want             []string
	}{
		{"csv bad lines", "m.csv", "header,item\nQ1,D-3.4\nQ2\nQ3,D-3.5,extra\n,D-3.5\nQ5,\n!!!,D-5.2\n", []string{
			`m.csv:3: header "Q2": want two fields, the column header and the item ID; found 1`,
			`m.csv:4: header "Q3": want two fields, the column header and the item ID; found 3`,
			`m.csv:5: the header is empty (or only punctuation)`,
			`m.csv:6: header "Q5": want two fields, the column header and the item ID; found 1`,
			`m.csv:7: header "!!!": the header is empty (or only punctuation)`,
		}},
		{"yaml bad entries", "m.yaml", "Q1: D-3.4\nQ2:\nQ3: [D-3.4, D-3.5]\n\"\": D-5.2\n", []string{
			`m.yaml:2: header "Q2": the item ID is empty`,
			`m.yaml:3: header "Q3": want one item ID after the colon`,
			`m.yaml:4: the header is empty (or only punctuation)`,
		}},
		{"yaml not a mapping", "m.yaml", "- Q1\n- Q2\n", []string{
			`m.yaml:1: want a YAML mapping of column headers to item IDs (lines such as "Q12: D-3.4")`}},
		{"yaml syntax", "m.yaml", "Q1: [D-3.4\n", []string{"m.yaml: not valid YAML: "}},
		{"a header mapped to two items", "m.yaml", "Q1: D-3.4\nq-1: D-3.5\n", []string{
			`m.yaml:2: header "q-1": mapped to D-3.5 here but to D-3.4 on line 1`}},
		{"empty", "m.csv", "# nothing\n", []string{`m.csv: the mapping has no entries`}},
		{"empty yaml", "m.yaml", "", []string{`m.yaml: the mapping has no entries`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, err := LoadMapping(strings.NewReader(tc.text), tc.file)
			require.Error(t, err)
			assert.Empty(t, m.Entries)
			lines := strings.Split(err.Error(), "\n")
			require.Len(t, lines, len(tc.want), err.Error())
			for i, w := range tc.want {
				assert.True(t, strings.HasPrefix(lines[i], w), "got %q, want %q", lines[i], w)
			}
			assert.ErrorIs(t, err, ErrBadMapping)
			var me *MappingError
			require.True(t, errors.As(err, &me))
			assert.Equal(t, tc.file, me.File)
		})
	}
}

func TestMappingCheck(t *testing.T) {
	cl := testChecklist()
	m := Mapping{File: "m.csv", Entries: []MappingEntry{
		{Header: "Q1", Item: "d-3.4", Line: 2},
		{Header: "Q2", Item: "D-3.44", Line: 3},
		{Header: "Q3", Item: "hotline", Line: 4},
		{Header: "Q 1", Item: "D-3.5", Line: 5},
	}}
	err := m.Check(cl)
	require.Error(t, err)
	assert.Equal(t, `m.csv:5: header "Q 1": mapped to D-3.5 here but to d-3.4 on line 2
m.csv:3: header "Q2": unknown item "D-3.44" — did you mean D-3.4?
m.csv:4: header "Q3": unknown item "hotline"`, err.Error())
	assert.ErrorIs(t, err, gapanalysis.ErrUnknownItem)
	assert.ErrorIs(t, err, ErrBadMapping)

	assert.NoError(t, Mapping{}.Check(cl))
	assert.NoError(t, Mapping{Entries: []MappingEntry{{Header: "Q1", Item: " d-3.4 "}}}.Check(cl))
	assert.ErrorIs(t, Mapping{}.Check(nil), ErrNoChecklist)
	// Built in code, without a file or line.
	assert.EqualError(t, Mapping{Entries: []MappingEntry{{Header: "Q1", Item: "X"}}}.Check(cl),
		`mapping: header "Q1": unknown item "X"`)
}

// TestMappingNamesColumns: a mapping entry wins over the other ways a header
// names an item, and is matched ignoring case, accents and punctuation.
func TestMappingNamesColumns(t *testing.T) {
	opts := testOptions()
	opts.Mapping = Mapping{Entries: []MappingEntry{
		{Header: "Frage 1: Strafbarkeit?", Item: "d-3.5"},
		{Header: "D-3.4", Item: "D-5.2"}, // the mapping overrides the ID
	}}
	ds := readCSVString(t, "Country,FRAGE 1 – STRAFBARKEIT,D-3.4\nAT,ja,nein\n", "m.csv", opts)
	assert.Equal(t, []string{"AT D-3.5 full", "AT D-5.2 none"}, respLines(ds))
}
