package importers

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/xuri/excelize/v2"
)

// Replies: an expert who sends a corrected questionnaire sends a second
// version of the same reply. Read together (OpenAll), the two versions would
// make every changed answer a conflict; instead the later version replaces the
// earlier one, with a replaced note. Which is later is told by the date on the
// Cover; when the dates do not tell, Options.Replies = RepliesLatest takes the
// file read last (in name order within a folder, else in the order given).

// Values of Options.Replies.
const (
	// RepliesDated (the zero value "" means it too) replaces a questionnaire
	// by another of the same respondent and country only when the Covers'
	// dates say which is later; otherwise both are read, and answers that
	// differ are conflicts.
	RepliesDated = "dated"
	// RepliesLatest also replaces, when the dates do not tell, a
	// questionnaire by the one read after it.
	RepliesLatest = "latest"
)

// ErrReplies is returned by the readers when Options.Replies is not one of
// RepliesDated and RepliesLatest.
var ErrReplies = errors.New("importers: unknown Options.Replies")

// keyDate is the Cover's "Date (YYYY-MM-DD)" field.
const keyDate = "date"

// checkReplies returns the canonical value of Options.Replies.
func checkReplies(v string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", RepliesDated:
		return RepliesDated, nil
	case RepliesLatest:
		return RepliesLatest, nil
	}
	return "", fmt.Errorf("%w %q (want %s or %s)", ErrReplies, v, RepliesDated, RepliesLatest)
}

// reply is one questionnaire read by OpenAll, its responses held back until
// every file is read.
type reply struct {
	file, cover string
	country     gapanalysis.CountryCode
	respondent  string
	date        time.Time
	dated       bool
	dateCell    string
	dateRow     int
	responses   []gapanalysis.Response
}

// coverDate reads the Cover's date: a date cell (a day number), or text
// written as YYYY-MM-DD or DD.MM.YYYY.
func coverDate(v string) (time.Time, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, false
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil {
		if f < firstDate || f > 2958465 {
			return time.Time{}, false
		}
		t, err := excelize.ExcelDateToTime(f, false)
		return t, err == nil
	}
	for _, layout := range []string{"2006-01-02", "2006-01-02T15:04:05", "2006-01-02 15:04:05", "02.01.2006", "2.1.2006"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// settleReplies hands on the responses of the questionnaires held back by
// OpenAll, after replacing the earlier versions of a reply by the later ones
// (see Options.Replies): to the sink, or into all.
func (rd *reader) settleReplies(all *gapanalysis.Dataset, held []*reply) {
	type key struct {
		country    gapanalysis.CountryCode
		respondent string
	}
	groups := map[key][]int{}
	for i, r := range held {
		if r.country == "" || r.respondent == "" {
			continue // without a name, two questionnaires may be two people
		}
		k := key{r.country, r.respondent}
		groups[k] = append(groups[k], i)
	}
	replaced := make([]bool, len(held))
	for i, r := range held {
		idx := groups[key{r.country, r.respondent}]
		if len(idx) < 2 || idx[0] != i {
			continue // one version, or a group already settled
		}
		rd.settleGroup(all, held, idx, replaced)
	}
	for i, r := range held {
		if replaced[i] {
			continue
		}
		for _, resp := range r.responses {
			if rd.sink != nil {
				rd.sink(resp)
			} else {
				all.Responses.Append(resp)
			}
		}
	}
}

// settleGroup decides which versions of one reply (indexes into held, in the
// order read) are replaced, and notes why.
func (rd *reader) settleGroup(all *gapanalysis.Dataset, held []*reply, idx []int, replaced []bool) {
	allDated := true
	var latest time.Time
	for _, i := range idx {
		if !held[i].dated {
			allDated = false
		} else if held[i].date.After(latest) {
			latest = held[i].date
		}
	}
	// The candidates to be kept: the versions of the latest date when every
	// version is dated, else all of them.
	cands := idx
	if allDated {
		cands = nil
		for _, i := range idx {
			if held[i].date.Equal(latest) {
				cands = append(cands, i)
			}
		}
	}
	keep := -1
	switch {
	case len(cands) == 1:
		keep = cands[0]
	case rd.replies == RepliesLatest:
		keep = cands[len(cands)-1]
	}
	note := func(r *reply, msg string) {
		d := gapanalysis.NewDiagnostic(gapanalysis.SevInfo, gapanalysis.CodeReplaced, msg)
		d.File, d.Sheet, d.Cell, d.Row = r.file, r.cover, r.dateCell, r.dateRow
		if r.dateCell != "" {
			d.Col = 2
		}
		all.Diagnostics = append(all.Diagnostics, d)
	}
	who := func(r *reply) string {
		return fmt.Sprintf("from %s for %s", clipName(r.respondent), r.country)
	}
	when := func(r *reply) string {
		if r.dated {
			return ", dated " + r.date.Format("2006-01-02")
		}
		return ""
	}
	if keep < 0 {
		var files []string
		for _, i := range idx {
			files = append(files, held[i].file)
		}
		note(held[idx[0]], fmt.Sprintf(
			"%d questionnaires %s (%s): their Cover dates do not tell which is the later version, so all are read "+
				"and answers that differ are conflicts; give the date on each Cover, or read them with --replies latest "+
				"(Options.Replies) to keep the file read last", len(idx), who(held[idx[0]]), strings.Join(files, ", ")))
		for _, i := range idx {
			if r := held[i]; allDated && !r.date.Equal(latest) {
				replaced[i] = true
				note(r, fmt.Sprintf("this questionnaire %s%s, is replaced by the versions dated %s: its %s not used",
					who(r), when(r), latest.Format("2006-01-02"), plural(len(r.responses), "answer is", "answers are")))
			}
		}
		return
	}
	for _, i := range idx {
		if i == keep {
			continue
		}
		replaced[i] = true
		r, k := held[i], held[keep]
		why := "a later date on its Cover"
		if !(r.dated && k.dated && k.date.After(r.date)) {
			why = "read after it (--replies latest)"
		}
		subject := "this questionnaire " + who(r)
		if r.dated {
			subject += when(r) + ","
		}
		note(r, fmt.Sprintf("%s is replaced by the version in %s%s, %s: its %s not used",
			subject, k.file, when(k), why, plural(len(r.responses), "answer is", "answers are")))
	}
}

// clipName cuts a respondent's name for a message.
func clipName(s string) string {
	if r := []rune(s); len(r) > gapanalysis.QuoteMax {
		return string(r[:gapanalysis.QuoteMax]) + "…"
	}
	return s
}
