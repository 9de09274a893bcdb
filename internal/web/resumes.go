package web

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/httpx"
	"devpath/internal/jobsearch"
	"devpath/internal/resume"
)

// resumePage is the master resume's page: the form to edit it, the same
// document as JSON, and the tailored copies.
type resumePage struct {
	HasMaster bool
	UpdatedAt time.Time
	Saved     bool
	Form      resumeFormView
	Document  string // the JSON text
	// DocumentProblems says, place by place, why a JSON document or file was not saved.
	DocumentProblems []string
	Tailored         []tailoredRow
	Applications     []option // for a new tailored copy
	inputs           map[string]namedInput
}

// fieldName names the form's inputs for the error summary, which knows
// only the fixed fields of other forms.
func (p resumePage) fieldName(field string) (string, int, bool) {
	n, ok := p.inputs[field]
	return n.label, n.rank, ok
}

// resumeEdit is what a request brings to the page beside the stored resume.
type resumeEdit struct {
	form     *resumeForm // the form as it was sent
	note     formNote    // what its add, remove or move button did
	json     *string     // the JSON text as it was sent
	err      error       // why it was not saved, with problems keyed as the page's fields
	problems []string    // in words: the form's problems at places it does not show
	// in words, place by place: the problems of a JSON document or file
	docProblems []string
}

func (w *Web) resumePage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	w.renderResume(rw, r, p, resumeEdit{})
}

// renderResume shows the page. What was sent with a failed save, or with a
// button that changes the form, is shown instead of the stored resume, so
// that nothing typed is lost.
func (w *Web) renderResume(rw http.ResponseWriter, r *http.Request, p account.Principal, edit resumeEdit) {
	page, err := w.resumePageFor(r, p, edit)
	switch {
	case err != nil:
		w.fail(rw, r, err)
	case edit.err != nil:
		w.formError(rw, r, "resume", "Your resume", page, edit.err)
	default:
		w.render(rw, r, http.StatusOK, "resume", w.view(r, "Your resume", page))
	}
}

// resumePageFor gathers the page: the stored resume, unless the request
// brings its own, and the lists beside it.
func (w *Web) resumePageFor(r *http.Request, p account.Principal, edit resumeEdit) (resumePage, error) {
	page := resumePage{Saved: r.URL.Query().Has("saved"), DocumentProblems: edit.docProblems}
	m, err := w.Resumes.Master(r.Context(), p.User.ID)
	switch {
	case err == nil:
		page.HasMaster, page.UpdatedAt, page.Document = true, m.UpdatedAt, string(m.Document)
	case app.ErrorCode(err) == app.NotFound:
		page.Document = starterResume(p.User)
	default:
		return page, err
	}
	if edit.form == nil {
		var doc map[string]any
		if err := decodeNumbers([]byte(page.Document), &doc); err != nil {
			return page, err
		}
		f := formFromDoc(doc)
		edit.form = &f
	}
	var problems map[string]string
	if e, ok := fieldError(edit.err); ok {
		problems = e.Fields
	}
	page.Form, page.inputs = edit.form.view(problems, edit.note)
	page.Form.Problems = edit.problems
	if edit.json != nil {
		page.Document = *edit.json
	}
	return page, w.resumeLists(r, p, &page)
}

// resumeLists fills in the tailored copies, and the applications a new copy can be for.
func (w *Web) resumeLists(r *http.Request, p account.Principal, page *resumePage) error {
	apps, err := w.Applications.List(r.Context(), p.User.ID, jobsearch.Filter{})
	if err != nil {
		return err
	}
	copies, err := w.Resumes.TailoredList(r.Context(), p.User.ID)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, a := range apps {
		names[a.ID] = applicationName(a)
	}
	for _, t := range copies {
		row := tailoredRow{TailoredResume: t}
		if t.ApplicationID != nil {
			row.Application = names[*t.ApplicationID]
		}
		page.Tailored = append(page.Tailored, row)
	}
	page.Applications = applicationOptions(apps, r.PostForm.Get("application_id"))
	return nil
}

// applicationChoices are the learner's applications to choose from, the
// one with id selected marked.
func (w *Web) applicationChoices(r *http.Request, p account.Principal, selected string) ([]option, error) {
	apps, err := w.Applications.List(r.Context(), p.User.ID, jobsearch.Filter{})
	return applicationOptions(apps, selected), err
}

// tailoredRow is a tailored copy in the list, with its application named.
type tailoredRow struct {
	resume.TailoredResume
	Application string // "Company — Title"; "" for none
}

// option is one choice of a select.
type option struct {
	Value, Label string
	Selected     bool
}

// applicationName is how a person tells their applications apart.
func applicationName(a jobsearch.Application) string { return a.Company + " — " + a.Title }

// applicationOptions are the choices of an application select, with the
// one whose id is selected marked.
func applicationOptions(apps []jobsearch.Application, selected string) []option {
	out := make([]option, 0, len(apps))
	for _, a := range apps {
		id := strconv.FormatInt(a.ID, 10)
		out = append(out, option{id, applicationName(a), id == selected})
	}
	return out
}

// starterResume is a first document to fill in, with what the account knows.
func starterResume(u account.User) string {
	type basics struct {
		Name    string `json:"name"`
		Label   string `json:"label"`
		Email   string `json:"email"`
		Summary string `json:"summary"`
	}
	doc := struct {
		Basics    basics `json:"basics"`
		Work      []any  `json:"work"`
		Education []any  `json:"education"`
		Skills    []any  `json:"skills"`
		Projects  []any  `json:"projects"`
	}{Basics: basics{Name: u.Name, Email: u.Email}, Work: []any{}, Education: []any{}, Skills: []any{}, Projects: []any{}}
	b, _ := json.MarshalIndent(doc, "", "  ")
	return string(b)
}

// saveResumeForm answers the form: a button that adds, removes or moves an
// entry shows the form again, changed and not saved; Save saves it.
func (w *Web) saveResumeForm(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	form := formFromValues(r.PostForm)
	if op, ok := parseOp(r.PostForm.Get("op")); ok {
		w.renderResume(rw, r, p, resumeEdit{form: &form, note: form.apply(op)})
		return
	}
	if inputs, err := w.saveForm(r, p, form); err != nil {
		w.renderResume(rw, r, p, formEdit(form, err, inputs))
		return
	}
	http.Redirect(rw, r, "/resume?saved", http.StatusSeeOther)
}

// saveForm writes the form into the stored master and saves it. It returns
// which input each place of the saved document comes from.
func (w *Web) saveForm(r *http.Request, p account.Principal, form resumeForm) (map[string]string, error) {
	master, err := w.masterTree(r, p)
	if err != nil {
		return nil, err
	}
	doc, inputs, err := form.document(master)
	if err == nil {
		_, err = w.Resumes.SaveMaster(r.Context(), p.User.ID, doc)
	}
	return inputs, err
}

// formEdit shows the form as it was sent, each problem of the document
// beside the input it comes from.
func formEdit(form resumeForm, err error, inputs map[string]string) resumeEdit {
	edit := resumeEdit{form: &form, err: err}
	if e, ok := fieldError(err); ok {
		var fields map[string]string
		fields, edit.problems = formProblems(e.Fields, inputs)
		edit.err = &app.Error{Code: e.Code, Fields: fields}
	}
	return edit
}

// masterTree is the learner's master resume read as plain values, empty
// when there is none yet.
func (w *Web) masterTree(r *http.Request, p account.Principal) (map[string]any, error) {
	m, err := w.Resumes.Master(r.Context(), p.User.ID)
	if app.ErrorCode(err) == app.NotFound {
		return map[string]any{}, nil
	}
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	return doc, decodeNumbers(m.Document, &doc)
}

// saveResumeJSON saves the document typed as JSON.
func (w *Web) saveResumeJSON(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	doc := r.PostForm.Get("document")
	if _, err := w.Resumes.SaveMaster(r.Context(), p.User.ID, []byte(doc)); err != nil {
		edit := documentEdit(err, "document", "The document was not saved: change these places and save it again.")
		edit.json = &doc
		w.renderResume(rw, r, p, edit)
		return
	}
	http.Redirect(rw, r, "/resume?saved", http.StatusSeeOther)
}

// documentEdit shows the problems of a JSON document sent through field as
// one problem of that field, with the list of places in words.
func documentEdit(err error, field, problem string) resumeEdit {
	e, ok := fieldError(err)
	if !ok || e.Fields[field] != "" {
		return resumeEdit{err: err} // not about places in the document
	}
	return resumeEdit{err: &app.Error{Code: e.Code, Fields: map[string]string{field: problem}}, docProblems: documentProblems(e.Fields)}
}

// uploadLimit bounds an upload's request body: room for a 2 MB file and
// the multipart framing around it, and for a file somewhat over the limit
// to be read and refused in plain words.
const uploadLimit = 2 * resume.MaxBytes

func (w *Web) uploadResume(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	r.Body = http.MaxBytesReader(rw, r.Body, uploadLimit)
	doc, err := uploadedResume(r)
	if err == nil {
		_, err = w.Resumes.SaveMaster(r.Context(), p.User.ID, doc)
	}
	if err != nil {
		w.renderResume(rw, r, p, documentEdit(err, "file", "The file was not saved: change these places in it and upload it again."))
		return
	}
	http.Redirect(rw, r, "/resume?saved", http.StatusSeeOther)
}

// uploadedResume reads the file of the upload form, refusing one over 2 MB.
func uploadedResume(r *http.Request) ([]byte, error) {
	tooBig := app.FieldError("file", "is larger than the 2 MB limit")
	if err := r.ParseMultipartForm(resume.MaxBytes); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, tooBig
		}
		return nil, app.FieldError("file", "choose a JSON Resume file")
	}
	f, h, err := r.FormFile("file")
	if err != nil {
		return nil, app.FieldError("file", "choose a JSON Resume file")
	}
	defer f.Close()
	if h.Size > resume.MaxBytes {
		return nil, app.FieldError("file", fmt.Sprintf("is %.1f MB; the limit is 2 MB", float64(h.Size)/(1<<20)))
	}
	doc, err := io.ReadAll(io.LimitReader(f, resume.MaxBytes+1))
	if err != nil {
		return nil, err
	}
	return doc, nil
}

// exportResume downloads the master resume exactly as it was saved.
func (w *Web) exportResume(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	m, err := w.Resumes.Master(r.Context(), p.User.ID)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	rw.Header().Set("Content-Type", "application/json")
	rw.Header().Set("Content-Disposition", `attachment; filename="resume.json"`)
	rw.Write(m.Document)
}

func (w *Web) printResume(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	res, err := w.Resumes.MasterParsed(r.Context(), p.User.ID)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.printPage(rw, r, res)
}

// printPage writes the standalone printable resume, buffered so that an
// error never leaves half a page.
func (w *Web) printPage(rw http.ResponseWriter, r *http.Request, res resume.Resume) {
	var buf bytes.Buffer
	if err := w.printer.WritePage(&buf, res); err != nil {
		w.fail(rw, r, err)
		return
	}
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	httpx.AllowStyle(rw, w.printer.styleHash)
	buf.WriteTo(rw)
}

// tailoredFromForm reads the name and application of a tailored copy.
func tailoredFromForm(f url.Values, id int64) (resume.TailoredResume, error) {
	t := resume.TailoredResume{ID: id, Name: f.Get("name")}
	if s := strings.TrimSpace(f.Get("application_id")); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return t, app.FieldError("application_id", "choose one of your applications, or none")
		}
		t.ApplicationID = &n
	}
	return t, nil
}

func (w *Web) createTailored(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	t, err := tailoredFromForm(r.PostForm, 0)
	if err == nil {
		t, err = w.Resumes.CreateTailored(r.Context(), p.User.ID, t)
	}
	if err != nil {
		w.renderResume(rw, r, p, resumeEdit{err: err})
		return
	}
	http.Redirect(rw, r, "/resumes/"+strconv.FormatInt(t.ID, 10), http.StatusSeeOther)
}

// tailoredPage is a tailored copy's page: the editing form, what differs
// from the master, and links to print it.
type tailoredPage struct {
	resume.TailoredView
	ApplicationID string   // as chosen
	Applications  []option // the learner's applications, to choose from
	Saved         bool
}

// Order is a section's entries as master indexes, for the form to send back.
func (tailoredPage) Order(s resume.OutlineSection) string {
	idx := make([]string, len(s.Entries))
	for i, e := range s.Entries {
		idx[i] = strconv.Itoa(e.Index)
	}
	return strings.Join(idx, ",")
}

// pathID reads the {id} of a path; anything but a number is NotFound.
func pathID(r *http.Request, what string) (int64, error) { return pathIDOf(r, "id", what) }

// pathIDOf reads the number in the path's wildcard key.
func pathIDOf(r *http.Request, key, what string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(key), 10, 64)
	if err != nil {
		return 0, app.Errorf(app.NotFound, "%s %q not found", what, r.PathValue(key))
	}
	return id, nil
}

func (w *Web) tailoredView(r *http.Request, p account.Principal) (resume.TailoredView, error) {
	id, err := pathID(r, "tailored resume")
	if err != nil {
		return resume.TailoredView{}, err
	}
	return w.Resumes.View(r.Context(), p.User.ID, id)
}

func (w *Web) tailoredPage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	v, err := w.tailoredView(r, p)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	page := tailoredPage{TailoredView: v, Saved: r.URL.Query().Has("saved")}
	if v.ApplicationID != nil {
		page.ApplicationID = strconv.FormatInt(*v.ApplicationID, 10)
	}
	if page.Applications, err = w.applicationChoices(r, p, page.ApplicationID); err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "tailored", w.view(r, v.Name, page))
}

func (w *Web) saveTailored(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	v, err := w.tailoredView(r, p)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	t, formErr := tailoredFromForm(r.PostForm, v.ID)
	choices, section := tailorChoices(r.PostForm)
	if t.Tailoring, err = choices.Tailoring(v.Master, v.Tailoring); err != nil {
		w.fail(rw, r, err)
		return
	}
	if formErr == nil {
		_, formErr = w.Resumes.UpdateTailored(r.Context(), p.User.ID, t)
	}
	if formErr != nil {
		w.tailoredError(rw, r, p, v, t, formErr)
		return
	}
	http.Redirect(rw, r, fmt.Sprintf("/resumes/%d?saved#%s", v.ID, cmp.Or(section, "top")), http.StatusSeeOther)
}

// tailoredError shows the form again as the learner left it, with what is wrong.
func (w *Web) tailoredError(rw http.ResponseWriter, r *http.Request, p account.Principal, v resume.TailoredView, typed resume.TailoredResume, formErr error) {
	outline, err := resume.Outline(v.Master, typed.Tailoring)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	v.Name, v.Outline = typed.Name, outline
	page := tailoredPage{TailoredView: v, ApplicationID: r.PostForm.Get("application_id")}
	if page.Applications, err = w.applicationChoices(r, p, page.ApplicationID); err != nil {
		w.fail(rw, r, err)
		return
	}
	w.formError(rw, r, "tailored", cmp.Or(v.Name, "Tailored resume"), page, formErr)
}

// tailorChoices reads the editing form: which entries show, their order
// (the positions typed, then an up or down button if one was pressed) and
// the wordings. It also returns the section a button moved, to come back to.
func tailorChoices(f url.Values) (resume.TailorChoices, string) {
	c := resume.TailorChoices{Hidden: map[string][]int{}, Order: map[string][]int{}, Texts: map[string]string{}}
	moved, index, up := parseMove(f.Get("move"))
	for _, section := range f["sections"] {
		order := formOrder(f, section)
		shown := map[int]bool{}
		for _, s := range f["show:"+section] {
			if i, err := strconv.Atoi(s); err == nil {
				shown[i] = true
			}
		}
		for _, i := range order {
			if !shown[i] {
				c.Hidden[section] = append(c.Hidden[section], i)
			}
		}
		if section == moved {
			order = moveEntry(order, index, up)
		}
		c.Order[section] = order
	}
	for k, vs := range f {
		if path, ok := strings.CutPrefix(k, "text:"); ok && len(vs) > 0 {
			c.Texts[path] = vs[0]
		}
	}
	if moved != "" {
		moved = "section-" + moved
	}
	return c, moved
}

// parseMove reads an up or down button: "work:2:up" moves entry 2 of work up.
func parseMove(s string) (section string, index int, up bool) {
	parts := strings.Split(s, ":")
	if len(parts) != 3 || (parts[2] != "up" && parts[2] != "down") {
		return "", 0, false
	}
	i, err := strconv.Atoi(parts[1])
	if err != nil {
		return "", 0, false
	}
	return parts[0], i, parts[2] == "up"
}

// formOrder is a section's order as the form showed it, re-sorted by the
// positions typed. When two entries share a position, the one whose
// number was changed goes first: that is the one the learner moved.
func formOrder(f url.Values, section string) []int {
	type placed struct{ index, pos, was int }
	var list []placed
	for k, s := range strings.Split(f.Get("order:"+section), ",") {
		i, err := strconv.Atoi(s)
		if err != nil {
			continue
		}
		pos := k + 1
		if n, err := strconv.Atoi(f.Get(fmt.Sprintf("pos:%s:%d", section, i))); err == nil {
			pos = n
		}
		list = append(list, placed{i, pos, k + 1})
	}
	slices.SortStableFunc(list, func(a, b placed) int {
		return cmp.Or(cmp.Compare(a.pos, b.pos), cmp.Compare(stayed(a.pos, a.was), stayed(b.pos, b.was)))
	})
	out := make([]int, len(list))
	for k, p := range list {
		out[k] = p.index
	}
	return out
}

func stayed(pos, was int) int {
	if pos == was {
		return 1
	}
	return 0
}

// moveEntry swaps master index i with its neighbour above or below.
func moveEntry(order []int, i int, up bool) []int {
	k := slices.Index(order, i)
	j := k + 1
	if up {
		j = k - 1
	}
	if k < 0 || j < 0 || j >= len(order) {
		return order
	}
	order[k], order[j] = order[j], order[k]
	return order
}

func (w *Web) deleteTailored(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := pathID(r, "tailored resume")
	if err == nil {
		err = w.Resumes.DeleteTailored(r.Context(), p.User.ID, id)
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/resume#tailored", http.StatusSeeOther)
}

func (w *Web) printTailored(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	v, err := w.tailoredView(r, p)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.printPage(rw, r, v.Resume)
}
