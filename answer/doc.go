// Package answer holds the value types every front end shares: a question
// ([Request], [Turn]), its [Answer] and the [Citation]s that prove it. They
// live below the engine, so a chat front (bot, serve) imports what it uses
// without linking the vector store or the LLM client.
//
// A citation is checkable: Text is exactly the report's source text sliced
// at [Start, End) in Unicode code points.
//
// answer imports only the standard library and report.
package answer
