// Package cli implements the gapstudy command line: one file per command, each
// with an options struct holding flag values and I/O streams and a plain run
// function that tests call directly. It holds no business logic: it parses flags,
// calls the library (gapanalysis, importers, report) and maps outcomes to exit
// codes: 0 success, 1 data errors (or warnings under --strict), 2 usage errors.
package cli
