package network

import (
	"context"
	"time"

	"devpath/internal/app"
)

// Filter narrows the contact list; empty fields match everything.
type Filter struct {
	Tag    string
	HowMet HowMet
	Query  string // in name, company or email, any case
	DueBy  string // YYYY-MM-DD: only contacts due on or before this day
	Limit  int    // at most this many; 0 for DefaultLimit
	Offset int
}

// DefaultLimit and MaxLimit bound one page of contacts.
const (
	DefaultLimit = 100
	MaxLimit     = 500
)

// Application is an application a contact touched: one they are a
// contact of, or one they referred.
type Application struct {
	ID       int64  `json:"id"`
	Company  string `json:"company"`
	Title    string `json:"title"`
	Stage    string `json:"stage"`
	Referred bool   `json:"referred" doc:"this contact referred the learner"`
}

// Summary is the learner's network at a glance, for the dashboard.
type Summary struct {
	Contacts   int `json:"contacts"`
	AddedMonth int `json:"added_this_month" doc:"people added this month"`
	MetMonth   int `json:"met_this_month" doc:"people the learner was in touch with this month"`
	HelpGiven  int `json:"help_given" doc:"times the learner gave help this month"`
	HelpAsked  int `json:"help_asked" doc:"times the learner asked for help this month"`
	Due        int `json:"due" doc:"contacts due today or overdue"`
}

// Store is the storage the network needs. Every method takes the learner:
// another learner's records are NotFound. The store keeps a contact's last
// contact and next due day in step with its interactions, with NextDue, in
// the transaction that changes them.
type Store interface {
	CreateContact(ctx context.Context, user int64, c Contact, addedOn string, at time.Time) (Contact, error)
	Contact(ctx context.Context, user, id int64) (Contact, error)
	Contacts(ctx context.Context, user int64, f Filter) ([]Contact, error)
	UpdateContact(ctx context.Context, user int64, c Contact, at time.Time) (Contact, error)
	DeleteContact(ctx context.Context, user, id int64) error
	LogInteraction(ctx context.Context, user int64, i Interaction, at time.Time) (Interaction, error)
	Interactions(ctx context.Context, user, contact int64) ([]Interaction, error)
	DeleteInteraction(ctx context.Context, user, contact, id int64) error
	ContactApplications(ctx context.Context, user, contact int64) ([]Application, error)
	NetworkSummary(ctx context.Context, user int64, monthStart, today string) (Summary, error)

	CreateEvent(ctx context.Context, user int64, e Event, at time.Time) (Event, error)
	Event(ctx context.Context, user, id int64) (Event, error)
	// Events lists the learner's events, the latest start first, without their people.
	Events(ctx context.Context, user int64, limit int) ([]Event, error)
	UpdateEvent(ctx context.Context, user int64, e Event, at time.Time) (Event, error)
	DeleteEvent(ctx context.Context, user, id int64) error
	// MeetAtEvent records that the learner met one of their contacts at one of their events.
	MeetAtEvent(ctx context.Context, user, event, contact int64) error
	// ImportEvents stores events in one transaction: those whose UID the
	// learner already has are updated, the others created.
	ImportEvents(ctx context.Context, user int64, events []Event, at time.Time) (Imported, error)

	// Identities lists each contact's email and LinkedIn address, to find duplicates.
	Identities(ctx context.Context, user int64) ([]Identity, error)
	// CreateContacts adds contacts in one transaction: all or none.
	CreateContacts(ctx context.Context, user int64, cs []Contact, addedOn string, at time.Time) error

	// CommunityMemberships lists the communities the learner joined, by community id.
	CommunityMemberships(ctx context.Context, user int64) ([]Membership, error)
	// JoinCommunity records a membership, or replaces the one of the same community.
	JoinCommunity(ctx context.Context, user int64, m Membership) error
	// LeaveCommunity deletes a membership; NotFound when there is none.
	LeaveCommunity(ctx context.Context, user int64, community string) error
	// NetworkExport reads the learner's whole network.
	NetworkExport(ctx context.Context, user int64) (Export, error)
}

// Imported counts what an import did.
type Imported struct {
	Created int `json:"created"`
	Updated int `json:"updated"`
}

// Service is the learner's network.
type Service struct {
	store       Store
	communities []Community
	topic       func(id string) bool                                 // whether a topic id is on the roadmap
	zone        func(ctx context.Context, user int64) *time.Location // the learner's time zone
	now         func() time.Time

	// Fetch reads a calendar feed a learner names, through the address
	// policy of the server; nil refuses every address.
	Fetch func(ctx context.Context, url string) ([]byte, error)
}

// NewService returns the network service. communities are those the
// roadmap's topics suggest; topic tells known roadmap topic ids; zone gives
// a learner's time zone, whose days interactions are dated in.
func NewService(store Store, communities []Community, topic func(string) bool, zone func(context.Context, int64) *time.Location, now func() time.Time) *Service {
	return &Service{store: store, communities: communities, topic: topic, zone: zone, now: now}
}

// Today is the learner's day, YYYY-MM-DD.
func (s *Service) Today(ctx context.Context, user int64) string {
	return s.now().In(s.zone(ctx, user)).Format(time.DateOnly)
}

// CheckContact returns the problems Create would find in c, without storing it.
func (s *Service) CheckContact(c Contact) error {
	return c.Normalized().Validate(s.topic)
}

// Create adds a contact to the learner's network.
func (s *Service) Create(ctx context.Context, user int64, c Contact) (Contact, error) {
	c = c.Normalized()
	if err := c.Validate(s.topic); err != nil {
		return Contact{}, err
	}
	return s.store.CreateContact(ctx, user, c, s.Today(ctx, user), s.now())
}

// Get returns one of the learner's contacts.
func (s *Service) Get(ctx context.Context, user, id int64) (Contact, error) {
	return s.store.Contact(ctx, user, id)
}

// List returns the learner's contacts, the soonest due first, then those
// without a cadence, by name.
func (s *Service) List(ctx context.Context, user int64, f Filter) ([]Contact, error) {
	if err := f.check(); err != nil {
		return nil, err
	}
	if f.Limit == 0 {
		f.Limit = DefaultLimit
	}
	return s.store.Contacts(ctx, user, f)
}

func (f Filter) check() error {
	p := app.Problems{}
	if !f.HowMet.Valid() {
		p.Add("query.how_met", "one of "+values(HowMetLabels))
	}
	if f.Limit < 0 || f.Limit > MaxLimit {
		p.Add("query.limit", "from 1 to 500")
	}
	if f.Offset < 0 {
		p.Add("query.offset", "cannot be negative")
	}
	return p.Err()
}

// LosingTouch returns the contacts whose next due day has come, the
// longest overdue first.
func (s *Service) LosingTouch(ctx context.Context, user int64, limit int) ([]Contact, error) {
	return s.DueAt(ctx, user, s.now(), limit)
}

// DueAt returns the contacts whose next due day has come by the learner's
// day at now, the longest overdue first.
func (s *Service) DueAt(ctx context.Context, user int64, now time.Time, limit int) ([]Contact, error) {
	day := now.In(s.zone(ctx, user)).Format(time.DateOnly)
	return s.List(ctx, user, Filter{DueBy: day, Limit: limit})
}

// Update replaces a contact's fields; its log, and so its last contact,
// stay as they are.
func (s *Service) Update(ctx context.Context, user int64, c Contact) (Contact, error) {
	c = c.Normalized()
	if err := c.Validate(s.topic); err != nil {
		return Contact{}, err
	}
	return s.store.UpdateContact(ctx, user, c, s.now())
}

// Delete removes a contact with their log; applications keep their record
// without them.
func (s *Service) Delete(ctx context.Context, user, id int64) error {
	return s.store.DeleteContact(ctx, user, id)
}

// CheckInteraction returns the problems Log would find in i, without storing it.
func (s *Service) CheckInteraction(ctx context.Context, user int64, i Interaction) error {
	return i.Validate(s.Today(ctx, user))
}

// Log records an interaction with a contact; the contact's next due day
// then counts from it.
func (s *Service) Log(ctx context.Context, user int64, i Interaction) (Interaction, error) {
	if err := s.CheckInteraction(ctx, user, i); err != nil {
		return Interaction{}, err
	}
	return s.store.LogInteraction(ctx, user, i, s.now())
}

// Interactions returns a contact's log, the latest first.
func (s *Service) Interactions(ctx context.Context, user, contact int64) ([]Interaction, error) {
	return s.store.Interactions(ctx, user, contact)
}

// DeleteInteraction removes one entry of a contact's log.
func (s *Service) DeleteInteraction(ctx context.Context, user, contact, id int64) error {
	return s.store.DeleteInteraction(ctx, user, contact, id)
}

// Applications returns the applications a contact touched.
func (s *Service) Applications(ctx context.Context, user, contact int64) ([]Application, error) {
	return s.store.ContactApplications(ctx, user, contact)
}

// Summary counts the learner's network this month, in their zone.
func (s *Service) Summary(ctx context.Context, user int64) (Summary, error) {
	today := s.Today(ctx, user)
	return s.store.NetworkSummary(ctx, user, today[:8]+"01", today)
}

// MaxEvents bounds the events a list shows and a calendar feed carries.
const MaxEvents = 500

// CheckEvent returns the problems CreateEvent would find in e, without storing it.
func (s *Service) CheckEvent(e Event) error { return e.Normalized().Validate() }

// CreateEvent adds an event.
func (s *Service) CreateEvent(ctx context.Context, user int64, e Event) (Event, error) {
	e = e.Normalized()
	if err := e.Validate(); err != nil {
		return Event{}, err
	}
	return s.store.CreateEvent(ctx, user, e, s.now())
}

// Event returns one of the learner's events with the people met there.
func (s *Service) Event(ctx context.Context, user, id int64) (Event, error) {
	return s.store.Event(ctx, user, id)
}

// Events returns the learner's events, the latest first.
func (s *Service) Events(ctx context.Context, user int64) ([]Event, error) {
	return s.store.Events(ctx, user, MaxEvents)
}

// UpdateEvent replaces an event's fields; the people met stay.
func (s *Service) UpdateEvent(ctx context.Context, user int64, e Event) (Event, error) {
	e = e.Normalized()
	if err := e.Validate(); err != nil {
		return Event{}, err
	}
	return s.store.UpdateEvent(ctx, user, e, s.now())
}

// DeleteEvent removes an event; the people met stay in the network.
func (s *Service) DeleteEvent(ctx context.Context, user, id int64) error {
	return s.store.DeleteEvent(ctx, user, id)
}

// Meet records that the learner met a contact at an event.
func (s *Service) Meet(ctx context.Context, user, event, contact int64) error {
	return s.store.MeetAtEvent(ctx, user, event, contact)
}
