package app

import (
	"context"
	"log/slog"
	"sync"
)

// request is what the context knows of the request being served. It is one
// context value, and its logger is made on first use: most requests log
// nothing, and a logger with an attribute costs allocations to make.
type request struct {
	id, addr string
	base     *slog.Logger
	once     sync.Once
	log      *slog.Logger
}

type requestKey struct{}

// WithRequest returns a context carrying the request's id and client address.
// Logger returns base with the id added.
func WithRequest(ctx context.Context, base *slog.Logger, id, addr string) context.Context {
	return context.WithValue(ctx, requestKey{}, &request{id: id, addr: addr, base: base})
}

// Logger returns the request-scoped logger, or one that discards when none was set.
func Logger(ctx context.Context) *slog.Logger {
	r, ok := ctx.Value(requestKey{}).(*request)
	if !ok {
		return slog.New(slog.DiscardHandler)
	}
	r.once.Do(func() { r.log = r.base.With("request_id", r.id) })
	return r.log
}

// ClientAddress returns the client's address, empty when unknown.
func ClientAddress(ctx context.Context) string {
	if r, ok := ctx.Value(requestKey{}).(*request); ok {
		return r.addr
	}
	return ""
}
