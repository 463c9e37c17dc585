package report

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestJSONArrayDepth checks that an array written element by element at any
// depth, past the precomputed indentation too, is what json.Encoder writes for
// the same array nested in as many one-element arrays.
func TestJSONArrayDepth(t *testing.T) {
	elems := []any{
		map[string]any{"b": []int{}, "a": map[string]any{}, "c": []string{"<&>"}},
		[]any{1.5, nil, "x\u2028y"},
		"",
	}
	tests := []struct {
		name  string
		depth int
		elems []any
	}{
		{"top level", 0, elems},
		{"in one array", 1, elems},
		{"deep", 31, elems},
		{"deeper than the precomputed indentation", 40, elems},
		{"empty", 3, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var nested any = append([]any{}, tc.elems...)
			for range tc.depth {
				nested = []any{nested}
			}
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			require.NoError(t, enc.Encode(nested))

			var got bytes.Buffer
			jw := newJSONWriter(&got)
			for d := range tc.depth {
				jw.raw("[" + newline(d+1))
			}
			jsonArray(jw, tc.depth, slices.Values(tc.elems))
			for d := tc.depth - 1; d >= 0; d-- {
				jw.raw(newline(d) + "]")
			}
			jw.raw("\n")
			require.NoError(t, jw.flush())
			assert.Equal(t, want.String(), got.String())
		})
	}
}
