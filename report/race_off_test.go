//go:build !race

package report_test

// raceEnabled is true when the tests run under the race detector, whose
// instrumentation inflates allocation counts.
const raceEnabled = false
