package feed

import "bytes"

// nestedDeeperThan reports whether the elements of the XML document data
// nest more than limit deep. It is a quick scan rather than a parse: it
// skips comments, CDATA sections, processing instructions and
// declarations, and counts start, end and empty-element tags.
func nestedDeeperThan(data []byte, limit int) bool {
	depth := 0
	for {
		i := bytes.IndexByte(data, '<')
		if i < 0 || i+1 >= len(data) {
			return false
		}
		data = data[i:]
		switch {
		case bytes.HasPrefix(data, []byte("<!--")):
			data = skipPast(data, "-->")
		case bytes.HasPrefix(data, []byte("<![CDATA[")):
			data = skipPast(data, "]]>")
		case data[1] == '?':
			data = skipPast(data, "?>")
		case data[1] == '!':
			data = skipPast(data, ">")
		case data[1] == '/':
			depth--
			data = data[2:]
		default:
			gt := bytes.IndexByte(data, '>')
			if gt < 0 {
				return false
			}
			if data[gt-1] != '/' {
				if depth++; depth > limit {
					return true
				}
			}
			data = data[gt+1:]
		}
	}
}
