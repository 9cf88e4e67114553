package ingest_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"strings"

	"github.com/reportbot/reportbot/ingest"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// A GBK text file is detected, decoded and said to be GB18030.
func ExampleRead() {
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String("一、2023年工作总结\r\n  全年规上工业总产值494.91亿元。\r\n")
	doc, err := ingest.Read(context.Background(), bytes.NewReader([]byte(gbk)), "report.txt")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(doc.Format, doc.Encoding)
	fmt.Print(doc.Text)
	// Output:
	// txt GB18030
	// 一、2023年工作总结
	//   全年规上工业总产值494.91亿元。
}

// A PDF's lines come back as paragraphs, without the running header and
// page number of its pages.
func ExampleReadFile() {
	doc, err := ingest.ReadFile(context.Background(), "testdata/short.pdf")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(doc.Name, doc.Format)
	fmt.Print(doc.Text[:bytes.IndexByte([]byte(doc.Text), '\n')+1])
	// Output:
	// short.pdf pdf
	// 2024年观湖街道党工委工作报告
}

// Load reads and parses; the figures are the report's.
func ExampleLoad() {
	rep, doc, err := ingest.Load(context.Background(), "testdata/short.docx")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(doc.Format, rep.Parts[0].Number, rep.Parts[0].Title)
	for _, f := range rep.Figures {
		if strings.HasSuffix(f.Raw, "亿元") {
			fmt.Println(f.Raw, f.Value)
			break
		}
	}
	// Output:
	// docx 一 2023年工作总结
	// 494.91亿元 494.91
}

// A legacy Word file is refused with what to do about it.
func ExampleError() {
	doc := append([]byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}, []byte("W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t\x00")...)
	_, err := ingest.Read(context.Background(), bytes.NewReader(doc), "report.doc")
	var e *ingest.Error
	fmt.Println(errors.Is(err, ingest.ErrUnsupported), errors.As(err, &e), e.Path)
	fmt.Println(err)
	// Output:
	// true true report.doc
	// ingest: report.doc: unsupported file type: legacy Word .doc (OLE2); save it as .docx or .txt
}

// Walk lists the reports in a directory.
func ExampleWalk() {
	paths, err := ingest.Walk(context.Background(), "testdata")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(paths[0], len(paths) > 5)
	// Output:
	// testdata/seed.docx true
}
