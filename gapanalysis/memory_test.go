package gapanalysis_test

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/internal/synth"
)

// maxBytesPerResponse is the most heap a response may hold, the dataset and
// the analysis of it together (the bound for large survey-tool
// exports).
const maxBytesPerResponse = 150

// heapInUse is the heap in use after a full collection.
func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestMemoryPerResponse builds a SYNTHETIC survey-tool export of 5,000
// respondents × 60 questions (about 270,000 responses) and analyses it, then
// measures the heap the dataset and the result hold together: at most
// maxBytesPerResponse bytes per response. It measures memory, not time.
func TestMemoryPerResponse(t *testing.T) {
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	cfg := gapanalysis.DefaultConfig()
	before := heapInUse()
	ds := synth.Export(cl, 5000, 60, 7)
	afterImport := heapInUse()
	res, err := gapanalysis.Analyze(cl, ds, cfg)
	require.NoError(t, err)
	after := heapInUse()
	n := ds.Responses.Len()
	require.Greater(t, n, 250_000)
	require.NotNil(t, res.Agreement)
	require.NotEmpty(t, res.Agreement.Reconcile, "respondents who disagree are listed, with every answer")
	data := float64(afterImport-before) / float64(n)
	total := float64(after-before) / float64(n)
	t.Logf("%d responses: dataset %.1f bytes per response, with the analysis %.1f", n, data, total)
	assert.LessOrEqual(t, total, float64(maxBytesPerResponse),
		fmt.Sprintf("the dataset and its analysis hold %.1f bytes per response", total))
	runtime.KeepAlive(ds)
	runtime.KeepAlive(res)
}
