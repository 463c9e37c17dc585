package report

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// TempPrefix starts the name of every temporary file the writers of this
// package create beside their targets: ".gapstudy-" + target name + "-" +
// random hex digits + ".tmp", e.g. ".gapstudy-study.xlsx-3f9a1c2b5d7e9f01.tmp".
// Such a file left behind (the process was killed with SIGKILL, or the machine
// stopped) is not an output and may be deleted.
const TempPrefix = ".gapstudy-"

// WriteFile writes an output file atomically: write is called with a buffered
// writer on a new temporary file in the folder of path (mode 0644 before the
// umask, because excelize's SaveAs creates files with mode 0755, SPEC 11); the
// file is flushed, synced to disk and closed, and only then renamed over path. A
// file already at path therefore stays as it was until the new one is complete,
// and is never seen half-written, also by a program reading it at the same time.
// When path exists, the new file takes its permission bits, and a file
// without any write permission is not replaced (ErrReadOnly); when path is a
// symbolic link, the file it points to is replaced and the link kept. When write
// or any step fails, the temporary file is removed, path is left untouched and
// the error returned. For example:
//
//	report.WriteFile("study.xlsx", func(w io.Writer) error { return report.WriteWorkbook(w, res, nil) })
//
// The folder of path must exist. Two processes writing the same path at the
// same time each rename a complete file: the last rename wins, and the file is
// never a mix of the two.
func WriteFile(path string, write func(io.Writer) error) error {
	return WriteFileContext(context.Background(), path, write)
}

// WriteFileContext is WriteFile that gives up when ctx is done: nothing is
// started after that, every later write to the writer fails with ctx's error,
// the temporary file is removed and ctx.Err() is returned (wrapped; use
// errors.Is). The file at path is then left as it was.
func WriteFileContext(ctx context.Context, path string, write func(io.Writer) error) error {
	s, err := Stage(ctx, path, write)
	if err != nil {
		return err
	}
	return s.Commit()
}

// Staged is an output written completely to a temporary file beside its target
// and not yet renamed over it: Commit renames it, Discard removes it. Staging
// several outputs before committing any of them writes them as a set (as
// WriteCSV does): when one fails, the others are discarded and no target
// changes. A Staged is safe for concurrent use; Commit and Discard after the
// first of them do nothing.
type Staged struct {
	mu     sync.Mutex
	target string // the file renamed over (symbolic links resolved)
	path   string // the path as given
	tmp    string // "" once committed or discarded
}

// Path returns the path the output is written to, as given to Stage.
func (s *Staged) Path() string { return s.path }

// Stage writes an output to a temporary file beside path as WriteFileContext
// does, without renaming it: call Commit to put it in place, or Discard. Until
// then path is untouched. On an error nothing is left behind.
func Stage(ctx context.Context, path string, write func(io.Writer) error) (st *Staged, err error) {
	if write == nil {
		return nil, errors.New("report: WriteFile: nil write function")
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("report: %s: %w", path, err)
	}
	target, perm, err := resolveTarget(path)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	f, err := createTemp(filepath.Dir(target), filepath.Base(target))
	if err != nil {
		// Name the output, not the temporary file.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("report: create %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	if perm != 0 {
		// An existing file keeps its permissions (Chmod ignores the umask, as
		// the existing mode already went through it).
		if err := f.Chmod(perm); err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
	}
	bw := bufio.NewWriterSize(ctxWriter{ctx, f}, 64<<10)
	if err := write(bw); err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return nil, fmt.Errorf("report: %s: %w", path, cerr)
		}
		return nil, err
	}
	if err := bw.Flush(); err != nil {
		return nil, fmt.Errorf("report: %s: %w", path, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("report: %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return &Staged{target: target, path: path, tmp: tmp}, nil
}

// Commit renames the temporary file over the target and syncs the folder, so
// that the rename survives a crash. A failed rename removes the temporary file.
func (s *Staged) Commit() error {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tmp == "" {
		return nil
	}
	tmp := s.tmp
	s.tmp = ""
	if err := os.Rename(tmp, s.target); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("report: %w", err)
	}
	syncDir(filepath.Dir(s.target))
	return nil
}

// Discard removes the temporary file; the target stays as it was.
func (s *Staged) Discard() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tmp != "" {
		_ = os.Remove(s.tmp)
		s.tmp = ""
	}
}

// CommitAll commits every staged output, in order. A failed rename does not
// stop the others; the errors are joined.
func CommitAll(staged []*Staged) error {
	var errs []error
	for _, s := range staged {
		errs = append(errs, s.Commit())
	}
	return errors.Join(errs...)
}

// DiscardAll discards every staged output.
func DiscardAll(staged []*Staged) {
	for _, s := range staged {
		s.Discard()
	}
}

// stageAll stages the files of a set in one folder (created, mode 0755 before
// the umask, when missing) with the given names: all of them, or, when one
// fails, none (the others are discarded and the error returned).
func stageAll(ctx context.Context, dir string, names []string, write func(name string, w io.Writer) error) ([]*Staged, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("report: %s: %w", dir, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	staged := make([]*Staged, 0, len(names))
	for _, name := range names {
		s, err := Stage(ctx, filepath.Join(dir, name), func(w io.Writer) error { return write(name, w) })
		if err != nil {
			DiscardAll(staged)
			return nil, err
		}
		staged = append(staged, s)
	}
	return staged, nil
}

// ErrReadOnly is returned (wrapped) for an output file that exists and that
// nobody may write: it is left as it is.
var ErrReadOnly = errors.New("is read-only")

// resolveTarget returns the file to replace for path (a symbolic link is
// followed to the file it names) and, when that file exists, its permission
// bits (0 when it does not). A folder and a read-only file are errors.
func resolveTarget(path string) (string, fs.FileMode, error) {
	target := path
	if real, err := filepath.EvalSymlinks(path); err == nil {
		target = real
	}
	fi, err := os.Stat(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return target, 0, nil
	case err != nil:
		return "", 0, err
	case fi.IsDir():
		return "", 0, &fs.PathError{Op: "write", Path: path, Err: errors.New("is a folder")}
	case !fi.Mode().IsRegular():
		return "", 0, &fs.PathError{Op: "write", Path: path, Err: errors.New("is not a regular file")}
	case fi.Mode().Perm()&0o222 == 0:
		// Truncating it would fail; a rename would not, and would lose the
		// protection someone gave the file.
		return "", 0, &fs.PathError{Op: "write", Path: path, Err: ErrReadOnly}
	}
	return target, fi.Mode().Perm(), nil
}

// createTemp creates a new file in dir named TempPrefix+base+"-"+random+".tmp"
// with mode 0644 before the umask (os.CreateTemp would give 0600).
func createTemp(dir, base string) (*os.File, error) {
	var b [8]byte
	for try := 0; ; try++ {
		_, _ = rand.Read(b[:])
		name := filepath.Join(dir, TempPrefix+base+"-"+hex.EncodeToString(b[:])+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) && try < 100 {
			continue
		}
		return f, err
	}
}

// syncDir syncs a folder after a rename in it. Some systems cannot sync a
// folder; the rename is done all the same, so errors are ignored.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}

// ctxWriter fails every write once its context is done, so that a long write
// stops at the next buffer flush.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}
