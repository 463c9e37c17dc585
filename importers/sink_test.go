package importers

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// TestSink: with a sink, every response goes to it in file order and none is
// kept; diagnostics and accounts are the same as without.
func TestSink(t *testing.T) {
	cl := testChecklist()
	src := "country;item;status\nAT;D-3.4;yes\nAT;D-3.5;maybe\nBE;D-3.4;no\nXX;D-3.4;no\n"
	want, err := ReadCSV(strings.NewReader(src), "s.csv", &Options{Checklist: cl})
	require.NoError(t, err)
	var got []gapanalysis.Response
	ds, err := ReadCSV(strings.NewReader(src), "s.csv", &Options{Checklist: cl, Sink: func(r gapanalysis.Response) { got = append(got, r) }})
	require.NoError(t, err)
	assert.Empty(t, ds.Responses.Slice())
	assert.Equal(t, want.Responses.Slice(), got)
	assert.Equal(t, want.Diagnostics, ds.Diagnostics)
	assert.Equal(t, want.Accounts, ds.Accounts)
}
