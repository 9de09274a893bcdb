package web

import (
	"net/http"
	"strconv"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/httpx"
)

func (w *Web) home(rw http.ResponseWriter, r *http.Request) {
	p, ok := account.FromContext(r.Context())
	if !ok {
		w.render(rw, r, http.StatusOK, "welcome", w.view(r, "Become a backend developer", nil))
		return
	}
	w.dashboard(rw, r, p)
}

// registerPage says who may register here.
type registerPage struct {
	Mode account.Mode
}

// registerForm opens the form, with the email and invitation code of the
// link an invited person followed.
func (w *Web) registerForm(rw http.ResponseWriter, r *http.Request) {
	v := w.view(r, "Create an account", registerPage{Mode: w.Accounts.RegistrationMode(r.Context())})
	v.Form.Set("email", r.URL.Query().Get("email"))
	v.Form.Set("invitation", r.URL.Query().Get("invitation"))
	w.render(rw, r, http.StatusOK, "register", v)
}

func (w *Web) register(rw http.ResponseWriter, r *http.Request) {
	f := r.PostForm
	reg := account.Registration{Email: f.Get("email"), Password: f.Get("password"), Name: f.Get("name"), Invitation: f.Get("invitation")}
	if _, err := w.Accounts.Register(r.Context(), reg); err != nil {
		w.formError(rw, r, "register", "Create an account", registerPage{Mode: w.Accounts.RegistrationMode(r.Context())}, err)
		return
	}
	w.startSession(rw, r, "register", reg.Email, reg.Password, "/onboarding")
}

func (w *Web) loginForm(rw http.ResponseWriter, r *http.Request) {
	v := w.view(r, "Log in", loginNotices[r.URL.Query().Get("notice")])
	v.Form.Set("next", r.URL.Query().Get("next"))
	w.render(rw, r, http.StatusOK, "login", v)
}

func (w *Web) login(rw http.ResponseWriter, r *http.Request) {
	w.startSession(rw, r, "login", r.PostForm.Get("email"), r.PostForm.Get("password"), localPath(r.PostForm.Get("next")))
}

// startSession logs in, sets the cookie and goes on to next; a failure re-renders page.
func (w *Web) startSession(rw http.ResponseWriter, r *http.Request, page, email, password, next string) {
	s, err := w.Accounts.Login(r.Context(), email, password, app.ClientAddress(r.Context()))
	if err != nil {
		w.formError(rw, r, page, "Log in", nil, err)
		return
	}
	c := httpx.SessionCookie(s.Secret, s.ExpiresAt, w.SecureCookies)
	http.SetCookie(rw, &c)
	http.Redirect(rw, r, next, http.StatusSeeOther)
}

func (w *Web) logout(rw http.ResponseWriter, r *http.Request) {
	if p, ok := account.FromContext(r.Context()); ok {
		if err := w.Accounts.Logout(r.Context(), p); err != nil && app.ErrorCode(err) != app.NotFound {
			w.fail(rw, r, err)
			return
		}
	}
	c := httpx.SessionCookie("", time.Time{}, w.SecureCookies)
	http.SetCookie(rw, &c)
	http.Redirect(rw, r, "/login", http.StatusSeeOther)
}

type accountData struct {
	Imported        string // how many topics an import just changed
	PasswordChanged bool
	Tokens          []account.Token
	NewSecret       string // shown once, right after creation
	NewName         string
	Failed          string // the form whose errors are shown: token, password or import
}

func (w *Web) accountPage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	w.renderAccount(rw, r, p, http.StatusOK, accountData{}, nil)
}

func (w *Web) renderAccount(rw http.ResponseWriter, r *http.Request, p account.Principal, status int, d accountData, formErr error) {
	var err error
	d.Imported = r.URL.Query().Get("imported")
	d.PasswordChanged = r.URL.Query().Get("password") == "changed"
	if d.Tokens, err = w.Accounts.Tokens(r.Context(), p); err != nil {
		w.fail(rw, r, err)
		return
	}
	if formErr != nil {
		w.formError(rw, r, "account", "Your account", d, formErr)
		return
	}
	w.render(rw, r, status, "account", w.view(r, "Your account", d))
}

func (w *Web) createToken(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	secret, t, err := w.Accounts.CreateToken(r.Context(), p, r.PostForm.Get("name"))
	if err != nil {
		w.renderAccount(rw, r, p, 0, accountData{Failed: "token"}, err)
		return
	}
	w.renderAccount(rw, r, p, http.StatusCreated, accountData{NewSecret: secret, NewName: t.Name}, nil)
}

func (w *Web) revokeToken(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		w.fail(rw, r, app.Errorf(app.NotFound, "token %q not found", r.PathValue("id")))
		return
	}
	if err := w.Accounts.RevokeToken(r.Context(), p, id); err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/account", http.StatusSeeOther)
}
