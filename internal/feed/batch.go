package feed

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"strings"
	"time"
)

// batchLimits say when a document is parsed in batches and how big a
// batch is.
type batchLimits struct {
	// A document holding at most wholeEntries entries in at most
	// wholeBytes bytes is parsed whole, as Parse parses it.
	wholeEntries, wholeBytes int
	// A batch holds at most entries entries and, unless it is a single
	// entry, at most bytes bytes of them.
	entries, bytes int
}

// defaultBatchLimits are the limits of ParseInBatches. A batch of 1,000
// small entries or 1 MiB of large ones costs gofeed some 50 MiB at most.
func defaultBatchLimits() batchLimits {
	return batchLimits{wholeEntries: 5000, wholeBytes: 4 << 20, entries: 1000, bytes: 1 << 20}
}

// parseFactor is about how many bytes of memory gofeed takes to parse a
// document whole, per byte of the document.
const parseFactor = 45

// ParseMemory estimates the most memory, in bytes, that ParseInBatches
// takes to parse a document of size bytes, not counting the document
// itself. A document parsed whole costs about 45 times its size. A
// larger one is parsed in batches: the entries' places and the GUIDs
// seen take about as much as the document when its entries are tiny
// (a million entries in 55 MB), the garbage collector lets as much
// again accumulate, and a batch costs up to 64 MiB more.
func ParseMemory(size int) int64 {
	if size <= defaultBatchLimits().wholeBytes {
		return parseFactor * int64(size)
	}
	return 3*int64(size) + 64<<20
}

// ParseInBatches parses a feed document as Parse does, handing its
// entries to each a batch at a time so that a document of a million
// entries never stands whole in memory as parsed entries: memory grows
// with the document's size and one batch (see ParseMemory), not with
// gofeed's cost of the whole. Every call
// of each gets a Feed of its own with the feed's Title, SiteURL,
// Language and TTL and the batch's entries, in document order; across
// all batches the entries are those Parse returns, in the same order —
// no GUID repeats, though a batch may be empty. A document without
// entries makes one call. An error of each ends the parse and is
// returned as it is.
//
// Documents of at most 5,000 entries and 4 MiB are parsed whole, exactly
// as Parse parses them, in one batch. Larger ones are first scanned with
// a streaming XML or JSON decoder that finds each entry (an RSS <item>,
// an Atom <entry>, a JSON Feed item), and each batch is then parsed as
// the document without the entries of other batches. Errors are those of
// Parse, found before any call of each when the document is not
// well-formed — though where gofeed stops at an element it does not
// expect before a syntax error, the message is the syntax error's; an
// error in one entry that only gofeed finds comes after the batches
// before it, with the line counted in the batch. An XML declaration
// after the document's start that switches to a charset other than
// UTF-8 is an error in a document parsed in batches.
func ParseInBatches(data []byte, feedURL string, now time.Time, each func(*Feed) error) error {
	return parseInBatches(data, feedURL, now, defaultBatchLimits(), each)
}

// parseInBatches is ParseInBatches with the limits lim.
func parseInBatches(data []byte, feedURL string, now time.Time, lim batchLimits, each func(*Feed) error) error {
	lim.entries, lim.bytes = max(lim.entries, 1), max(lim.bytes, 1)
	data = utf16ToUTF8(data)
	f, err := classify(data)
	if err != nil {
		return err
	}
	whole := func() error {
		src, err := decode(f, data)
		if err != nil {
			return err
		}
		return each(convert(src, feedURL, now))
	}
	if len(data) <= lim.wholeBytes && mostEntries(f, data) <= lim.wholeEntries {
		return whole()
	}
	var doc *splitDoc
	if f == formatJSON {
		doc, err = splitJSON(data)
	} else {
		doc, err = splitXML(f, data)
	}
	if err != nil {
		return err
	}
	if len(data) <= lim.wholeBytes && len(doc.entries) <= lim.wholeEntries {
		return whole()
	}
	seen := newGUIDSet()
	return doc.parts(lim, func(part []byte) error {
		var src *source
		var err error
		if f == formatJSON {
			src, err = decodeJSONSafely(part, doc.declared)
		} else {
			src, err = decode(f, part)
		}
		if err != nil {
			return err
		}
		fd := convert(src, feedURL, now)
		kept := fd.Entries[:0]
		for _, e := range fd.Entries {
			if seen.add(e.GUID) {
				kept = append(kept, e)
			}
		}
		fd.Entries = kept
		return each(fd)
	})
}

// decodeJSONSafely is decodeJSON with a panic in gofeed made an error.
func decodeJSONSafely(data []byte, declared bool) (src *source, err error) {
	defer func() {
		if r := recover(); r != nil {
			src, err = nil, fmt.Errorf("malformed feed: the feed parser failed: %v", r)
		}
	}()
	return decodeJSON(data, declared)
}

// splitDoc is a document split into its entries and the rest.
type splitDoc struct {
	data     []byte // the document, as the spans count it
	skeleton []byte // the document without its entries
	entries  []span // in document order
	// sep goes between two entries put at the same place of the skeleton:
	// "," in JSON.
	sep string
	// declared: a JSON document declares a jsonfeed.org version.
	declared bool
}

// span is an entry: data[start:end], which stands at skeleton[at].
type span struct{ start, end, at int }

// parts calls fn with the document rebuilt around each batch of entries
// in turn, or around none when it has none. The buffer handed to fn is
// reused. When the skeleton is larger than a batch, batches grow in
// proportion, so that parsing the skeleton again for each batch at most
// doubles the work.
func (d *splitDoc) parts(lim batchLimits, fn func(part []byte) error) error {
	if len(d.entries) == 0 {
		return fn(d.skeleton)
	}
	k := max(1, len(d.skeleton)/lim.bytes)
	most, mostBytes := lim.entries*k, lim.bytes*k
	var buf []byte
	for i := 0; i < len(d.entries); {
		j, size := i+1, d.entries[i].end-d.entries[i].start
		for j < len(d.entries) && j-i < most {
			n := d.entries[j].end - d.entries[j].start
			if size+n > mostBytes {
				break
			}
			size += n
			j++
		}
		buf = d.build(buf[:0], d.entries[i:j])
		if err := fn(buf); err != nil {
			return err
		}
		i = j
	}
	return nil
}

// build appends to dst the skeleton with entries put in their places.
func (d *splitDoc) build(dst []byte, entries []span) []byte {
	pos, prev := 0, -1
	for _, e := range entries {
		dst = append(dst, d.skeleton[pos:e.at]...)
		if e.at == prev {
			dst = append(dst, d.sep...)
		}
		dst = append(dst, d.data[e.start:e.end]...)
		pos, prev = e.at, e.at
	}
	return append(dst, d.skeleton[pos:]...)
}

// mostEntries returns a cheap upper bound on the entries in a document of
// format f: the start tags named item or entry (in any case, with any
// prefix, as gofeed lower-cases names) in XML, the commas plus one in
// JSON.
func mostEntries(f format, data []byte) int {
	if f == formatJSON {
		return bytes.Count(data, []byte(",")) + 1
	}
	n := 0
	for {
		i := bytes.IndexByte(data, '<')
		if i < 0 {
			return n
		}
		data = data[i+1:]
		if name := elementName(data[:min(len(data), 64)]); len(name) >= 4 {
			if local := strings.ToLower(name[strings.LastIndexByte(name, ':')+1:]); local == "item" || local == "entry" {
				n++
			}
		}
	}
}

// guidSet remembers GUIDs by a 128-bit hash of each, in a fraction of
// the memory the GUIDs take.
type guidSet struct {
	seeds [2]maphash.Seed
	seen  map[[2]uint64]struct{}
}

// newGUIDSet returns an empty guidSet.
func newGUIDSet() *guidSet {
	return &guidSet{seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}, seen: map[[2]uint64]struct{}{}}
}

// add adds guid and reports whether it was new.
func (s *guidSet) add(guid string) bool {
	k := [2]uint64{maphash.String(s.seeds[0], guid), maphash.String(s.seeds[1], guid)}
	if _, ok := s.seen[k]; ok {
		return false
	}
	s.seen[k] = struct{}{}
	return true
}
