package server_test

import (
	"context"
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"devpath/internal/devpathtest"
)

// TestWhatIsDueNotifies runs the scan with the real sources on each engine:
// a review due, a follow-up due and a contact due each make one notification, however
// often the scan runs, and a learner with nothing due gets none.
func TestWhatIsDueNotifies(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada, bob := srv.Learner(t, "ada"), srv.Learner(t, "bob")
		ada.Expect(t, "PUT", "/api/v1/me/progress/backend/topics/http", `{"status":"done"}`, 200, "done")
		// Done three days ago: the first review (a day after) is due.
		if _, err := srv.App.Store.QueueDB().Exec(`UPDATE progress_history SET at = `+placeholder(e)+` WHERE to_status = 'done'`,
			time.Now().UTC().AddDate(0, 0, -3)); err != nil {
			t.Fatal(err)
		}
		ada.Expect(t, "POST", "/api/v1/me/applications", `{"kind":"job","company":"Late Ltd","title":"Dev","follow_up":"2024-01-15"}`, 201, "")
		var grace struct{ ID int64 }
		json.Unmarshal([]byte(ada.Expect(t, "POST", "/api/v1/me/contacts", `{"name":"Grace","cadence_days":7}`, 201, "")), &grace)
		ada.Expect(t, "POST", "/api/v1/me/contacts/"+itoa(grace.ID)+"/interactions", `{"kind":"call","on":"2024-01-15"}`, 201, "")
		bob.Expect(t, "POST", "/api/v1/me/contacts", `{"name":"Linus","cadence_days":7}`, 201, "") // due in a week
		bob.Expect(t, "POST", "/api/v1/me/applications", `{"kind":"job","company":"Later Ltd","title":"Dev","follow_up":"2999-01-15"}`, 201, "")
		for range 2 {
			if err := srv.App.Notify.Scan(context.Background(), 0); err != nil {
				t.Fatal(err)
			}
		}
		var inbox struct {
			Notifications []struct{ Kind, Title, Body, Link string }
		}
		json.Unmarshal([]byte(ada.Expect(t, "GET", "/api/v1/me/notifications", "", 200, `"unread":3`)), &inbox)
		got := map[string]string{}
		for _, n := range inbox.Notifications {
			got[n.Kind] = n.Title + " | " + n.Link
		}
		want := map[string]string{"reviews_due": "1 topic is due for a review | /plan/backend#reviews",
			"follow_ups_due": "Follow up with Late Ltd | /applications/1",
			"contacts_due":   "Get back in touch with Grace | /network/contacts/" + itoa(grace.ID)}
		if len(got) != 3 || got["reviews_due"] != want["reviews_due"] || got["follow_ups_due"] != want["follow_ups_due"] || got["contacts_due"] != want["contacts_due"] {
			t.Errorf("notifications %v, want %v", got, want)
		}
		bob.Expect(t, "GET", "/api/v1/me/notifications", "", 200, `"unread":0`)
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func placeholder(e devpathtest.Engine) string {
	if e.URL != "" {
		return "$1"
	}
	return "?"
}
