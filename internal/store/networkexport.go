package store

import (
	"context"

	"devpath/internal/network"
)

// NetworkExport reads a learner's whole network: a few queries, each over
// one table, rather than one per contact or event.
func (s *Store) NetworkExport(ctx context.Context, user int64) (network.Export, error) {
	var x network.Export
	var err error
	if x.Contacts, err = queryAll(ctx, s.read, s.q(`SELECT `+contactColumns+` FROM contacts WHERE user_id = ? ORDER BY id`), scanContact, user); err != nil {
		return x, err
	}
	if x.Interactions, err = queryAll(ctx, s.read, s.q(`
		SELECT id, contact_id, kind, on_day, note, event_id, created_at FROM interactions WHERE user_id = ? ORDER BY contact_id, on_day, id`),
		func(row scanner, i *network.Interaction) error {
			return row.Scan(&i.ID, &i.ContactID, &i.Kind, &i.On, &i.Note, &i.EventID, &i.CreatedAt)
		}, user); err != nil {
		return x, err
	}
	if x.Events, err = queryAll(ctx, s.read, s.q(`SELECT `+eventColumns+` FROM events WHERE user_id = ? ORDER BY starts_at, id`), scanEvent, user); err != nil {
		return x, err
	}
	type met struct {
		event int64
		network.Met
	}
	people, err := queryAll(ctx, s.read, s.q(`
		SELECT ec.event_id, c.id, c.name, c.last_contact FROM event_contacts ec
		JOIN events e ON e.id = ec.event_id JOIN contacts c ON c.id = ec.contact_id
		WHERE e.user_id = ? ORDER BY c.name, c.id`),
		func(row scanner, m *met) error { return row.Scan(&m.event, &m.ID, &m.Name, &m.LastContact) }, user)
	if err != nil {
		return x, err
	}
	at := make(map[int64]int, len(x.Events))
	for i, e := range x.Events {
		at[e.ID] = i
	}
	for _, m := range people {
		e := &x.Events[at[m.event]]
		e.People = append(e.People, m.Met)
	}
	x.Communities, err = s.CommunityMemberships(ctx, user)
	if x.Contacts == nil {
		x.Contacts = []network.Contact{}
	}
	if x.Interactions == nil {
		x.Interactions = []network.Interaction{}
	}
	if x.Events == nil {
		x.Events = []network.Event{}
	}
	return x, err
}
