// Package api is devpath's JSON API under /api/v1, described by the OpenAPI
// document that Huma builds from the handlers' types.
package api

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/httpx"
)

// Handler holds the services behind the API.
type Handler struct {
	httpx.Services
	api           huma.API
	putProgressOp *huma.Operation // for errors the plain progress write answers itself
}

// Mount registers the API and its OpenAPI document on mux.
func Mount(mux *http.ServeMux, s httpx.Services) huma.API {
	cfg := huma.DefaultConfig("devpath", s.Version)
	cfg.Info.Description = "Learn backend development, practise, build a portfolio and find a job."
	cfg.OpenAPIPath = "/api/openapi"
	cfg.DocsPath = "" // our own page, which loads nothing from other sites: mountDocs
	cfg.SchemasPath = "/api/schemas"
	cfg.CreateHooks = nil // no $schema field in every body: clients rely on the fields DESIGN.md lists
	cfg.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"bearer": {Type: "http", Scheme: "bearer", Description: "a session token from POST /api/v1/sessions or a personal access token"},
		"cookie": {Type: "apiKey", In: "cookie", Name: httpx.CookieName},
	}
	quietErrors.Do(func() { huma.NewErrorWithContext = withoutValues }) // Huma's hook is package-wide
	h := &Handler{Services: s}
	api := humago.New(fastMux{mux, map[string]fastHandler{putProgressPattern: h.putProgressFast()}}, cfg)
	h.api = api
	mountDocs(mux)
	api.UseMiddleware(h.inContext) // before any operation is registered: Huma reads the list then
	h.registerAccounts(api)
	h.registerRoadmaps(api)
	h.registerProgress(api)
	h.registerPlans(api)
	h.registerChecks(api)
	h.registerExercises(api)
	h.registerApplications(api)
	h.registerContacts(api)
	h.registerEvents(api)
	h.registerCommunities(api)
	h.registerResumes(api)
	h.registerMatch(api)
	h.registerPortfolio(api)
	h.registerNotifications(api)
	h.registerCohorts(api)
	h.registerCredentials(api)
	h.registerStories(api)
	h.registerMentors(api)
	h.registerSessions(api)
	h.putProgressOp = api.OpenAPI().Paths["/api/v1/me/progress/{slug}/topics/{id}"].Put
	return api
}

var quietErrors sync.Once

// withoutValues builds Huma's own errors (validation, media type) with the
// values that were sent left out: an error must never echo a secret, and
// Huma would echo a whole body, password included, for one extra field.
// The problems are in words, one per field (see oneProblemPerField).
func withoutValues(_ huma.Context, status int, msg string, errs ...error) huma.StatusError {
	return huma.NewError(status, msg, oneProblemPerField(status, errs)...)
}

// goTypeError is encoding/json's message for a value of the wrong kind,
// which names Go types a person should never read.
var goTypeError = regexp.MustCompile(`^json: cannot unmarshal (\w+)(?: \S+)? into Go (?:struct field \w+\.(\S+)|value) of type (\S+)$`)

// plainJSONError turns encoding/json's type error into a location and a
// sentence: "body.hours_per_week", "must be a whole number in range".
func plainJSONError(msg string) (location, words string, ok bool) {
	m := goTypeError.FindStringSubmatch(msg)
	if m == nil {
		return "", "", false
	}
	location = "body"
	if m[2] != "" {
		location += "." + m[2]
	}
	goType := strings.TrimLeft(m[3], "[]*")
	switch {
	case strings.HasPrefix(m[3], "[]"):
		words = "must be a list"
	case strings.Contains(goType, "int"):
		words = "must be a whole number within range"
	case strings.HasPrefix(goType, "float"):
		words = "must be a number within range"
	case goType == "string" || strings.HasSuffix(m[3], "Status") || strings.HasSuffix(m[3], "Stage"):
		words = "must be text"
	case goType == "bool":
		words = "must be true or false"
	default:
		words = "must be an object"
	}
	return location, words, true
}

// registerUser adds an operation for logged-in users: anyone else gets 401,
// and the handler receives who is asking.
func registerUser[I, O any](api huma.API, op huma.Operation, h func(context.Context, account.Principal, *I) (*O, error)) {
	op.Security = []map[string][]string{{"bearer": {}}, {"cookie": {}}}
	op.Middlewares = append(op.Middlewares, requireUser(api))
	register(api, op, func(ctx context.Context, in *I) (*O, error) {
		p, err := account.Require(ctx)
		if err != nil {
			return nil, err
		}
		return h(ctx, p, in)
	})
}

// requireUser answers 401 before Huma reads the body, so that no body is
// checked (see checkBody) on behalf of nobody.
func requireUser(api huma.API) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		if _, err := account.Require(ctx.Context()); err != nil {
			se := problem(ctx.Context(), err).(huma.StatusError)
			huma.WriteErr(api, ctx, se.GetStatus(), se.Error())
			return
		}
		next(ctx)
	}
}

// register adds an operation whose handler returns domain errors; they are
// turned into problem+json here, in one place.
func register[I, O any](api huma.API, op huma.Operation, h func(context.Context, *I) (*O, error)) {
	// No read deadline from Huma: the body has been read in full before
	// Huma runs (httpx.RefuseBadText reads it; the server's ReadTimeout
	// bounds that), and a deadline set now would land on the connection's
	// background read, which net/http starts at the body's end, and cancel
	// the request's context five seconds later, mid-handler.
	op.BodyReadTimeout = -1
	huma.Register(api, op, func(ctx context.Context, in *I) (*O, error) {
		out, err := h(ctx, in)
		if err != nil {
			return nil, problem(ctx, err)
		}
		return out, nil
	})
}

// problem turns any error into an RFC 9457 problem; unknown errors are
// logged with the request id and shown without detail.
func problem(ctx context.Context, err error) error {
	var se huma.StatusError
	if errors.As(err, &se) {
		return err // already an HTTP problem, from Huma or a handler
	}
	var e *app.Error
	if !errors.As(err, &e) {
		app.Logger(ctx).Error("internal error", "err", err)
		return huma.Error500InternalServerError("internal error")
	}
	var details []error
	if len(e.Fields) > 0 {
		for _, d := range fieldDetails(e) {
			details = append(details, d)
		}
	}
	out := huma.NewError(httpx.Status(e.Code), e.Message, details...)
	if e.Code == app.TooMany {
		return huma.ErrorWithHeaders(out, http.Header{"Retry-After": {strconv.Itoa(60)}})
	}
	return out
}

// location says where a field is: in the body unless its name says otherwise.
// A field named by a path ("ops/0/index") is written as Huma writes its own
// locations ("body.ops[0].index"), so that both name a field alike; a JSON
// pointer into a document ("/work/0/name", in the master resume) stays one,
// as that operation documents.
func location(field string) string {
	if strings.HasPrefix(field, "query.") || strings.HasPrefix(field, "path.") {
		return field
	}
	if strings.HasPrefix(field, "/") || !strings.Contains(field, "/") {
		return "body." + field
	}
	var b strings.Builder
	b.WriteString("body")
	for _, part := range strings.Split(field, "/") {
		if _, err := strconv.Atoi(part); err == nil {
			b.WriteString("[" + part + "]")
		} else {
			b.WriteString("." + part)
		}
	}
	return b.String()
}
