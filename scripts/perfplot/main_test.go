package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMedians(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "m.tsv")
	require.NoError(t, os.WriteFile(in, []byte("command\trespondents\tseconds\tpeak_kib\n"+
		"run\t10000\t3\t2048\nrun\t10000\t5\t1024\nrun\t10000\t4\t4096\n"+
		"validate\t10000\t1\t512\nvalidate\t10000\t2\t1536\n"), 0o644))
	var out bytes.Buffer
	require.NoError(t, run([]string{"-o", filepath.Join(dir, "p.svg"), in}, &out))
	// run: median of 3, 5, 4 s and of 2, 1, 4 MiB; validate: mean of the middle two
	assert.Equal(t, "command\trespondents\tseconds\tpeak_mib\nrun\t10000\t4.00\t2\nvalidate\t10000\t1.50\t1\n", out.String())
	svg, err := os.ReadFile(filepath.Join(dir, "p.svg"))
	require.NoError(t, err)
	assert.Contains(t, string(svg), "SYNTHETIC")
	assert.Equal(t, 4, bytes.Count(svg, []byte("<polyline")), "a line per command in each of the two panels")
}

func TestBadMeasurements(t *testing.T) {
	in := filepath.Join(t.TempDir(), "m.tsv")
	require.NoError(t, os.WriteFile(in, []byte("h\nrun\tten\t3\t1\n"), 0o644))
	_, err := read(in)
	assert.ErrorContains(t, err, "m.tsv:2")
}
