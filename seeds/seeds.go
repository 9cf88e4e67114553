// Package seeds embeds the work reports that reportbot ships with.
//
// The files are byte-for-byte copies of their sources; nothing here parses
// them (that is package report's job). Only cmd, examples and tests import
// this package.
package seeds

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// FS holds the embedded report texts, one UTF-8 .txt file per report.
//
//go:embed *.txt
var FS embed.FS

// Default is the name of the report used when none is chosen: the 2024
// work report of the Guanhu subdistrict Party working committee.
const Default = "guanhu-2024-dangongwei-gongzuo-baogao.txt"

// Names lists the embedded report files in lexical order.
func Names() []string {
	entries, err := fs.ReadDir(FS, ".")
	if err != nil { // cannot happen for a valid embed.FS
		return nil
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".txt") {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

// Read returns the bytes of the embedded report called name. An empty name
// means [Default]. It returns an error that names the available reports when
// name is unknown.
func Read(name string) ([]byte, error) {
	if name == "" {
		name = Default
	}
	b, err := FS.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("seeds: no embedded report %q (have %s)", name, strings.Join(Names(), ", "))
	}
	return b, nil
}

// MustDefault returns the text of the default report. It panics only if the
// binary was built without it, which the tests rule out.
func MustDefault() string {
	b, err := Read(Default)
	if err != nil {
		panic(err)
	}
	return string(b)
}
