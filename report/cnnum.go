package report

import (
	"math"
	"strconv"
	"strings"
)

const cnDigits = "零一二三四五六七八九"

// cnDigit returns the value of a Chinese digit (一 is 1, 两 is 2), -1 for
// any other rune.
func cnDigit(r rune) int {
	if r == '两' {
		return 2
	}
	i := strings.IndexRune(cnDigits, r)
	if i < 0 {
		return -1
	}
	return i / len("零")
}

// cnNumber parses a Chinese numeral from 一 to 九十九 as written in
// headings and ordinals; 0 if it is not one.
func cnNumber(s string) int {
	rs := []rune(s)
	switch len(rs) {
	case 1:
		return cnOne(rs[0])
	case 2:
		return cnTwo(rs[0], rs[1])
	case 3:
		if rs[1] == '十' && cnDigit(rs[0]) > 1 && cnDigit(rs[2]) > 0 {
			return cnDigit(rs[0])*10 + cnDigit(rs[2])
		}
	}
	return 0
}

// cnOne reads 一 to 十.
func cnOne(r rune) int {
	if r == '十' {
		return 10
	}
	return max(cnDigit(r), 0)
}

// cnTwo reads 十一 to 十九 and 二十 to 九十.
func cnTwo(a, b rune) int {
	switch {
	case a == '十' && cnDigit(b) > 0:
		return 10 + cnDigit(b)
	case b == '十' && cnDigit(a) > 1:
		return cnDigit(a) * 10
	}
	return 0
}

// cnNumeral writes n (1 to 99) as a Chinese numeral.
func cnNumeral(n int) string {
	d := []rune(cnDigits)
	switch {
	case n <= 0 || n > 99:
		return strconv.Itoa(n)
	case n < 10:
		return string(d[n])
	case n == 10:
		return "十"
	case n < 20:
		return "十" + string(d[n-10])
	case n%10 == 0:
		return string(d[n/10]) + "十"
	default:
		return string(d[n/10]) + "十" + string(d[n%10])
	}
}

// cnPlace are the place values inside a Chinese numeral section.
var cnPlace = map[rune]float64{'十': 10, '百': 100, '千': 1000}

// cnSection are the multipliers that close a section (三万, 两亿).
var cnSection = map[rune]float64{'万': 1e4, '亿': 1e8}

// cnValue parses a run of Chinese numerals: 两, 三, 十二, 三百, 一千二百,
// 三千零五, 零. It rejects runs that are not one number: two digits in a
// row (三三, 十四五) or a place value twice (十十).
func cnValue(s string) (float64, bool) {
	var v cnReader
	for _, r := range s {
		if !v.read(r) {
			return 0, false
		}
	}
	return v.total(), true
}

// cnReader accumulates a Chinese numeral one rune at a time.
type cnReader struct {
	total_, section float64
	cur             float64 // the pending digit, -1 when none
	lastPlace       float64 // the last place value read in this section
	started         bool
}

func (c *cnReader) read(r rune) bool {
	if !c.started {
		c.cur, c.started = -1, true
	}
	if d := cnDigit(r); d >= 0 {
		return c.digit(d)
	}
	if u, ok := cnPlace[r]; ok {
		return c.place(u)
	}
	if m, ok := cnSection[r]; ok {
		return c.closeSection(m)
	}
	return false
}

func (c *cnReader) digit(d int) bool {
	if d == 0 {
		return c.cur < 0 // 三千零五
	}
	if c.cur >= 0 {
		return false // two digits in a row: 三三, 十四五
	}
	c.cur = float64(d)
	return true
}

func (c *cnReader) place(u float64) bool {
	if c.lastPlace != 0 && u >= c.lastPlace {
		return false // 十十, 十百
	}
	if c.cur < 0 {
		c.cur = 1
	}
	c.section += c.cur * u
	c.cur, c.lastPlace = -1, u
	return true
}

// closeSection applies 万 or 亿: 亿 multiplies everything read so far
// (三万亿), 万 the current section (一亿三千万); a bare 万 is one of it.
func (c *cnReader) closeSection(m float64) bool {
	if c.cur >= 0 {
		c.section += c.cur
	}
	if m >= 1e8 {
		c.total_ = max(c.total_+c.section, 1) * m
	} else {
		c.total_ += max(c.section, 1) * m
	}
	if c.total_ > math.MaxFloat64/1e8 {
		return false
	}
	c.section, c.cur, c.lastPlace = 0, -1, 0
	return true
}

func (c *cnReader) total() float64 {
	s := c.section
	if c.cur >= 0 {
		s += c.cur
	}
	return c.total_ + s
}
