package api

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/go-jose/go-jose/v4"

	"devpath/internal/account"
	"devpath/internal/credential"
)

type credentialOut struct {
	ID          int64      `json:"id"`
	Achievement string     `json:"achievement" doc:"the achievement's id, such as project-notes-api"`
	Param       string     `json:"param" doc:"the topic, step or cohort it was earned for; empty for a project"`
	Name        string     `json:"name"`
	State       string     `json:"state" enum:"pending,accepted" doc:"pending until I accept it; shown nowhere before"`
	Public      bool       `json:"public" doc:"shown on my public page"`
	IssuedAt    time.Time  `json:"issued_at"`
	AcceptedAt  *time.Time `json:"accepted_at"`
	Revoked     bool       `json:"revoked"`
	JWT         string     `json:"jwt" doc:"the signed credential (VC-JWT), to download and verify anywhere"`
	Credential  any        `json:"credential" doc:"the OpenBadgeCredential the JWT carries, decoded"`
}

func toCredentialOut(c credential.Issued) credentialOut {
	out := credentialOut{ID: c.ID, Achievement: c.Achievement, Param: c.Param, Name: c.Name, State: string(c.State),
		Public: c.Public, IssuedAt: c.IssuedAt, AcceptedAt: c.AcceptedAt, Revoked: c.RevokedAt != nil, JWT: c.JWT}
	if doc, err := credential.Decode(c.JWT); err == nil {
		out.Credential = json.RawMessage(doc)
	}
	return out
}

type credentialIDInput struct {
	ID int64 `path:"id"`
}

type credentialOutput struct{ Body credentialOut }

type credentialsOutput struct{ Body []credentialOut }

type credentialShowInput struct {
	ID   int64 `path:"id"`
	Body struct {
		Public bool `json:"public" doc:"show it on my public page (it must be accepted first)"`
	}
}

type verifyInput struct {
	JWT string `query:"jwt" maxLength:"65536" doc:"the credential as a compact VC-JWT"`
}

type verifyOutput struct{ Body credential.Report }

type revocationInput struct {
	ID   int64 `path:"id"`
	Body struct {
		Reason string `json:"reason" required:"false" maxLength:"500"`
	}
}

type issuedOut struct {
	credentialOut
	Status       credential.Status `json:"status" enum:"pending,accepted,revoked"`
	LearnerID    int64             `json:"learner_id"`
	LearnerName  string            `json:"learner_name"`
	LearnerEmail string            `json:"learner_email"`
	RevokedWhy   string            `json:"revoked_why"`
}

type issuedInput struct {
	Learner     string `query:"learner" maxLength:"254" doc:"a part of the learner's name or email"`
	Achievement string `query:"achievement" doc:"an achievement id"`
	Status      string `query:"status" enum:"pending,accepted,revoked," doc:"empty for any"`
}

type issuedOutput struct{ Body []issuedOut }

type achievementOut struct {
	ID          string `json:"id"`
	Kind        string `json:"kind" enum:"project,exercises,step,cohort"`
	Name        string `json:"name" doc:"{param} stands for the topic, step or cohort"`
	Description string `json:"description"`
	Criteria    string `json:"criteria"`
	Image       string `json:"image"`
}

type achievementsOutput struct{ Body []achievementOut }

type issuerOutput struct{ Body credential.Profile }

type jwksOutput struct {
	ContentType string `header:"Content-Type"`
	Body        jose.JSONWebKeySet
}

type statusListInput struct {
	N int `path:"n" minimum:"1"`
}

type statusListOutput struct {
	ContentType string `header:"Content-Type"`
	Body        []byte
}

func (h *Handler) registerCredentials(api huma.API) {
	tags := []string{"credentials"}
	registerUser(api, huma.Operation{OperationID: "list-credentials", Method: http.MethodGet, Path: "/api/v1/me/credentials",
		Summary: "My credentials, pending ones included", Tags: tags}, h.credentials)
	registerUser(api, huma.Operation{OperationID: "get-credential", Method: http.MethodGet, Path: "/api/v1/me/credentials/{id}",
		Summary: "One of my credentials, as a JWT and decoded", Tags: tags}, h.credential)
	registerUser(api, huma.Operation{OperationID: "accept-credential", Method: http.MethodPost, Path: "/api/v1/me/credentials/{id}/accept",
		Summary: "Accept a credential devpath issued me", Tags: tags}, h.acceptCredential)
	registerUser(api, huma.Operation{OperationID: "show-credential", Method: http.MethodPut, Path: "/api/v1/me/credentials/{id}/public",
		Summary: "Show an accepted credential on my public page, or hide it", Tags: tags}, h.showCredential)
	register(api, huma.Operation{OperationID: "verify-credential", Method: http.MethodGet, Path: "/api/v1/credentials/verify",
		Summary:     "Verify a credential: signature, issuer, structure, dates and revocation, each with its verdict in words",
		Description: "Anyone may call it. A credential of another issuer is reported as such: this server holds only its own keys.",
		Tags:        tags}, h.verifyCredential)
	register(api, huma.Operation{OperationID: "list-achievements", Method: http.MethodGet, Path: "/api/v1/credentials/achievements",
		Summary: "What devpath awards credentials for", Tags: tags}, h.achievements)
	registerUser(api, huma.Operation{OperationID: "list-issued-credentials", Method: http.MethodGet, Path: "/api/v1/credentials",
		Summary: "Credentials this devpath issued, newest 200 first, filtered (admins)", Tags: tags}, h.issued)
	registerUser(api, huma.Operation{OperationID: "rotate-credential-keys", Method: http.MethodPost, Path: "/api/v1/credentials/issuer/keys",
		Summary:     "Retire the signing keys and make new ones (admins)",
		Description: "Retired keys stay in the published JWKS, so what they signed still verifies.", Tags: tags,
		DefaultStatus: http.StatusNoContent}, h.rotateKeys)
	registerUser(api, huma.Operation{OperationID: "revoke-credential", Method: http.MethodPost, Path: "/api/v1/credentials/{id}/revocation",
		Summary: "Revoke a credential in the published status list (admins)", Tags: tags}, h.revokeCredential)
	register(api, huma.Operation{OperationID: "issuer-profile", Method: http.MethodGet, Path: "/credentials/issuer",
		Summary: "The issuer's Open Badges Profile", Tags: tags}, h.issuer)
	register(api, huma.Operation{OperationID: "issuer-jwks", Method: http.MethodGet, Path: "/credentials/issuer/jwks",
		Summary: "The issuer's public keys (JWKS), retired ones included", Tags: tags}, h.jwks)
	register(api, huma.Operation{OperationID: "status-list", Method: http.MethodGet, Path: "/credentials/status/{n}",
		Summary: "A Bitstring Status List credential of revoked credentials, as a signed JWT", Tags: tags}, h.statusList)
}

func (h *Handler) credentials(ctx context.Context, p account.Principal, _ *struct{}) (*credentialsOutput, error) {
	cs, err := h.Credentials.List(ctx, p.User.ID)
	if err != nil {
		return nil, err
	}
	out := &credentialsOutput{Body: make([]credentialOut, 0, len(cs))}
	for _, c := range cs {
		out.Body = append(out.Body, toCredentialOut(c))
	}
	return out, nil
}

func (h *Handler) credential(ctx context.Context, p account.Principal, in *credentialIDInput) (*credentialOutput, error) {
	c, err := h.Credentials.Get(ctx, p.User.ID, in.ID)
	return &credentialOutput{Body: toCredentialOut(c)}, err
}

func (h *Handler) acceptCredential(ctx context.Context, p account.Principal, in *credentialIDInput) (*credentialOutput, error) {
	c, err := h.Credentials.Accept(ctx, p.User.ID, in.ID)
	return &credentialOutput{Body: toCredentialOut(c)}, err
}

func (h *Handler) showCredential(ctx context.Context, p account.Principal, in *credentialShowInput) (*credentialOutput, error) {
	c, err := h.Credentials.Show(ctx, p.User.ID, in.ID, in.Body.Public)
	return &credentialOutput{Body: toCredentialOut(c)}, err
}

func (h *Handler) verifyCredential(ctx context.Context, in *verifyInput) (*verifyOutput, error) {
	r, err := h.Credentials.Verify(ctx, in.JWT)
	return &verifyOutput{Body: r}, err
}

func (h *Handler) achievements(context.Context, *struct{}) (*achievementsOutput, error) {
	at := h.Credentials.Addresses()
	out := &achievementsOutput{Body: []achievementOut{}}
	for _, a := range h.Credentials.Achievements().All() {
		out.Body = append(out.Body, achievementOut{ID: a.ID, Kind: string(a.Kind), Name: a.Name,
			Description: a.Description, Criteria: a.Criteria, Image: at.Image(a.ID)})
	}
	return out, nil
}

func (h *Handler) issued(ctx context.Context, p account.Principal, in *issuedInput) (*issuedOutput, error) {
	found, err := h.Credentials.Find(ctx, p.User, credential.Filter{Learner: in.Learner, Achievement: in.Achievement,
		Status: credential.Status(in.Status)})
	if err != nil {
		return nil, err
	}
	out := &issuedOutput{Body: make([]issuedOut, len(found))}
	for i, l := range found {
		out.Body[i] = issuedOut{credentialOut: toCredentialOut(l.Issued), Status: l.Status(), LearnerID: l.UserID,
			LearnerName: l.LearnerName, LearnerEmail: l.LearnerEmail, RevokedWhy: l.RevokedWhy}
	}
	return out, nil
}

func (h *Handler) rotateKeys(ctx context.Context, p account.Principal, _ *struct{}) (*struct{}, error) {
	return nil, h.Credentials.RotateKey(ctx, p.User)
}

func (h *Handler) revokeCredential(ctx context.Context, p account.Principal, in *revocationInput) (*credentialOutput, error) {
	c, err := h.Credentials.Revoke(ctx, p.User, in.ID, in.Body.Reason)
	return &credentialOutput{Body: toCredentialOut(c)}, err
}

func (h *Handler) issuer(context.Context, *struct{}) (*issuerOutput, error) {
	return &issuerOutput{Body: h.Credentials.Issuer()}, nil
}

func (h *Handler) jwks(ctx context.Context, _ *struct{}) (*jwksOutput, error) {
	set, err := h.Credentials.JWKS(ctx)
	return &jwksOutput{ContentType: "application/jwk-set+json", Body: set}, err
}

func (h *Handler) statusList(ctx context.Context, in *statusListInput) (*statusListOutput, error) {
	jwt, err := h.Credentials.StatusList(ctx, in.N)
	return &statusListOutput{ContentType: "application/vc+jwt", Body: []byte(jwt)}, err
}
