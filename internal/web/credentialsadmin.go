package web

import (
	"net/http"
	"strconv"

	"devpath/internal/account"
	"devpath/internal/credential"
)

// credentialsAdminPage is the instance admin's view of what the issuer
// issued: a filtered list to revoke from, the signing keys, the audit log.
type credentialsAdminPage struct {
	Filter       credential.Filter
	Achievements []credential.Achievement
	Statuses     []credential.Status
	Credentials  []credential.Listed
	Keys         []credential.KeyInfo
	Audit        []credential.AuditEntry
	Algorithm    string // what new credentials are signed with
	Done         string // what the last action did, for the notice
	Refused      int64  // the credential whose revocation was refused, to show its problem
}

func (w *Web) credentialsAdmin(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	w.renderCredentialsAdmin(rw, r, p, 0, nil)
}

// renderCredentialsAdmin shows the page; a refused revocation of credential
// refused comes back beside its row, with the reason as typed.
func (w *Web) renderCredentialsAdmin(rw http.ResponseWriter, r *http.Request, p account.Principal, refused int64, formErr error) {
	q := r.URL.Query()
	page := credentialsAdminPage{Filter: credential.Filter{Learner: q.Get("learner"), Achievement: q.Get("achievement"),
		Status: credential.Status(q.Get("status"))}, Achievements: w.Credentials.Achievements().All(),
		Statuses: credential.Statuses(), Algorithm: w.Credentials.Algorithm(), Done: q.Get("done"), Refused: refused}
	var err error
	if page.Keys, err = w.Credentials.Keys(r.Context(), p.User); err != nil {
		w.fail(rw, r, err) // not an admin: 403
		return
	}
	if page.Audit, err = w.Credentials.Audit(r.Context(), p.User); err != nil {
		w.fail(rw, r, err)
		return
	}
	page.Credentials, err = w.Credentials.Find(r.Context(), p.User, page.Filter)
	if formErr == nil && err != nil {
		formErr = err // a bad filter is the form's problem, shown beside its field
	}
	if formErr != nil {
		form := r.PostForm
		if r.Method == http.MethodGet {
			form = q
		}
		w.refuse(rw, r, "credentials-admin", w.view(r, "Issued credentials", page), form, formErr)
		return
	}
	v := w.view(r, "Issued credentials", page)
	v.Form = q
	w.render(rw, r, http.StatusOK, "credentials-admin", v)
}

func (w *Web) revokeCredential(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := pathID(r, "credential")
	if err == nil {
		_, err = w.Credentials.Revoke(r.Context(), p.User, id, r.PostForm.Get("reason"))
	}
	if err != nil {
		w.renderCredentialsAdmin(rw, r, p, id, err)
		return
	}
	http.Redirect(rw, r, "/admin/credentials?done=revoked#credential-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

func (w *Web) rotateKey(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	if err := w.Credentials.RotateKey(r.Context(), p.User); err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/admin/credentials?done=rotated#keys", http.StatusSeeOther)
}
