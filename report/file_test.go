package report_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/report"
)

// assertNoTemporaries fails when dir holds a temporary file of the writers.
func assertNoTemporaries(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		assert.False(t, strings.HasPrefix(e.Name(), report.TempPrefix), "temporary file left: %s", e.Name())
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	t.Run("workbook is created 0644", func(t *testing.T) {
		path := filepath.Join(dir, "study_synthetic.xlsx")
		require.NoError(t, report.WriteFile(path, func(w io.Writer) error {
			return report.WriteWorkbook(w, syntheticResult(), nil)
		}))
		info, err := os.Stat(path)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o644)&^umask(t), info.Mode().Perm())
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		f := openWorkbook(t, data)
		assert.Equal(t, "Summary", f.GetSheetList()[0])
		assertNoTemporaries(t, dir)
	})
	t.Run("failed write leaves no file", func(t *testing.T) {
		path := filepath.Join(dir, "broken.json")
		boom := errors.New("boom")
		err := report.WriteFile(path, func(w io.Writer) error {
			_, _ = io.WriteString(w, "{")
			return boom
		})
		assert.ErrorIs(t, err, boom)
		assert.NoFileExists(t, path)
		assertNoTemporaries(t, dir)
	})
	t.Run("missing folder names the output", func(t *testing.T) {
		path := filepath.Join(dir, "no", "such", "file.json")
		err := report.WriteFile(path, func(io.Writer) error { return nil })
		require.Error(t, err)
		assert.Contains(t, err.Error(), path)
		assert.NotContains(t, err.Error(), report.TempPrefix)
	})
	t.Run("a folder is not replaced", func(t *testing.T) {
		sub := filepath.Join(dir, "sub.json")
		require.NoError(t, os.Mkdir(sub, 0o755))
		err := report.WriteFile(sub, func(io.Writer) error { return nil })
		assert.ErrorContains(t, err, "is a folder")
		assert.DirExists(t, sub)
	})
}

func umask(t *testing.T) os.FileMode {
	t.Helper()
	if runtime.GOOS == "windows" {
		return 0
	}
	p := filepath.Join(t.TempDir(), "probe")
	require.NoError(t, os.WriteFile(p, nil, 0o777))
	fi, err := os.Stat(p)
	require.NoError(t, err)
	return 0o777 &^ fi.Mode().Perm()
}

// TestWriteFileKeepsEarlierOutput: the file an earlier run wrote stays byte for
// byte as it was when the new write fails or is cancelled half-way.
func TestWriteFileKeepsEarlierOutput(t *testing.T) {
	earlier := []byte(`{"earlier": "results"}` + "\n")
	big := bytes.Repeat([]byte("x"), 1<<20) // more than one buffer
	tests := []struct {
		name  string
		write func(ctx context.Context, cancel func(), w io.Writer) error
		want  error
	}{
		{"write fails after a megabyte", func(_ context.Context, _ func(), w io.Writer) error {
			if _, err := w.Write(big); err != nil {
				return err
			}
			return errBoom
		}, errBoom},
		{"cancelled during the write", func(_ context.Context, cancel func(), w io.Writer) error {
			if _, err := w.Write(big); err != nil {
				return err
			}
			cancel()
			_, err := w.Write(big)
			return fmt.Errorf("some writer: %v", err) // not wrapped: the cancellation is still reported
		}, context.Canceled},
		{"cancelled after the last write", func(_ context.Context, cancel func(), w io.Writer) error {
			_, err := w.Write([]byte("{}"))
			cancel()
			return err
		}, context.Canceled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "results.json")
			require.NoError(t, os.WriteFile(path, earlier, 0o644))
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			err := report.WriteFileContext(ctx, path, func(w io.Writer) error { return tc.write(ctx, cancel, w) })
			assert.ErrorIs(t, err, tc.want)
			got, rerr := os.ReadFile(path)
			require.NoError(t, rerr)
			assert.Equal(t, earlier, got)
			assertNoTemporaries(t, dir)
		})
	}
	t.Run("already cancelled: nothing is created", func(t *testing.T) {
		dir := t.TempDir()
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		called := false
		err := report.WriteFileContext(ctx, filepath.Join(dir, "x.json"), func(io.Writer) error { called = true; return nil })
		assert.ErrorIs(t, err, context.Canceled)
		assert.False(t, called)
		entries, _ := os.ReadDir(dir)
		assert.Empty(t, entries)
	})
}

var errBoom = errors.New("boom")

func TestWriteFileKeepsModeAndLinks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("permission bits and symbolic links")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "results.md")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o600))
	require.NoError(t, os.Chmod(path, 0o600))
	require.NoError(t, report.WriteFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }))
	fi, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), "an existing file keeps its permissions")

	readOnly := filepath.Join(dir, "protected.md")
	require.NoError(t, os.WriteFile(readOnly, []byte("keep"), 0o444))
	require.NoError(t, os.Chmod(readOnly, 0o444))
	err = report.WriteFile(readOnly, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err })
	assert.ErrorIs(t, err, report.ErrReadOnly)
	got, err := os.ReadFile(readOnly)
	require.NoError(t, err)
	assert.Equal(t, "keep", string(got), "a read-only file is not replaced")

	link := filepath.Join(dir, "latest.md")
	require.NoError(t, os.Symlink("results.md", link))
	require.NoError(t, report.WriteFile(link, func(w io.Writer) error { _, err := io.WriteString(w, "newer"); return err }))
	target, err := os.Readlink(link)
	require.NoError(t, err, "the link is still a link")
	assert.Equal(t, "results.md", target)
	got, err = os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "newer", string(got))
	assertNoTemporaries(t, dir)
}

// TestWriteFileConcurrent: writers racing on one path leave one complete file.
func TestWriteFileConcurrent(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "results.txt")
	const writers = 8
	contents := make([][]byte, writers)
	for i := range contents {
		contents[i] = bytes.Repeat([]byte{byte('a' + i)}, 300<<10)
	}
	var wg sync.WaitGroup
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				assert.NoError(t, report.WriteFile(path, func(w io.Writer) error {
					for off := 0; off < len(contents[i]); off += 10 << 10 {
						if _, err := w.Write(contents[i][off : off+10<<10]); err != nil {
							return err
						}
					}
					return nil
				}))
			}
		}()
	}
	wg.Wait()
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Contains(t, contents, got, "the file is one writer's complete output")
	assertNoTemporaries(t, dir)
}

func TestStagedCommitAndDiscard(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.txt")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o644))
	s, err := report.Stage(context.Background(), path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err })
	require.NoError(t, err)
	assert.Equal(t, path, s.Path())
	got, _ := os.ReadFile(path)
	assert.Equal(t, "old", string(got), "not in place before Commit")
	s.Discard()
	require.NoError(t, s.Commit(), "Commit after Discard does nothing")
	got, _ = os.ReadFile(path)
	assert.Equal(t, "old", string(got))
	assertNoTemporaries(t, dir)

	s, err = report.Stage(context.Background(), path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err })
	require.NoError(t, err)
	require.NoError(t, s.Commit())
	s.Discard()
	got, _ = os.ReadFile(path)
	assert.Equal(t, "new", string(got))
	assertNoTemporaries(t, dir)
}

// TestWriteCSVIsASet: when one CSV file cannot be written, none of the files of
// an earlier run is replaced.
func TestWriteCSVIsASet(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, report.WriteCSV(dir, syntheticResult()))
	before := readDir(t, dir)
	// gaps.csv, the third file, cannot be replaced: it is a folder now.
	require.NoError(t, os.Remove(filepath.Join(dir, "gaps.csv")))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "gaps.csv"), 0o755))
	delete(before, "gaps.csv")
	res := syntheticResult()
	res.Countries[0].Coverage /= 2 // a different run, with a different countries.csv
	other := t.TempDir()
	require.NoError(t, report.WriteCSV(other, res))
	require.NotEqual(t, before["countries.csv"], readDir(t, other)["countries.csv"])

	assert.Error(t, report.WriteCSV(dir, res))
	after := readDir(t, dir)
	delete(after, "gaps.csv")
	assert.Equal(t, before, after)
	assertNoTemporaries(t, dir)
}

func readDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		if e.IsDir() {
			out[e.Name()] = "<folder>"
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		out[e.Name()] = string(b)
	}
	return out
}
