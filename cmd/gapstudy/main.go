// Command gapstudy scores survey spreadsheets of national law and practice against
// a checklist of Directive 2011/93/EU and ranks the priority measures. See
// "gapstudy help" and docs/cli.md.
package main

import (
	"os"

	"github.com/gapstudy/gapstudy/internal/cli"
)

func main() { os.Exit(cli.Main()) }
