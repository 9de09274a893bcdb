package cohort

import (
	"context"
	"fmt"
	"strings"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
)

// Invitation asks one person (by email) or anyone holding a link to join
// a cohort as a learner.
type Invitation struct {
	ID         int64
	CohortID   int64
	CohortName string
	Email      string // empty for a link
	Seats      int    // for a link: how many may use it, 0 for no limit
	Used       int    // for a link: how many did
	ExpiresAt  time.Time
	CreatedBy  int64
	CreatedAt  time.Time
	AcceptedAt *time.Time // for an email invitation
}

// Live tells whether the invitation can still be used at now.
func (i Invitation) Live(now time.Time) bool {
	return now.Before(i.ExpiresAt) && i.AcceptedAt == nil && (i.Seats == 0 || i.Used < i.Seats)
}

// Outcome is what became of one line of an invitation list.
type Outcome string

const (
	Invited        Outcome = "invited"
	Malformed      Outcome = "malformed"
	Duplicate      Outcome = "duplicate"       // the same email earlier in the list
	AlreadyMember  Outcome = "already_member"  // a learner of the cohort already
	AlreadyInvited Outcome = "already_invited" // an invitation is waiting for them
)

// InviteLine reports one line of an invitation list.
type InviteLine struct {
	Line    int // from 1
	Text    string
	Email   string
	Outcome Outcome
}

// Bounds of invitations.
const (
	MaxInviteLines   = 1000
	EmailInviteTTL   = 30 * 24 * time.Hour
	MaxLinkTTL       = 365 * 24 * time.Hour
	MaxSeats         = 10000
	maxInviteLineLen = 1000
)

// InvitationStore keeps invitations.
type InvitationStore interface {
	// InviteEmail stores an email invitation, in a transaction of its own,
	// unless the email is a learner of the cohort or already invited to it,
	// which it reports instead; letter queues the email to the person.
	InviteEmail(ctx context.Context, inv Invitation, letter bool) (Outcome, error)
	CreateLink(ctx context.Context, inv Invitation, hash []byte) (Invitation, error)
	// Link finds a link invitation by the hash of its secret.
	Link(ctx context.Context, hash []byte) (Invitation, error)
	// UseLink takes a seat of the live link and makes user a learner of
	// its cohort, in one transaction; Conflict when they are one already,
	// NotFound when the link is not live.
	UseLink(ctx context.Context, hash []byte, user int64, now time.Time) (Invitation, error)
	Invitations(ctx context.Context, cohort int64) ([]Invitation, error)
	Invitation(ctx context.Context, id int64) (Invitation, error)
	// PendingInvitations lists the live email invitations to email.
	PendingInvitations(ctx context.Context, email string, now time.Time) ([]Invitation, error)
	// AcceptInvitation marks the live email invitation to email accepted
	// and makes user a learner of its cohort, in one transaction.
	AcceptInvitation(ctx context.Context, id, user int64, email string, now time.Time) (Invitation, error)
}

// ParseInviteList reads emails pasted one a line, or a CSV file whose lines
// hold an email among their fields (the first field with an @ in it).
// Blank lines are skipped; every other line is reported.
func ParseInviteList(text string) []InviteLine {
	var out []InviteLine
	seen := map[string]bool{}
	for i, raw := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line := strings.TrimSpace(raw)
		if line == "" {
			continue
		}
		l := InviteLine{Line: i + 1, Text: truncate(line), Email: emailIn(line)}
		switch {
		case !account.ValidEmail(l.Email):
			l.Outcome = Malformed
		case seen[l.Email]:
			l.Outcome = Duplicate
		default:
			seen[l.Email] = true
		}
		out = append(out, l)
	}
	return out
}

// emailIn picks the email out of a CSV line: the first field with an @.
func emailIn(line string) string {
	fields := strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == ';' || r == '\t' })
	for _, f := range fields {
		if f = strings.Trim(strings.TrimSpace(f), `"'<>`); strings.Contains(f, "@") {
			return account.NormaliseEmail(f)
		}
	}
	return account.NormaliseEmail(line)
}

func truncate(s string) string {
	if len(s) > maxInviteLineLen {
		return s[:maxInviteLineLen]
	}
	return s
}

// Invite invites every well-formed email of a list to cohort id, each on
// its own: a bad line is reported and the others are still invited.
func (s *Service) Invite(ctx context.Context, who account.User, id int64, list string) ([]InviteLine, error) {
	if _, err := s.require(ctx, who, id, adminAccess); err != nil {
		return nil, err
	}
	lines, err := CheckInviteList(list)
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	for i, l := range lines {
		if l.Outcome != "" {
			continue
		}
		inv := Invitation{CohortID: id, Email: l.Email, ExpiresAt: now.Add(EmailInviteTTL), CreatedBy: who.ID, CreatedAt: now}
		if lines[i].Outcome, err = s.store.InviteEmail(ctx, inv, s.letters); err != nil {
			return nil, err
		}
	}
	invited := 0
	for _, l := range lines {
		if l.Outcome == Invited {
			invited++
		}
	}
	s.record(ctx, who, id, "invited", "invited %d of %d lines", invited, len(lines))
	return lines, nil
}

// CheckInviteList parses a list and refuses one with no line or too many.
func CheckInviteList(list string) ([]InviteLine, error) {
	lines := ParseInviteList(list)
	switch {
	case len(lines) == 0:
		return nil, app.FieldError("emails", "is empty: write one email a line, or paste a CSV file")
	case len(lines) > MaxInviteLines:
		return nil, app.FieldError("emails", fmt.Sprintf("has more than %d lines: send them in parts", MaxInviteLines))
	}
	return lines, nil
}

// LinkRequest is what a cohort admin sets on an invitation link.
type LinkRequest struct {
	ExpiresAt time.Time
	Seats     int // 0 for no limit
}

// Validate names every field that is wrong at now.
func (r LinkRequest) Validate(now time.Time) error {
	p := app.Problems{}
	switch {
	case r.ExpiresAt.IsZero():
		p.Add("expires_at", "is required")
	case !r.ExpiresAt.After(now):
		p.Add("expires_at", "must be in the future")
	case r.ExpiresAt.After(now.Add(MaxLinkTTL)):
		p.Add("expires_at", "must be within a year")
	}
	if r.Seats < 0 || r.Seats > MaxSeats {
		p.Add("seats", fmt.Sprintf("must be from 0 (no limit) to %d", MaxSeats))
	}
	return p.Err()
}

// CheckLink returns the problems CreateLink would find in r.
func (s *Service) CheckLink(r LinkRequest) error { return r.Validate(s.now()) }

// CreateLink makes an invitation link for cohort id; the secret it returns
// is shown once and only its hash is kept.
func (s *Service) CreateLink(ctx context.Context, who account.User, id int64, r LinkRequest) (Invitation, string, error) {
	if _, err := s.require(ctx, who, id, adminAccess); err != nil {
		return Invitation{}, "", err
	}
	if err := s.CheckLink(r); err != nil {
		return Invitation{}, "", err
	}
	secret := account.NewSecret()
	inv := Invitation{CohortID: id, Seats: r.Seats, ExpiresAt: r.ExpiresAt.UTC(), CreatedBy: who.ID, CreatedAt: s.now().UTC()}
	inv, err := s.store.CreateLink(ctx, inv, account.HashSecret(secret))
	if err == nil {
		s.record(ctx, who, id, "link", "made invitation link %d with %d seats (0: no limit) until %s", inv.ID, inv.Seats,
			inv.ExpiresAt.Format(time.RFC3339))
	}
	return inv, secret, err
}

// Invitations lists a cohort's invitations, for its admins.
func (s *Service) Invitations(ctx context.Context, who account.User, id int64) ([]Invitation, error) {
	if _, err := s.require(ctx, who, id, adminAccess); err != nil {
		return nil, err
	}
	return s.store.Invitations(ctx, id)
}

// Join makes who a learner of the cohort a link invites to.
func (s *Service) Join(ctx context.Context, who account.User, code string) (Invitation, error) {
	if err := s.checkCode(ctx, code); err != nil {
		return Invitation{}, err
	}
	inv, err := s.store.UseLink(ctx, account.HashSecret(code), who.ID, s.now())
	switch app.ErrorCode(err) {
	case app.Conflict:
		return Invitation{}, alreadyMember()
	case app.NotFound:
		return Invitation{}, badLink("has expired or has no seats left")
	}
	return inv, err
}

// checkCode says why a link's secret cannot be used now, if it cannot.
func (s *Service) checkCode(ctx context.Context, code string) error {
	if strings.TrimSpace(code) == "" {
		return badLink("is required")
	}
	inv, err := s.store.Link(ctx, account.HashSecret(strings.TrimSpace(code)))
	switch {
	case app.ErrorCode(err) == app.NotFound:
		return badLink("is not a valid invitation link")
	case err != nil:
		return err
	case !s.now().Before(inv.ExpiresAt):
		return badLink("has expired: ask the cohort's admin for a new link")
	case inv.Seats > 0 && inv.Used >= inv.Seats:
		return badLink("has no seats left: ask the cohort's admin for a new link")
	}
	return nil
}

func badLink(problem string) error { return app.FieldError("invitation", problem) }

// MyInvitations lists the live email invitations waiting for who.
func (s *Service) MyInvitations(ctx context.Context, who account.User) ([]Invitation, error) {
	return s.store.PendingInvitations(ctx, who.Email, s.now())
}

// Accept takes up an email invitation sent to who.
func (s *Service) Accept(ctx context.Context, who account.User, id int64) (Invitation, error) {
	inv, err := s.store.AcceptInvitation(ctx, id, who.ID, who.Email, s.now())
	if app.ErrorCode(err) == app.Conflict {
		return Invitation{}, alreadyMember()
	}
	return inv, err
}

var errNotInvited = &app.Error{Code: app.Forbidden, Message: "registration on this site is by invitation, and this email has none",
	Fields: map[string]string{"invitation": "is required on this site"}}

// Admit lets a person register while registration is by invitation: with
// a live link's secret, or an email invitation waiting for their email.
func (s *Service) Admit(ctx context.Context, email, code string) error {
	if code != "" {
		return s.checkCode(ctx, code)
	}
	pending, err := s.store.PendingInvitations(ctx, account.NormaliseEmail(email), s.now())
	if err != nil {
		return err
	}
	if len(pending) == 0 {
		return errNotInvited
	}
	return nil
}

// Welcome makes a new account a learner of every cohort that invited its
// email, and of the link's cohort when it came with one.
func (s *Service) Welcome(ctx context.Context, u account.User, code string) error {
	pending, err := s.store.PendingInvitations(ctx, u.Email, s.now())
	if err != nil {
		return err
	}
	for _, inv := range pending {
		if _, err := s.Accept(ctx, u, inv.ID); err != nil {
			return err
		}
	}
	if code == "" {
		return nil
	}
	_, err = s.Join(ctx, u, code)
	return err
}

// LetterJob mails an email invitation to the person invited.
type LetterJob struct {
	InvitationID int64 `json:"invitation_id"`
}

// Kind names the job for the queue.
func (LetterJob) Kind() string { return "cohort_invitation_letter" }

// ToMail returns an email invitation that is still worth a letter: live
// and not yet taken up. False means there is nothing to send.
func (s *Service) ToMail(ctx context.Context, id int64) (Invitation, bool, error) {
	inv, err := s.store.Invitation(ctx, id)
	if app.ErrorCode(err) == app.NotFound {
		return Invitation{}, false, nil
	}
	if err != nil || inv.Email == "" || !inv.Live(s.now()) {
		return Invitation{}, false, err
	}
	return inv, true, nil
}
