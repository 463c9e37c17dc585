// Custom checklist: a study against another instrument than Directive
// 2011/93/EU. The checklist here is ILLUSTRATIVE — a few items modelled loosely
// on Directive 2011/36/EU on trafficking in human beings, with references,
// titles and expert values that are the example's own and unverified; it is
// not a legal assessment. The program builds the checklist twice, in Go code
// and from checklist.yaml (embedded), checks that the two agree and that
// validation catches mistakes, makes a small SYNTHETIC survey in code (made-up
// answers for nine Member States, not an assessment of any of them), then
// scores the countries and ranks the measures.
//
//	go run ./examples/custom-checklist [DIR]
//
// The chart of the measures' scores is written to DIR (default: a new
// temporary folder), whose path is printed. To use such a checklist from the
// command line: gapstudy run --checklist checklist.yaml survey.xlsx.
package main

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"text/tabwriter"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// checklistYAML is the same checklist as inCode builds, in the YAML form that
// gapstudy run --checklist reads.
//
//go:embed checklist.yaml
var checklistYAML []byte

func main() {
	dir, err := outDir("gapstudy-custom-checklist-")
	if err != nil {
		log.Fatal(err)
	}
	if err := run(os.Stdout, dir); err != nil {
		log.Fatal(err)
	}
}

// outDir returns the folder named by the first argument (created when
// missing), or a new temporary folder.
func outDir(prefix string) (string, error) {
	if len(os.Args) > 1 {
		return os.Args[1], os.MkdirAll(os.Args[1], 0o755)
	}
	return os.MkdirTemp("", prefix)
}

// run is the notebook: it prints its tables to w and writes its chart to dir.
func run(w io.Writer, dir string) error {
	// Step 1: the checklist built in Go code. A checklist built in code must be
	// validated before use; Validate also fills the defaults (item type status,
	// criterion direction benefit).
	fromCode := inCode()
	if err := fromCode.Validate(); err != nil {
		return err
	}
	fmt.Fprintf(w, "ILLUSTRATIVE checklist %s (not a legal assessment): %d items in %d themes, %d measures\n",
		fromCode.ID, len(fromCode.Items()), len(fromCode.Themes()), len(fromCode.Measures))

	// Step 2: the same checklist from YAML. LoadChecklist validates it and sets
	// omitted weights to 1. Written back as YAML, the two are byte for byte the
	// same.
	cl, err := gapanalysis.LoadChecklist(bytes.NewReader(checklistYAML), "checklist.yaml")
	if err != nil {
		return err
	}
	a, err := fromCode.YAML()
	if err != nil {
		return err
	}
	b, err := cl.YAML()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Built in Go and loaded from YAML, the checklists are identical: %s\n\n", yesNo(bytes.Equal(a, b)))

	// Step 3: what each theme weighs in the index: item weight within the
	// theme × theme weight within the pillar × pillar weight (the law pillar
	// counts twice). The shares add up to 100 %.
	fmt.Fprintln(w, "Share of the index by theme:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Pillar\tTheme\tItems\tShare of index")
	for _, p := range cl.Pillars {
		for _, t := range p.Themes {
			share := 0.0
			for _, it := range t.Items {
				share += cl.EffectiveWeight(it.ID)
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%.1f%%\n", p.ID, t.ID, len(t.Items), 100*share)
		}
	}
	tw.Flush()
	fmt.Fprintln(w)

	// Step 4: validation catches mistakes, with the line of the YAML file: a
	// measure that addresses a misspelt item, and in code a negative weight.
	typo := bytes.Replace(checklistYAML, []byte("[T-RAPPORTEUR,"), []byte("[T-RAPORTEUR,"), 1)
	_, err = gapanalysis.LoadChecklist(bytes.NewReader(typo), "checklist-with-typo.yaml")
	fmt.Fprintln(w, "A misspelt item in checklist-with-typo.yaml:", err)
	bad := inCode()
	bad.Pillars[1].Themes[0].Items[0].Weight = -1
	fmt.Fprintln(w, "A negative weight in code:", bad.Validate())
	fmt.Fprintln(w)

	// Step 5: a SYNTHETIC survey made in code: one answer per country and item,
	// drawn from a seeded random stream (each country with its own propensity
	// to comply), and a made-up count of identified victims.
	ds := syntheticSurvey(cl)
	fmt.Fprintf(w, "SYNTHETIC survey made in code: %d responses, %d countries\n\n", ds.Responses.Len(), len(ds.Countries()))

	// Step 6: score the countries. The index is the weighted mean of the
	// pillar scores (law × 2, policy × 1).
	cfg := gapanalysis.DefaultConfig()
	cfg.Checklist = "checklist.yaml"
	cfg.Uncertainty.Samples = 2000
	res, err := gapanalysis.Analyze(cl, ds, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "SYNTHETIC DATA — countries against the ILLUSTRATIVE checklist:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Rank\tCountry\tIndex\tlaw\tpolicy\tGaps")
	for _, c := range res.Countries {
		fmt.Fprintf(tw, "%d\t%s\t%.1f\t%.1f\t%.1f\t%d\n", c.Rank, c.Code, c.Index.Value,
			c.Pillars["law"].Value, c.Pillars["policy"].Value, c.Gaps)
	}
	tw.Flush()
	fmt.Fprintln(w)

	// Step 7: rank the measures — the derived criteria (gap points, countries
	// with gaps, binding gaps) and the checklist's own (impact, cost) — and see
	// how firm the ranks are over 2,000 Monte Carlo samples.
	if err := gapanalysis.MonteCarlo(context.Background(), res, gapanalysis.UncertaintyOptions{}); err != nil {
		return err
	}
	fmt.Fprintln(w, "Priority measures:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "Rank\tMeasure\tScore")
	for _, c := range res.Criteria {
		fmt.Fprintf(tw, "\t%s", c.ID)
	}
	fmt.Fprintln(tw, "\tP5–P95")
	for _, p := range res.Priorities {
		fmt.Fprintf(tw, "%d\t%s\t%.1f", p.Rank, p.ID, p.Score)
		for _, c := range res.Criteria {
			fmt.Fprintf(tw, "\t%.4g", p.Criteria[c.ID])
		}
		fmt.Fprintf(tw, "\t%g–%g\n", p.Uncertainty.P05, p.Uncertainty.P95)
	}
	tw.Flush()
	fmt.Fprintln(w)

	// Step 8: a chart of the measures' scores, as SVG.
	path := filepath.Join(dir, "custom-checklist.svg")
	if err := chart(res, path); err != nil {
		return err
	}
	fmt.Fprintln(w, "Chart of the measures' scores:", path)
	return nil
}

// inCode builds the checklist of checklist.yaml in Go.
func inCode() *gapanalysis.Checklist {
	item := func(id gapanalysis.ItemID, ref, title string, ob gapanalysis.Obligation) *gapanalysis.Item {
		return &gapanalysis.Item{ID: id, Ref: ref, Title: title, Obligation: ob, Weight: 1}
	}
	mandatory, practice := gapanalysis.Mandatory, gapanalysis.Practice
	penalty := item("T-PENALTY", "Art. 4 (illustrative)", "The maximum penalty reaches the level the instrument sets", mandatory)
	penalty.MinMaxPenalty, penalty.PenaltyNote = 5, "at least 5 years; more in aggravated cases (unverified)"
	children := item("T-CHILDREN", "Arts. 13–16 (illustrative)", "Assistance and protection of child victims", mandatory)
	children.Weight = 2
	identified := item("T-IDENTIFIED", "", "Victims identified per 100,000 inhabitants", practice)
	identified.Type, identified.Direction, identified.Normalize = gapanalysis.NumericItem, gapanalysis.Higher, gapanalysis.MinMax
	identified.Note = "A number, normalised across the countries assessed."

	return &gapanalysis.Checklist{
		ID:         "illustrative-thb",
		Title:      "ILLUSTRATIVE checklist modelled loosely on Directive 2011/36/EU (trafficking) — not a legal assessment",
		Version:    "0.1-example",
		Note:       "Illustrative and unverified; made for the custom-checklist example.",
		Instrument: gapanalysis.Instrument{Title: "Directive 2011/36/EU (illustrative reading, unverified)"},
		Pillars: []*gapanalysis.Pillar{
			{ID: "law", Title: "Criminal law and procedure", Weight: 2, Themes: []*gapanalysis.Theme{
				{ID: "offences", Title: "Offences and penalties", Weight: 1, Items: []*gapanalysis.Item{
					item("T-OFFENCE", "Art. 2 (illustrative)", "Trafficking in human beings is a criminal offence", mandatory),
					penalty,
					item("T-NON-PUNISHMENT", "Art. 8 (illustrative)", "Victims need not be prosecuted for offences they were compelled to commit", mandatory),
				}},
				{ID: "victims", Title: "Victims", Weight: 1, Items: []*gapanalysis.Item{
					item("T-ASSISTANCE", "Art. 11 (illustrative)", "Assistance and support for victims", mandatory),
					item("T-PROCEEDINGS", "Art. 12 (illustrative)", "Protection of victims in criminal proceedings", mandatory),
					children,
					item("T-COMPENSATION", "Art. 17 (illustrative)", "Access to compensation", mandatory),
				}},
			}},
			{ID: "policy", Title: "Prevention and coordination", Weight: 1, Themes: []*gapanalysis.Theme{
				{ID: "prevention", Title: "Prevention and monitoring", Weight: 1, Items: []*gapanalysis.Item{
					item("T-PREVENTION", "Art. 18 (illustrative)", "Prevention measures, including training and awareness campaigns", mandatory),
					item("T-RAPPORTEUR", "Art. 19 (illustrative)", "A national rapporteur or equivalent mechanism", mandatory),
					item("T-HELPLINE", "", "A national helpline for victims, open day and night", practice),
					identified,
				}},
			}},
		},
		Criteria: []gapanalysis.Criterion{
			{ID: "impact", Title: "Expected impact", Description: "1 (low) to 5 (high); illustrative"},
			{ID: "cost", Title: "Cost", Direction: gapanalysis.Cost, Description: "1 (low) to 5 (high); illustrative"},
		},
		Measures: []*gapanalysis.Measure{
			{ID: "M-CRIMINAL-LAW", Title: "Amend the criminal code on trafficking offences and penalties",
				Addresses: []gapanalysis.ItemID{"T-OFFENCE", "T-PENALTY", "T-NON-PUNISHMENT"}, Criteria: map[gapanalysis.CriterionID]float64{"impact": 4, "cost": 1}},
			{ID: "M-VICTIM-SERVICES", Title: "Fund assistance, protection and compensation for victims",
				Addresses: []gapanalysis.ItemID{"T-ASSISTANCE", "T-PROCEEDINGS", "T-COMPENSATION"}, Criteria: map[gapanalysis.CriterionID]float64{"impact": 5, "cost": 4}},
			{ID: "M-CHILD-VICTIMS", Title: "Child-specific assistance and protection in proceedings",
				Addresses: []gapanalysis.ItemID{"T-CHILDREN", "T-PROCEEDINGS"}, Criteria: map[gapanalysis.CriterionID]float64{"impact": 5, "cost": 3}},
			{ID: "M-PREVENTION", Title: "Training, awareness campaigns and a helpline",
				Addresses: []gapanalysis.ItemID{"T-PREVENTION", "T-HELPLINE"}, Criteria: map[gapanalysis.CriterionID]float64{"impact": 3, "cost": 2}},
			{ID: "M-MONITORING", Title: "Appoint a national rapporteur and count identified victims",
				Addresses: []gapanalysis.ItemID{"T-RAPPORTEUR", "T-IDENTIFIED"}, Criteria: map[gapanalysis.CriterionID]float64{"impact": 2, "cost": 1}},
		},
	}
}

// syntheticSurvey makes up one answer per (country, item) of cl for nine
// Member States: a status item is full, partial or none with probabilities
// that depend on the country's propensity; the numeric item gets a made-up
// count. Every response is labelled synthetic.
func syntheticSurvey(cl *gapanalysis.Checklist) *gapanalysis.Dataset {
	rng := rand.New(rand.NewPCG(2011, 36))
	ds := &gapanalysis.Dataset{Synthetic: true, Label: "synthetic survey made in code", Seed: 2011}
	countries := []gapanalysis.CountryCode{"AT", "BE", "CZ", "EL", "FI", "HU", "IE", "PT", "SE"}
	for ci, c := range countries {
		propensity := 0.35 + 0.6*float64(ci)/float64(len(countries)-1) // 0.35 … 0.95
		for _, it := range cl.Items() {
			r := gapanalysis.Response{
				Country:  c,
				Item:     it.ID,
				Evidence: "(synthetic) made-up answer",
				Source:   gapanalysis.Source{File: "synthetic survey made in code"},
			}
			if it.Type == gapanalysis.NumericItem {
				r.Value, r.HasValue = 0.5+4*propensity*rng.Float64(), true
			} else {
				switch u := rng.Float64(); {
				case u < propensity:
					r.Status = gapanalysis.StatusFull
				case u < (1+propensity)/2:
					r.Status = gapanalysis.StatusPartial
				default:
					r.Status = gapanalysis.StatusNone
				}
			}
			ds.Responses.Append(r)
		}
	}
	return ds
}

// chart draws one bar per measure, in rank order.
func chart(res *gapanalysis.Result, path string) error {
	values := make(plotter.Values, len(res.Priorities))
	names := make([]string, len(res.Priorities))
	for i, p := range res.Priorities {
		values[i], names[i] = p.Score, string(p.ID)
	}
	p := plot.New()
	p.Title.Text = "SYNTHETIC data, ILLUSTRATIVE checklist — measure scores"
	p.Y.Label.Text = "Score (0–100)"
	p.Y.Min, p.Y.Max = 0, 100
	bars, err := plotter.NewBarChart(values, vg.Points(20))
	if err != nil {
		return err
	}
	p.Add(bars)
	p.NominalX(names...)
	return p.Save(20*vg.Centimeter, 10*vg.Centimeter, path)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
