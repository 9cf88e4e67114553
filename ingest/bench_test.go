package ingest

import (
	"bytes"
	"testing"
)

// BenchmarkRead reads the seed report (34 KB of text, 22 PDF pages) in each
// format.
func BenchmarkRead(b *testing.B) {
	for _, name := range []string{"seed.txt", "seed.gbk.txt", "seed.utf16le.txt", "seed.html", "seed.docx", "seed.pdf"} {
		data := readFixture(b, name)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Read(b.Context(), bytes.NewReader(data), name); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
