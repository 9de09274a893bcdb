package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"devpath/internal/account"
	"devpath/internal/notify"
)

type notificationBody struct {
	ID        int64           `json:"id"`
	Kind      notify.Kind     `json:"kind" doc:"what it is about; GET /api/v1/me/notification-settings lists the kinds"`
	Title     string          `json:"title"`
	Body      string          `json:"body"`
	Link      string          `json:"link" doc:"a path on this site where to act on it"`
	Delivery  notify.Delivery `json:"delivery" enum:"app,email,digest" doc:"how it went out besides the inbox, as chosen when it was made"`
	CreatedAt time.Time       `json:"created_at"`
	ReadAt    *time.Time      `json:"read_at"`
}

type notificationsInput struct {
	Before int64 `query:"before" minimum:"0" doc:"only notifications with ids below this: the older page"`
}

type notificationsOutput struct {
	Body struct {
		Unread        int                `json:"unread" doc:"unread in the whole inbox"`
		Notifications []notificationBody `json:"notifications" doc:"newest first, 50 at most"`
		Older         *int64             `json:"older" doc:"the before of the next page; null on the last"`
	}
}

type notificationIDInput struct {
	ID int64 `path:"id"`
}

type settingsBody struct {
	Email    bool             `json:"email" doc:"whether this server can send email; without it, notifications stay in the app"`
	Settings []notify.Setting `json:"settings" doc:"every kind, with my choice"`
}

type settingsOutput struct {
	Body settingsBody
}

type settingsInput struct {
	Body struct {
		Settings map[string]string `json:"settings" doc:"kind -> app, email or digest; kinds left out keep their choice"`
	}
}

func (h *Handler) registerNotifications(api huma.API) {
	tags := []string{"notifications"}
	registerUser(api, huma.Operation{OperationID: "list-notifications", Method: http.MethodGet, Path: "/api/v1/me/notifications",
		Summary: "My notifications, newest first", Tags: tags}, h.notifications)
	registerUser(api, huma.Operation{OperationID: "read-notification", Method: http.MethodPost, Path: "/api/v1/me/notifications/{id}/read",
		Summary: "Mark one notification read", Tags: tags, DefaultStatus: http.StatusNoContent}, h.readNotification)
	registerUser(api, huma.Operation{OperationID: "read-notifications", Method: http.MethodPost, Path: "/api/v1/me/notifications/read",
		Summary: "Mark every notification read", Tags: tags, DefaultStatus: http.StatusNoContent}, h.readNotifications)
	registerUser(api, huma.Operation{OperationID: "get-notification-settings", Method: http.MethodGet, Path: "/api/v1/me/notification-settings",
		Summary: "How each kind of notification reaches me", Tags: tags}, h.notificationSettings)
	registerUser(api, huma.Operation{OperationID: "put-notification-settings", Method: http.MethodPut, Path: "/api/v1/me/notification-settings",
		Summary:     "Choose how kinds of notification reach me",
		Description: "The inbox always gets every notification; email sends one each as it happens, digest one email a day at about 08:00 in my time zone.",
		Tags:        tags}, h.putNotificationSettings)
}

func (h *Handler) notifications(ctx context.Context, p account.Principal, in *notificationsInput) (*notificationsOutput, error) {
	page, err := h.Notify.Inbox(ctx, p.User.ID, in.Before)
	if err != nil {
		return nil, err
	}
	out := &notificationsOutput{}
	out.Body.Unread, out.Body.Notifications = page.Unread, make([]notificationBody, len(page.Items))
	for i, n := range page.Items {
		out.Body.Notifications[i] = notificationBody{ID: n.ID, Kind: n.Kind, Title: n.Title, Body: n.Body, Link: n.Link,
			Delivery: n.Delivery, CreatedAt: n.CreatedAt, ReadAt: n.ReadAt}
	}
	if page.Older > 0 {
		out.Body.Older = &page.Older
	}
	return out, nil
}

func (h *Handler) readNotification(ctx context.Context, p account.Principal, in *notificationIDInput) (*struct{}, error) {
	return nil, h.Notify.MarkRead(ctx, p.User.ID, in.ID)
}

func (h *Handler) readNotifications(ctx context.Context, p account.Principal, _ *struct{}) (*struct{}, error) {
	_, err := h.Notify.MarkAllRead(ctx, p.User.ID)
	return nil, err
}

func (h *Handler) notificationSettings(ctx context.Context, p account.Principal, _ *struct{}) (*settingsOutput, error) {
	s, err := h.Notify.Settings(ctx, p.User.ID)
	if err != nil {
		return nil, err
	}
	return &settingsOutput{Body: settingsBody{Email: h.Notify.EmailAvailable(), Settings: s}}, nil
}

func (h *Handler) putNotificationSettings(ctx context.Context, p account.Principal, in *settingsInput) (*settingsOutput, error) {
	choices := make(map[notify.Kind]notify.Delivery, len(in.Body.Settings))
	for k, d := range in.Body.Settings {
		choices[notify.Kind(k)] = notify.Delivery(d)
	}
	s, err := h.Notify.SetSettings(ctx, p.User.ID, choices)
	if err != nil {
		return nil, err
	}
	return &settingsOutput{Body: settingsBody{Email: h.Notify.EmailAvailable(), Settings: s}}, nil
}
