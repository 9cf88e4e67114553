package ingest

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// readable is the extensions Walk lists.
var readable = map[string]bool{
	".txt": true, ".text": true, ".html": true, ".htm": true, ".xhtml": true,
	".shtml": true, ".docx": true, ".pdf": true,
}

// Walk returns every file under dir, at any depth, that has an extension
// ingest reads (.txt, .html, .htm, .docx, .pdf, in any case), sorted. It
// skips hidden files and directories (names starting with a dot) and
// README and LICENSE files. It returns ctx's error when ctx is done, and
// the error of a directory that cannot be read.
func Walk(ctx context.Context, dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		name := d.Name()
		if path != dir && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !readable[strings.ToLower(filepath.Ext(name))] || isBoilerplate(name) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() {
				return nil // a broken link, or a link to a directory
			}
		}
		out = append(out, path)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("ingest: walk %s: %w", dir, err)
	}
	slices.Sort(out)
	return out, nil
}

// isBoilerplate reports README and LICENSE files, which sit next to reports
// in collections but are not reports.
func isBoilerplate(name string) bool {
	base := strings.ToUpper(strings.TrimSuffix(name, filepath.Ext(name)))
	switch base {
	case "README", "LICENSE", "LICENCE", "COPYING", "NOTICE":
		return true
	}
	return false
}
