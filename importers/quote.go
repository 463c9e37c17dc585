package importers

import "github.com/gapstudy/gapstudy/gapanalysis"

// quote quotes a value from a file for a diagnostic message, at most
// gapanalysis.QuoteMax characters of it (see gapanalysis.Quote).
func quote(s string) string { return gapanalysis.Quote(s) }
