package gapanalysis

// compilePanel stores the experts' ratings of every (measure, criterion) the
// panel rated, in the model's measure and criterion order, and switches the
// panel input on when a panel of two or more experts is given and
// Uncertainty.Panel is not false.
func (m *Model) compilePanel(res *Result) {
	rep := res.Panel
	if rep == nil {
		return
	}
	k := len(m.crit)
	m.panelStart = make([]int, len(m.measures)*k+1)
	for j, id := range m.measures {
		for c, cr := range m.crit {
			m.panelStart[j*k+c] = len(m.panelVals)
			if !cr.Derived {
				m.panelVals = append(m.panelVals, rep.ratingsOf(id, cr.ID)...)
			}
		}
	}
	m.panelStart[len(m.measures)*k] = len(m.panelVals)
	on := res.Config.Uncertainty.Panel
	m.panelOn = rep.Experts > 1 && len(m.panelVals) > 0 && (on == nil || *on)
}

// drawPanel replaces, in the criteria matrix of ws, each value the panel
// rated with the rating of one expert drawn at random among those who rated
// it, from the stream that x seeds. It does not allocate.
func (m *Model) drawPanel(ws *Workspace, x float64) {
	ws.pcg.Seed(seedOf(x), 0x5eed3)
	k := len(m.crit)
	for j := range m.measures {
		for c := 0; c < k; c++ {
			lo, hi := m.panelStart[j*k+c], m.panelStart[j*k+c+1]
			if hi == lo {
				continue
			}
			ws.x.Set(j, c, m.panelVals[lo+ws.rng.IntN(hi-lo)])
		}
	}
}
