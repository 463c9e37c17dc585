package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gapstudy/gapstudy/report"
)

// output is a file or a folder a command writes (SPEC 10, "Outputs never
// destroy data").
type output struct {
	flag  string   // the flag that names it, e.g. "--json"
	path  string   // as given
	files []string // a folder: the names of the files written into it; nil: path is a file
}

func (o output) isFolder() bool { return o.files != nil }

// inputPath is an input of a command, resolved once.
type inputPath struct {
	path  string // as given
	canon string // canonicalPath(path)
	info  fs.FileInfo
}

// checkOutputs refuses, as usage errors, outputs that would destroy data or
// could not be written, before any work is done:
//   - an output that is an input (the same file, or the same path once cleaned
//     and with symbolic links resolved), or a file of an output folder that is;
//   - an output file or folder inside an input folder, or an output folder that
//     is one (a later run would read the results as surveys);
//   - two outputs naming the same file;
//   - an output file that is read-only (also one of an output folder);
//   - an output file whose folder does not exist, or that is a folder; an
//     output folder that is a file; a folder that cannot be written in (an
//     output folder that does not exist yet is created when the results are
//     written: the nearest existing folder above it must be writable).
//
// inputs are the paths the command reads (survey files and folders, config,
// checklist, mapping); empty strings are ignored. The probe files that test a
// folder are created inside the gate g.
func checkOutputs(ctx context.Context, g *gate, inputs []string, outs []output) error {
	var ins []inputPath
	for _, p := range inputs {
		if p == "" {
			continue
		}
		in := inputPath{path: p, canon: canonicalPath(p)}
		in.info, _ = os.Stat(p)
		ins = append(ins, in)
	}
	var folders []string // output folders, created when missing
	for _, o := range outs {
		if o.isFolder() && o.path != "" {
			folders = append(folders, canonicalPath(o.path))
		}
	}
	written := map[string]string{} // canonical file path → flag
	for _, o := range outs {
		if o.path == "" {
			continue
		}
		if err := checkOutput(ctx, g, o, ins, folders); err != nil {
			return err
		}
		files := []string{canonicalPath(o.path)}
		if o.isFolder() {
			files = files[:0]
			for _, name := range o.files {
				files = append(files, filepath.Join(canonicalPath(o.path), name))
			}
		}
		for _, f := range files {
			if prev, ok := written[f]; ok {
				return usagef("%s %s: %s also writes %s; give each output its own name", o.flag, o.path, prev, f)
			}
			written[f] = o.flag
		}
	}
	// A file output with the name of an output folder.
	for _, o := range outs {
		if o.isFolder() && o.path != "" {
			if prev, ok := written[canonicalPath(o.path)]; ok {
				return usagef("%s %s: %s writes a file of that name; give each output its own name", o.flag, o.path, prev)
			}
		}
	}
	return nil
}

// checkOutput applies the rules of checkOutputs to one output; folders are the
// output folders, which the outputs create when missing.
func checkOutput(ctx context.Context, g *gate, o output, ins []inputPath, folders []string) error {
	canon := canonicalPath(o.path)
	info, err := os.Stat(o.path)
	if err != nil {
		info = nil
	}
	if err := checkNotInput(o, canon, info, ins); err != nil {
		return err
	}
	if err := checkKind(o, info); err != nil {
		return err
	}
	if o.isFolder() {
		return checkFolderOutput(ctx, g, o, info != nil)
	}
	dir := filepath.Dir(o.path)
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist) && slices.Contains(folders, filepath.Dir(canon)):
		return nil // created by the output folder, whose checks apply
	case errors.Is(err, fs.ErrNotExist):
		return usagef("%s %s: the folder %s does not exist", o.flag, o.path, dir)
	case err != nil:
		return usagef("%s %s: %v", o.flag, o.path, unwrapPathError(err))
	case !fi.IsDir():
		return usagef("%s %s: %s is not a folder", o.flag, o.path, dir)
	}
	return checkWritable(ctx, g, o.flag, o.path, dir)
}

// checkNotInput refuses an output that is an input, or is or lies inside an
// input folder, or an output folder that would receive a file that is an
// input. info is the output's FileInfo, nil when it does not exist.
func checkNotInput(o output, canon string, info fs.FileInfo, ins []inputPath) error {
	for _, in := range ins {
		inFolder := in.info != nil && in.info.IsDir()
		switch {
		case !o.isFolder() && sameFile(canon, info, in):
			return usagef("%s %s: is the input %s; the results would replace it (choose another file name)", o.flag, o.path, in.path)
		case o.isFolder() && inFolder && canon == in.canon:
			return usagef("%s %s: is the input folder %s; a later run would read the results as surveys (choose another folder)", o.flag, o.path, in.path)
		case inFolder && within(canon, in.canon):
			return usagef("%s %s: is inside the input folder %s; a later run would read the results as surveys (choose a place outside it)", o.flag, o.path, in.path)
		}
		for _, name := range o.files {
			p := filepath.Join(canon, name)
			fi, _ := os.Stat(p)
			if sameFile(p, fi, in) {
				return usagef("%s %s: would replace the input %s with its %s (choose another folder)", o.flag, o.path, in.path, name)
			}
		}
	}
	return nil
}

// checkKind refuses a file output that is a folder or read-only, and a folder
// output that is a file or holds a read-only file of the names it writes.
func checkKind(o output, info fs.FileInfo) error {
	switch {
	case info == nil:
	case o.isFolder() && !info.IsDir():
		return usagef("%s %s: is a file, not a folder", o.flag, o.path)
	case !o.isFolder() && info.IsDir():
		return usagef("%s %s: is a folder; give the name of the file to write", o.flag, o.path)
	case !o.isFolder() && readOnly(info):
		return usagef("%s %s: is read-only; it is not replaced (make it writable, or choose another name)", o.flag, o.path)
	}
	for _, name := range o.files {
		if fi, err := os.Stat(filepath.Join(o.path, name)); err == nil && readOnly(fi) {
			return usagef("%s %s: its %s is read-only; it is not replaced (make it writable, or choose another folder)", o.flag, o.path, name)
		}
	}
	return nil
}

// checkFolderOutput checks that an output folder can be written in: the
// folder itself when it exists, else (it is created when the results are
// written) the nearest existing folder above it.
func checkFolderOutput(ctx context.Context, g *gate, o output, exists bool) error {
	if exists {
		return checkWritable(ctx, g, o.flag, o.path, o.path)
	}
	parent := filepath.Dir(filepath.Clean(o.path))
	for {
		fi, err := os.Stat(parent)
		if err == nil {
			if !fi.IsDir() {
				return usagef("%s %s: %s is a file, not a folder", o.flag, o.path, parent)
			}
			return checkWritable(ctx, g, o.flag, o.path, parent)
		}
		next := filepath.Dir(parent)
		if next == parent {
			return usagef("%s %s: no folder of it exists", o.flag, o.path)
		}
		parent = next
	}
}

// readOnly reports whether nobody may write the file (see report.ErrReadOnly).
func readOnly(fi fs.FileInfo) bool { return fi.Mode().IsRegular() && fi.Mode().Perm()&0o222 == 0 }

// sameFile reports whether the output at canon (info: its FileInfo, nil when
// it does not exist) is the input in.
func sameFile(canon string, info fs.FileInfo, in inputPath) bool {
	if info != nil && in.info != nil {
		return os.SameFile(info, in.info)
	}
	return canon == in.canon
}

// checkWritable checks that a file can be created in dir, by creating and
// removing one.
func checkWritable(ctx context.Context, g *gate, flag, path, dir string) error {
	if !g.begin(ctx) {
		return ctx.Err()
	}
	defer g.end()
	f, err := os.CreateTemp(dir, report.TempPrefix+"probe-*.tmp")
	if err != nil {
		return usagef("%s %s: cannot write in the folder %s: %v", flag, path, dir, unwrapPathError(err))
	}
	name := f.Name()
	_ = f.Close()
	_ = os.Remove(name)
	return nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// canonicalPath returns p absolute and clean, with the symbolic links of its
// longest existing part resolved, so that two names of one place compare
// equal also when the file does not exist yet.
func canonicalPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	cur, rest := abs, ""
	for {
		if real, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(real, rest)
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// within reports whether path lies below the folder dir (both canonical).
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// outputJob is one output of a run: a file (path and write) or a set of files
// (stage).
type outputJob struct {
	name  string                  // named in a failure: "results.xlsx", "CSV files in out/"
	path  string                  // a file: its path
	write func(w io.Writer) error // a file: writes its content
	// stage writes a set of files to temporaries (report.StageCSV…).
	stage func(ctx context.Context) ([]*report.Staged, error)
	done  func() // reports the output once it is in place
}

// writeOutputs writes the outputs of a run as SPEC 10 says. A file's content
// is built first (in a spool: an unnamed temporary file, or memory), then
// written to a temporary file beside its target; a failure is printed (one line, to streams.ErrOut) and does not stop
// the others. Only when every output was tried are the complete ones renamed
// over their targets, so that an earlier set of outputs is never half
// replaced. When ctx is done (a signal), the temporaries are removed, nothing
// is replaced, and ctx's error returned. When an output failed, errOutputs is
// returned after the others were put in place.
func writeOutputs(ctx context.Context, streams IO, jobs []outputJob) error {
	var staged [][]*report.Staged
	var ok []outputJob
	var failures []string
	interrupted := func() error {
		for _, s := range staged {
			report.DiscardAll(s)
		}
		return ctx.Err()
	}
	for _, j := range jobs {
		s, err := stageJob(ctx, streams.gate, j)
		if ctx.Err() != nil {
			report.DiscardAll(s)
			return interrupted()
		}
		if err != nil {
			failures = append(failures, fmt.Sprintf("gapstudy: %s not written: %s", j.name, oneLine(err.Error())))
			continue
		}
		staged = append(staged, s)
		ok = append(ok, j)
	}
	if len(ok) > 0 {
		if !streams.gate.begin(ctx) {
			return interrupted()
		}
		for i, j := range ok {
			if err := report.CommitAll(staged[i]); err != nil {
				failures = append(failures, fmt.Sprintf("gapstudy: %s not written: %s", j.name, oneLine(err.Error())))
				ok[i].done = nil
			}
		}
		streams.gate.commit()
		streams.gate.end()
	}
	for _, j := range ok {
		if j.done != nil {
			j.done()
		}
	}
	for _, f := range failures {
		fmt.Fprintln(streams.ErrOut, f)
	}
	if len(failures) > 0 {
		return errOutputs
	}
	return nil
}

// stageJob writes one output to temporary files: a file's content is built in
// a spool outside the gate (where a signal abandons the run at once), and
// written to its temporary file inside it.
func stageJob(ctx context.Context, g *gate, j outputJob) ([]*report.Staged, error) {
	stage := j.stage
	if j.write != nil {
		sp := newSpool()
		defer sp.close()
		if err := j.write(sp); err != nil {
			return nil, err
		}
		stage = func(ctx context.Context) ([]*report.Staged, error) {
			s, err := report.Stage(ctx, j.path, sp.copyTo)
			if err != nil {
				return nil, err
			}
			return []*report.Staged{s}, nil
		}
	}
	if !g.begin(ctx) {
		return nil, ctx.Err()
	}
	s, err := stage(ctx)
	g.end(s...)
	return s, err
}

// writeChunks writes b in pieces, so that a writer that checks for a signal
// at each write notices it soon.
func writeChunks(w io.Writer, b []byte) error {
	const chunk = 256 << 10
	for len(b) > 0 {
		n := min(len(b), chunk)
		if _, err := w.Write(b[:n]); err != nil {
			return err
		}
		b = b[n:]
	}
	return nil
}
