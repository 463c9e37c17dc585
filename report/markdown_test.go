package report_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
)

func TestWriteMarkdownGolden(t *testing.T) {
	tests := []struct {
		name   string
		res    func() *gapanalysis.Result
		golden string
	}{
		{"survey data", sampleResult, "summary.md.golden"},
		{"synthetic", syntheticResult, "summary_synthetic.md.golden"},
		{"baseline and known issues", progressResult, "summary_progress.md.golden"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, report.WriteMarkdown(&buf, tc.res()))
			golden(t, tc.golden, buf.Bytes())
		})
	}
}

func TestWriteMarkdownBanner(t *testing.T) {
	for _, tc := range []struct {
		name string
		res  *gapanalysis.Result
		want bool
	}{
		{"survey data", sampleResult(), false},
		{"synthetic", syntheticResult(), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, report.WriteMarkdown(&buf, tc.res))
			assert.Equal(t, tc.want, bytes.Contains(buf.Bytes(), []byte(report.SyntheticBanner)))
		})
	}
}
