package web

import (
	"net/http"
	"slices"

	"devpath/internal/account"
	"devpath/internal/network"
)

// communityCard is a community as the communities page shows it, with the
// learner's membership when they joined it.
type communityCard struct {
	network.Community
	Joined *network.Membership
	Sent   bool // this card's form came back refused: it shows what was typed
}

type communitiesPage struct {
	Cards  []communityCard
	Joined int
}

func (w *Web) communitiesPage(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	w.renderCommunities(rw, r, p, "", nil)
}

// renderCommunities lists every community with the learner's membership;
// formErr re-renders the form of community sent with what was typed.
func (w *Web) renderCommunities(rw http.ResponseWriter, r *http.Request, p account.Principal, sent string, formErr error) {
	ms, err := w.Network.Memberships(r.Context(), p.User.ID)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	var page communitiesPage
	for _, c := range w.Network.Communities("") {
		card := communityCard{Community: c, Sent: c.ID == sent}
		if i := slices.IndexFunc(ms, func(m network.Membership) bool { return m.Community == c.ID }); i >= 0 {
			card.Joined = &ms[i]
			page.Joined++
		}
		page.Cards = append(page.Cards, card)
	}
	if formErr != nil {
		w.formError(rw, r, "communities", "Communities", page, formErr)
		return
	}
	w.render(rw, r, http.StatusOK, "communities", w.view(r, "Communities", page))
}

// joinCommunity records that the learner joined a community, or changes
// their handle there.
func (w *Web) joinCommunity(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id := r.PathValue("id")
	f := r.PostForm
	if _, err := w.Network.Join(r.Context(), p.User.ID, network.Membership{Community: id, Handle: f.Get("handle"), JoinedOn: f.Get("joined_on")}); err != nil {
		w.renderCommunities(rw, r, p, id, err)
		return
	}
	http.Redirect(rw, r, "/network/communities#c-"+id, http.StatusSeeOther)
}

func (w *Web) leaveCommunity(rw http.ResponseWriter, r *http.Request, p account.Principal) {
	id := r.PathValue("id")
	if err := w.Network.Leave(r.Context(), p.User.ID, id); err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/network/communities#c-"+id, http.StatusSeeOther)
}
