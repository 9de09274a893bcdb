package notify

import (
	"context"
	"strconv"
	"time"

	"devpath/internal/app"
	"devpath/internal/mail"
)

// SendEmail sends notification id by email, if it is still to be emailed:
// not sent yet, and its kind still chosen for email (choosing otherwise
// stops the letters waiting). A send the SMTP server refuses is returned,
// for the queue to try again.
func (s *Service) SendEmail(ctx context.Context, id int64) error {
	n, err := s.store.Notification(ctx, id)
	if app.ErrorCode(err) == app.NotFound {
		return nil // deleted with its person
	}
	if err != nil || n.SentAt != nil || n.Delivery != Email || s.mailer == nil {
		return err
	}
	to, loc, err := s.reader(ctx, n.UserID)
	if err != nil {
		return err
	}
	info, _ := n.Kind.Info()
	l := s.letter(to, n.Title, n.UserID, string(n.Kind))
	l.Sections = []mail.Section{{Items: []mail.Item{s.item(n, loc)}}}
	l.Why = "You get this email because you chose email for “" + info.Label + "” in your devpath notification settings."
	return s.send(ctx, l, to, "n"+strconv.FormatInt(n.ID, 10), func(ctx context.Context, at time.Time) error {
		return s.store.MarkNotificationSent(ctx, n.ID, at)
	})
}

// ScanDigests queues the digest of each person, among a page of those with
// digest items waiting, whose day has reached DigestHour in their time zone
// and who has had no digest that day; then the next page.
func (s *Service) ScanDigests(ctx context.Context, after int64) error {
	if s.mailer == nil {
		return nil
	}
	ids, err := s.store.DigestWaiting(ctx, after, scanPage)
	if err != nil {
		return err
	}
	now := s.now()
	for _, user := range ids {
		if err := s.queueDigest(ctx, user, now.In(s.zones.Zone(ctx, user))); err != nil {
			return err
		}
	}
	if len(ids) == scanPage {
		return s.queue.Insert(ctx, DigestScanJob{After: ids[len(ids)-1]})
	}
	return nil
}

func (s *Service) queueDigest(ctx context.Context, user int64, local time.Time) error {
	if local.Hour() < DigestHour {
		return nil
	}
	day := local.Format(time.DateOnly)
	if sent, err := s.store.DigestSent(ctx, user, day); err != nil || sent {
		return err
	}
	return s.queue.Insert(ctx, DigestJob{UserID: user, Day: day})
}

// SendDigest sends the person one email with every digest item waiting,
// grouped by kind, unless the day's digest went already.
func (s *Service) SendDigest(ctx context.Context, user int64, day string) error {
	if s.mailer == nil {
		return nil
	}
	if sent, err := s.store.DigestSent(ctx, user, day); err != nil || sent {
		return err
	}
	items, err := s.store.DigestItems(ctx, user)
	if err != nil || len(items) == 0 {
		return err
	}
	to, loc, err := s.reader(ctx, user)
	if err != nil {
		return err
	}
	l := s.letter(to, digestTitle(day, len(items)), user, digestScope)
	l.Sections = s.sections(items, loc)
	l.Why = "You get this digest because you chose the daily digest for some notifications in your devpath settings."
	ids := make([]int64, len(items))
	for i, n := range items {
		ids[i] = n.ID
	}
	return s.send(ctx, l, to, "d"+strconv.FormatInt(user, 10)+"-"+day, func(ctx context.Context, at time.Time) error {
		return s.store.RecordDigest(ctx, user, day, ids, at)
	})
}

func digestTitle(day string, n int) string {
	t, err := time.Parse(time.DateOnly, day)
	when := day
	if err == nil {
		when = t.Format("Monday 2 January")
	}
	if n == 1 {
		return "Your devpath digest for " + when + ": 1 new notification"
	}
	return "Your devpath digest for " + when + ": " + strconv.Itoa(n) + " new notifications"
}

// sections groups items by kind, in the kinds' order, oldest first within each.
func (s *Service) sections(items []Notification, loc *time.Location) []mail.Section {
	var out []mail.Section
	for _, k := range kinds {
		sec := mail.Section{Heading: k.Label}
		for _, n := range items {
			if n.Kind == k.Kind {
				sec.Items = append(sec.Items, s.item(n, loc))
			}
		}
		if len(sec.Items) > 0 {
			out = append(out, sec)
		}
	}
	return out
}

// reader is who an email goes to and the time zone its times are told in.
func (s *Service) reader(ctx context.Context, user int64) (Recipient, *time.Location, error) {
	to, err := s.store.Recipient(ctx, user)
	return to, s.zones.Zone(ctx, user), err
}

// letter is the frame every email shares: greeting, settings, unsubscribe.
func (s *Service) letter(to Recipient, title string, user int64, scope string) mail.Letter {
	return mail.Letter{Title: title, Greeting: "Hello " + to.Name + ",",
		Settings:    mail.Link{Label: "Choose how notifications reach you", URL: s.baseURL + "/notifications/settings"},
		Unsubscribe: s.unsubscribeURL(user, scope)}
}

// item is a notification as a letter lists it, its time in loc.
func (s *Service) item(n Notification, loc *time.Location) mail.Item {
	it := mail.Item{Title: n.Title, Text: n.Body, When: n.CreatedAt.In(loc).Format("Mon 2 Jan 2006, 15:04 MST")}
	if n.Link != "" {
		it.URL = s.baseURL + n.Link
	}
	return it
}

// send mails the letter, then records that it went with mark, whatever
// became of ctx meanwhile: a letter sent and not recorded would go twice.
func (s *Service) send(ctx context.Context, l mail.Letter, to Recipient, id string, mark func(context.Context, time.Time) error) error {
	msg, err := l.Message(mail.Address{Name: to.Name, Email: to.Email}, id)
	if err != nil {
		return err
	}
	if err := s.mailer.Send(ctx, msg); err != nil {
		return err
	}
	return mark(context.WithoutCancel(ctx), s.now())
}
