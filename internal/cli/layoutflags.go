package cli

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
)

// layoutFlags are the flags of run and validate that say which sheets are read
// and in which layout (SPEC 4).
type layoutFlags struct {
	layout  string
	sheets  []string
	mapping string
}

// addLayoutFlags registers --layout, --sheet and --mapping.
func addLayoutFlags(cmd *cobra.Command, f *layoutFlags) {
	cmd.Flags().StringVar(&f.layout, "layout", importers.LayoutAuto,
		"layout of every sheet: "+strings.Join(importers.Layouts(), ", ")+" (auto: detected per sheet)")
	cmd.Flags().StringArrayVar(&f.sheets, "sheet", nil,
		"read only this sheet (repeatable); NAME=LAYOUT also sets its layout, e.g. --sheet Answers=matrix")
	cmd.Flags().StringVar(&f.mapping, "mapping", "",
		"mapping file (YAML or CSV) from the column headers of a respondents export to item IDs")
}

// applyLayouts sets the layout, sheet and mapping options from the flags.
// Bad values, an unreadable mapping file and mapping entries for items the
// checklist does not have are usage errors.
func (f *layoutFlags) applyLayouts(o *importers.Options) error {
	layout := strings.ToLower(strings.TrimSpace(f.layout))
	if !slices.Contains(importers.Layouts(), layout) {
		return usagef("--layout: unknown layout %q (want %s)%s", f.layout,
			strings.Join(importers.Layouts(), ", "), didYouMean(layout, importers.Layouts()))
	}
	o.Layout = layout
	for _, v := range f.sheets {
		name, sheetLayout, err := parseSheetFlag(v)
		if err != nil {
			return err
		}
		o.Sheets = append(o.Sheets, name)
		if sheetLayout != "" {
			if o.SheetLayouts == nil {
				o.SheetLayouts = map[string]string{}
			}
			if prev, ok := o.SheetLayouts[name]; ok && prev != sheetLayout {
				return usagef("--sheet %s: the sheet is given both layout %s and %s", name, prev, sheetLayout)
			}
			o.SheetLayouts[name] = sheetLayout
		}
	}
	if f.mapping != "" {
		fh, err := os.Open(f.mapping)
		if err != nil {
			return usagef("--mapping: %v", err)
		}
		defer fh.Close()
		m, err := importers.LoadMapping(fh, f.mapping)
		if err != nil {
			return &usageError{err}
		}
		if err := m.Check(o.Checklist); err != nil {
			return &usageError{err}
		}
		o.Mapping = m
	}
	return nil
}

// parseSheetFlag splits a --sheet value: "NAME" or "NAME=LAYOUT" (spaces
// around "=" ignored). A value whose
// part after the last "=" is not a layout is a sheet name with "=" in it,
// unless that part is a single word (then it is taken for a misspelt layout).
func parseSheetFlag(v string) (name, layout string, err error) {
	i := strings.LastIndex(v, "=")
	if i < 0 {
		if strings.TrimSpace(v) == "" {
			return "", "", usagef("--sheet: the sheet name is empty")
		}
		return v, "", nil
	}
	name, suffix := strings.TrimSpace(v[:i]), strings.ToLower(strings.TrimSpace(v[i+1:]))
	isWord := suffix != "" && strings.IndexFunc(suffix, func(r rune) bool { return !unicode.IsLetter(r) }) < 0
	switch {
	case slices.Contains(importers.Layouts(), suffix):
	case isWord:
		return "", "", usagef("--sheet %s: unknown layout %q (want %s)%s", v, v[i+1:],
			strings.Join(importers.Layouts(), ", "), didYouMean(suffix, importers.Layouts()))
	default:
		return v, "", nil
	}
	if strings.TrimSpace(name) == "" {
		return "", "", usagef("--sheet %s: the sheet name is empty (write NAME=%s)", v, suffix)
	}
	return name, suffix, nil
}

// didYouMean returns "; did you mean X?" for the closest candidate, or "".
func didYouMean(s string, candidates []string) string {
	if sug, ok := gapanalysis.Suggest(s, candidates); ok {
		return fmt.Sprintf("; did you mean %s?", sug)
	}
	return ""
}
