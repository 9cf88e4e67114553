// Package retrieve finds the passages of government work reports that
// answer a question: it cuts parsed reports ([report.Report]) into
// chunks of whole sentences, indexes them lexically (BM25 over character
// bigrams) and as vectors, and fuses the two rankings.
//
//	ix, err := retrieve.New(ctx, docs, retrieve.WithNames(names...))
//	hits, err := ix.Search(ctx, retrieve.Query{Text: "粮食产量", K: 30})
//
// # Chunks
//
// [ChunkReport] keeps sentences whole, never crosses a section or an item,
// and names each chunk by its section path and ordinal (p2s3i2c1; r2/… for
// the second report), so that IDs stay the same across rebuilds. Every
// chunk's Text is exactly its report's text between Start and End, in
// code points.
//
// # Search
//
// The lexical half scores the query's terms ([Tokenize]) against posting
// lists whose term-frequency part was computed at build time, and keeps
// the best with a bounded heap. The vector half embeds the query (the
// offline [LocalEmbedder] by default, or a remote model such as
// [OpenAIEmbedder]) and asks chromem-go, which holds one in-memory
// collection per report, for the nearest chunks of the reports the query
// is routed to: all of them when there are at most 16 (or the query's
// Docs name at most 16), else those of the best lexical hits and those
// whose mean vector is nearest. The rankings are fused by reciprocal rank.
// When the vector half fails (a remote model is down), [Index.Search]
// returns the lexical hits and [Index.SearchDetail] says it did.
//
// # Persistence
//
// With [WithPersistDir], New keeps the index in a directory (the reports,
// their vectors and the local embedder's statistics, a few files) and
// reuses it while it fits; [Open] reopens it without the report files.
// Builds are atomic and take a lock; see WithPersistDir.
//
// An Index is safe for concurrent use. The package never reads the
// environment and logs only at Debug level through [WithLogger].
package retrieve
