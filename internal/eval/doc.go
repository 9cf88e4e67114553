// Package eval scores an engine on a question set the way
// shared/eval/score_qa.py scores the CLI's --json output: retrieval hit@k,
// full@k and MRR against evidence spans, answer accuracy by must_contain,
// refusals, numbers not found in the cited passages, and citation spans.
// It is internal: the CLI's eval command and the tests use it.
package eval
