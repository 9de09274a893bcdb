package web

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/credential"
	"devpath/internal/web/charts"
)

// credentialsPage lists the learner's credentials, pending ones first to
// be accepted.
type credentialsPage struct {
	Credentials []credentialCard
	Done        string // what the last action did, for the notice
}

// credentialCard is one credential as the pages show it.
type credentialCard struct {
	credential.Issued
	Image  string
	Report *credential.Report // on the portfolio pages: what verifying it found
	Files  string             // where its .jwt and .json are downloaded, for the one viewing
}

func (c credentialCard) Pending() bool { return c.State == credential.Pending }

func (w *Web) cards(issued []credential.Issued) []credentialCard {
	at := w.Credentials.Addresses()
	out := make([]credentialCard, len(issued))
	for i, c := range issued {
		out[i] = credentialCard{Issued: c, Image: strings.TrimPrefix(at.Image(c.Achievement), at.Base),
			Files: "/credentials/" + strconv.FormatInt(c.ID, 10)}
	}
	return out
}

func (w *Web) credentialsPage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	all, err := w.Credentials.List(r.Context(), p.User.ID)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	page := credentialsPage{Credentials: w.cards(all), Done: r.URL.Query().Get("done")}
	w.render(rw, r, http.StatusOK, "credentials", w.view(r, "Your credentials", page))
}

func (w *Web) acceptCredential(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := pathID(r, "credential")
	if err == nil {
		_, err = w.Credentials.Accept(r.Context(), p.User.ID, id)
	}
	w.afterCredential(rw, r, err, "accepted")
}

func (w *Web) showCredential(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := pathID(r, "credential")
	public := r.PostForm.Get("public") == "on"
	if err == nil {
		_, err = w.Credentials.Show(r.Context(), p.User.ID, id, public)
	}
	done := "hidden"
	if public {
		done = "shown"
	}
	w.afterCredential(rw, r, err, done)
}

func (w *Web) afterCredential(rw http.ResponseWriter, r *http.Request, err error, done string) {
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/credentials?done="+done+"#credential-"+r.PathValue("id"), http.StatusSeeOther)
}

// downloadCredential answers one of the learner's credentials as a file.
func (w *Web) downloadCredential(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := pathID(r, "credential")
	var c credential.Issued
	if err == nil {
		c, err = w.Credentials.Get(r.Context(), p.User.ID, id)
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.credentialFile(rw, r, c)
}

// credentialFile answers the credential as the file the address names:
// the signed JWT, or its decoded JSON to read.
func (w *Web) credentialFile(rw http.ResponseWriter, r *http.Request, c credential.Issued) {
	name := "devpath-" + c.Achievement
	if c.Param != "" {
		name += "-" + c.Param
	}
	switch r.PathValue("file") {
	case "credential.jwt":
		rw.Header().Set("Content-Type", "application/vc+jwt")
		rw.Header().Set("Content-Disposition", `attachment; filename="`+name+`.jwt"`)
		io.WriteString(rw, c.JWT)
	case "credential.json":
		doc, err := credential.Decode(c.JWT)
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		rw.Header().Set("Content-Type", "application/json")
		rw.Header().Set("Content-Disposition", `attachment; filename="`+name+`.json"`)
		rw.Write(doc)
	default:
		w.fail(rw, r, app.Errorf(app.NotFound, "no file %q", r.PathValue("file")))
	}
}

// publicCredentialFile lets a reviewer download a credential the learner
// shows on their public page, to verify it where they like; any other is
// 404, like a handle nobody has.
func (w *Web) publicCredentialFile(rw http.ResponseWriter, r *http.Request) {
	page, err := w.Portfolio.Public(r.Context(), r.PathValue("handle"))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	id, err := pathID(r, "credential")
	var shown []credential.Issued
	if err == nil {
		shown, err = w.Credentials.Public(r.Context(), page.UserID)
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	for _, c := range shown {
		if c.ID == id {
			w.credentialFile(rw, r, c)
			return
		}
	}
	w.fail(rw, r, app.Errorf(app.NotFound, "credential %d not found", id))
}

// verifyPage is the public verification form and, after a submission,
// its report.
type verifyPage struct {
	Report *credential.Report
	JWT    string
}

func (v verifyPage) Achievement() string {
	if v.Report == nil || v.Report.Credential == nil {
		return ""
	}
	return v.Report.Credential.CredentialSubject.Achievement.Name
}

func (w *Web) verifyForm(rw http.ResponseWriter, r *http.Request) {
	w.render(rw, r, http.StatusOK, "credential-verify", w.view(r, "Verify a credential", verifyPage{}))
}

// verify checks a pasted or uploaded credential; anything at all gets a
// report, never an error page, so the form serves strangers' input.
func (w *Web) verify(rw http.ResponseWriter, r *http.Request) {
	token, err := submittedToken(r)
	if err != nil {
		w.formError(rw, r, "credential-verify", "Verify a credential", verifyPage{}, err)
		return
	}
	report, err := w.Credentials.Verify(r.Context(), token)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	v := w.view(r, "Verify a credential", verifyPage{Report: &report, JWT: token})
	w.render(rw, r, http.StatusOK, "credential-verify", v)
}

// maxCredential bounds what the form accepts: devpath's credentials are
// a few kilobytes.
const maxCredential = 64 << 10

// submittedToken is the uploaded file when one was chosen, else the
// pasted text.
func submittedToken(r *http.Request) (string, error) {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		if err := r.ParseMultipartForm(maxCredential); err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return "", app.FieldError("file", "is larger than 64 KB: a credential is a few KB")
			}
			return "", app.FieldError("jwt", "the form could not be read: paste the credential or choose its file")
		}
		if f, h, err := r.FormFile("file"); err == nil {
			defer f.Close()
			if h.Size > maxCredential {
				return "", app.FieldError("file", "is larger than 64 KB: a credential is a few KB")
			}
			b, err := io.ReadAll(io.LimitReader(f, maxCredential))
			return strings.TrimSpace(string(b)), err
		}
	}
	token := strings.TrimSpace(r.PostFormValue("jwt"))
	if token == "" {
		return "", app.FieldError("jwt", "is empty: paste a credential (the text of its .jwt file) or choose its file")
	}
	if len(token) > maxCredential {
		return "", app.FieldError("jwt", "is longer than 64 KB: a credential is a few KB")
	}
	return token, nil
}

// achievementPage describes an achievement at its address, which every
// credential of it names; its picture is the same address with .svg.
type achievementPage struct {
	credential.Achievement
	Image string
}

func (w *Web) achievement(rw http.ResponseWriter, r *http.Request) {
	file := r.PathValue("file")
	id, svg := strings.CutSuffix(file, ".svg")
	a, ok := w.Credentials.Achievements().Get(id)
	if !ok || (svg && r.PathValue("param") != "") {
		w.fail(rw, r, app.Errorf(app.NotFound, "achievement %q not found", file))
		return
	}
	if svg {
		rw.Header().Set("Content-Type", "image/svg+xml")
		rw.Header().Set("Cache-Control", "public, max-age=86400")
		rw.Write(charts.Badge(a.Name, glyph(a.Kind), a.Colour))
		return
	}
	if a.Parametrised() {
		a = a.For(w.paramTitle(a.Kind, r.PathValue("param")))
	}
	w.render(rw, r, http.StatusOK, "achievement", w.view(r, a.Name, achievementPage{Achievement: a, Image: "/credentials/achievements/" + id + ".svg"}))
}

// paramTitle names an achievement's topic or step as the roadmap does; a
// cohort's id is all the address holds.
func (w *Web) paramTitle(k credential.Kind, param string) string {
	if param == "" {
		return "…"
	}
	if home := w.Roadmaps.Home(); home != nil {
		if st, err := home.Step(param); k == credential.StepKind && err == nil {
			return st.Title
		}
		if t, err := home.Topic(param); k == credential.ExercisesKind && err == nil {
			return t.Title
		}
	}
	return param
}

func glyph(k credential.Kind) string {
	switch k {
	case credential.ProjectKind:
		return "API"
	case credential.ExercisesKind:
		return "SQL"
	case credential.StepKind:
		return "✓"
	}
	return "★"
}

// publicCredentials are the credentials a learner shows, each with what
// verifying it now found, for the "verified" mark, downloadable from
// their public page at handle.
func (w *Web) publicCredentials(r *http.Request, user int64, handle string) ([]credentialCard, error) {
	shown, err := w.Credentials.Public(r.Context(), user)
	if err != nil {
		return nil, err
	}
	cards, err := w.verified(r, shown)
	for i := range cards {
		cards[i].Files = "/u/" + handle + "/credentials/" + strconv.FormatInt(cards[i].ID, 10)
	}
	return cards, err
}

// verified makes cards of credentials, each verified now.
func (w *Web) verified(r *http.Request, issued []credential.Issued) ([]credentialCard, error) {
	cards := w.cards(issued)
	for i := range cards {
		report, err := w.Credentials.Verify(r.Context(), cards[i].JWT)
		if err != nil {
			return nil, err
		}
		cards[i].Report = &report
	}
	return cards, nil
}
