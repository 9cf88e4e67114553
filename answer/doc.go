// Package answer holds the value types every front end shares: a question
// ([Request], [Turn]), its [Answer] and the [Citation]s that prove it. They
// live below the engine, so a chat front (bot, serve) imports what it uses
// without linking the vector store or the LLM client.
//
// A citation is checkable: Text is exactly the report's source text sliced
// at [Start, End) in Unicode code points.
//
// # Claim check
//
// [Check] decides whether an answer written by an LLM says only what the
// passages it cites say: every sentence with a claim must cite a passage,
// and its numbers (Arabic and Chinese numerals, with their 万/亿 scale and
// percent), years and dates, directions (增长 vs 下降) and content words
// must come from the passages it cites; numbers taken from the question,
// and sums or differences stated as facts, fail unless the caller computed
// them. [StreamChecker] applies the same check sentence by sentence to a
// streamed reply, so a front end never shows an unchecked sentence.
// [LooksLikeInstruction] spots passages that read as instructions to a
// model, which the engine marks as data and never uses as support.
//
// answer imports only the standard library and the module's stdlib-only
// lexicon packages.
package answer
