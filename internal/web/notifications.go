package web

import (
	"net/http"
	"strconv"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/notify"
)

// inbox is the notifications page.
type inbox struct {
	Items  []inboxItem
	Unread int
	Older  int64 // the next page's before; 0 when none
	Paged  bool  // this is not the first page
	Email  bool  // the server can send email
}

type inboxItem struct {
	notify.Notification
	At    time.Time // in the learner's time zone
	About string    // the kind's label
}

func (w *Web) notificationsPage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	page, err := w.Notify.Inbox(r.Context(), p.User.ID, before)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	loc := w.Plans.Zone(r.Context(), p.User.ID)
	d := inbox{Unread: page.Unread, Older: page.Older, Paged: before > 0, Email: w.Notify.EmailAvailable()}
	for _, n := range page.Items {
		info, _ := n.Kind.Info()
		d.Items = append(d.Items, inboxItem{Notification: n, At: n.CreatedAt.In(loc), About: info.Label})
	}
	w.render(rw, r, http.StatusOK, "notifications", w.view(r, "Notifications", d))
}

func (w *Web) markRead(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err == nil {
		err = w.Notify.MarkRead(r.Context(), p.User.ID, id)
	} else {
		err = app.Errorf(app.NotFound, "notification %q not found", r.PathValue("id"))
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/notifications", http.StatusSeeOther)
}

func (w *Web) markAllRead(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	if _, err := w.Notify.MarkAllRead(r.Context(), p.User.ID); err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/notifications", http.StatusSeeOther)
}

// notificationSettings is the page where a learner chooses, per kind, how
// notifications reach them.
type notificationSettings struct {
	Settings   []notify.Setting
	Deliveries any
	Email      bool
	Saved      bool
}

func (w *Web) notificationSettingsPage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	w.renderSettings(rw, r, p, nil)
}

func (w *Web) renderSettings(rw http.ResponseWriter, r *http.Request, p account.Principal, formErr error) {
	settings, err := w.Notify.Settings(r.Context(), p.User.ID)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	d := notificationSettings{Settings: settings, Deliveries: notify.Deliveries, Email: w.Notify.EmailAvailable(),
		Saved: r.URL.Query().Get("saved") != ""}
	if formErr != nil {
		w.formError(rw, r, "notification-settings", "Notification settings", d, formErr)
		return
	}
	w.render(rw, r, http.StatusOK, "notification-settings", w.view(r, "Notification settings", d))
}

func (w *Web) saveNotificationSettings(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	choices := map[notify.Kind]notify.Delivery{}
	for _, k := range notify.Kinds() {
		if v := r.PostForm.Get("settings." + string(k.Kind)); v != "" {
			choices[k.Kind] = notify.Delivery(v)
		}
	}
	if _, err := w.Notify.SetSettings(r.Context(), p.User.ID, choices); err != nil {
		w.renderSettings(rw, r, p, err)
		return
	}
	http.Redirect(rw, r, "/notifications/settings?saved=1", http.StatusSeeOther)
}

// unsubscribePage is what an unsubscribe link from an email opens, with no
// login: a button to confirm, or, once pressed, what was stopped.
type unsubscribePage struct {
	notify.Unsubscription
	Done bool
}

// unsubscribe shows the confirmation (GET), or unsubscribes (POST): from
// the page's button, or in one click from a mail program (RFC 8058), which
// posts List-Unsubscribe=One-Click with no cookie.
func (w *Web) unsubscribe(rw http.ResponseWriter, r *http.Request) {
	user, err := strconv.ParseInt(r.PathValue("user"), 10, 64)
	if err != nil {
		w.fail(rw, r, app.Errorf(app.NotFound, "this unsubscribe link is not one of ours"))
		return
	}
	scope, token := r.PathValue("scope"), r.PathValue("token")
	d := unsubscribePage{Done: r.Method == http.MethodPost}
	if d.Done {
		d.Unsubscription, err = w.Notify.Unsubscribe(r.Context(), user, scope, token)
	} else {
		d.Unsubscription, err = w.Notify.CheckUnsubscribe(user, scope, token)
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	v := w.view(r, "Unsubscribe", d)
	v.Plain = true
	w.render(rw, r, http.StatusOK, "unsubscribe", v)
}
