package cli

import (
	"bufio"
	"bytes"
	"io"
	"os"
)

// spool holds the content of an output while it is built, before it is
// written beside its target (stageJob). Where the system lets an open file be
// removed it is an unnamed temporary file: a workbook of millions of rows then
// takes no memory, and nothing is left behind when a signal abandons the run
// (or the process ends) at any moment. Elsewhere it is memory.
type spool struct {
	f   *os.File
	bw  *bufio.Writer
	buf bytes.Buffer
}

func newSpool() *spool {
	f, err := os.CreateTemp("", "gapstudy-output-*")
	if err != nil {
		return &spool{}
	}
	if err := os.Remove(f.Name()); err != nil {
		f.Close()
		os.Remove(f.Name())
		return &spool{}
	}
	return &spool{f: f, bw: bufio.NewWriterSize(f, 256<<10)}
}

func (s *spool) Write(p []byte) (int, error) {
	if s.f == nil {
		return s.buf.Write(p)
	}
	return s.bw.Write(p)
}

// copyTo writes the content to w in pieces of 256 KiB, so that a writer that
// checks for a signal at each write notices it soon.
func (s *spool) copyTo(w io.Writer) error {
	if s.f == nil {
		return writeChunks(w, s.buf.Bytes())
	}
	if err := s.bw.Flush(); err != nil {
		return err
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	buf := make([]byte, 256<<10)
	for {
		n, err := io.ReadFull(s.f, buf)
		if n > 0 {
			if _, werr := w.Write(buf[:n]); werr != nil {
				return werr
			}
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// close releases the spool's file.
func (s *spool) close() {
	if s.f != nil {
		s.f.Close()
	}
}
