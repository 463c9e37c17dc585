package report

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

func TestSourceText(t *testing.T) {
	long := strings.Repeat("x", 200)
	tests := []struct {
		name string
		src  gapanalysis.Source
		want string
	}{
		{"none", gapanalysis.Source{}, ""},
		{"all", gapanalysis.Source{File: "a.xlsx", Sheet: "Data", Cell: "C2"}, "a.xlsx!Data!C2"},
		{"csv file", gapanalysis.Source{File: "a.csv", Cell: "C2"}, "a.csv!C2"},
		{"sheet only", gapanalysis.Source{Sheet: "Data"}, "Data"},
		{"cell only", gapanalysis.Source{Cell: "B7"}, "B7"},
		{"longer than the buffer", gapanalysis.Source{File: long, Sheet: "S", Cell: "A1"}, long + "!S!A1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, sourceText(tc.src))
			assert.Equal(t, tc.src.String(), sourceText(tc.src))
		})
	}
}
