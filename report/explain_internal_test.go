package report

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

func TestGapsClosed(t *testing.T) {
	tests := []struct {
		gaps []gapanalysis.GapRef
		want string
	}{
		{nil, ""},
		{[]gapanalysis.GapRef{{Country: "AT", Item: "D-3.4"}}, "AT: D-3.4"},
		{[]gapanalysis.GapRef{{Country: "AT", Item: "D-3.4"}, {Country: "AT", Item: "D-5.2"}, {Country: "BE", Item: "D-3.4"}},
			"AT: D-3.4, D-5.2; BE: D-3.4"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, gapsClosed(tc.gaps))
	}
}
