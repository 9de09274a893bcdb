package web

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/httpx"
	"devpath/internal/practice"
	"devpath/internal/roadmap"
)

// areaTitles head the groups of exercises on the practice page.
var areaTitles = map[practice.Area]string{
	practice.AreaSelect:      "Choosing columns",
	practice.AreaFilter:      "Filtering rows",
	practice.AreaSort:        "Sorting",
	practice.AreaNull:        "Missing values (NULL)",
	practice.AreaJoin:        "Joins",
	practice.AreaGroup:       "Grouping and aggregates",
	practice.AreaSubquery:    "Subqueries",
	practice.AreaWindow:      "Window functions",
	practice.AreaCTE:         "Common table expressions",
	practice.AreaIndex:       "Indexes and query plans",
	practice.AreaTransaction: "Transactions",
	practice.AreaDesign:      "Schema design",
}

// exerciseArea is one group of exercises on the practice page.
type exerciseArea struct {
	Title     string
	Passed    int
	Exercises []exerciseItem
}

type exerciseItem struct {
	practice.Brief
	Passed bool
}

// exerciseAreas groups the exercises by area, in catalog order, with the
// viewer's passes.
func (w *Web) exerciseAreas(r *http.Request) ([]exerciseArea, error) {
	passed, err := w.passedExercises(r)
	if err != nil {
		return nil, err
	}
	var areas []exerciseArea
	index := map[practice.Area]int{}
	for _, b := range w.Exercises.Briefs() {
		i, seen := index[b.Area]
		if !seen {
			i, index[b.Area] = len(areas), len(areas)
			areas = append(areas, exerciseArea{Title: areaTitles[b.Area]})
		}
		areas[i].Exercises = append(areas[i].Exercises, exerciseItem{Brief: b, Passed: passed[b.ID]})
		if passed[b.ID] {
			areas[i].Passed++
		}
	}
	return areas, nil
}

// passedExercises returns the exercises the viewer has passed; none for a visitor.
func (w *Web) passedExercises(r *http.Request) (map[string]bool, error) {
	if p, ok := account.FromContext(r.Context()); ok {
		return w.Exercises.Progress(r.Context(), p.User.ID)
	}
	return map[string]bool{}, nil
}

type exercisePage struct {
	Exercise practice.Brief
	Prompt   template.HTML
	Hints    []template.HTML
	Schema   string
	Roadmap  string         // the slug of Topic's roadmap
	Topic    *roadmap.Topic // the topic it practises; nil when the roadmap lacks it
	Passed   bool
	Next     *practice.Brief // the exercise to go on to; nil when all are passed
	Result   *attemptView    // the answer just graded
	Attempts []attemptRow
}

// attemptRow is one line of the history: an attempt, and its answer's
// first line to recognise it by.
type attemptRow struct {
	practice.Attempt
	FirstLine string
}

func newAttemptRows(as []practice.Attempt) []attemptRow {
	rows := make([]attemptRow, len(as))
	for i, a := range as {
		first, _, more := strings.Cut(strings.TrimSpace(a.Answer), "\n")
		if r := []rune(first); len(r) > 60 {
			first, more = string(r[:60]), true
		}
		if more {
			first += " …"
		}
		rows[i] = attemptRow{Attempt: a, FirstLine: first}
	}
	return rows
}

// attemptView is a graded answer as the page shows it.
type attemptView struct {
	Verdict   practice.Outcome
	Message   template.HTML
	TopicDone bool
	Result    resultTable // the learner's result on the sample data
	More      int         // rows of it not shown
	Diff      *diffView
}

// diffView is the grader's diff with its rows ready to print.
type diffView struct {
	Kind         practice.DiffKind
	OnHidden     bool // found on the hidden dataset, not the sample
	WantColumns  []string
	GotColumns   []string
	Missing      resultTable
	MissingCount int
	Extra        resultTable
	ExtraCount   int
	Position     int // the first row out of order
	WantRow      resultTable
	GotRow       resultTable
}

// resultTable is a table of values as SQL results print them.
type resultTable struct {
	Columns []string
	Rows    [][]cell
}

// cell is one value of a result table.
type cell struct {
	Text string
	Null bool
}

func newAttemptView(res practice.Result) *attemptView {
	v := res.Verdict
	av := &attemptView{Verdict: v.Verdict, Message: markdown(v.Message), TopicDone: res.TopicDone,
		Result: newResultTable(v.Columns, v.Rows...), More: v.TotalRows - len(v.Rows)}
	if d := v.Diff; d != nil {
		// rows differ only once the columns match, so the learner's names fit them
		av.Diff = &diffView{Kind: d.Kind, OnHidden: d.Dataset == practice.Hidden,
			WantColumns: d.WantColumns, GotColumns: d.GotColumns,
			Missing: newResultTable(v.Columns, d.Missing...), MissingCount: d.MissingCount,
			Extra: newResultTable(v.Columns, d.Extra...), ExtraCount: d.ExtraCount, Position: d.Position}
		if d.Kind == practice.DiffOrder {
			av.Diff.WantRow, av.Diff.GotRow = newResultTable(v.Columns, d.WantRow), newResultTable(v.Columns, d.GotRow)
		}
	}
	return av
}

func newResultTable(columns []string, rows ...[]any) resultTable {
	t := resultTable{Columns: columns, Rows: make([][]cell, len(rows))}
	for i, r := range rows {
		t.Rows[i] = make([]cell, len(r))
		for j, v := range r {
			t.Rows[i][j] = newCell(v)
		}
	}
	return t
}

func newCell(v any) cell {
	switch x := v.(type) {
	case nil:
		return cell{Text: "NULL", Null: true}
	case int64:
		return cell{Text: strconv.FormatInt(x, 10)}
	case float64:
		return cell{Text: strconv.FormatFloat(x, 'f', -1, 64)}
	case string:
		return cell{Text: x}
	}
	return cell{Text: fmt.Sprint(v)} // a blob, already written as X'..'
}

func (w *Web) exercisePage(rw http.ResponseWriter, r *http.Request) {
	w.renderExercise(rw, r, nil, nil)
}

// gradeAnswer grades the form's answer and shows the page again with the
// result: a plain form post, which htmx, when present, turns into a swap
// of the result alone.
func (w *Web) gradeAnswer(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	res, err := w.Exercises.Attempt(r.Context(), p.User.ID, r.PathValue("id"), r.PostForm.Get("answer"))
	if err != nil {
		w.renderExercise(rw, r, nil, err)
		return
	}
	w.renderExercise(rw, r, &res, nil)
}

func (w *Web) renderExercise(rw http.ResponseWriter, r *http.Request, res *practice.Result, formErr error) {
	page, err := w.buildExercisePage(r, res)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	v := w.view(r, page.Exercise.Title, page)
	status := http.StatusOK
	switch {
	case r.Method == http.MethodPost:
		v.Form.Set("answer", r.PostForm.Get("answer"))
	case len(page.Attempts) > 0:
		v.Form.Set("answer", page.Attempts[0].Answer) // carry on from the last answer
	}
	if formErr != nil {
		var e *app.Error
		if !errors.As(formErr, &e) || e.Code == app.Internal {
			w.fail(rw, r, formErr)
			return
		}
		v.Errors, v.Message = problemSentences(e.Fields), sentence(e.Message)
		if p, ok := v.Errors["answer"]; ok {
			v.Message = p // the page shows the message where the result goes, not under the field
		}
		// htmx swaps in only successful responses; this one carries the
		// message that belongs where the result would have been.
		if r.Header.Get("HX-Request") != "true" {
			status = httpx.Status(e.Code)
		}
	}
	w.render(rw, r, status, "exercise", v)
}

func (w *Web) buildExercisePage(r *http.Request, res *practice.Result) (exercisePage, error) {
	b, err := w.Exercises.Brief(r.PathValue("id"))
	if err != nil {
		return exercisePage{}, err
	}
	page := exercisePage{Exercise: b, Prompt: markdown(b.Prompt), Schema: w.Exercises.Schema()}
	for _, h := range b.Hints {
		page.Hints = append(page.Hints, markdown(h))
	}
	if slug, topic, ok := w.Exercises.Topic(b.ID); ok {
		if rm, err := w.Roadmaps.Get(slug); err == nil {
			page.Roadmap = slug
			page.Topic, _ = rm.Topic(topic)
		}
	}
	if res != nil {
		page.Result = newAttemptView(*res)
	}
	p, ok := account.FromContext(r.Context())
	if !ok {
		return page, nil
	}
	passed, err := w.Exercises.Progress(r.Context(), p.User.ID)
	if err != nil {
		return exercisePage{}, err
	}
	page.Passed = passed[b.ID]
	if next, ok := w.Exercises.After(b.ID, passed); ok {
		page.Next = &next
	}
	attempts, err := w.Exercises.Attempts(r.Context(), p.User.ID, b.ID)
	page.Attempts = newAttemptRows(attempts)
	return page, err
}
