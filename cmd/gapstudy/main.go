// Command gapstudy scores survey spreadsheets of national law and practice against
// a checklist of Directive 2011/93/EU and ranks the priority measures. See
// "gapstudy help" and docs/cli.md.
//
// Unless the environment variable GOMEMLIMIT says otherwise, the Go runtime is
// asked to keep the process under a soft limit of 768 MiB (defaultMemoryLimit):
// the garbage collector then runs more often as the heap nears it, instead of
// letting it grow to twice what is in use. A run that needs more still gets it.
//
// For measuring performance (docs/performance.md), the environment variables
// GAPSTUDY_CPUPROFILE and GAPSTUDY_MEMPROFILE name files to write a CPU profile
// of the whole run and a heap profile at its end to, for "go tool pprof".
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"

	"github.com/gapstudy/gapstudy/internal/cli"
)

// defaultMemoryLimit is the soft memory limit of the process when GOMEMLIMIT
// is not set: with it, `gapstudy run` on a survey-tool export of 100,000
// respondents × 60 questions with a workbook and JSON peaks at about 790 MiB
// instead of 950 MiB, in the same time.
const defaultMemoryLimit = 768 << 20

func main() { os.Exit(run()) }

func run() int {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	if path := os.Getenv("GAPSTUDY_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gapstudy: GAPSTUDY_CPUPROFILE:", err)
			return cli.ExitUsage
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "gapstudy: GAPSTUDY_CPUPROFILE:", err)
			return cli.ExitUsage
		}
		defer pprof.StopCPUProfile()
	}
	code := cli.Main()
	if path := os.Getenv("GAPSTUDY_MEMPROFILE"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gapstudy: GAPSTUDY_MEMPROFILE:", err)
			return cli.ExitUsage
		}
		defer f.Close()
		runtime.GC()
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			fmt.Fprintln(os.Stderr, "gapstudy: GAPSTUDY_MEMPROFILE:", err)
		}
	}
	return code
}
