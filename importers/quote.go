package importers

import (
	"fmt"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// quote quotes a value from a file for a diagnostic message, at most
// gapanalysis.QuoteMax characters of it (see gapanalysis.Quote).
func quote(s string) string { return gapanalysis.Quote(s) }

// badStatusMsg is the message of a bad-status error: the text, and the
// spelling of the vocabulary it is closest to, when one is close.
func (r *reader) badStatusMsg(text string) string {
	msg := fmt.Sprintf("status %s is not in the vocabulary (full, partial, none, n/a, unknown and their spellings)", quote(text))
	if sp, st, ok := r.vocab.Suggest(text); ok {
		return msg + fmt.Sprintf(" — did you mean %q (%s)? The answer is counted as unknown", sp, st)
	}
	return msg + "; the answer is counted as unknown"
}

// maxIgnoredListed is the most ignored columns an ignored-column note names;
// it then says how many more there are.
const maxIgnoredListed = 50
