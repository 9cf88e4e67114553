package report

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzSeeds are the edge cases every fuzz target starts from, besides the
// three real reports.
var fuzzSeeds = []string{
	"",
	" ",
	"\n\n\t\u3000\r\n",
	"一、",
	"（一）",
	"(一)",
	"一是",
	"标题\n一、总结\n（一）推进。一是做好。二是做好。",
	"标题\n  一、2023年工作总结\n这一年，我们坚持。\n这一年，我们坚持。\n这一年，我们坚持。\n二、2024年工作安排\n（一）聚焦。\n一是加快。\n二是推进。",
	"1.2.3.4.5",
	"增长1.72%。下降.5%。1..2万元。3.。4.5亿",
	"１２．５％，１，１１６栋，1,116栋，1,11栋",
	"494.91亿元,同比增长1.72%",
	"近万家、超万亿元、万家、亿",
	"\xff\xfe标题",
	"标题\x00正文",
	"\xed\xa0\x80", // an encoded surrogate half, invalid UTF-8
	"\xed\xbf\xbf\xed\xa0\x80abc",
	"abc\xc3",
	"\xe4\xb8",
	"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f",
	"\r\n\r\n一、总结\r\n（一）推进。\r\n",
	"——发展韧性持续增强。",
	"名词解释\n一、术语\n二、术语",
	"第一、第二，二十大，22号线，“12+4”产业集群，T800，04-02地块，2024年02月02日",
	strings.Repeat("很长的一行没有标点", 2000),
	strings.Repeat("1", 5000) + "亿元",
	strings.Repeat("（一）", 300),
	strings.Repeat("一、二、三、", 300),
	strings.Repeat("一是", 500),
	strings.Repeat("\n", 1000) + "x",
	// Pages as found online, and the genre's harder shapes.
	"下载\n打印\n【字号：\n加大\n】\n政府工作报告\n——2026年1月26日在某省第十四届\n人民代表大会第五次会议上\n省长 张三\n各位代表：\n一、2025年工作回顾\n增长5%。\n相关报道：\n政府工作报告\n各位代表：现在",
	"当前位置：\n首页\n>\n要闻\n来源：\n某报\n发表时间：\n2026-02-09 09:45:30\n",
	"一、回顾\n（\n三）改革开放持续深化。\n（\n",
	"附件1\n名词解释\n附件2\n附件\n1.“四上”企业：\n2.",
	"增长5%—5.5%，4.5-5%，4.5%至5%，5%-，-5%，1—11月，2021-2025年，28.1 万人，842元/月，4000P，上千家，近百个，超千亿元以上，亿元以上企业",
	"“十四五”时期工作回顾\n“十五五”时期主要目标和2026年重点工作\n一、主线\n（一）甲\n二、任务\n（一）乙\n附件\n",
	"——二〇二六年一月二十七日在某省十四届人民代表大会第四次会议上",
	strings.Repeat("9", 400) + "亿元" + strings.Repeat("万", 50) + "亿",
	// Milestones, levels reached and the changes that point to them.
	"迈上5万亿台阶、跨过3个万亿元大关，连续迈上4万亿、5万亿两个台阶，突破万亿级，1000亿斤新台阶的",
	"达到5.53万亿元、稳居全国前十强、增长4.8%，增长5.5%、达到10.3万亿元，总额突破8000亿元，5年提高4.5个百分点",
	"17.52亿人次、1.27万亿元，分别增长32.9%、41.6%，较“十三五”增长16.3%，（市、区）达82个，62枚、7亿吨级、3台阶",
}

// FuzzParse checks properties of Parse on any input: no panic; on success
// every span lies in the text, node texts equal their source slices,
// paragraphs and sentences are ordered and disjoint, sentences never split
// a decimal number, and every string is valid UTF-8; on failure the error is
// a *ParseError wrapping a sentinel.
//
// Run it with a short minimization time: the seeds are whole reports, and
// minimizing a 40 KB input for the default 60 s stalls the fuzzer (its
// progress line then shows 0 execs/sec):
//
//	go test -run '^$' -fuzz '^FuzzParse$' -fuzztime 60s -fuzzminimizetime 2s ./report
func FuzzParse(f *testing.F) {
	for _, name := range []string{seedFile, guangxiFile + ".txt", jilinFile + ".txt"} {
		f.Add(readTestdata(f, name))
	}
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		doc, err := ParseString(text)
		if err != nil {
			if !isParseError(err) {
				t.Fatalf("ParseString(%q) error = %v (%T), want a *ParseError wrapping a sentinel", text, err, err)
			}
			var pe *ParseError
			errors.As(err, &pe)
			if pe.Offset < 0 || pe.Offset > len(text) {
				t.Fatalf("ParseString(%q) error offset %d outside [0, %d]", text, pe.Offset, len(text))
			}
			switch {
			case strings.IndexByte(text, 0) >= 0:
				if !errors.Is(err, ErrBinary) {
					t.Fatalf("ParseString(%q) with a NUL byte: error = %v, want ErrBinary", text, err)
				}
			case !utf8.ValidString(text):
				if !errors.Is(err, ErrInvalidUTF8) {
					t.Fatalf("ParseString(%q) error = %v, want ErrInvalidUTF8", text, err)
				}
				if want := invalidOffset(text); pe.Offset != want {
					t.Fatalf("ParseString(%q) error offset = %d, want %d", text, pe.Offset, want)
				}
			}
			return
		}
		if !utf8.ValidString(text) {
			t.Fatalf("ParseString(%q) accepted invalid UTF-8", text)
		}
		if doc.Text != text {
			t.Fatalf("ParseString: Text is not the input")
		}
		for _, e := range checkInvariants(doc) {
			t.Errorf("ParseString(%q): %v", squeeze(text), e)
		}
	})
}

// invalidOffset is a naive search for the first byte that is not part of
// a valid UTF-8 sequence.
func invalidOffset(s string) int {
	b := []byte(s)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// FuzzOffsets checks that ByteToRune and RuneToByte are inverse and agree
// with a naive []rune conversion, on valid and invalid UTF-8 alike.
func FuzzOffsets(f *testing.F) {
	f.Add(readTestdata(f, seedFile)[:3000])
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add(strings.Repeat("a中", 100))
	f.Add(strings.Repeat("𝄞", 130))
	f.Fuzz(func(t *testing.T, text string) {
		o := NewOffsets(text)
		// Naive tables: the byte offset of each code point as a range
		// loop sees them (an invalid byte is one code point).
		var starts []int
		for i := range text {
			starts = append(starts, i)
		}
		n := len(starts)
		if o.Len() != n {
			t.Fatalf("NewOffsets(%q).Len() = %d, want %d", text, o.Len(), n)
		}
		if utf8.ValidString(text) && n != len([]rune(text)) {
			t.Fatalf("range loop and []rune disagree on %q", text)
		}
		starts = append(starts, len(text))
		for r := 0; r <= n; r++ {
			b := o.RuneToByte(r)
			if b != starts[r] {
				t.Fatalf("RuneToByte(%d) = %d, want %d (text %q)", r, b, starts[r], text)
			}
			if got := o.ByteToRune(b); got != r {
				t.Fatalf("ByteToRune(RuneToByte(%d)) = %d, want %d (text %q)", r, got, r, text)
			}
		}
		// Every byte offset, including ones inside a sequence, maps to
		// the number of code points that start before it.
		k := 0
		for b := 0; b <= len(text); b++ {
			for k+1 <= n && starts[k+1] <= b {
				k++
			}
			// Inside a sequence (starts[k] < b) the partial rune is not
			// reached either, so the answer is k in both cases.
			want := k
			if got := o.ByteToRune(b); got != want {
				t.Fatalf("ByteToRune(%d) = %d, want %d (text %q)", b, got, want, text)
			}
		}
		// Clamping.
		if got := o.RuneToByte(-1); got != 0 {
			t.Errorf("RuneToByte(-1) = %d, want 0", got)
		}
		if got := o.RuneToByte(n + 5); got != len(text) {
			t.Errorf("RuneToByte(%d) = %d, want %d", n+5, got, len(text))
		}
		if got := o.ByteToRune(len(text) + 5); got != n {
			t.Errorf("ByteToRune(%d) = %d, want %d", len(text)+5, got, n)
		}
		// Slice agrees with []rune on valid text.
		if utf8.ValidString(text) && n > 0 {
			rs := []rune(text)
			for _, s := range []Span{{0, n}, {n / 3, n / 2}, {n / 2, n}, {n - 1, n}} {
				if got, want := o.Slice(s), string(rs[s.Start:s.End]); got != want {
					t.Errorf("Slice(%v) = %q, want %q", s, got, want)
				}
			}
		}
		if !bytes.Equal([]byte(o.Slice(Span{0, n})), []byte(text)) {
			t.Errorf("Slice(0, Len) is not the whole text")
		}
	})
}
