package rag

import (
	"context"

	openai "github.com/sashabaranov/go-openai"

	"github.com/reportbot/reportbot/answer"
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

// The answer types live in package answer; these aliases keep rag's
// signatures readable while the engine moves.
type (
	Mode     = answer.Mode
	Citation = answer.Citation
	Answer   = answer.Answer
	Turn     = answer.Turn
	Request  = answer.Request
)

// The answer modes.
const (
	ModeExtractive = answer.ModeExtractive
	ModeLLM        = answer.ModeLLM
	ModeFallback   = answer.ModeFallback
)
