package gapanalysis

import (
	"encoding/json"
	"iter"
	"strings"
)

// Sources lists the cells a merged answer came from. The list Analyze makes is
// a view of the dataset's responses (a few bytes per cell, shared by the
// assessment, its gap, its exemplars and its transitions); SourcesOf makes one
// from cells given. The zero value is the empty list.
type Sources struct {
	rs    *Responses // the responses idx refers to; nil with cells
	idx   []int32
	cells []Source
}

// SourcesOf returns the list of the cells given.
func SourcesOf(cells ...Source) Sources {
	if len(cells) == 0 {
		return Sources{}
	}
	return Sources{cells: cells}
}

// sourcesOf is the view of responses idx of rs.
func sourcesOf(rs *Responses, idx []int32) Sources {
	if len(idx) == 0 {
		return Sources{}
	}
	return Sources{rs: rs, idx: idx[:len(idx):len(idx)]}
}

// Len returns the number of cells.
func (s Sources) Len() int {
	if s.rs != nil {
		return len(s.idx)
	}
	return len(s.cells)
}

// At returns cell k (0 ≤ k < Len).
func (s Sources) At(k int) Source {
	if s.rs != nil {
		return s.rs.Source(int(s.idx[k]))
	}
	return s.cells[k]
}

// All yields the cells in order.
func (s Sources) All() iter.Seq[Source] {
	return func(yield func(Source) bool) {
		for k := range s.Len() {
			if !yield(s.At(k)) {
				return
			}
		}
	}
}

// Slice returns the cells as a new slice.
func (s Sources) Slice() []Source {
	if s.Len() == 0 {
		return nil
	}
	out := make([]Source, s.Len())
	for k := range out {
		out[k] = s.At(k)
	}
	return out
}

// String returns the cells as "file!sheet!cell", separated by "; " (cells
// with no file, sheet or cell named are left out).
func (s Sources) String() string {
	var b strings.Builder
	for k := range s.Len() {
		str := s.At(k).String()
		if str == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		b.WriteString(str)
	}
	return b.String()
}

// RespondentAnswers lists the respondents' answers on a unit to reconcile.
// The list Analyze makes is a view of the dataset's responses (4 bytes per
// answer); AnswersOf makes one from answers given. The zero value is the empty
// list.
type RespondentAnswers struct {
	rs   *Responses // the responses idx refers to; nil with list
	idx  []int32
	list []RespondentAnswer
}

// AnswersOf returns the list of the answers given.
func AnswersOf(answers ...RespondentAnswer) RespondentAnswers {
	return RespondentAnswers{list: answers}
}

// Len returns the number of answers.
func (a RespondentAnswers) Len() int {
	if a.rs != nil {
		return len(a.idx)
	}
	return len(a.list)
}

// At returns answer k (0 ≤ k < Len): respondent, evidence and comment trimmed.
func (a RespondentAnswers) At(k int) RespondentAnswer {
	if a.rs == nil {
		return a.list[k]
	}
	i := int(a.idx[k])
	r := a.rs.rec(i)
	return RespondentAnswer{
		Respondent: strings.TrimSpace(a.rs.str(r.respondent)),
		Status:     r.status,
		Source:     a.rs.source(r),
		Evidence:   strings.TrimSpace(a.rs.str(r.evidence)),
		Comment:    strings.TrimSpace(a.rs.str(r.comment)),
	}
}

// Status returns the status of answer k, without building the answer.
func (a RespondentAnswers) Status(k int) Status {
	if a.rs == nil {
		return a.list[k].Status
	}
	return a.rs.rec(int(a.idx[k])).status
}

// All yields the answers with their positions, in order.
func (a RespondentAnswers) All() iter.Seq2[int, RespondentAnswer] {
	return func(yield func(int, RespondentAnswer) bool) {
		for k := range a.Len() {
			if !yield(k, a.At(k)) {
				return
			}
		}
	}
}

// Slice returns the answers as a new slice.
func (a RespondentAnswers) Slice() []RespondentAnswer {
	if a.Len() == 0 {
		return nil
	}
	out := make([]RespondentAnswer, a.Len())
	for k := range out {
		out[k] = a.At(k)
	}
	return out
}

// MarshalJSON writes the cells as a JSON array of sources ([] when empty), as
// a []Source would be written.
func (s Sources) MarshalJSON() ([]byte, error) {
	cells := s.Slice()
	if cells == nil {
		cells = []Source{}
	}
	return json.Marshal(cells)
}

// MarshalJSON writes the answers as a JSON array ([] when empty), as a
// []RespondentAnswer would be written.
func (a RespondentAnswers) MarshalJSON() ([]byte, error) {
	answers := a.Slice()
	if answers == nil {
		answers = []RespondentAnswer{}
	}
	return json.Marshal(answers)
}
