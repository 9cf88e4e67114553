package serve

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// TestContractsMatchCLI: every JSON field of the CLI's --json shapes
// (cmd/reportbot, a package main that nothing may import) is in the
// server's copy of the shape. The server may add fields (index, status).
func TestContractsMatchCLI(t *testing.T) {
	cli := filepath.Join("..", "cmd", "reportbot")
	files, _ := filepath.Glob(filepath.Join(cli, "*.go"))
	if len(files) == 0 {
		t.Skip("no cmd/reportbot sources")
	}
	fset := token.NewFileSet()
	cliTags := map[string][]string{} // type name → JSON names
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		af, err := parser.ParseFile(fset, f, src, 0)
		if err != nil {
			t.Skipf("cmd/reportbot does not parse (being edited?): %v", err)
		}
		ast.Inspect(af, func(n ast.Node) bool {
			ts, ok := n.(*ast.TypeSpec)
			if !ok {
				return true
			}
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				return true
			}
			for _, fl := range st.Fields.List {
				if fl.Tag == nil {
					continue
				}
				tag, _ := strconv.Unquote(fl.Tag.Value)
				if name := jsonName(reflect.StructTag(tag)); name != "" {
					cliTags[ts.Name.Name] = append(cliTags[ts.Name.Name], name)
				}
			}
			return true
		})
	}
	for cliType, ours := range map[string]any{
		"sectionsJSON": sectionsJSON{}, "partJSON": partJSON{}, "sectionJSON": sectionJSON{}, "itemJSON": itemJSON{},
		"figureJSON": figureJSON{}, "compareJSON": compareJSON{}, "searchJSON": searchJSON{},
	} {
		want, ok := cliTags[cliType]
		if !ok {
			t.Logf("cmd/reportbot has no type %s; not compared", cliType)
			continue
		}
		have := map[string]bool{}
		rt := reflect.TypeOf(ours)
		for i := range rt.NumField() {
			have[jsonName(rt.Field(i).Tag)] = true
		}
		for _, name := range want {
			if name == "line" || name == "note" { // per-line fields of --batch and of a vector fallback
				continue
			}
			if !have[name] {
				t.Errorf("the CLI's %s has the field %q; the server's copy does not", cliType, name)
			}
		}
	}
}

func jsonName(tag reflect.StructTag) string {
	name, _, _ := strings.Cut(tag.Get("json"), ",")
	if name == "-" {
		return ""
	}
	return name
}
