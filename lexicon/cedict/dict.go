package cedict

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// The data files, written by internal/gen: words.txt.gz has a line
// "headword TAB rank" per headword, sorted by bytes; senses.txt.gz has the
// senses of the same headwords, a line each, in the same order.
var (
	//go:embed words.txt.gz
	wordsGz []byte
	//go:embed senses.txt.gz
	sensesGz []byte
)

// sep separates the senses of a headword in the data file, as in CC-CEDICT.
const sep = "/"

// properFlag marks a headword all of whose entries are proper nouns.
const properFlag = 1 << 7

// dict is the loaded word list. Every string is a substring of one
// decompressed file, so the dictionary is a few allocations.
type dict struct {
	words  []string          // sorted by bytes
	meta   []uint8           // rank 0–9, | properFlag
	first  map[rune][2]int32 // first rune → the span of words starting with it
	maxLen int

	sensesOnce sync.Once
	senseList  []string // senseList[i]: the senses of words[i], joined by sep
}

var (
	loadOnce sync.Once
	loaded   *dict
)

// load returns the dictionary, decompressing the word list on first use.
func load() *dict {
	loadOnce.Do(func() { loaded = parseWords(decompress(wordsGz)) })
	return loaded
}

// senses returns the senses of every headword, decompressing them on first use.
func (d *dict) senses() []string {
	d.sensesOnce.Do(func() { d.senseList = parseSenses(decompress(sensesGz), len(d.words)) })
	return d.senseList
}

// decompress returns the embedded file as one string. It panics if the
// embedded data is corrupt: that is a build error, not a runtime condition.
func decompress(gz []byte) string {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		panic("cedict: embedded data: " + err.Error())
	}
	var b strings.Builder
	if len(gz) >= 4 {
		b.Grow(int(binary.LittleEndian.Uint32(gz[len(gz)-4:]))) // gzip ISIZE
	}
	if _, err := io.Copy(&b, zr); err != nil {
		panic("cedict: embedded data: " + err.Error())
	}
	return b.String()
}

// parseWords reads lines "word TAB rank[p]".
func parseWords(data string) *dict {
	n := strings.Count(data, "\n")
	d := &dict{
		words: make([]string, 0, n),
		meta:  make([]uint8, 0, n),
		first: make(map[rune][2]int32, 8192),
	}
	for line := range strings.Lines(data) {
		word, rank, ok := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		if !ok || word == "" || rank == "" {
			panic("cedict: embedded data: bad line " + strconv.Quote(line))
		}
		m := rank[0] - '0'
		if strings.HasSuffix(rank, "p") {
			m |= properFlag
		}
		i := int32(len(d.words))
		d.words = append(d.words, word)
		d.meta = append(d.meta, m)
		r, _ := utf8.DecodeRuneInString(word)
		if span, ok := d.first[r]; ok {
			span[1] = i + 1
			d.first[r] = span
		} else {
			d.first[r] = [2]int32{i, i + 1}
		}
		d.maxLen = max(d.maxLen, utf8.RuneCountInString(word))
	}
	return d
}

// parseSenses reads n lines of senses.
func parseSenses(data string, n int) []string {
	senses := make([]string, 0, n)
	for line := range strings.Lines(data) {
		senses = append(senses, strings.TrimSuffix(line, "\n"))
	}
	if len(senses) != n {
		panic(fmt.Sprintf("cedict: embedded data: %d lines of senses for %d headwords", len(senses), n))
	}
	return senses
}

// index returns the position of w in d.words, or -1.
func (d *dict) index(w string) int {
	i := sort.SearchStrings(d.words, w)
	if i < len(d.words) && d.words[i] == w {
		return i
	}
	return -1
}

func (d *dict) rank(i int) int    { return int(d.meta[i] &^ properFlag) }
func (d *dict) proper(i int) bool { return d.meta[i]&properFlag != 0 }

// IsWord reports whether w is a simplified headword of the dictionary.
func IsWord(w string) bool { return load().index(w) >= 0 }

// IsName reports whether w is a headword all of whose CC-CEDICT entries are
// proper nouns (capitalized pinyin): names of places, people, organizations
// and works, such as 北京, 北京时间, 中山大学, but not 安康 ("good health"
// besides the city) or 同心圆.
func IsName(w string) bool {
	d := load()
	i := d.index(w)
	return i >= 0 && d.proper(i)
}

// MaxWordLen returns the length in code points of the longest headword.
func MaxWordLen() int { return load().maxLen }

// English returns the English senses of the simplified headword word, in
// CC-CEDICT's order with the senses of common words before those of proper
// nouns, or nil if word is not a headword. A sense may hold several glosses
// separated by "; " ("company; firm; enterprise; corporation"). The caller
// owns the returned slice.
func English(word string) []string {
	d := load()
	i := d.index(word)
	if i < 0 {
		return nil
	}
	return strings.Split(d.senses()[i], sep)
}
