package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"devpath/internal/account"
	"devpath/internal/network"
)

type communitiesInput struct {
	Topic string `query:"topic" doc:"only the communities this roadmap topic suggests"`
}

type communitiesOutput struct{ Body []network.Community }

type communityMembershipsOutput struct{ Body []network.Membership }

type communityMembershipOutput struct{ Body network.Membership }

type joinCommunityInput struct {
	ID   string `path:"id" doc:"the community's id"`
	Body struct {
		Handle   string `json:"handle,omitempty" required:"false" doc:"your name there, such as u/ada or @ada"`
		JoinedOn string `json:"joined_on,omitempty" required:"false" doc:"YYYY-MM-DD, today or before; today when left out"`
	}
}

func (in *joinCommunityInput) membership() network.Membership {
	return network.Membership{Community: in.ID, Handle: in.Body.Handle, JoinedOn: in.Body.JoinedOn}
}

// Resolve lists the membership's problems beside the schema's.
func (in *joinCommunityInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(ctx context.Context, h *Handler, p account.Principal) error {
		return h.Network.CheckMembership(ctx, p.User.ID, in.membership())
	})
}

type communityIDInput struct {
	ID string `path:"id"`
}

func (h *Handler) registerCommunities(api huma.API) {
	tags := []string{"network"}
	register(api, huma.Operation{OperationID: "list-communities", Method: http.MethodGet, Path: "/api/v1/communities",
		Summary: "Communities to join: subreddits, Slack and Discord servers, GitHub projects, forums, meetups and conferences", Tags: tags}, h.communities)
	registerUser(api, huma.Operation{OperationID: "my-communities", Method: http.MethodGet, Path: "/api/v1/me/communities",
		Summary: "The communities I joined, with my handle in each", Tags: tags}, h.memberships)
	registerUser(api, huma.Operation{OperationID: "join-community", Method: http.MethodPut, Path: "/api/v1/me/communities/{id}",
		Summary: "Record that I joined a community, or change my handle there", Tags: tags}, h.joinCommunity)
	registerUser(api, huma.Operation{OperationID: "leave-community", Method: http.MethodDelete, Path: "/api/v1/me/communities/{id}",
		Summary: "Forget that I joined a community", Tags: tags, DefaultStatus: http.StatusNoContent}, h.leaveCommunity)
}

func (h *Handler) communities(_ context.Context, in *communitiesInput) (*communitiesOutput, error) {
	cs := h.Network.Communities(in.Topic)
	if cs == nil {
		cs = []network.Community{}
	}
	return &communitiesOutput{Body: cs}, nil
}

func (h *Handler) memberships(ctx context.Context, p account.Principal, _ *struct{}) (*communityMembershipsOutput, error) {
	ms, err := h.Network.Memberships(ctx, p.User.ID)
	if err != nil {
		return nil, err
	}
	return &communityMembershipsOutput{Body: ms}, nil
}

func (h *Handler) joinCommunity(ctx context.Context, p account.Principal, in *joinCommunityInput) (*communityMembershipOutput, error) {
	m, err := h.Network.Join(ctx, p.User.ID, in.membership())
	if err != nil {
		return nil, err
	}
	return &communityMembershipOutput{Body: m}, nil
}

func (h *Handler) leaveCommunity(ctx context.Context, p account.Principal, in *communityIDInput) (*struct{}, error) {
	return nil, h.Network.Leave(ctx, p.User.ID, in.ID)
}
