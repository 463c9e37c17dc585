// Package examples_test checks the examples folder as a whole: every example
// reads like a notebook and is run by the test suite.
package examples_test

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryExampleHasASmokeTest checks that there are at least seven examples
// and that each one is a main package whose main.go reads like a notebook
// ("// Step 1: …") and has a test in its folder — so that an example added
// without a test fails here.
func TestEveryExampleHasASmokeTest(t *testing.T) {
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	testFunc := regexp.MustCompile(`(?m)^func Test\w*\(t \*testing\.T\)`)
	var examples []string
	for _, e := range entries {
		if !e.IsDir() || e.Name() == "testdata" {
			continue
		}
		name := e.Name()
		examples = append(examples, name)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(name, "main.go"))
			require.NoError(t, err, "an example is a main.go program")
			assert.Regexp(t, `(?m)^package main$`, string(src))
			assert.Regexp(t, `(?m)^\s*// Step 1: `, string(src), "main.go reads like a notebook")
			tests, err := filepath.Glob(filepath.Join(name, "*_test.go"))
			require.NoError(t, err)
			found := false
			for _, f := range tests {
				b, err := os.ReadFile(f)
				require.NoError(t, err)
				found = found || testFunc.Match(b)
			}
			assert.True(t, found, "examples/%s has a smoke test (a func Test… in a *_test.go file)", name)
		})
	}
	assert.GreaterOrEqual(t, len(examples), 7, "examples: %v", examples)
}
