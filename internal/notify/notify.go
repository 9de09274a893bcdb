// Package notify tells people what needs them: reviews due, follow-ups due,
// checks finished. Every notification lands in the person's inbox in the
// app; per kind, each person also chooses an email as it happens or a daily
// digest. The words of each kind live here; what is due is decided by the
// domain packages, and server wires the two together.
package notify

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"devpath/internal/app"
	"devpath/internal/mail"
)

// Notification is one thing devpath told a person.
type Notification struct {
	ID     int64
	UserID int64
	Kind   Kind
	// Key is unique per person: a producer that runs twice makes the same
	// key, and the second notification is dropped.
	Key string
	Message
	Delivery  Delivery // how it goes out, decided when it was made
	CreatedAt time.Time
	ReadAt    *time.Time
	SentAt    *time.Time // when its email, alone or in a digest, went
}

// Message is what a notification says.
type Message struct {
	Title string
	Body  string
	Link  string // a path on this site, where to act on it
}

// Recipient is the person an email goes to.
type Recipient struct {
	Email, Name string
}

// Store is the storage the notification service needs.
type Store interface {
	// AddNotification stores n unless the person has one with its key
	// already (added is then false). A new one delivered by Email is stored
	// with its EmailJob in one transaction.
	AddNotification(ctx context.Context, n Notification) (stored Notification, added bool, err error)
	HasNotification(ctx context.Context, user int64, key string) (bool, error)
	// Notification returns anyone's notification, for the jobs that send it.
	Notification(ctx context.Context, id int64) (Notification, error)
	// Notifications lists a person's notifications with ids below before
	// (0: from the newest), newest first.
	Notifications(ctx context.Context, user, before int64, limit int) ([]Notification, error)
	UnreadNotifications(ctx context.Context, user int64) (int, error)
	// MarkNotificationRead is NotFound for another person's notification.
	MarkNotificationRead(ctx context.Context, user, id int64, at time.Time) error
	MarkNotificationsRead(ctx context.Context, user int64, at time.Time) (int64, error)
	MarkNotificationSent(ctx context.Context, id int64, at time.Time) error
	NotificationSettings(ctx context.Context, user int64) (map[Kind]Delivery, error)
	// SetNotificationSettings stores the choices given; letters still
	// waiting for a kind no longer emailed are not sent.
	SetNotificationSettings(ctx context.Context, user int64, choices map[Kind]Delivery) error
	Recipient(ctx context.Context, user int64) (Recipient, error)
	// Learners returns up to limit account ids above after, in order.
	Learners(ctx context.Context, after int64, limit int) ([]int64, error)
	// DigestWaiting returns up to limit ids above after of people with
	// digest items not sent yet, in order.
	DigestWaiting(ctx context.Context, after int64, limit int) ([]int64, error)
	DigestItems(ctx context.Context, user int64) ([]Notification, error)
	DigestSent(ctx context.Context, user int64, day string) (bool, error)
	// RecordDigest marks the items sent and the day's digest done, together.
	RecordDigest(ctx context.Context, user int64, day string, items []int64, at time.Time) error
	// Secret returns the server secret called name, storing fresh first
	// when there is none yet.
	Secret(ctx context.Context, name string, fresh []byte, at time.Time) ([]byte, error)
}

// Zones tells a person's time zone; UTC when they gave none.
type Zones interface {
	Zone(ctx context.Context, user int64) *time.Location
}

// Mailer sends an email.
type Mailer interface {
	Send(ctx context.Context, m mail.Message) error
}

// Queue takes jobs for later.
type Queue interface {
	Insert(ctx context.Context, args interface{ Kind() string }) error
}

// Service makes, lists and sends notifications.
type Service struct {
	store   Store
	zones   Zones
	mailer  Mailer // nil when the server has no SMTP: the app only
	queue   Queue
	baseURL string
	secret  []byte // signs unsubscribe links
	log     *slog.Logger
	now     func() time.Time
	// Sources find what is due for a person; the scan asks each of them.
	Sources []Source
}

// NewService returns the notification service. mailer may be nil: then
// notifications stay in the app. baseURL makes the links in emails.
func NewService(ctx context.Context, store Store, zones Zones, mailer Mailer, queue Queue, baseURL string,
	log *slog.Logger, now func() time.Time) (*Service, error) {
	s := &Service{store: store, zones: zones, mailer: mailer, queue: queue,
		baseURL: strings.TrimSuffix(baseURL, "/"), log: log, now: now}
	var err error
	s.secret, err = store.Secret(ctx, "unsubscribe", newSecret(), now())
	return s, err
}

// EmailAvailable tells whether this server can send email at all.
func (s *Service) EmailAvailable() bool { return s.mailer != nil }

// Notify tells user about something of kind k. key, unique within the
// kind, makes it idempotent: a notification whose key the person already
// has is dropped, and added is false.
func (s *Service) Notify(ctx context.Context, user int64, k Kind, key string, m Message) (added bool, err error) {
	if _, ok := k.Info(); !ok {
		return false, app.Errorf(app.Invalid, "unknown notification kind %q", k)
	}
	d, err := s.delivery(ctx, user, k)
	if err != nil {
		return false, err
	}
	n := Notification{UserID: user, Kind: k, Key: string(k) + ":" + key, Message: m, Delivery: d, CreatedAt: s.now()}
	_, added, err = s.store.AddNotification(ctx, n)
	return added, err
}

// delivery is how a new notification of kind k goes to user: their choice,
// or the app alone when the server cannot send email.
func (s *Service) delivery(ctx context.Context, user int64, k Kind) (Delivery, error) {
	if s.mailer == nil {
		return InApp, nil
	}
	choices, err := s.store.NotificationSettings(ctx, user)
	if err != nil {
		return "", err
	}
	return chosen(choices, k), nil
}

func chosen(choices map[Kind]Delivery, k Kind) Delivery {
	if d, ok := choices[k]; ok {
		return d
	}
	return DefaultDelivery
}
