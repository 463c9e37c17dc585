package cli

import (
	"bytes"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSpool writes outputs of several sizes to a spool and expects them back
// whole, written in pieces of at most 256 KiB, with no file left in the
// temporary folder at any moment (the spool's file has no name).
func TestSpool(t *testing.T) {
	tests := []struct {
		name string
		size int
	}{
		{"empty", 0},
		{"small", 10},
		{"one piece", 256 << 10},
		{"several pieces", 600<<10 + 7},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tmp := t.TempDir()
			t.Setenv("TMPDIR", tmp)
			want := make([]byte, tc.size)
			for i := range want {
				want[i] = byte(i * 31 / 7)
			}
			sp := newSpool()
			defer sp.close()
			require.NotNil(t, sp.f, "an unnamed file where the system allows it")
			for b := want; len(b) > 0; {
				n := min(len(b), 1000)
				_, err := sp.Write(b[:n])
				require.NoError(t, err)
				b = b[n:]
			}
			left, err := os.ReadDir(tmp)
			require.NoError(t, err)
			assert.Empty(t, left, "no named file in the temporary folder")
			var got pieces
			require.NoError(t, sp.copyTo(&got))
			assert.True(t, bytes.Equal(want, got.Bytes()), "content differs")
			for _, n := range got.sizes {
				assert.LessOrEqual(t, n, 256<<10)
			}
		})
	}
}

// pieces is a buffer that records the size of each write.
type pieces struct {
	bytes.Buffer
	sizes []int
}

func (p *pieces) Write(b []byte) (int, error) {
	p.sizes = append(p.sizes, len(b))
	return p.Buffer.Write(b)
}
