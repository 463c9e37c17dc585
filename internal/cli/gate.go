package cli

import (
	"context"
	"io"
	"os"
	"sync"

	"github.com/gapstudy/gapstudy/report"
)

// gate lets a signal stop a run at once without leaving temporary files or
// half a set of outputs. The outputs are built in a spool (an unnamed
// temporary file, or memory), where a run can be abandoned at any moment;
// only the short steps that touch files (writing the built bytes to a
// temporary file, renaming the temporaries) run inside the gate (begin …
// end), and the complete temporaries waiting to be renamed are registered
// with it. abandon, called on a signal, waits for the step in
// progress, removes the registered temporaries and closes the gate: from then
// on nothing more is written, neither to files (begin refuses) nor to the
// streams (gatedWriter drops the data). A nil *gate lets everything through.
type gate struct {
	mu        sync.Mutex
	idle      *sync.Cond // signalled when writing drops to 0
	closed    bool
	committed bool // the outputs were renamed into place
	writing   int
	staged    []*report.Staged
}

func newGate() *gate {
	g := &gate{}
	g.idle = sync.NewCond(&g.mu)
	return g
}

// begin reports whether a file step may start now: not once ctx is done or the
// gate closed. Every true must be followed by an end.
func (g *gate) begin(ctx context.Context) bool {
	if g == nil {
		return ctx.Err() == nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed || ctx.Err() != nil {
		return false
	}
	g.writing++
	return true
}

// end ends a file step; staged are the temporaries it left for a later
// commit, removed if the run is abandoned before.
func (g *gate) end(staged ...*report.Staged) {
	if g == nil {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.staged = append(g.staged, staged...)
	g.writing--
	if g.writing == 0 {
		g.idle.Broadcast()
	}
}

// commit records, inside a file step, that the outputs were put in place.
func (g *gate) commit() {
	if g == nil {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.committed = true
}

// abandon waits for the file step in progress, then closes the gate and
// removes the temporaries not yet renamed. It returns false, closing nothing,
// when the outputs were already put in place: the run then ends normally.
func (g *gate) abandon() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	for g.writing > 0 {
		g.idle.Wait()
	}
	if g.committed {
		return false
	}
	g.closed = true
	report.DiscardAll(g.staged)
	g.staged = nil
	return true
}

// close closes the gate: the run is over.
func (g *gate) close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.closed = true
}

// gatedWriter writes to w until its gate is closed, and then drops the data.
type gatedWriter struct {
	g *gate
	w io.Writer
}

func (gw gatedWriter) Write(p []byte) (int, error) {
	gw.g.mu.Lock()
	defer gw.g.mu.Unlock()
	if gw.g.closed {
		return len(p), nil
	}
	return gw.w.Write(p)
}

// fileOf returns the file behind w, if there is one.
func fileOf(w io.Writer) (*os.File, bool) {
	if gw, ok := w.(gatedWriter); ok {
		w = gw.w
	}
	f, ok := w.(*os.File)
	return f, ok
}
