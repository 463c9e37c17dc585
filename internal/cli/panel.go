package cli

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/gapstudy/gapstudy"
	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
)

// panelOptions are the import options of a panel file: the checklist and the
// file limits of the survey's options, none of the survey layouts.
func panelOptions(iopts *importers.Options) *importers.Options {
	return &importers.Options{Checklist: iopts.Checklist, MaxUnpackedSize: iopts.MaxUnpackedSize,
		MaxRows: iopts.MaxRows, Password: iopts.Password, Delimiter: iopts.Delimiter}
}

// readPanel reads the expert panel at path (--panel): a file or a folder of
// scoring forms.
func readPanel(path string, iopts *importers.Options) (*gapanalysis.Panel, error) {
	p, err := importers.OpenPanel(path, panelOptions(iopts))
	if err != nil {
		return nil, usagef("--panel: %v", err)
	}
	if len(p.Ratings) == 0 {
		d := gapanalysis.NewDiagnostic(gapanalysis.SevWarning, gapanalysis.CodeNoData, fmt.Sprintf(
			"the panel %s holds no usable rating; the checklist's illustrative criteria values are used", path))
		d.File = p.Label
		p.Diagnostics = append(p.Diagnostics, d)
	}
	return p, nil
}

// demoPanel imports the embedded synthetic expert panel.
func demoPanel(iopts *importers.Options) (*gapanalysis.Panel, error) {
	p, err := importers.ReadPanel(bytes.NewReader(gapstudy.SyntheticPanel), gapstudy.SyntheticPanelName, panelOptions(iopts))
	if err != nil {
		return nil, fmt.Errorf("demo panel: %w", err)
	}
	p.Synthetic = true
	return p, nil
}

// printPanel prints where the expert criteria values and the weights come
// from: the panel and its Kendall's W per criterion, and AHP's consistency.
func printPanel(w io.Writer, res *gapanalysis.Result) {
	if rep := res.Panel; rep != nil {
		var ws []string
		for _, c := range res.Checklist.Criteria {
			if k, ok := rep.KendallW[c.ID]; ok {
				ws = append(ws, fmt.Sprintf("%s %.2f (p %.2g)", c.ID, k.W, k.P))
			}
		}
		fmt.Fprintf(w, "Expert criteria: %s", gapanalysis.PanelLabel(rep))
		if len(ws) > 0 {
			fmt.Fprintf(w, "; Kendall's W: %s", strings.Join(ws, ", "))
		}
		fmt.Fprintln(w)
	}
	if a := res.Meta.AHP; a != nil {
		fmt.Fprintf(w, "Criteria weights by AHP: λmax %.3f, CI %.3f, CR %.3f\n", a.LambdaMax, a.CI, a.CR)
	} else if res.Meta.WeightsMethod == gapanalysis.WeightsEntropy {
		fmt.Fprintln(w, "Criteria weights by entropy of the criteria values")
	}
}
