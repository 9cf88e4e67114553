package ingest

import (
	"bytes"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func utf16Bytes(s string, bigEndian, bom bool) []byte {
	var b []byte
	if bom {
		if bigEndian {
			b = append(b, 0xfe, 0xff)
		} else {
			b = append(b, 0xff, 0xfe)
		}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

func gbk(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecodeText(t *testing.T) {
	const text = "一、2023年工作总结\r\n  全年规上工业总产值494.91亿元。\r\n"
	tests := []struct {
		name     string
		data     []byte
		want     string
		encoding string
	}{
		// UTF-8 stays byte for byte, \r\n and all.
		{"utf8", []byte(text), text, "UTF-8"},
		{"utf8 bom", append([]byte("\ufeff"), text...), text, "UTF-8 (BOM)"},
		{"utf16le bom", utf16Bytes(text, false, true), "一、2023年工作总结\n  全年规上工业总产值494.91亿元。\n", "UTF-16LE"},
		{"utf16be bom", utf16Bytes(text, true, true), "一、2023年工作总结\n  全年规上工业总产值494.91亿元。\n", "UTF-16BE"},
		{"utf16le ascii no bom", utf16Bytes("Work report 2024\nGDP grew 5.2%\n", false, false), "Work report 2024\nGDP grew 5.2%\n", "UTF-16LE"},
		{"utf16be ascii no bom", utf16Bytes("Work report 2024\nGDP grew 5.2%\n", true, false), "Work report 2024\nGDP grew 5.2%\n", "UTF-16BE"},
		{"gbk crlf", gbk(t, text), "一、2023年工作总结\n  全年规上工业总产值494.91亿元。\n", "GB18030"},
		{"gb18030 cr", gbk(t, "一、总结\r二、安排\r"), "一、总结\n二、安排\n", "GB18030"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(t.Context(), bytes.NewReader(tt.data), "r.txt")
			if err != nil {
				t.Fatalf("Read(%s): %v", tt.name, err)
			}
			if doc.Text != tt.want || doc.Encoding != tt.encoding || doc.Format != TXT {
				t.Errorf("Read(%s) = %q, %q, %q; want %q, %q, txt", tt.name, doc.Text, doc.Encoding, doc.Format, tt.want, tt.encoding)
			}
		})
	}
}

// TestDetect checks that the content decides the format before the
// extension does.
func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want Format
	}{
		{"report.txt", []byte("%PDF-1.7\n"), PDF},
		{"report.pdf", []byte("一、2023年工作总结"), PDF},
		{"report", []byte("<!DOCTYPE html><p>x"), HTML},
		{"report.txt", []byte("\ufeff  <!-- saved --><html><body>x"), HTML},
		{"report.htm", []byte("plain words"), HTML},
		{"report.bin", []byte("PK\x03\x04"), DOCX},
		{"report", []byte("一、2023年工作总结"), TXT},
		{"report.md", []byte("# 一、总结"), TXT},
	}
	for _, tt := range tests {
		got, err := detect(tt.data, tt.name)
		if err != nil || got != tt.want {
			t.Errorf("detect(%q, %s) = %q, %v; want %q", tt.data, tt.name, got, err, tt.want)
		}
	}
}
