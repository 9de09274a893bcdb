package notify

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strconv"

	"devpath/internal/app"
)

// digestScope is the unsubscribe scope of the daily digest: every kind
// that goes in it. Any other scope is a kind.
const digestScope = "digest"

func newSecret() []byte {
	b := make([]byte, 32)
	rand.Read(b)
	return b
}

// sign is the token of an unsubscribe link: an HMAC over the person and the
// scope, under the server's secret, so that the link works without logging
// in and cannot be made for anyone else.
func (s *Service) sign(user int64, scope string) string {
	mac := hmac.New(sha256.New, s.secret)
	mac.Write([]byte("unsubscribe\x00" + strconv.FormatInt(user, 10) + "\x00" + scope))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil)[:18])
}

// unsubscribeURL is the one-click address that stops the emails of scope.
func (s *Service) unsubscribeURL(user int64, scope string) string {
	return s.baseURL + "/unsubscribe/" + strconv.FormatInt(user, 10) + "/" + scope + "/" + s.sign(user, scope)
}

// Unsubscription is what an unsubscribe link stops.
type Unsubscription struct {
	User  int64
	Scope string
	What  string // in words: "emails about reviews due", "the daily digest"
}

// CheckUnsubscribe reads an unsubscribe link's parts; a link that was not
// made by this server (or names no kind) is NotFound.
func (s *Service) CheckUnsubscribe(user int64, scope, token string) (Unsubscription, error) {
	u := Unsubscription{User: user, Scope: scope, What: "the daily digest"}
	if scope != digestScope {
		k, ok := Kind(scope).Info()
		if !ok {
			return Unsubscription{}, app.Errorf(app.NotFound, "this unsubscribe link is not one of ours")
		}
		u.What = "emails about " + lower(k.Label)
	}
	if !hmac.Equal([]byte(token), []byte(s.sign(user, scope))) {
		return Unsubscription{}, app.Errorf(app.NotFound, "this unsubscribe link is not one of ours")
	}
	return u, nil
}

// Unsubscribe stops the emails an unsubscribe link names: its kind, or
// every kind in the digest, goes back to the app only.
func (s *Service) Unsubscribe(ctx context.Context, user int64, scope, token string) (Unsubscription, error) {
	u, err := s.CheckUnsubscribe(user, scope, token)
	if err != nil {
		return u, err
	}
	if _, err := s.store.Recipient(ctx, user); err != nil {
		return u, err // the account is gone
	}
	choices := map[Kind]Delivery{Kind(scope): InApp}
	if scope == digestScope {
		current, err := s.store.NotificationSettings(ctx, user)
		if err != nil {
			return u, err
		}
		choices = map[Kind]Delivery{}
		for k, d := range current {
			if d == Digest {
				choices[k] = InApp
			}
		}
	}
	return u, s.store.SetNotificationSettings(ctx, user, choices)
}

// lower puts the first letter of a label in lower case, for use in a sentence.
func lower(label string) string {
	if label == "" {
		return label
	}
	return string(label[0]|0x20) + label[1:]
}
