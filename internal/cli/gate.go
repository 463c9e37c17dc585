package cli

import (
	"context"
	"io"
	"os"
	"sync"
)

// gate decides, when a signal arrives, whether a run can be abandoned at once
// or must first let its output writers clean up. A run opens the gate around
// the writing of its outputs (begin, end); a signal closes it when no output is
// being written (closeIfIdle), and from then on nothing more is written: begin
// refuses, and the gated streams drop what they are given. A nil *gate lets
// everything through.
type gate struct {
	mu      sync.Mutex
	closed  bool
	writing int
}

// begin reports whether outputs may be written now: not after ctx is done or
// the gate closed. Every true must be followed by an end.
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

func (g *gate) end() {
	if g == nil {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.writing--
}

// closeIfIdle closes the gate when no output is being written and reports
// whether it did.
func (g *gate) closeIfIdle() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.writing > 0 {
		return false
	}
	g.closed = true
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
