package notify

import (
	"context"

	"devpath/internal/app"
)

// PageSize is how many notifications a page of the inbox shows.
const PageSize = 50

// Page is a page of a person's inbox, newest first.
type Page struct {
	Items  []Notification
	Unread int   // in the whole inbox, not only this page
	Older  int64 // the before of the next page; 0 when this is the last
}

// Inbox returns the person's notifications with ids below before (0: the
// newest), newest first.
func (s *Service) Inbox(ctx context.Context, user, before int64) (Page, error) {
	items, err := s.store.Notifications(ctx, user, before, PageSize+1)
	if err != nil {
		return Page{}, err
	}
	p := Page{Items: items}
	if len(items) > PageSize {
		p.Items = items[:PageSize]
		p.Older = p.Items[PageSize-1].ID
	}
	p.Unread, err = s.store.UnreadNotifications(ctx, user)
	return p, err
}

// Unread counts the person's unread notifications, for the menu.
func (s *Service) Unread(ctx context.Context, user int64) (int, error) {
	return s.store.UnreadNotifications(ctx, user)
}

// MarkRead marks one of the person's notifications read; another person's
// is NotFound.
func (s *Service) MarkRead(ctx context.Context, user, id int64) error {
	return s.store.MarkNotificationRead(ctx, user, id, s.now())
}

// MarkAllRead marks every notification of the person read and says how many were not.
func (s *Service) MarkAllRead(ctx context.Context, user int64) (int64, error) {
	return s.store.MarkNotificationsRead(ctx, user, s.now())
}

// Setting is a person's choice for one kind.
type Setting struct {
	KindInfo
	Delivery Delivery `json:"delivery"`
}

// Settings returns the person's choice for every kind, in the kinds' order.
func (s *Service) Settings(ctx context.Context, user int64) ([]Setting, error) {
	choices, err := s.store.NotificationSettings(ctx, user)
	if err != nil {
		return nil, err
	}
	out := make([]Setting, len(kinds))
	for i, k := range kinds {
		out[i] = Setting{KindInfo: k, Delivery: chosen(choices, k.Kind)}
	}
	return out, nil
}

// SetSettings stores the person's choices for the kinds given; others keep
// theirs. Each problem is reported under the field "settings.<kind>".
func (s *Service) SetSettings(ctx context.Context, user int64, choices map[Kind]Delivery) ([]Setting, error) {
	probs := app.Problems{}
	for k, d := range choices {
		if _, ok := k.Info(); !ok {
			probs.Add("settings."+string(k), "not a kind of notification; the kinds are "+kindList())
		} else if !d.Valid() {
			probs.Add("settings."+string(k), "must be app, email or digest")
		}
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	if err := s.store.SetNotificationSettings(ctx, user, choices); err != nil {
		return nil, err
	}
	return s.Settings(ctx, user)
}
