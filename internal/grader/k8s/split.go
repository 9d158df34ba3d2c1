package k8s

import "bytes"

// chunk is one YAML document's bytes inside a file. Documents are split
// before parsing so a syntax error in one of them does not hide the others.
type chunk struct {
	data []byte
	// line is the 1-based file line of the chunk's first line.
	line int
}

// splitDocs cuts a file at "---" lines. The YAML specification forbids a
// line that starts with "---" followed by a blank inside a document, so this
// never splits a value in two. Leading comments and directives stay with the
// document that follows them.
func splitDocs(data []byte) []chunk {
	var chunks []chunk
	start, startLine, line := 0, 1, 1
	onlyPreamble := true
	for off := 0; off < len(data); {
		end := bytes.IndexByte(data[off:], '\n')
		next := len(data)
		if end >= 0 {
			next = off + end + 1
		}
		l := bytes.TrimRight(data[off:next], "\r\n")
		if isDocStart(l) && !onlyPreamble {
			chunks = append(chunks, chunk{data: data[start:off], line: startLine})
			start, startLine = off, line
			onlyPreamble = true
		}
		if onlyPreamble && !isPreamble(l) {
			onlyPreamble = false
		}
		off = next
		line++
	}
	if start < len(data) {
		chunks = append(chunks, chunk{data: data[start:], line: startLine})
	}
	return chunks
}

func isDocStart(l []byte) bool {
	return bytes.HasPrefix(l, []byte("---")) && (len(l) == 3 || l[3] == ' ' || l[3] == '\t')
}

// isPreamble reports lines that carry no content: blanks, comments,
// directives and a bare document marker.
func isPreamble(l []byte) bool {
	t := bytes.TrimLeft(l, " \t")
	if len(t) == 0 || t[0] == '#' {
		return true
	}
	if l[0] == '%' {
		return true
	}
	if isDocStart(l) {
		rest := bytes.TrimLeft(l[3:], " \t")
		return len(rest) == 0 || rest[0] == '#'
	}
	return false
}
