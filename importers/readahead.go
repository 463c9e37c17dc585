package importers

import (
	"errors"
	"io"
	"sync"
)

// Read-ahead for large worksheet parts: one goroutine decompresses the next
// chunks of a part while the rows before them are tokenized and imported, so
// that decompression (about a third of the reading time) runs beside the rest
// on a second core.
const (
	readAheadMin    = 4 << 20   // parts smaller than this (unpacked) are read directly
	readAheadChunk  = 256 << 10 // bytes per chunk
	readAheadChunks = 4         // chunks decompressed ahead
)

// readAhead reads src in a goroutine, chunks ahead of its reader. Close stops
// the goroutine and closes src; it must be called.
type readAhead struct {
	src    io.ReadCloser
	chunks chan []byte // decompressed chunks, in order; closed at the end
	free   chan []byte // chunk buffers to reuse
	done   chan struct{}
	wg     sync.WaitGroup
	err    error // the read error that ended chunks, set before chunks is closed

	cur, last []byte // unread part of the current chunk; the chunk's buffer
	closed    bool
}

func newReadAhead(src io.ReadCloser) *readAhead {
	r := &readAhead{
		src:    src,
		chunks: make(chan []byte, readAheadChunks),
		free:   make(chan []byte, readAheadChunks+2),
		done:   make(chan struct{}),
	}
	for range readAheadChunks + 2 {
		r.free <- make([]byte, readAheadChunk)
	}
	r.wg.Add(1)
	go r.run()
	return r
}

func (r *readAhead) run() {
	defer r.wg.Done()
	defer close(r.chunks)
	for {
		var buf []byte
		select {
		case buf = <-r.free:
		case <-r.done:
			return
		}
		n, err := io.ReadFull(r.src, buf)
		if n > 0 {
			select {
			case r.chunks <- buf[:n]:
			case <-r.done:
				return
			}
		}
		if err != nil {
			if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
				r.err = err
			}
			return
		}
	}
}

func (r *readAhead) Read(p []byte) (int, error) {
	for len(r.cur) == 0 {
		if r.last != nil {
			r.free <- r.last[:cap(r.last)]
			r.last = nil
		}
		c, ok := <-r.chunks
		if !ok {
			if r.err != nil {
				return 0, r.err
			}
			return 0, io.EOF
		}
		r.cur, r.last = c, c
	}
	n := copy(p, r.cur)
	r.cur = r.cur[n:]
	return n, nil
}

// Close stops the read-ahead and closes its source.
func (r *readAhead) Close() error {
	if r.closed {
		return nil
	}
	r.closed = true
	close(r.done)
	r.wg.Wait()
	return r.src.Close()
}
