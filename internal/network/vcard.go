package network

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/emersion/go-vcard"

	"devpath/internal/app"
)

// maxImportContacts bounds one import.
const maxImportContacts = 10_000

// ParseVCards reads the contacts of a vCard file (3.0 or 4.0). Every card
// must make a valid contact or the file is refused: the error, under
// field, names the first wrong card by its place and name.
func ParseVCards(data []byte, field string) ([]Contact, error) {
	dec := vcard.NewDecoder(bytes.NewReader(data))
	var out []Contact
	for n := 1; ; n++ {
		card, err := dec.Decode()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, app.FieldError(field, fmt.Sprintf("card %d is not a vCard: %v", n, err))
		}
		if n > maxImportContacts {
			return nil, app.FieldError(field, fmt.Sprintf("has more than %d cards", maxImportContacts))
		}
		c := contactOf(card).Normalized()
		if err := c.Validate(nil); err != nil {
			return nil, app.FieldError(field, fmt.Sprintf("card %d (%q): %s", n, c.Name, problemText(err)))
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, app.FieldError(field, "has no cards (BEGIN:VCARD)")
	}
	return out, nil
}

// contactOf maps a card onto a contact: FN (or N), EMAIL, ORG, TITLE, each
// URL by its host, NOTE and CATEGORIES as tags.
func contactOf(card vcard.Card) Contact {
	c := Contact{Name: card.PreferredValue(vcard.FieldFormattedName), Email: card.PreferredValue(vcard.FieldEmail),
		Role: card.PreferredValue(vcard.FieldTitle), Notes: card.Value(vcard.FieldNote)}
	if c.Name == "" {
		if n := card.Name(); n != nil {
			c.Name = strings.TrimSpace(n.GivenName + " " + n.FamilyName)
		}
	}
	if org := card.PreferredValue(vcard.FieldOrganization); org != "" {
		c.Company, _, _ = strings.Cut(org, ";") // the organisation, before its units
	}
	for _, u := range card.Values(vcard.FieldURL) {
		c.Links = c.Links.with(LinksOf(u))
	}
	for _, cats := range card.Values(vcard.FieldCategories) {
		c.Tags = append(c.Tags, strings.Split(cats, ",")...)
	}
	return c
}

// with fills l's empty links from m; a second website goes under other.
func (l Links) with(m Links) Links {
	fill := func(dst *string, v string) bool {
		if v != "" && *dst == "" {
			*dst = v
			return true
		}
		return v == ""
	}
	fill(&l.LinkedIn, m.LinkedIn)
	fill(&l.GitHub, m.GitHub)
	if !fill(&l.Website, m.Website) {
		fill(&l.Other, m.Website)
	}
	return l
}

// WriteVCards writes contacts as vCard 4.0.
func WriteVCards(w io.Writer, cs []Contact) error {
	enc := vcard.NewEncoder(w)
	for _, c := range cs {
		card := vcard.Card{}
		card.SetValue(vcard.FieldVersion, "4.0")
		card.SetValue(vcard.FieldFormattedName, c.Name)
		card.SetName(&vcard.Name{GivenName: c.Name})
		set := func(k, v string) {
			if v != "" {
				card.AddValue(k, v)
			}
		}
		set(vcard.FieldEmail, c.Email)
		set(vcard.FieldOrganization, c.Company)
		set(vcard.FieldTitle, c.Role)
		for _, u := range []string{c.Links.LinkedIn, c.Links.GitHub, c.Links.Website, c.Links.Other} {
			set(vcard.FieldURL, u)
		}
		set(vcard.FieldNote, c.Notes)
		set(vcard.FieldCategories, strings.Join(c.Tags, ","))
		if err := enc.Encode(card); err != nil {
			return err
		}
	}
	return nil
}

// Identity is what tells two contacts are one person: the same email or
// the same LinkedIn address.
type Identity struct {
	ID       int64
	Email    string
	LinkedIn string
}

// keys are an identity's comparable forms.
func (i Identity) keys() []string {
	var out []string
	if i.Email != "" {
		out = append(out, "email:"+strings.ToLower(i.Email))
	}
	if i.LinkedIn != "" {
		out = append(out, "linkedin:"+profileKey(i.LinkedIn))
	}
	return out
}

// profileKey is a profile address without what varies between two
// writings of it: case, scheme, "www." and a trailing slash.
func profileKey(u string) string {
	u = strings.ToLower(u)
	u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	return strings.TrimSuffix(strings.TrimPrefix(u, "www."), "/")
}

// Preview is what an import would do: the contacts it would create, and
// those it would skip as someone already there (or earlier in the file).
type Preview struct {
	New        []Contact   `json:"new"`
	Duplicates []Duplicate `json:"duplicates"`
}

// Duplicate is an imported contact that is someone already in the network.
type Duplicate struct {
	Name string `json:"name"`
	Of   int64  `json:"of,omitempty" doc:"the contact they duplicate; 0 for an earlier card or line of the same file"`
	Why  string `json:"why" doc:"same email or same LinkedIn address"`
	Line int    `json:"line,omitempty" doc:"its line in a CSV file"`
}

// Sort splits imported contacts into new ones and duplicates; lines, when
// given, are each contact's line in its file.
func Sort(existing []Identity, imported []Contact, lines []int) Preview {
	seen := map[string]int64{}
	for _, i := range existing {
		for _, k := range i.keys() {
			seen[k] = i.ID
		}
	}
	p := Preview{New: []Contact{}, Duplicates: []Duplicate{}}
	for n, c := range imported {
		keys := Identity{Email: c.Email, LinkedIn: c.Links.LinkedIn}.keys()
		dup := false
		for _, k := range keys {
			if of, ok := seen[k]; ok && !dup {
				why, _, _ := strings.Cut(k, ":")
				d := Duplicate{Name: c.Name, Of: of, Why: "same " + why}
				if n < len(lines) {
					d.Line = lines[n]
				}
				p.Duplicates = append(p.Duplicates, d)
				dup = true
			}
		}
		if dup {
			continue
		}
		for _, k := range keys {
			seen[k] = 0
		}
		p.New = append(p.New, c)
	}
	return p
}

// ImportContacts previews an import of contacts, or, unless dryRun, stores
// the new ones in one transaction.
func (s *Service) ImportContacts(ctx context.Context, user int64, cs []Contact, dryRun bool) (Preview, error) {
	return s.importContacts(ctx, user, cs, nil, dryRun)
}

func (s *Service) importContacts(ctx context.Context, user int64, cs []Contact, lines []int, dryRun bool) (Preview, error) {
	existing, err := s.store.Identities(ctx, user)
	if err != nil {
		return Preview{}, err
	}
	p := Sort(existing, cs, lines)
	if dryRun || len(p.New) == 0 {
		return p, nil
	}
	return p, s.store.CreateContacts(ctx, user, p.New, s.Today(ctx, user), s.now())
}

// ExportVCards writes all the learner's contacts as vCard 4.0.
func (s *Service) ExportVCards(ctx context.Context, user int64, w io.Writer) error {
	for offset := 0; ; offset += MaxLimit {
		cs, err := s.store.Contacts(ctx, user, Filter{Limit: MaxLimit, Offset: offset})
		if err != nil {
			return err
		}
		if err := WriteVCards(w, cs); err != nil || len(cs) < MaxLimit {
			return err
		}
	}
}
