package web

import (
	"strconv"
	"strings"
)

// coding is a content coding the server can answer with.
type coding uint8

// The content codings, in the server's order of preference when a client
// weighs them equally: zstd is smaller and faster than gzip.
const (
	codingNone coding = iota // identity: the bytes as they are
	codingZstd
	codingGzip
	numCodings
)

// name is the coding's token in Accept-Encoding and Content-Encoding.
func (c coding) name() string {
	switch c {
	case codingZstd:
		return "zstd"
	case codingGzip:
		return "gzip"
	}
	return "identity"
}

// etagSuffix marks an entity tag as the coding's representation: RFC 9110
// asks for a different tag for each content coding of a resource.
func (c coding) etagSuffix() string {
	switch c {
	case codingZstd:
		return "-zst"
	case codingGzip:
		return "-gz"
	}
	return ""
}

// negotiateCoding picks the coding to answer a request whose
// Accept-Encoding header lines are values (RFC 9110, section 12.5.3): the
// coding of the highest weight above zero, zstd before gzip on ties, and
// no coding when the client asks for none of them, refuses them (q=0),
// or weighs identity above them. A coding not named takes the weight of
// "*" if given; elements with a malformed weight are ignored; a coding
// named twice keeps its highest weight.
func negotiateCoding(values []string) coding {
	var weight [numCodings]int // in thousandths; -1 unnamed
	for i := range weight {
		weight[i] = -1
	}
	star := -1
	for _, v := range values {
		for elem := range strings.SplitSeq(v, ",") {
			name, params, _ := strings.Cut(elem, ";")
			name = strings.ToLower(strings.TrimSpace(name))
			if name == "" {
				continue
			}
			q, ok := qvalue(params)
			if !ok {
				continue
			}
			var c coding
			switch name {
			case "*":
				star = max(star, q)
				continue
			case "identity":
				c = codingNone
			case "zstd":
				c = codingZstd
			case "gzip", "x-gzip":
				c = codingGzip
			default:
				continue
			}
			weight[c] = max(weight[c], q)
		}
	}
	for i := range weight {
		if weight[i] < 0 {
			weight[i] = max(star, 0)
		}
	}
	best := codingNone
	for c := codingZstd; c < numCodings; c++ {
		if weight[c] > 0 && (best == codingNone || weight[c] > weight[best]) {
			best = c
		}
	}
	if best == codingNone || weight[codingNone] > weight[best] {
		return codingNone
	}
	return best
}

// qvalue reads the weight among an element's parameters, in thousandths:
// 1000 when there is none; ok false when it is malformed (not a number
// from 0 to 1 with at most three decimals).
func qvalue(params string) (q int, ok bool) {
	for p := range strings.SplitSeq(params, ";") {
		k, v, _ := strings.Cut(p, "=")
		if !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		v = strings.TrimSpace(v)
		if v == "" || len(v) > 5 || (v[0] != '0' && v[0] != '1') || strings.Trim(v, "0123456789.") != "" {
			return 0, false
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 || f > 1 {
			return 0, false
		}
		return int(f*1000 + 0.5), true
	}
	return 1000, true
}
