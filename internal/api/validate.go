package api

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"sort"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/validation"

	"devpath/internal/account"
	"devpath/internal/app"
)

// A write answers one 422 that lists every bad field: Huma's schema problems
// (a wrong type, an unknown enum value) and the domain's (an hour count out
// of range, a taken email) together. Huma parses a body as far as it can
// even when the schema check failed, then runs every huma.Resolver of the
// input and adds their errors to its own; the write inputs' resolvers call
// checkBody, which runs the domain's validation on the parsed body.

type handlerKey struct{}

// inContext gives resolvers the handler's services: Huma hands a resolver
// nothing but the request's context.
func (h *Handler) inContext(ctx huma.Context, next func(huma.Context)) {
	next(huma.WithValue(ctx, handlerKey{}, h))
}

// domainProblem is a field problem found by the domain, told apart from
// Huma's own so that oneProblemPerField can prefer it.
type domainProblem struct{ *huma.ErrorDetail }

// checkBody runs check, the domain's validation of a body, before the
// handler, and returns its field problems for Huma's 422. Any other failure
// (not found, too many requests, a database error) is left to the handler,
// which meets it again and answers it.
func checkBody(ctx huma.Context, check func(context.Context, *Handler, account.Principal) error) []error {
	h, _ := ctx.Context().Value(handlerKey{}).(*Handler)
	if h == nil {
		return nil
	}
	p, _ := account.FromContext(ctx.Context())
	var e *app.Error
	if err := check(ctx.Context(), h, p); !errors.As(err, &e) || e.Code != app.Invalid {
		return nil
	}
	details := fieldDetails(e)
	out := make([]error, len(details))
	for i, d := range details {
		out[i] = &domainProblem{d}
	}
	return out
}

// fieldDetails lists an error's field problems by location; an Invalid
// error that names no field is a problem of the whole body.
func fieldDetails(e *app.Error) []*huma.ErrorDetail {
	if len(e.Fields) == 0 && e.Code == app.Invalid {
		return []*huma.ErrorDetail{{Location: "body", Message: e.Message}}
	}
	fields := make([]string, 0, len(e.Fields))
	for f := range e.Fields {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	out := make([]*huma.ErrorDetail, len(fields))
	for i, f := range fields {
		out[i] = &huma.ErrorDetail{Location: location(f), Message: e.Fields[f]}
	}
	return out
}

// kindWords says in words what Huma's schema check says of a value of the
// wrong JSON type.
var kindWords = map[string]string{
	validation.MsgExpectedString:  "must be text",
	validation.MsgExpectedInteger: "must be a whole number",
	validation.MsgExpectedNumber:  "must be a number",
	validation.MsgExpectedBoolean: "must be true or false",
	validation.MsgExpectedArray:   "must be a list",
	validation.MsgExpectedObject:  "must be an object",
}

var missingProperty = regexp.MustCompile(`^expected required property (\S+) to be present$`)

// Ranks of a problem: where two name one location, the higher one is said.
// A wrong type outranks the domain, which could only judge the empty value
// the field was left with; the domain outranks the rest of the schema
// check, as it says more ("must be from 1 to 80", not "expected number <= 80").
const (
	rankSchema = iota
	rankDomain
	rankType
)

// schemaProblem puts one of Huma's problems in words, moves a missing
// property's problem onto the property, where the domain names it too,
// and ranks it.
func schemaProblem(d *huma.ErrorDetail) int {
	if loc, words, ok := plainJSONError(d.Message); ok {
		d.Location, d.Message = loc, words
		return rankType
	}
	if words, ok := kindWords[d.Message]; ok {
		d.Message = words
		return rankType
	}
	if m := missingProperty.FindStringSubmatch(d.Message); m != nil {
		d.Location, d.Message = d.Location+"."+m[1], "is required"
	}
	return rankSchema
}

// oneProblemPerField keeps, for each location, only the problems of the
// highest rank found there, sorted by location. The domain's problems are
// dropped unless the answer is a 422: a body that could not be read (400,
// 415) has no fields to judge.
func oneProblemPerField(status int, errs []error) []error {
	type ranked struct {
		d    *huma.ErrorDetail
		rank int
	}
	var all []ranked
	top := map[string]int{}
	for _, err := range errs {
		r := ranked{rank: rankSchema}
		switch e := err.(type) {
		case nil:
			continue
		case *domainProblem:
			if status != http.StatusUnprocessableEntity {
				continue
			}
			r.d, r.rank = e.ErrorDetail, rankDomain
		case huma.ErrorDetailer:
			d := *e.ErrorDetail()
			d.Value = nil // never echo what was sent: it may be a password
			r.d, r.rank = &d, schemaProblem(&d)
		default:
			r.d = &huma.ErrorDetail{Message: err.Error()}
		}
		all = append(all, r)
		top[r.d.Location] = max(top[r.d.Location], r.rank)
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].d.Location < all[j].d.Location })
	out := make([]error, 0, len(all))
	for _, r := range all {
		if r.rank == top[r.d.Location] {
			out = append(out, r.d)
		}
	}
	return out
}
