// Package ingest reads Chinese work reports in the forms people have them
// (text files in UTF-8, UTF-16 or GB18030/GBK, saved web pages, Word .docx
// and PDF) and returns the text that [report.Parse] gets.
//
// # Overview
//
// [ReadFile] and [Read] recognise the format from the content (%PDF, a zip
// holding word/document.xml, an HTML start, byte-order marks) and then
// from the extension, and return a [*Document]: its name, format, encoding
// and text. [Load] also parses the text. [Walk] lists the readable files
// under a directory.
//
// The text of a UTF-8 .txt is the file byte for byte (less a BOM), so
// spans of the parsed report can be checked against the file. Other
// encodings are decoded with golang.org/x/text and have their line ends
// normalised. Web pages, .docx and PDF files become one paragraph per
// line: a page's main content without its navigation, a document's
// paragraphs and table cells, a PDF's text layer with its lines joined
// back into paragraphs and its page headers, footers and numbers dropped.
//
// # Errors
//
// A file that cannot be read gets an [*Error] with its path and format,
// wrapping one of the sentinels [ErrUnsupported] (a legacy .doc, an image,
// an archive), [ErrEncoding] (binary data, damaged UTF-8), [ErrNoText] (an
// empty file, a scanned PDF without a text layer), [ErrEncrypted],
// [ErrTooLarge] (over [MaxSize], or a compressed file that unpacks past
// the limits against zip bombs) and [ErrCorrupt] (a truncated zip, a
// broken PDF). Its message says what the file is and what to do. Reading
// never panics and its work is bounded; it stops when ctx is done.
//
// # Dependencies
//
// ingest imports report, golang.org/x/text (encodings), golang.org/x/net
// (HTML) and github.com/ledongthuc/pdf (PDF objects, fonts and content
// streams, pure Go). It does no network I/O and keeps no state; every
// function is safe for concurrent use.
//
// # Usage
//
//	rep, doc, err := ingest.Load(ctx, "2024年政府工作报告.pdf")
//	if errors.Is(err, ingest.ErrNoText) { ... run OCR first ... }
//	fmt.Println(doc.Format, doc.Encoding, len(rep.Figures))
//
// The test fixtures in testdata are made by internal/fixturegen from the
// seed report; go generate rebuilds them (the PDF needs LibreOffice).
package ingest

//go:generate go run ./internal/fixturegen
