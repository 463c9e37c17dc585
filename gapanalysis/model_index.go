package gapanalysis

// IndexDraw is one draw of the item-level uncertain inputs of SPEC 7 — the
// value of partial, the checklist weights and the missing-data rule — as
// EvalIndex applies it. The same draw applied to two models (two waves) gives
// every item, theme and pillar the same weight factor in both, by its ID.
type IndexDraw struct {
	Partial float64     // value of a partial answer
	Rule    MissingRule // missing-data rule ("" is exclude)
	// Jitter j multiplies every item, theme and pillar weight by a factor in
	// 1 ± j, uniform, drawn from WeightSeed and the weight's ID; 0 keeps the
	// checklist's weights.
	Jitter     float64
	WeightSeed uint64
}

// NominalDraw returns the draw that reproduces the study's own index: the
// scale's partial, the config's missing-data rule and the checklist's
// weights.
func (m *Model) NominalDraw() IndexDraw {
	return IndexDraw{Partial: m.partial, Rule: m.cfg.Missing}
}

// EvalIndex scores every country under d and writes its index (0–100, NaN when
// it has none) into index, in the output order of Countries. It does not
// allocate; ws must come from m.NewWorkspace.
func (m *Model) EvalIndex(ws *Workspace, d IndexDraw, index []float64) {
	if len(index) != len(m.countries) {
		panic("gapanalysis: Model.EvalIndex: wrong slice length")
	}
	copy(ws.wItem, m.wItem)
	copy(ws.wTheme, m.wTheme)
	copy(ws.wPillar, m.wPillar)
	if d.Jitter > 0 {
		for _, w := range []struct {
			w   []float64
			key []uint64
		}{{ws.wItem, m.itemKey}, {ws.wTheme, m.themeKey}, {ws.wPillar, m.pillarKey}} {
			for i := range w.w {
				w.w[i] *= 1 - d.Jitter + 2*d.Jitter*unitOf(d.WeightSeed, w.key[i])
			}
		}
	}
	rule := d.Rule
	if rule == "" {
		rule = MissingExclude
	}
	m.scoreCountries(ws, d.Partial, rule)
	copy(index, ws.index)
}

// idKey hashes an ID with its kind (FNV-1a, 64 bits).
func idKey(kind byte, id string) uint64 {
	h := uint64(14695981039346656037)
	h = (h ^ uint64(kind)) * 1099511628211
	for i := 0; i < len(id); i++ {
		h = (h ^ uint64(id[i])) * 1099511628211
	}
	return h
}

// unitOf returns a number in [0, 1) determined by a seed and a key
// (SplitMix64's finaliser of their mix).
func unitOf(seed, key uint64) float64 {
	z := seed ^ key*0x9e3779b97f4a7c15
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	z ^= z >> 31
	return float64(z>>11) / (1 << 53)
}
