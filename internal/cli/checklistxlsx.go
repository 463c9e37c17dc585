package cli

import (
	"bufio"
	"bytes"
	"io"

	"golang.org/x/term"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
)

// readChecklistFile reads a checklist file: a workbook (its content starts like
// a zip container or an OLE2 file, whatever its name) in the xlsx form, anything
// else as YAML.
func readChecklistFile(r io.Reader, name string) (*gapanalysis.Checklist, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(8)
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}) {
		return importers.ReadChecklistXLSX(br, name)
	}
	return gapanalysis.LoadChecklist(br, name)
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := fileOf(w)
	return ok && term.IsTerminal(int(f.Fd()))
}
