package scoring

import (
	"errors"
	"fmt"
)

// MaxSobolDim is the largest dimension SobolSeq supports: the number of
// dimensions of the Joe–Kuo direction numbers held by the package.
const MaxSobolDim = 1024

// ErrSobolDim is returned when a Sobol' sequence of more than MaxSobolDim
// dimensions is asked for.
var ErrSobolDim = errors.New("scoring: Sobol' sequence dimension out of range")

// sobolBits is the number of bits of each coordinate; the sequence has 2^32
// points.
const sobolBits = 32

// SobolSeq generates the points of the (unscrambled) Sobol' low-discrepancy
// sequence in [0, 1)^dim with the direction numbers of Joe and Kuo (2008),
// new-joe-kuo-6.21201, in Gray-code order (Antonov and Saleev, 1979):
//
//	x_0 = 0,  x_n = x_{n−1} XOR v_{c(n−1)}
//
// where c(i) is the position of the rightmost zero bit of i and v_k are the
// direction numbers of each coordinate, v_k = m_k/2^k for k ≤ s and
//
//	v_k = a_1 v_{k−1} ⊕ a_2 v_{k−2} ⊕ … ⊕ a_{s−1} v_{k−s+1} ⊕ v_{k−s} ⊕ (v_{k−s}/2^s)
//
// above (s, a_i and m_k from the table; all m_k = 1 in dimension 1). The points
// are the same, in the same order, as those of Joe and Kuo's sobol.cc and of
// scipy.stats.qmc.Sobol without scrambling. The first point is the origin; it is
// not skipped (Owen, "On dropping the first Sobol' point", 2022), so the first
// 2^m points form a (t, m, s)-net and are best used in powers of two.
//
// Coordinates have 32 bits; a sequence holds 2^32 points. A SobolSeq is not
// safe for concurrent use.
type SobolSeq struct {
	dim int
	v   []uint32 // v[d*sobolBits+k] is direction number k+1 of coordinate d, scaled by 2^32
	x   []uint32 // the current point, scaled by 2^32
	n   uint64   // index of the next point
}

// NewSobolSeq returns a Sobol' sequence of dim dimensions, positioned at its
// first point. It returns ErrSobolDim when dim > MaxSobolDim and panics when
// dim < 1.
func NewSobolSeq(dim int) (*SobolSeq, error) {
	if dim < 1 {
		panic("scoring: NewSobolSeq: dim < 1")
	}
	if dim > MaxSobolDim {
		return nil, fmt.Errorf("%w: %d dimensions asked for, at most %d available", ErrSobolDim, dim, MaxSobolDim)
	}
	s := &SobolSeq{dim: dim, v: make([]uint32, dim*sobolBits), x: make([]uint32, dim)}
	for k := 0; k < sobolBits; k++ {
		s.v[k] = 1 << (sobolBits - 1 - k)
	}
	for d := 1; d < dim; d++ {
		e := joeKuo[d-1]
		deg := len(e.m)
		v := s.v[d*sobolBits : (d+1)*sobolBits]
		for k := 0; k < sobolBits; k++ {
			if k < deg {
				v[k] = uint32(e.m[k]) << (sobolBits - 1 - k)
				continue
			}
			w := v[k-deg] ^ (v[k-deg] >> deg)
			for i := 1; i < deg; i++ {
				if (e.a>>(deg-1-i))&1 == 1 {
					w ^= v[k-i]
				}
			}
			v[k] = w
		}
	}
	return s, nil
}

// Dim returns the number of dimensions of the sequence.
func (s *SobolSeq) Dim() int { return s.dim }

// Index returns the index of the point the next call to Next returns (0 for a
// new sequence).
func (s *SobolSeq) Index() uint64 { return s.n }

// Next writes the next point into dst (allocated when nil) and returns it.
// Coordinates lie in [0, 1). It panics when len(dst) != Dim() or after the 2^32
// points of the sequence.
func (s *SobolSeq) Next(dst []float64) []float64 {
	if dst == nil {
		dst = make([]float64, s.dim)
	}
	if len(dst) != s.dim {
		panic("scoring: SobolSeq.Next: len(dst) != Dim()")
	}
	if s.n >= 1<<sobolBits {
		panic("scoring: SobolSeq.Next: sequence exhausted")
	}
	if s.n > 0 {
		c := rightmostZero(s.n - 1)
		for d := range s.x {
			s.x[d] ^= s.v[d*sobolBits+c]
		}
	}
	const scale = 1.0 / (1 << sobolBits)
	for d, xi := range s.x {
		dst[d] = float64(xi) * scale
	}
	s.n++
	return dst
}

// rightmostZero returns the 0-based position of the lowest zero bit of i.
func rightmostZero(i uint64) int {
	c := 0
	for i&1 == 1 {
		i >>= 1
		c++
	}
	return c
}
