package store

import (
	"context"

	"devpath/internal/network"
)

// CommunityMemberships lists the communities a learner joined, by community id.
func (s *Store) CommunityMemberships(ctx context.Context, user int64) ([]network.Membership, error) {
	out, err := queryAll(ctx, s.read, s.q(`SELECT community, handle, joined_on FROM community_memberships WHERE user_id = ? ORDER BY community`),
		func(row scanner, m *network.Membership) error { return row.Scan(&m.Community, &m.Handle, &m.JoinedOn) }, user)
	if out == nil {
		out = []network.Membership{}
	}
	return out, err
}

// JoinCommunity records a learner's membership of a community, replacing the one they had.
func (s *Store) JoinCommunity(ctx context.Context, user int64, m network.Membership) error {
	_, err := s.write.ExecContext(ctx, s.q(`
		INSERT INTO community_memberships (user_id, community, handle, joined_on) VALUES (?, ?, ?, ?)
		ON CONFLICT (user_id, community) DO UPDATE SET handle = excluded.handle, joined_on = excluded.joined_on`),
		user, m.Community, m.Handle, m.JoinedOn)
	return err
}

// LeaveCommunity deletes a learner's membership of a community.
func (s *Store) LeaveCommunity(ctx context.Context, user int64, community string) error {
	res, err := s.write.ExecContext(ctx, s.q(`DELETE FROM community_memberships WHERE user_id = ? AND community = ?`), user, community)
	return affected(res, err, "you have not joined community %q", community)
}
