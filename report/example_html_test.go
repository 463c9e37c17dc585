package report_test

import (
	"bytes"
	"fmt"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/gapstudy/gapstudy/report"
)

// WriteHTML writes one page; its sections are <section> elements with fixed
// ids, so that a link can point at report.html#gaps.
func ExampleWriteHTML() {
	var buf bytes.Buffer
	if err := report.WriteHTML(&buf, sampleResult(), &report.Options{Title: "Sample study"}); err != nil {
		fmt.Println(err)
		return
	}
	doc, err := html.Parse(&buf)
	if err != nil {
		fmt.Println(err)
		return
	}
	walkNodes(doc, func(n *html.Node) {
		if n.DataAtom == atom.Title {
			fmt.Println("title:", nodeText(n))
		}
		if n.DataAtom == atom.Section {
			id, _ := nodeAttr(n, "id")
			fmt.Println("section:", id)
		}
	})
	// Output:
	// title: Sample study
	// section: summary
	// section: priorities
	// section: countries
	// section: heatmap
	// section: gaps
	// section: practices
	// section: diagnostics
	// section: methodology
}
