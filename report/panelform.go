package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// Names and marks of the expert panel's scoring form that WritePanelForm
// writes and importers.ReadPanel reads back (docs/input-format.md, "Expert
// panel").
const (
	// SheetPanelForm is the only sheet of a scoring form.
	SheetPanelForm = "Scoring"
	// PanelFormFormat is the value of the form's "File format" cell.
	PanelFormFormat = "gapstudy panel form 1"
	// PanelFormExpert labels the cell (column B, beside it) that names the
	// expert.
	PanelFormExpert = "Expert ID"
)

// PanelFormOptions configures WritePanelForm. The zero value gives the
// defaults.
type PanelFormOptions struct {
	// Expert prefills the Expert ID cell (the expert may overwrite it); ""
	// leaves it empty.
	Expert string
	// Title is the form's title; "" gives "Expert panel scoring form: <checklist
	// title>".
	Title string
	// Tool names the program and version that wrote the file. "" gives
	// "gapstudy".
	Tool string
}

// Columns of the scoring form (1-based); the criteria follow pfAddresses.
const (
	pfMeasure = iota + 1
	pfTitle
	pfAddresses
)

// WritePanelForm writes one expert's scoring form for the checklist's
// measures (SPEC 14) to w: a protected sheet whose first rows hold the title,
// the Expert ID cell (unlocked, prefilled with opts.Expert), the
// organisation and date cells, the checklist, the format marker and how to
// score; a row explaining each expert criterion (its title, what 1 and 5
// mean — for a cost criterion 5 is the most costly —, and its description);
// then a header row (Measure, Title, Addresses, one column per criterion
// headed "Title (id)") and one row per measure in checklist order, with an
// unlocked 1–5 dropdown in each criterion cell. The output is deterministic.
//
// It returns an error when cl is nil or has no measure or no expert
// criterion, and any error of w.
func WritePanelForm(w io.Writer, cl *gapanalysis.Checklist, opts *PanelFormOptions) error {
	if cl == nil {
		return errNilChecklist
	}
	if len(cl.Measures) == 0 || len(cl.Criteria) == 0 {
		return fmt.Errorf("report: checklist %s has no measures or no expert criteria to score", cl.ID)
	}
	var o PanelFormOptions
	if opts != nil {
		o = *opts
	}
	f := excelize.NewFile()
	defer f.Close()
	t, err := newTemplate(f, cl, gapanalysis.Country{}, TemplateOptions{Tool: o.Tool})
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetPanelForm); err != nil {
		return fmt.Errorf("report: sheet %s: %w", SheetPanelForm, err)
	}
	title := firstNonEmpty(o.Title, "Expert panel scoring form: "+firstNonEmpty(cl.Title, cl.ID))
	if err := panelFormSheet(t, o, title); err != nil {
		return fmt.Errorf("report: sheet %s: %w", SheetPanelForm, err)
	}
	tool := firstNonEmpty(o.Tool, "gapstudy")
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: title, Subject: cl.Title, Keywords: PanelFormFormat,
		Description: fmt.Sprintf("%s, checklist %s %s", PanelFormFormat, cl.ID, cl.Version),
		Creator:     tool, LastModifiedBy: tool, Created: fixedDate, Modified: fixedDate,
		Language: "en", Revision: "1",
	}); err != nil {
		return fmt.Errorf("report: document properties: %w", err)
	}
	return saveCanonical(w, f, "panel form")
}

// criterionHelp explains one criterion for the form.
func criterionHelp(c gapanalysis.Criterion) string {
	scale := "benefit: 1 = very low, 5 = very high"
	if c.Direction.IsCost() {
		scale = "cost: 1 = least costly, 5 = most costly (a higher number is worse)"
	}
	text := fmt.Sprintf("%s — %s.", firstNonEmpty(c.Title, string(c.ID)), scale)
	if d := strings.TrimSpace(c.Description); d != "" {
		text += " " + d
	}
	return text
}

func panelFormSheet(t *template, o PanelFormOptions, title string) error {
	st := t.st
	cl := t.cl
	width := []float64{0, 26, 50, 30}
	for range cl.Criteria {
		width = append(width, 28)
	}
	last := pfAddresses + len(cl.Criteria)
	s := newQsheet(t.f, SheetPanelForm, width)
	s.text(1, 1, title, st.title)
	row := 3
	field := func(label, value string, style int) {
		s.text(1, row, label, st.label)
		s.text(2, row, value, style)
		row++
	}
	field(PanelFormExpert, o.Expert, st.input)
	field("Organisation", "", st.input)
	field("Date (YYYY-MM-DD)", "", st.inputDate)
	field("Checklist", fmt.Sprintf("%s %s", cl.ID, cl.Version), st.text)
	field("File format", PanelFormFormat, st.text)
	s.text(1, row, "How to score", st.label)
	s.wrapped(2, row, fmt.Sprintf("Rate every measure on every criterion with a whole number from %d to %d, chosen from the dropdown in the pale yellow cells. "+
		"Read each criterion's explanation in the row above the column headings: for a cost criterion 5 means the most costly. "+
		"Leave a cell empty only when you cannot judge; do not add, delete or move rows or columns. Put your name or code in the Expert ID cell, "+
		"save the file as .xlsx and return it.", gapanalysis.PanelMin, gapanalysis.PanelMax), st.wrap)
	s.merge(row, 2, last)
	s.lines[row] = max(s.lines[row], 4)
	row += 2

	s.text(1, row, "What the criteria mean", st.label)
	for i, c := range cl.Criteria {
		s.wrapped(pfAddresses+1+i, row, criterionHelp(c), st.wrap)
	}
	row++
	header := row
	for col, h := range []string{"Measure", "Title", "Addresses"} {
		s.text(col+1, row, h, st.header)
	}
	for i, c := range cl.Criteria {
		s.text(pfAddresses+1+i, row, fmt.Sprintf("%s (%s)", firstNonEmpty(c.Title, string(c.ID)), c.ID), st.header)
	}
	for _, m := range cl.Measures {
		row++
		s.text(pfMeasure, row, string(m.ID), st.text)
		s.wrapped(pfTitle, row, m.Title, st.wrap)
		ids := make([]string, len(m.Addresses))
		for i, a := range m.Addresses {
			ids[i] = string(a)
		}
		s.wrapped(pfAddresses, row, strings.Join(ids, ", "), st.wrap)
		for i := range cl.Criteria {
			s.text(pfAddresses+1+i, row, "", st.status)
		}
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = s.cell(pfAddresses+1, header+1) + ":" + s.cell(last, row)
	if err := dv.SetDropList([]string{"1", "2", "3", "4", "5"}); err != nil {
		return err
	}
	dv.SetInput("Rating", "Choose 1 to 5 (see the criterion's explanation above the headings; for a cost criterion 5 is the most costly).")
	dv.SetError(excelize.DataValidationErrorStyleStop, "Rating", "Please choose a whole number from 1 to 5.")
	if s.err == nil {
		s.err = t.f.AddDataValidation(SheetPanelForm, dv)
	}
	if s.err == nil {
		cellB := s.cell(pfMeasure+1, header+1)
		s.err = t.f.SetPanes(SheetPanelForm, &excelize.Panes{
			Freeze: true, XSplit: 1, YSplit: header, TopLeftCell: cellB, ActivePane: "bottomRight",
			Selection: []excelize.Selection{{SQRef: cellB, ActiveCell: cellB, Pane: "bottomRight"}},
		})
	}
	return s.finish(true, fmt.Sprintf("%s — checklist %s %s", title, cl.ID, cl.Version))
}

// PanelFormFileName returns the file name of expert i's (1-based) scoring
// form: "panel-form-E01-<checklist ID>.xlsx", the ID cleaned as in
// TemplateFileName.
func PanelFormFileName(cl *gapanalysis.Checklist, i int) string {
	q := TemplateFileName(cl, "XX") // questionnaire-XX-<id>.xlsx
	return fmt.Sprintf("panel-form-%s-%s", PanelExpertID(i), strings.TrimPrefix(q, "questionnaire-XX-"))
}

// PanelExpertID returns the expert ID prefilled in the i-th form (1-based):
// "E01", "E02", …
func PanelExpertID(i int) string { return fmt.Sprintf("E%02d", i) }
