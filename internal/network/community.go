package network

import (
	"context"
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/goccy/go-yaml"

	"devpath/internal/app"
)

// communitiesFile is where the shipped communities are, in content's Career folder.
const communitiesFile = "career/communities.yaml"

// Community is a place where developers meet: a subreddit, a Slack or
// Discord server, a GitHub project, a forum, a meetup network or a
// conference. Topics are the roadmap topics whose pages list it.
type Community struct {
	ID     string   `yaml:"id" json:"id"`
	Name   string   `yaml:"name" json:"name"`
	Kind   string   `yaml:"kind" json:"kind" doc:"reddit, slack, discord, github, forum, meetup or conference"`
	URL    string   `yaml:"url" json:"url"`
	About  string   `yaml:"about" json:"about"`
	Topics []string `yaml:"topics" json:"topics" doc:"ids of the roadmap topics that suggest it"`
}

// communityKinds are the kinds a community may be.
var communityKinds = []string{"reddit", "slack", "discord", "github", "forum", "meetup", "conference"}

var slug = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// LoadCommunities reads career/communities.yaml from fsys and checks every
// entry; topic tells the roadmap's topic ids.
func LoadCommunities(fsys fs.FS, topic func(string) bool) ([]Community, error) {
	var doc struct {
		Communities []Community `yaml:"communities"`
	}
	data, err := fs.ReadFile(fsys, communitiesFile)
	if err != nil {
		return nil, fmt.Errorf("load communities: %w", err)
	}
	if err := yaml.UnmarshalWithOptions(data, &doc, yaml.DisallowUnknownField()); err != nil {
		return nil, fmt.Errorf("%s: %w", communitiesFile, err)
	}
	var problems []string
	seen := map[string]bool{}
	for i, c := range doc.Communities {
		for _, p := range c.problems(topic) {
			problems = append(problems, fmt.Sprintf("community %d (%s): %s", i+1, c.ID, p))
		}
		if seen[c.ID] {
			problems = append(problems, fmt.Sprintf("community %d: id %s is taken", i+1, c.ID))
		}
		seen[c.ID] = true
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%s: %s", communitiesFile, strings.Join(problems, "; "))
	}
	return doc.Communities, nil
}

func (c Community) problems(topic func(string) bool) []string {
	var out []string
	if !slug.MatchString(c.ID) {
		out = append(out, "id must be a slug such as r-golang")
	}
	if c.Name == "" || c.About == "" {
		out = append(out, "name and about are required")
	}
	if !slices.Contains(communityKinds, c.Kind) {
		out = append(out, "kind must be one of "+strings.Join(communityKinds, ", "))
	}
	if u, err := url.Parse(c.URL); err != nil || u.Scheme != "https" || u.Host == "" {
		out = append(out, "url must be an https address")
	}
	if len(c.Topics) == 0 {
		out = append(out, "no topics")
	}
	for _, t := range c.Topics {
		if !topic(t) {
			out = append(out, fmt.Sprintf("topic %q is not on the roadmap", t))
		}
	}
	return out
}

// Membership is a community the learner joined, with their handle there.
type Membership struct {
	Community string `json:"community" doc:"the community's id"`
	Handle    string `json:"handle" doc:"the learner's name there, such as u/ada or @ada"`
	JoinedOn  string `json:"joined_on" doc:"YYYY-MM-DD"`
}

const maxHandleLen = 100

// Communities lists the communities devpath knows, or those of one topic
// when topic is not empty.
func (s *Service) Communities(topic string) []Community {
	if topic == "" {
		return s.communities
	}
	var out []Community
	for _, c := range s.communities {
		if slices.Contains(c.Topics, topic) {
			out = append(out, c)
		}
	}
	return out
}

// Community returns one community by id.
func (s *Service) Community(id string) (Community, error) {
	for _, c := range s.communities {
		if c.ID == id {
			return c, nil
		}
	}
	return Community{}, app.Errorf(app.NotFound, "community %q not found", id)
}

// Memberships lists the communities the learner joined, by community id.
func (s *Service) Memberships(ctx context.Context, user int64) ([]Membership, error) {
	return s.store.CommunityMemberships(ctx, user)
}

// CheckMembership returns the problems Join would find in m, without storing it.
func (s *Service) CheckMembership(ctx context.Context, user int64, m Membership) error {
	p := app.Problems{}
	if h := strings.TrimSpace(m.Handle); len(h) > maxHandleLen {
		p.Add("handle", fmt.Sprintf("at most %d characters", maxHandleLen))
	}
	if m.JoinedOn != "" {
		day, err := time.Parse(time.DateOnly, m.JoinedOn)
		switch {
		case err != nil:
			p.Add("joined_on", "a day as YYYY-MM-DD, such as 2026-03-01")
		case day.Format(time.DateOnly) > s.Today(ctx, user):
			p.Add("joined_on", "is in the future: record a community once you have joined it")
		}
	}
	return p.Err()
}

// Join records that the learner joined a community (or changes their
// handle there); without a day, today.
func (s *Service) Join(ctx context.Context, user int64, m Membership) (Membership, error) {
	if _, err := s.Community(m.Community); err != nil {
		return Membership{}, err
	}
	if err := s.CheckMembership(ctx, user, m); err != nil {
		return Membership{}, err
	}
	m.Handle = strings.TrimSpace(m.Handle)
	if m.JoinedOn == "" {
		m.JoinedOn = s.Today(ctx, user)
	}
	return m, s.store.JoinCommunity(ctx, user, m)
}

// Leave forgets that the learner joined a community.
func (s *Service) Leave(ctx context.Context, user int64, community string) error {
	return s.store.LeaveCommunity(ctx, user, community)
}
