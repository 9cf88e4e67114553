package ingest

import (
	"bytes"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Encoding names used in Document.Encoding.
const (
	encUTF8    = "UTF-8"
	encUTF8BOM = "UTF-8 (BOM)"
	encUTF16LE = "UTF-16LE"
	encUTF16BE = "UTF-16BE"
	encGB18030 = "GB18030"
)

// decodeText decodes a text file: UTF-8 (a BOM stripped), UTF-16 with a BOM
// or, without one, when NULs show it, and otherwise GB18030 (which reads
// GBK and GB2312). UTF-8 comes back byte for byte; decoded text has its line
// ends normalised to \n.
func decodeText(data []byte) (text, encoding string, err error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data, encoding = data[3:], encUTF8BOM
		if !utf8.Valid(data) {
			return "", "", badUTF8(data)
		}
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		return decodeUTF16(data[2:], false, encUTF16LE)
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return decodeUTF16(data[2:], true, encUTF16BE)
	case utf8.Valid(data):
		encoding = encUTF8
	default:
		if damagedUTF8(data) {
			return "", "", badUTF8(data)
		}
		return decodeGB18030(data)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		if be, ok := utf16NoBOM(data); ok {
			name := encUTF16LE
			if be {
				name = encUTF16BE
			}
			return decodeUTF16(data, be, name)
		}
	}
	text = string(data)
	if err := checkDecoded(text); err != nil {
		return "", "", err
	}
	return text, encoding, nil
}

// badUTF8 explains a UTF-8 file with damaged bytes.
func badUTF8(data []byte) error {
	i := 0
	for i < len(data) {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		i += n
	}
	return failf(ErrEncoding, "UTF-8 text with an invalid byte at offset %d; the file may be damaged or cut off: download it again or re-save it as UTF-8", i)
}

// damagedUTF8 reports whether data is mostly well-formed UTF-8 with a few
// bad bytes, as opposed to a legacy encoding: GBK text almost never forms
// valid multi-byte UTF-8 sequences.
func damagedUTF8(data []byte) bool {
	good, bad := 0, 0
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			bad++
		case n > 1:
			good++
		}
		i += n
	}
	return good >= 8 && bad*20 <= good
}

// utf16NoBOM reports whether data, which has NUL bytes, is UTF-16 without a
// BOM: ASCII-heavy UTF-16 has a NUL in every other byte.
func utf16NoBOM(data []byte) (bigEndian, ok bool) {
	if len(data)%2 != 0 || len(data) < 4 {
		return false, false
	}
	var even, odd int
	for i, b := range data {
		if b == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	half := len(data) / 2
	switch {
	case odd*10 >= half*3 && even*20 < odd:
		return false, true
	case even*10 >= half*3 && odd*20 < even:
		return true, true
	}
	return false, false
}

// decodeUTF16 decodes UTF-16 text without its BOM.
func decodeUTF16(data []byte, bigEndian bool, name string) (string, string, error) {
	if len(data)%2 != 0 {
		return "", "", failf(ErrEncoding, "%s text with an odd number of bytes; the file is cut off or not UTF-16: re-save it as UTF-8", name)
	}
	u := make([]uint16, len(data)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			u[i] = uint16(data[2*i]) | uint16(data[2*i+1])<<8
		}
	}
	text := normalizeNewlines(string(utf16.Decode(u)))
	if err := checkDecoded(text); err != nil {
		return "", "", err
	}
	return text, name, nil
}

// decodeGB18030 decodes GB18030 (and so GBK and GB2312) text, or says it is
// not text.
func decodeGB18030(data []byte) (string, string, error) {
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", failf(ErrEncoding, "neither UTF-8 nor GB18030: %v; re-save the file as UTF-8", err)
	}
	text := normalizeNewlines(string(out))
	if err := checkDecoded(text); err != nil {
		return "", "", err
	}
	return text, encGB18030, nil
}

// checkDecoded rejects text that decoded to garbage: NULs, many control
// characters, replacement characters or private-use code points are binary
// data or a wrong guess of the encoding. Empty text is ErrNoText.
func checkDecoded(text string) error {
	if strings.IndexByte(text, 0) >= 0 {
		return failf(ErrEncoding, "binary data (NUL bytes), not text in UTF-8, UTF-16 or GB18030; save the report as .txt, .docx or .pdf")
	}
	bad, letters := 0, 0
	for _, r := range text {
		switch {
		case r == '\n' || r == '\r' || r == '\t' || r == '\f' || r == '\v':
		case r < 0x20 || r == 0x7f || r == utf8.RuneError || r >= 0xe000 && r <= 0xf8ff:
			bad++
		case !isSpace(r):
			letters++
		}
	}
	if letters == 0 && bad == 0 {
		return failf(ErrNoText, "the file holds only white space")
	}
	if bad > 0 && bad*20 > letters {
		return failf(ErrEncoding, "binary data or an unknown encoding (%d of %d characters unreadable); save the report as UTF-8 text", bad, bad+letters)
	}
	return nil
}

// normalizeNewlines turns \r\n and lone \r into \n.
func normalizeNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}
