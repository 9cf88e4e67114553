package brief

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "update golden files")

// TestGolden renders briefs of the seed and a comparison of the gold rows
// and compares them with testdata/*.golden; go test -update rewrites the
// files. Review their diffs like code.
func TestGolden(t *testing.T) {
	doc := seed(t)
	render := func(topic, format string) func(t *testing.T) []byte {
		return func(t *testing.T) []byte {
			out, err := build(t, doc, Options{Topic: topic}).Render(format)
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
	}
	cases := []struct {
		file string
		got  func(t *testing.T) []byte
	}{
		{"seed-whole.md", render("", "md")},
		{"seed-transport.md", render("交通", "md")},
		{"seed-economy-en.md", render("economy", "md")},
		{"seed-transport.html", render("交通", "html")},
		{"seed-safety.short.txt", render("安全生产", "short")},
		{"compare-gdp-growth-2025.md", func(t *testing.T) []byte {
			c, err := BuildCompare("2025年地区生产总值增速", loadGold(t, "../testdata/gold/compare/gdp-growth-2025.jsonl"))
			if err != nil {
				t.Fatal(err)
			}
			return c.Markdown()
		}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			got := tc.got(t)
			path := filepath.Join("testdata", tc.file+".golden")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (go test -update rewrites it):\n%s", tc.file, path, firstDiff(string(want), string(got)))
			}
		})
	}
}

// firstDiff shows the first line where want and got differ.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + "\n- want: " + w + "\n+  got: " + g
		}
	}
	return "(same lines, different bytes)"
}
