package importers

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// TestItemByReference: a survey that names provisions ("Art. 3(4)") instead of
// item IDs is read when the reference belongs to one item only.
func TestItemByReference(t *testing.T) {
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	src := "Member State;Provision;Assessment\nAT;Art. 3(4);yes\nAT;Article 3(5)(i);partly\nBE;art 3 (4);no\nBE;3(4);no\nBE;Art. 99(1);no\n"
	ds, err := ReadCSV(strings.NewReader(src), "refs.csv", &Options{Checklist: cl})
	require.NoError(t, err)
	var got []string
	for _, r := range ds.Responses.All() {
		got = append(got, string(r.Country)+" "+string(r.Item)+" "+r.Status.String())
	}
	assert.Equal(t, []string{"AT D-3.4 full", "AT D-3.5.i partial", "BE D-3.4 none", "BE D-3.4 none"}, got)
	require.Len(t, ds.Diagnostics, 1)
	assert.Equal(t, gapanalysis.CodeUnknownItem, ds.Diagnostics[0].Code)
	assert.Equal(t, "B6", ds.Diagnostics[0].Cell)

	for _, tc := range []struct{ in, want string }{
		{"Art. 3(4)", "3(4)"}, {"Article 3(4)", "3(4)"}, {"ART 3 (4)", "3(4)"}, {"3(4)", "3(4)"},
		{"D-3.4", ""}, {"cf. all articles", ""}, {"", ""}, {"art.", ""},
	} {
		assert.Equal(t, tc.want, refKey(tc.in), tc.in)
	}
}
