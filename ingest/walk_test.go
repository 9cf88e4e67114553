package ingest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{
		"b.pdf", "a.txt", "sub/c.DOCX", "sub/d.html", "sub/e.htm", "README.md", "README.txt",
		"LICENSE", "LICENSE.txt", ".hidden.txt", ".git/x.txt", "notes.md", "img.png", "f.doc",
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := Walk(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, name := range []string{"a.txt", "b.pdf", "sub/c.DOCX", "sub/d.html", "sub/e.htm"} {
		want = append(want, filepath.Join(dir, name))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Walk (-want +got):\n%s", diff)
	}
	if _, err := Walk(t.Context(), filepath.Join(dir, "missing")); err == nil {
		t.Errorf("Walk(missing dir) = nil error")
	}
}
