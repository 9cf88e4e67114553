package regions

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Level is the level of a division, from Province (1) down to Town (4).
type Level int

// The levels of the administration.
const (
	Province Level = iota + 1 // 省级: provinces, autonomous regions, municipalities, SARs
	City                      // 地级: prefecture-level cities, prefectures, leagues, autonomous prefectures
	County                    // 县级: districts, counties, county-level cities, banners
	Town                      // 乡级: towns, townships, subdistricts (街道)
)

// String returns the level's English name.
func (l Level) String() string {
	switch l {
	case Province:
		return "province"
	case City:
		return "city"
	case County:
		return "county"
	case Town:
		return "town"
	}
	return "Level(" + strconv.Itoa(int(l)) + ")"
}

// Division is an administrative division.
type Division struct {
	// Code is the GB/T 2260 code for provinces, cities and counties (安徽省
	// 340000, 合肥市 340100, 龙华区 440309) and the nine-digit NBS code for
	// towns (观湖街道 440309001).
	Code string
	// Name is the full name: 广西壮族自治区, 深圳市, 观湖街道.
	Name string
	// Short is the name without its generic suffix and nationality names:
	// 广西, 深圳, 观湖. It equals Name when that would leave fewer than two
	// characters (南区, 易县) and for statistical units (开发区, 农场).
	Short string
	Level Level
	// Parent is the Code of the division above, or "" for a province. The
	// counties of the four municipalities and of the province-administered
	// county-level cities (济源市, 仙桃市) have their province as parent.
	Parent string
}

// table is the loaded data. Names are substrings of one decompressed string.
type table struct {
	divs []Division // sorted by code, which is also the file's order
	// words[i] says which names of divs[i] are also ordinary words, which
	// FindLevel does not look for.
	words []wordFlag
}

type wordFlag uint8

const (
	shortIsWord wordFlag = 1 << iota // 安康 "good health"
	nameIsWord                       // 城区 "urban district"
)

//go:embed regions.txt.gz
var compressed []byte

var (
	loadOnce sync.Once
	loaded   *table
)

func load() *table {
	loadOnce.Do(func() { loaded = parse(decompress(compressed)) })
	return loaded
}

// decompress returns the embedded file as one string. It panics if the
// embedded data is corrupt: that is a build error, not a runtime condition.
func decompress(gz []byte) string {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		panic("regions: embedded data: " + err.Error())
	}
	var b strings.Builder
	if len(gz) >= 4 {
		b.Grow(int(binary.LittleEndian.Uint32(gz[len(gz)-4:]))) // gzip ISIZE
	}
	if _, err := io.Copy(&b, zr); err != nil {
		panic("regions: embedded data: " + err.Error())
	}
	return b.String()
}

// parse reads the lines written by internal/gen (see its doc for the format).
func parse(data string) *table {
	n := strings.Count(data, "\n")
	t := &table{divs: make([]Division, 0, n), words: make([]wordFlag, 0, n)}
	var province, city, base, county string // the codes that short codes continue
	for line := range strings.Lines(data) {
		code, rest, _ := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		name, short, ok := strings.Cut(rest, "\t")
		if !ok {
			panic(fmt.Sprintf("regions: embedded data: bad line %q", line))
		}
		d := Division{Name: name, Short: name}
		switch {
		case len(code) == 6 && strings.HasSuffix(code, "0000"):
			d.Level, d.Code, province = Province, code, code[:2]
		case len(code) == 4:
			d.Level, d.Code, d.Parent = City, code+"00", province+"0000"
			city, base = d.Code, code
		case len(code) == 6 || len(code) == 2:
			if len(code) == 2 {
				code = base + code
			}
			base = code[:4]
			d.Level, d.Code, county = County, code, code
			d.Parent = code[:4] + "00"
			if d.Parent != city {
				d.Parent = province + "0000"
			}
		case len(code) == 3:
			d.Level, d.Code, d.Parent = Town, county+code, county
		default:
			panic(fmt.Sprintf("regions: embedded data: bad code in %q", line))
		}
		var w wordFlag
		if strings.HasSuffix(short, "w") {
			w |= nameIsWord
			short = short[:len(short)-1]
		}
		if strings.HasSuffix(short, "a") {
			w |= shortIsWord
			short = short[:len(short)-1]
		}
		if k, err := strconv.Atoi(short); err == nil {
			d.Short = prefix(d.Name, k)
		}
		t.divs = append(t.divs, d)
		t.words = append(t.words, w)
	}
	return t
}

// byCode returns the index of the division with code, or -1.
func (t *table) byCode(code string) int {
	i, ok := slices.BinarySearchFunc(t.divs, code, func(d Division, c string) int { return strings.Compare(d.Code, c) })
	if !ok {
		return -1
	}
	return i
}

// before orders divisions by level, then code.
func (t *table) before(a, b int32) int {
	if c := int(t.divs[a].Level) - int(t.divs[b].Level); c != 0 {
		return c
	}
	return strings.Compare(t.divs[a].Code, t.divs[b].Code)
}

// prefix returns the first k characters of s.
func prefix(s string, k int) string {
	for i := range s {
		if k == 0 {
			return s[:i]
		}
		k--
	}
	return s
}

// Lookup returns the divisions whose full or short name is name, higher
// levels first, then by code: Lookup("吉林") gives 吉林省, then 吉林市, then
// a 吉林街道; Lookup("龙华区") gives 深圳's, then 海口's. It returns nil if
// there is none. The first call builds an index of all names (30–80 ms).
// The caller owns the returned slice.
func Lookup(name string) []Division {
	t := load()
	f := t.finder(allNames)
	i, ok := slices.BinarySearch(f.names, name)
	if !ok {
		return nil
	}
	out := make([]Division, len(f.divs[i]))
	for k, id := range f.divs[i] {
		out[k] = t.divs[id]
	}
	return out
}

// ByCode returns the division with the given code (six digits for a
// province, city or county, nine for a town), and whether there is one.
func ByCode(code string) (Division, bool) {
	t := load()
	i := t.byCode(code)
	if i < 0 {
		return Division{}, false
	}
	return t.divs[i], true
}

// Provinces returns the 34 province-level divisions in code order, from
// 北京市 (110000) to 澳门特别行政区 (820000).
func Provinces() []Division {
	var out []Division
	for _, d := range load().divs {
		if d.Level == Province {
			out = append(out, d)
		}
	}
	return out
}

// Cities returns the prefecture-level divisions in code order.
func Cities() []Division {
	var out []Division
	for _, d := range load().divs {
		if d.Level == City {
			out = append(out, d)
		}
	}
	return out
}
