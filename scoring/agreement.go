package scoring

import (
	"errors"
	"fmt"
)

// ErrUndefined is returned, wrapped, by an agreement statistic that the data do
// not define: no units (or no pairable units), or no variation at all, so that
// the chance agreement is 1 (or the expected disagreement 0) and the
// coefficient is 0/0. Callers report such a statistic as unknown. Test with
// errors.Is(err, ErrUndefined).
var ErrUndefined = errors.New("scoring: statistic undefined for these data")

// ErrRating is returned, wrapped, for a rating or a count that the statistic
// cannot use: a category outside 0…k−1, a negative count, units rated by
// different numbers of raters where the statistic needs the same number, a
// negative value on a ratio scale.
var ErrRating = errors.New("scoring: invalid rating")

// dataErr returns an error wrapping the sentinel err, with the message
// "scoring: " + the formatted text.
func dataErr(err error, format string, args ...any) error {
	return &dataError{msg: "scoring: " + fmt.Sprintf(format, args...), errs: []error{err}}
}
