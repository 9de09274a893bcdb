package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"devpath/internal/account"
	"devpath/internal/practice"
)

type exerciseBody struct {
	practice.Brief
	Passed *bool `json:"passed,omitempty" doc:"whether I have passed it; only when logged in"`
}

type exercisesOutput struct {
	Body []exerciseBody
}

type exerciseOutput struct {
	Body exerciseBody
}

type exerciseIDInput struct {
	ID string `path:"id" doc:"an exercise id, such as select-all-areas"`
}

type attemptInput struct {
	ID   string `path:"id"`
	Body struct {
		Answer string `json:"answer" doc:"SQL: one statement, or several where the exercise allows them; at most 20 KB"`
	}
}

type attemptBody struct {
	ID         int64            `json:"id"`
	Exercise   string           `json:"exercise"`
	Verdict    practice.Outcome `json:"verdict" enum:"pass,fail,error"`
	Reason     practice.Reason  `json:"reason" doc:"for an error: sql, denied, timeout, too_many_rows, too_large, statements or internal"`
	Message    string           `json:"message" doc:"what the grader found, in plain words (Markdown)"`
	Diff       *practice.Diff   `json:"diff,omitempty" doc:"for a fail: the first difference from the expected result"`
	Columns    []string         `json:"columns,omitempty" doc:"my result on the sample data"`
	Rows       [][]any          `json:"rows,omitempty" doc:"its first rows"`
	TotalRows  int              `json:"total_rows"`
	DurationMS int64            `json:"duration_ms"`
	TopicDone  bool             `json:"topic_done" doc:"this pass completed every exercise of the topic, which is now marked done"`
	CreatedAt  time.Time        `json:"created_at"`
}

type attemptOutput struct {
	Body attemptBody
}

type attemptRecord struct {
	ID         int64            `json:"id"`
	Exercise   string           `json:"exercise"`
	Answer     string           `json:"answer"`
	Verdict    practice.Outcome `json:"verdict" enum:"pass,fail,error"`
	Reason     practice.Reason  `json:"reason"`
	Message    string           `json:"message"`
	DurationMS int64            `json:"duration_ms"`
	CreatedAt  time.Time        `json:"created_at"`
}

type attemptsOutput struct {
	Body []attemptRecord
}

func (h *Handler) registerExercises(api huma.API) {
	tags := []string{"practice"}
	register(api, huma.Operation{OperationID: "list-exercises", Method: http.MethodGet, Path: "/api/v1/exercises",
		Summary: "SQL exercises", Description: "With a login, each says whether I have passed it.", Tags: tags}, h.listExercises)
	register(api, huma.Operation{OperationID: "get-exercise", Method: http.MethodGet, Path: "/api/v1/exercises/{id}",
		Summary: "One SQL exercise: its prompt and hints", Tags: tags}, h.getExercise)
	registerUser(api, huma.Operation{OperationID: "attempt-exercise", Method: http.MethodPost, Path: "/api/v1/exercises/{id}/attempts",
		Summary: "Have my answer graded",
		Description: "Runs the answer on the sample data and on a hidden dataset with the same tables, and compares it with " +
			"the reference. A wrong answer, or one that cannot run, is still a graded attempt (200, verdict fail or error). " +
			"429 when too many answers are being graded at once: try again after Retry-After.",
		Tags: tags}, h.postAttempt)
	registerUser(api, huma.Operation{OperationID: "list-attempts", Method: http.MethodGet, Path: "/api/v1/exercises/{id}/attempts",
		Summary: "My attempts at an exercise, newest first", Tags: tags}, h.listAttempts)
}

// passed returns the exercises the caller has passed, or nil for a visitor.
func (h *Handler) passed(ctx context.Context) (map[string]bool, error) {
	p, ok := account.FromContext(ctx)
	if !ok {
		return nil, nil
	}
	return h.Exercises.Progress(ctx, p.User.ID)
}

func toExerciseBody(b practice.Brief, passed map[string]bool) exerciseBody {
	out := exerciseBody{Brief: b}
	if passed != nil {
		ok := passed[b.ID]
		out.Passed = &ok
	}
	return out
}

func (h *Handler) listExercises(ctx context.Context, _ *struct{}) (*exercisesOutput, error) {
	passed, err := h.passed(ctx)
	if err != nil {
		return nil, err
	}
	briefs := h.Exercises.Briefs()
	out := &exercisesOutput{Body: make([]exerciseBody, len(briefs))}
	for i, b := range briefs {
		out.Body[i] = toExerciseBody(b, passed)
	}
	return out, nil
}

func (h *Handler) getExercise(ctx context.Context, in *exerciseIDInput) (*exerciseOutput, error) {
	b, err := h.Exercises.Brief(in.ID)
	if err != nil {
		return nil, err
	}
	passed, err := h.passed(ctx)
	if err != nil {
		return nil, err
	}
	return &exerciseOutput{Body: toExerciseBody(b, passed)}, nil
}

func (h *Handler) postAttempt(ctx context.Context, p account.Principal, in *attemptInput) (*attemptOutput, error) {
	res, err := h.Exercises.Attempt(ctx, p.User.ID, in.ID, in.Body.Answer)
	if err != nil {
		return nil, err
	}
	a, v := res.Attempt, res.Verdict
	return &attemptOutput{Body: attemptBody{ID: a.ID, Exercise: a.Exercise, Verdict: v.Verdict, Reason: v.Reason,
		Message: v.Message, Diff: v.Diff, Columns: v.Columns, Rows: v.Rows, TotalRows: v.TotalRows,
		DurationMS: v.Duration.Milliseconds(), TopicDone: res.TopicDone, CreatedAt: a.CreatedAt}}, nil
}

func (h *Handler) listAttempts(ctx context.Context, p account.Principal, in *exerciseIDInput) (*attemptsOutput, error) {
	as, err := h.Exercises.Attempts(ctx, p.User.ID, in.ID)
	if err != nil {
		return nil, err
	}
	out := &attemptsOutput{Body: make([]attemptRecord, len(as))}
	for i, a := range as {
		out.Body[i] = attemptRecord{ID: a.ID, Exercise: a.Exercise, Answer: a.Answer, Verdict: a.Verdict, Reason: a.Reason,
			Message: a.Message, DurationMS: a.Duration.Milliseconds(), CreatedAt: a.CreatedAt}
	}
	return out, nil
}
