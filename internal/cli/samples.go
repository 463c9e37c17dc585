package cli

import (
	"fmt"
	"math"
	"runtime"
	"strconv"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// sampleMemory is the memory the uncertainty analysis may keep for its
// samples: 1 GiB for the Monte Carlo rank table, and as much for the Sobol
// model outputs. A sample count that needs more is a usage error (SPEC 10)
// instead of a crash when the memory runs out.
const sampleMemory = 1 << 30

// maxSamples returns the most Monte Carlo samples and Sobol base samples that
// fit in sampleMemory for a checklist with the given number of measures (for
// the bootstrap resamples, see maxBootstrap).
//
// The Monte Carlo keeps, per sample, the rank of every measure and country as
// a 4-byte integer, and sorts one column of 8-byte integers at a time: 4·(m +
// c) + 8 bytes, with m measures and c countries (every country gapstudy knows:
// the survey is not read yet). The Sobol analysis keeps, per base sample, the
// model outputs (the rank of every measure and the mean rank shift) of the
// d + 2 points of Saltelli's scheme as 8-byte floats, the two base points, and
// one bootstrap index per worker: 8·((d + 2)·(m + 1) + 2·d + w) bytes, with d
// the uncertain inputs (at most 5) and w the workers (GOMAXPROCS).
func maxSamples(measures int) (monteCarlo, sobol int) {
	c := len(gapanalysis.Countries())
	d := len(gapanalysis.ModelInputs)
	perSample := 4*(measures+c) + 8
	perBase := 8 * ((d+2)*(measures+1) + 2*d + runtime.GOMAXPROCS(0))
	return sampleMemory / perSample, sampleMemory / perBase
}

// maxBootstrap returns the most bootstrap resamples of the Sobol confidence
// intervals that fit in sampleMemory: each keeps a first-order and a total
// index per output (m + 1) and input (d), as 8-byte floats, and sorts one
// column of them at a time: 16·(m + 1)·d + 8 bytes.
func maxBootstrap(measures int) int {
	d := len(gapanalysis.ModelInputs)
	return sampleMemory / (16*(measures+1)*d + 8)
}

// checkSampleMemory refuses sample counts whose tables would not fit in
// sampleMemory, naming the flag or the config key they come from.
func (f *studyFlags) checkSampleMemory(cfg gapanalysis.Config, cl *gapanalysis.Checklist) error {
	maxMC, maxSobol := maxSamples(len(cl.Measures))
	src := func(set bool, flag, key string) string {
		if set || f.config == "" {
			return flag
		}
		return key + " (" + f.config + ")"
	}
	u := cfg.Uncertainty
	if u.Samples > maxMC {
		return usagef("%s: %d Monte Carlo samples do not fit in the %d MiB the analysis may use for %d measures; at most %d",
			src(f.samplesSet, "--samples", "uncertainty.samples"), u.Samples, sampleMemory>>20, len(cl.Measures), maxMC)
	}
	if u.Samples > 0 && u.Sobol > maxSobol {
		return usagef("%s: %d Sobol base samples do not fit in the %d MiB the analysis may use for %d measures; at most %d",
			src(f.sobolSet, "--sobol", "uncertainty.sobol"), u.Sobol, sampleMemory>>20, len(cl.Measures), maxSobol)
	}
	if maxB := maxBootstrap(len(cl.Measures)); u.Samples > 0 && u.Sobol > 0 && u.Bootstrap > maxB {
		return usagef("uncertainty.bootstrap (%s): %d bootstrap resamples do not fit in the %d MiB the analysis may use for %d measures; at most %d",
			f.config, u.Bootstrap, sampleMemory>>20, len(cl.Measures), maxB)
	}
	return nil
}

// countFlag is an int flag that also takes a whole number written with an
// exponent, such as 1e6.
type countFlag struct{ p *int }

func (c countFlag) String() string {
	if c.p == nil {
		return "0"
	}
	return strconv.Itoa(*c.p)
}

func (c countFlag) Set(s string) error {
	t := strings.TrimSpace(s)
	if n, err := strconv.Atoi(t); err == nil {
		*c.p = n
		return nil
	}
	v, err := strconv.ParseFloat(t, 64)
	switch {
	case err != nil && !isRangeError(err), err == nil && (math.IsNaN(v) || math.IsInf(v, 0)), v != math.Trunc(v):
		return fmt.Errorf("%q is not a whole number", s)
	case math.Abs(v) >= math.MaxInt64:
		return fmt.Errorf("%s is far too large", s)
	}
	*c.p = int(v)
	return nil
}

func (c countFlag) Type() string { return "int" }

func isRangeError(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}
