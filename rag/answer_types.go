package rag

import (
	"context"

	openai "github.com/sashabaranov/go-openai"
)

// EmbedFunc turns a text into a normalized embedding vector. It has the
// shape of chromem-go's EmbeddingFunc, so users never import chromem-go.
type EmbedFunc func(ctx context.Context, text string) ([]float32, error)

// ChatClient is the part of go-openai's client that the LLM answerer uses.
// *openai.Client satisfies it.
type ChatClient interface {
	CreateChatCompletion(ctx context.Context, req openai.ChatCompletionRequest) (openai.ChatCompletionResponse, error)
	CreateChatCompletionStream(ctx context.Context, req openai.ChatCompletionRequest) (*openai.ChatCompletionStream, error)
}

// Mode says how an answer was produced.
type Mode string

// The answer modes.
const (
	ModeExtractive Mode = "extractive" // offline, sentences and figures from the report
	ModeLLM        Mode = "llm"        // written by the LLM and checked
	ModeFallback   Mode = "fallback"   // the LLM failed or was not grounded; extractive answer shown
)

// Citation is one passage that supports an answer. Text is always
// exactly source[Start:End] in code points of the report it names.
type Citation struct {
	N         int    `json:"n"`          // the [n] marker in the answer
	ID        string `json:"id"`         // chunk ID
	Label     string `json:"label"`      // section label: 二(三) 聚焦交通畅行,…
	SectionID string `json:"section_id"` // report.Section.ID
	Report    string `json:"report"`     // report title
	Date      string `json:"date,omitempty"`
	Text      string `json:"text"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
}

// Answer is the result of a question. When the report does not answer
// it, Answerable is false, Text says so and Citations is empty.
type Answer struct {
	Question   string     `json:"question"`
	Text       string     `json:"answer"`
	Answerable bool       `json:"answerable"`
	Grounded   bool       `json:"grounded"` // every number in Text is in a cited passage or computed from them
	Mode       Mode       `json:"mode"`
	Note       string     `json:"note,omitempty"` // why a fallback happened, what was computed, …
	Citations  []Citation `json:"citations"`
}

// Turn is one earlier exchange of a conversation, for follow-up questions.
type Turn struct {
	Question string
	Answer   Answer
}

// Request is a question with its per-call parameters.
type Request struct {
	Question string
	// History holds earlier turns, oldest first; follow-ups like
	// 比上年增长多少? are resolved against them.
	History []Turn
	// Report limits the search to the report whose title or ID contains
	// it; empty means all loaded reports.
	Report string
	// Section limits the search to a section ID prefix (p2, p2s3).
	Section string
	// K is the number of passages to retrieve; 0 means 5.
	K int
	// OnDelta, when set and an LLM is configured, receives the streamed
	// text as it arrives. The final Answer is still returned (and may differ
	// if the streamed text failed the grounding check).
	OnDelta func(string)
}
