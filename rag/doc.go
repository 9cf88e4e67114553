// Package rag answers questions about parsed work reports with citations
// that can be checked: every citation carries the passage text and its
// [Start, End) offsets in code points of the report, and the text is
// exactly that slice of the source.
//
// # Overview
//
// [New] chunks one or more [report.Report] values along their structure
// (sentences of one section or item, never across), indexes the chunks
// lexically (BM25 over character bigrams) and as vectors in an in-memory
// chromem-go collection, and returns an [*Engine]. [Engine.Search] fuses
// the two rankings by reciprocal rank, boosts chunks that hold a figure
// whose metric the query names, and reranks by how much of the question
// the best sentence covers. [Engine.Ask] answers:
//
//   - offline by default: extractive and deterministic, from the model's
//     figures (value, unit, change, result or target) and the sentences
//     that state them; English questions get English answers whose figures
//     are copied from the passages;
//   - with an LLM ([WithLLM], any OpenAI-compatible server through
//     go-openai): the model writes the answer from numbered passages; [n]
//     markers are parsed, unknown ones dropped, and every number is checked
//     with [UnsupportedNumbers]; on any failure the extractive answer is
//     returned with Mode [ModeFallback] and a Note.
//
// A question the reports do not answer gets Answer.Answerable false, a
// plain statement and no citations: that is a result, not an error.
//
// # Embeddings
//
// Without options the engine uses [LocalEmbedder]: hashed character
// n-grams with TF-IDF weights, normalized, no network and no model files.
// [NewOpenAIEmbedder] embeds through any OpenAI-compatible /embeddings
// endpoint with batching, retries and timeouts; [WithPersistDir] keeps the
// vectors on disk so they are paid for once, and rebuilds them when the
// reports, the chunking or the embedder change.
//
// # Imports
//
// rag imports report, chromem-go and go-openai. It never reads environment
// variables and never logs unless given a logger ([WithLogger]). An Engine
// is safe for concurrent use.
//
// # Usage
//
//	doc, _ := report.Parse(r)
//	eng, err := rag.New(ctx, []*report.Report{doc})
//	ans, err := eng.Ask(ctx, rag.Request{Question: "2023年规上工业总产值是多少?"})
//	for _, c := range ans.Citations { fmt.Println(c.N, c.Label, c.Text, c.Start, c.End) }
package rag
