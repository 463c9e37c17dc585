package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// WriteChecklistMarkdown writes a checklist as readable Markdown: one table of
// items per theme (ID, provision, title, obligation, the minimum maximum
// penalties for a child below and at or above the age of sexual consent, weight
// and the item's penalty note and note) and a table of the candidate measures with their expert criteria.
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
			fmt.Fprintln(bw, "| ID | Provision | Title | Obligation | Min. max. penalty, child below the age of consent | Min. max. penalty, child at or above it | Weight | Note |")
			fmt.Fprintln(bw, "| --- | --- | --- | --- | --- | --- | --- | --- |")
			for _, it := range t.Items {
				ref := mdCell(it.Ref)
				if it.ELI != "" && ref != "" {
					ref = fmt.Sprintf("[%s](%s)", ref, it.ELI)
				}
				below, above := penaltyCells(it)
				note := strings.TrimSpace(strings.TrimSpace(it.PenaltyNote) + " " + strings.TrimSpace(it.Note))
				fmt.Fprintf(bw, "| %s | %s | %s | %s | %s | %s | %g | %s |\n", it.ID, ref, mdCell(it.Title), it.Obligation,
					below, above, it.Weight, mdCell(note))
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

// penaltyCells returns the two minimum maximum penalties of an item as table
// cells: for a child below the age of sexual consent and for a child at or above
// it. With one figure (MinMaxPenaltyAboveConsent 0) it applies whatever the age;
// with none both cells are empty.
func penaltyCells(it *gapanalysis.Item) (below, above string) {
	if it.MinMaxPenalty <= 0 {
		return "", ""
	}
	below = years(it.MinMaxPenalty)
	above = below
	if it.MinMaxPenaltyAboveConsent > 0 {
		above = years(it.MinMaxPenaltyAboveConsent)
	}
	return below, above
}

// years writes a number of years: "1 year", "2 years", "1.5 years".
func years(n float64) string {
	return fmt.Sprintf("%g %s", n, plural(n, "year", "years"))
}

// mdCell makes text safe inside a Markdown table cell.
func mdCell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.ReplaceAll(s, "|", `\|`)
}
