package serve

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
)

// apiError is an error response in OpenAI's shape:
// {"error":{"message","type","param","code"}}. Every route answers errors
// this way, the JSON API included, so one client-side handler reads them
// all.
type apiError struct {
	Status  int     `json:"-"`
	Message string  `json:"message"`
	Type    string  `json:"type"`
	Param   *string `json:"param"`
	Code    *string `json:"code"`
	// RetryAfter, when positive, is sent as the Retry-After header in
	// seconds.
	RetryAfter int `json:"-"`
}

func (e *apiError) Error() string { return e.Message }

// The error types OpenAI uses.
const (
	typeInvalidRequest = "invalid_request_error"
	typeAuth           = "authentication_error"
	typeNotFound       = "not_found_error"
	typeRateLimit      = "rate_limit_error"
	typeServer         = "server_error"
)

func strp(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// badRequest is a 400 about param.
func badRequest(param, code, format string, args ...any) *apiError {
	return &apiError{Status: http.StatusBadRequest, Type: typeInvalidRequest, Param: strp(param), Code: strp(code), Message: fmt.Sprintf(format, args...)}
}

func notFound(param, code, format string, args ...any) *apiError {
	return &apiError{Status: http.StatusNotFound, Type: typeNotFound, Param: strp(param), Code: strp(code), Message: fmt.Sprintf(format, args...)}
}

var (
	errUnauthorized = &apiError{Status: http.StatusUnauthorized, Type: typeAuth, Code: strp("invalid_api_key"),
		Message: "missing or incorrect bearer token: send Authorization: Bearer TOKEN"}
	errBusy = &apiError{Status: http.StatusServiceUnavailable, Type: typeServer, Code: strp("server_busy"),
		Message: "the server is busy; retry shortly", RetryAfter: 1}
	errInternal = &apiError{Status: http.StatusInternalServerError, Type: typeServer, Code: strp("internal_error"),
		Message: "the server could not answer; see its log"}
	errTimeout = &apiError{Status: http.StatusGatewayTimeout, Type: typeServer, Code: strp("timeout"),
		Message: "the answer took too long"}
	errForeignHost = &apiError{Status: http.StatusForbidden, Type: typeInvalidRequest, Code: strp("host_not_allowed"),
		Message: "without a token the server answers only requests addressed to localhost; set a token to serve other names"}
	errCrossSite = &apiError{Status: http.StatusForbidden, Type: typeInvalidRequest, Code: strp("cross_site"),
		Message: "cross-site browser requests are refused; list the origin in the server's CORS origins"}
	// errClientGone is logged when the client left before its answer
	// (499, as nginx logs it); nobody reads the response.
	errClientGone = &apiError{Status: 499, Type: typeInvalidRequest, Code: strp("client_closed_request"),
		Message: "the client closed the request"}
	errRouteNotFound = &apiError{Status: http.StatusNotFound, Type: typeNotFound, Code: strp("not_found"),
		Message: "no such route; see GET / or the package documentation"}
)

func errTooLarge(limit int64) *apiError {
	return &apiError{Status: http.StatusRequestEntityTooLarge, Type: typeInvalidRequest, Code: strp("request_too_large"),
		Message: fmt.Sprintf("the request body is larger than %d bytes", limit)}
}

func errRateLimited(retry int) *apiError {
	return &apiError{Status: http.StatusTooManyRequests, Type: typeRateLimit, Code: strp("rate_limit_exceeded"),
		Message: fmt.Sprintf("rate limit reached; retry in %d s", retry), RetryAfter: retry}
}

func errMethod(allow string) *apiError {
	return &apiError{Status: http.StatusMethodNotAllowed, Type: typeInvalidRequest, Code: strp("method_not_allowed"),
		Message: "method not allowed; use " + allow}
}

// writeError writes err as an OpenAI-shaped error. An error that is not
// an *apiError becomes a 500 whose message says nothing of the cause (the
// cause may quote an upstream body that holds an API key); the caller
// logs it.
func writeError(w http.ResponseWriter, err error) {
	var ae *apiError
	if !errors.As(err, &ae) {
		ae = errInternal
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Del("Content-Disposition")
	if ae.RetryAfter > 0 {
		h.Set("Retry-After", strconv.Itoa(ae.RetryAfter))
	}
	if ae.Status == http.StatusUnauthorized {
		h.Set("WWW-Authenticate", `Bearer realm="reportbot"`)
	}
	w.WriteHeader(ae.Status)
	json.NewEncoder(w).Encode(struct {
		Error *apiError `json:"error"`
	}{ae})
}
