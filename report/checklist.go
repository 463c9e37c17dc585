package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// WriteChecklistMarkdown writes a checklist as readable Markdown: one table of
// items per theme (ID, provision, title, obligation, minimum maximum penalty,
// weight) and a table of the candidate measures with their expert criteria.
func WriteChecklistMarkdown(w io.Writer, cl *gapanalysis.Checklist) error {
	if cl == nil {
		return errNoChecklist
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# %s\n\n", mdCell(cl.Title))
	fmt.Fprintf(bw, "Checklist `%s`, version %s", cl.ID, cl.Version)
	if cl.Instrument.ELI != "" {
		fmt.Fprintf(bw, "; instrument <%s>", cl.Instrument.ELI)
	}
	if len(cl.Instrument.NotBound) > 0 {
		codes := make([]string, len(cl.Instrument.NotBound))
		for i, c := range cl.Instrument.NotBound {
			codes[i] = string(c)
		}
		fmt.Fprintf(bw, "; not binding on %s", strings.Join(codes, ", "))
	}
	fmt.Fprintf(bw, ". %d items, %d measures.\n\n", len(cl.Items()), len(cl.Measures))
	if cl.Note != "" {
		fmt.Fprintf(bw, "%s\n\n", strings.TrimSpace(cl.Note))
	}
	for _, p := range cl.Pillars {
		fmt.Fprintf(bw, "## %s (`%s`, weight %g)\n\n", mdCell(p.Title), p.ID, p.Weight)
		for _, t := range p.Themes {
			fmt.Fprintf(bw, "### %s (`%s`, weight %g)\n\n", mdCell(t.Title), t.ID, t.Weight)
			fmt.Fprintln(bw, "| ID | Provision | Title | Obligation | Min. max. penalty | Weight |")
			fmt.Fprintln(bw, "| --- | --- | --- | --- | --- | --- |")
			for _, it := range t.Items {
				pen := ""
				if it.MinMaxPenalty > 0 {
					pen = fmt.Sprintf("%g years", it.MinMaxPenalty)
				}
				ref := mdCell(it.Ref)
				if it.ELI != "" && ref != "" {
					ref = fmt.Sprintf("[%s](%s)", ref, it.ELI)
				}
				fmt.Fprintf(bw, "| %s | %s | %s | %s | %s | %g |\n", it.ID, ref, mdCell(it.Title), it.Obligation, pen, it.Weight)
			}
			fmt.Fprintln(bw)
		}
	}
	if len(cl.Measures) > 0 {
		fmt.Fprintln(bw, "## Candidate priority measures")
		fmt.Fprintln(bw)
		var crit []gapanalysis.CriterionID
		for _, c := range cl.Criteria {
			crit = append(crit, c.ID)
		}
		header := "| ID | Title | Addresses |"
		sep := "| --- | --- | --- |"
		for _, c := range crit {
			header += " " + string(c) + " |"
			sep += " --- |"
		}
		fmt.Fprintln(bw, header)
		fmt.Fprintln(bw, sep)
		for _, m := range cl.Measures {
			ids := make([]string, len(m.Addresses))
			for i, a := range m.Addresses {
				ids[i] = string(a)
			}
			row := fmt.Sprintf("| %s | %s | %s |", m.ID, mdCell(m.Title), strings.Join(ids, ", "))
			for _, c := range crit {
				if v, ok := m.Criteria[c]; ok {
					row += fmt.Sprintf(" %g |", v)
				} else {
					row += " – |"
				}
			}
			fmt.Fprintln(bw, row)
		}
		fmt.Fprintln(bw)
		if len(cl.Criteria) > 0 {
			fmt.Fprintln(bw, "Criteria:")
			fmt.Fprintln(bw)
			cs := cl.Criteria
			for _, c := range cs {
				dir := c.Direction
				if dir == "" {
					dir = gapanalysis.Benefit
				}
				fmt.Fprintf(bw, "- `%s` — %s (%s)", c.ID, mdCell(c.Title), dir)
				if c.Description != "" {
					fmt.Fprintf(bw, ": %s", mdCell(c.Description))
				}
				fmt.Fprintln(bw)
			}
		}
	}
	return bw.Flush()
}

// mdCell makes text safe inside a Markdown table cell.
func mdCell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.ReplaceAll(s, "|", `\|`)
}
