package fakeopenai_test

import (
	"errors"
	"strings"
	"testing"

	openai "github.com/sashabaranov/go-openai"

	"github.com/reportbot/reportbot/internal/fakeopenai"
)

func TestEchoRepeatsTheKey(t *testing.T) {
	e := fakeopenai.NewEcho(t, 0)
	cfg := openai.DefaultConfig("sk-echo-me-0123456789")
	cfg.BaseURL = e.URL
	_, err := openai.NewClientWithConfig(cfg).CreateEmbeddings(t.Context(), openai.EmbeddingRequest{Input: []string{"x"}, Model: "m"})
	var apiErr *openai.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != 401 {
		t.Fatalf("CreateEmbeddings error = %v, want a 401 APIError", err)
	}
	if !strings.Contains(err.Error(), "sk-echo-me-0123456789") {
		t.Errorf("error %q does not echo the key", err)
	}
	if e.Requests() != 1 {
		t.Errorf("Requests() = %d, want 1", e.Requests())
	}
}
