// Command gapstudy scores survey spreadsheets of national law and practice against
// a checklist of Directive 2011/93/EU and ranks the priority measures. See
// "gapstudy help" and docs/cli.md.
//
// For measuring performance (docs/performance.md), the environment variables
// GAPSTUDY_CPUPROFILE and GAPSTUDY_MEMPROFILE name files to write a CPU profile
// of the whole run and a heap profile at its end to, for "go tool pprof".
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/gapstudy/gapstudy/internal/cli"
)

func main() { os.Exit(run()) }

func run() int {
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
