package web

import (
	"errors"
	"net/http"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/httpx"
)

// passwordField is what the field-password partial draws: a password
// input, its label and its problem; a New one is a password being chosen.
type passwordField struct {
	Name, Label, Error string
	New                bool
}

// loginNotices are what the login page says after a person was sent there
// on purpose, by the notice parameter.
var loginNotices = map[string]string{
	"reset":      "Your new password is set, and every device that was logged in is logged out. Log in with the new password.",
	"everywhere": "You are logged out on every device, and your personal access tokens are revoked.",
}

// logIn ends the browser's session (if any) and sends the person to log in,
// with one of loginNotices.
func (w *Web) logIn(rw http.ResponseWriter, r *http.Request, notice string) {
	c := httpx.SessionCookie("", time.Time{}, w.SecureCookies)
	http.SetCookie(rw, &c)
	http.Redirect(rw, r, "/login?notice="+notice, http.StatusSeeOther)
}

// forgotData is the "forgot your password" page: the form, or, once sent,
// the answer, which is the same whether or not the email has an account.
type forgotData struct{ Sent bool }

func (w *Web) forgotForm(rw http.ResponseWriter, r *http.Request) {
	w.render(rw, r, http.StatusOK, "password-forgot", w.view(r, "Forgot your password?", forgotData{}))
}

func (w *Web) forgot(rw http.ResponseWriter, r *http.Request) {
	if err := w.Accounts.RequestReset(r.Context(), r.PostForm.Get("email"), app.ClientAddress(r.Context())); err != nil {
		w.formError(rw, r, "password-forgot", "Forgot your password?", forgotData{}, err)
		return
	}
	v := w.view(r, "Check your email", forgotData{Sent: true})
	v.Form = r.PostForm
	w.render(rw, r, http.StatusOK, "password-forgot", v)
}

// resetData is the page a reset link opens: the form for whose account,
// or, for a link that no longer works, why and what to do.
type resetData struct {
	Email string
	Gone  bool
}

func (w *Web) resetForm(rw http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	u, err := w.Accounts.CheckReset(r.Context(), token)
	if err != nil {
		w.resetGone(rw, r, err)
		return
	}
	v := w.view(r, "Set a new password", resetData{Email: u.Email})
	v.Form.Set("token", token)
	w.render(rw, r, http.StatusOK, "password-reset", v)
}

func (w *Web) reset(rw http.ResponseWriter, r *http.Request) {
	token := r.PostForm.Get("token")
	u, err := w.Accounts.CheckReset(r.Context(), token)
	if err == nil {
		err = w.Accounts.ResetPassword(r.Context(), token, r.PostForm.Get("password"))
	}
	switch {
	case errors.Is(err, account.ErrResetGone):
		w.resetGone(rw, r, err)
	case err != nil:
		w.formError(rw, r, "password-reset", "Set a new password", resetData{Email: u.Email}, err)
	default:
		w.logIn(rw, r, "reset")
	}
}

// resetGone explains a reset link that no longer works; other errors fail as usual.
func (w *Web) resetGone(rw http.ResponseWriter, r *http.Request, err error) {
	if !errors.Is(err, account.ErrResetGone) {
		w.fail(rw, r, err)
		return
	}
	v := w.view(r, "This link no longer works", resetData{Gone: true})
	v.Message = account.ErrResetGone.Message
	w.render(rw, r, http.StatusNotFound, "password-reset", v)
}

func (w *Web) changePassword(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	err := w.Accounts.ChangePassword(r.Context(), p, r.PostForm.Get("current_password"), r.PostForm.Get("new_password"))
	if err != nil {
		w.renderAccount(rw, r, p, 0, accountData{Failed: "password"}, err)
		return
	}
	http.Redirect(rw, r, "/account?password=changed#password", http.StatusSeeOther)
}

func (w *Web) logoutEverywhere(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	if err := w.Accounts.LogoutEverywhere(r.Context(), p); err != nil {
		w.fail(rw, r, err)
		return
	}
	w.logIn(rw, r, "everywhere")
}
