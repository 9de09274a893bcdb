package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"devpath/internal/app"

	"devpath/internal/account"
	"devpath/internal/cohort"
)

// adminPage is the instance admin's overview: the settings changed at run
// time, every cohort, and what admins did.
type adminPage struct {
	Settings account.Settings
	Modes    []modeChoice
	Cohorts  []cohort.Membership
	Log      []account.AdminEntry
}

type modeChoice struct {
	Value account.Mode
	Label string
}

func modeChoices() []modeChoice {
	return []modeChoice{{account.Open, "Open: anyone may create an account"},
		{account.ByInvitation, "By invitation: only people a cohort invited"},
		{account.Closed, "Closed: only an admin makes accounts"}}
}

func (w *Web) adminPage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	w.renderAdmin(rw, r, p, nil)
}

func (w *Web) renderAdmin(rw http.ResponseWriter, r *http.Request, p account.Principal, formErr error) {
	page := adminPage{Modes: modeChoices()}
	var err error
	if page.Settings, err = w.Accounts.Settings(r.Context(), p.User); err == nil {
		page.Cohorts, err = w.Cohorts.List(r.Context(), p.User)
	}
	if err == nil {
		page.Log, err = w.Accounts.AdminLog(r.Context(), p.User)
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	if formErr != nil {
		w.formError(rw, r, "admin", "Instance admin", page, formErr)
		return
	}
	v := w.view(r, "Instance admin", page)
	v.Form.Set("registration", string(page.Settings.Registration))
	w.render(rw, r, http.StatusOK, "admin", v)
}

func (w *Web) putAdminSettings(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	if err := w.Accounts.SetRegistrationMode(r.Context(), p.User, account.Mode(r.PostForm.Get("registration"))); err != nil {
		w.renderAdmin(rw, r, p, err)
		return
	}
	http.Redirect(rw, r, "/admin#settings", http.StatusSeeOther)
}

// adminUsersPage finds accounts and changes them.
type adminUsersPage struct {
	Query     string
	Users     []account.User
	Roles     []account.Role
	Me        int64
	ResetLink string // a link just made, shown once
	ResetFor  string
}

func (w *Web) adminUsersPage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	w.renderAdminUsers(rw, r, p, adminUsersPage{Query: r.URL.Query().Get("q")}, nil)
}

func (w *Web) renderAdminUsers(rw http.ResponseWriter, r *http.Request, p account.Principal, page adminUsersPage, formErr error) {
	page.Roles, page.Me = []account.Role{account.Learner, account.Mentor, account.Admin}, p.User.ID
	var err error
	if page.Users, err = w.Accounts.Users(r.Context(), p.User, page.Query); err != nil && formErr == nil {
		formErr = err
	}
	if formErr != nil {
		w.formError(rw, r, "admin-users", "Accounts", page, withoutFields(formErr))
		return
	}
	v := w.view(r, "Accounts", page)
	v.Form.Set("q", page.Query)
	w.render(rw, r, http.StatusOK, "admin-users", v)
}

// backToUsers returns to the list as it was searched.
func backToUsers(rw http.ResponseWriter, r *http.Request, anchor string) {
	http.Redirect(rw, r, "/admin/users?q="+url.QueryEscape(r.PostForm.Get("q"))+anchor, http.StatusSeeOther)
}

func (w *Web) adminSetRole(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := pathID(r, "account")
	if err == nil {
		_, err = w.Accounts.ChangeRole(r.Context(), p.User, id, account.Role(r.PostForm.Get("role")))
	}
	if err != nil {
		w.renderAdminUsers(rw, r, p, adminUsersPage{Query: r.PostForm.Get("q")}, err)
		return
	}
	backToUsers(rw, r, "#user-"+r.PathValue("id"))
}

func (w *Web) adminSetDisabled(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := pathID(r, "account")
	if err == nil {
		_, err = w.Accounts.SetDisabled(r.Context(), p.User, id, r.PostForm.Get("disabled") == "1")
	}
	if err != nil {
		w.renderAdminUsers(rw, r, p, adminUsersPage{Query: r.PostForm.Get("q")}, err)
		return
	}
	backToUsers(rw, r, "#user-"+r.PathValue("id"))
}

func (w *Web) adminResetLink(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	page := adminUsersPage{Query: r.PostForm.Get("q")}
	id, err := pathID(r, "account")
	if err == nil {
		page.ResetLink, err = w.Accounts.AdminResetLink(r.Context(), p.User, id)
	}
	if err == nil {
		var u account.User
		u, err = w.Accounts.User(r.Context(), p.User, id)
		page.ResetFor = u.Label()
	}
	w.renderAdminUsers(rw, r, p, page, err)
}

// withoutFields puts field problems in the message, for a page whose
// controls repeat on every row and so have no one place to show them.
func withoutFields(err error) error {
	var e *app.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return err
	}
	var parts []string
	for f, problem := range e.Fields {
		parts = append(parts, fieldLabel(f)+" "+problem)
	}
	slices.Sort(parts)
	return &app.Error{Code: e.Code, Message: strings.Join(parts, "; ")}
}
