package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/httpx"
)

type userBody struct {
	ID        int64        `json:"id"`
	Email     string       `json:"email"`
	Name      string       `json:"name"`
	Role      account.Role `json:"role" enum:"learner,mentor,admin"`
	CreatedAt time.Time    `json:"created_at"`
}

func toUserBody(u account.User) userBody {
	return userBody{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role, CreatedAt: u.CreatedAt}
}

type userOutput struct {
	Body userBody
}

type registerInput struct {
	Body struct {
		Email    string `json:"email" maxLength:"254" doc:"used to log in"`
		Password string `json:"password" doc:"at least 10 characters; never echoed back in errors"`
		Name     string `json:"name" doc:"1 to 100 characters"`
		// An invitation link's code: required on a site whose registration is
		// by invitation, unless this email was invited.
		Invitation string `json:"invitation,omitempty" required:"false" maxLength:"200" doc:"the code of an invitation link; the new account joins its cohort"`
	}
}

func (in *registerInput) registration() account.Registration {
	return account.Registration{Email: in.Body.Email, Password: in.Body.Password, Name: in.Body.Name, Invitation: in.Body.Invitation}
}

// Resolve lists the registration's problems, a taken email among them, beside the schema's.
func (in *registerInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(ctx context.Context, h *Handler, _ account.Principal) error {
		return h.Accounts.CheckRegistration(ctx, in.registration())
	})
}

type loginInput struct {
	Body struct {
		Email    string `json:"email" maxLength:"254"`
		Password string `json:"password"`
	}
}

type loginOutput struct {
	SetCookie http.Cookie `header:"Set-Cookie"`
	Body      struct {
		Token     string    `json:"token" doc:"send as Authorization: Bearer <token>"`
		ExpiresAt time.Time `json:"expires_at"`
	}
}

type logoutOutput struct {
	SetCookie http.Cookie `header:"Set-Cookie"`
}

type tokenBody struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
	Token     string    `json:"token,omitempty" doc:"the secret, shown only when the token is created"`
}

type tokensOutput struct {
	Body []tokenBody
}

type createTokenInput struct {
	Body struct {
		Name string `json:"name" minLength:"1" maxLength:"100" doc:"what the token is for, such as 'laptop CLI'"`
	}
}

// Resolve words a bad name as the domain does, rather than as the schema.
func (in *createTokenInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(context.Context, *Handler, account.Principal) error {
		return account.ValidateTokenName(in.Body.Name)
	})
}

type tokenOutput struct {
	Body tokenBody
}

type tokenIDInput struct {
	ID int64 `path:"id"`
}

func (h *Handler) registerAccounts(api huma.API) {
	register(api, huma.Operation{OperationID: "register", Method: http.MethodPost, Path: "/api/v1/users",
		Summary: "Create an account", Description: "The first account becomes admin.", Tags: []string{"accounts"},
		DefaultStatus: http.StatusCreated}, h.register)
	register(api, huma.Operation{OperationID: "login", Method: http.MethodPost, Path: "/api/v1/sessions",
		Summary: "Log in", Description: "Returns a bearer token and sets the session cookie.", Tags: []string{"accounts"},
		DefaultStatus: http.StatusCreated}, h.login)
	registerUser(api, huma.Operation{OperationID: "logout", Method: http.MethodDelete, Path: "/api/v1/sessions/current",
		Summary: "Log out", Description: "Ends the session, or revokes the token, the request came with.",
		Tags: []string{"accounts"}, DefaultStatus: http.StatusNoContent}, h.logout)
	registerUser(api, huma.Operation{OperationID: "me", Method: http.MethodGet, Path: "/api/v1/me",
		Summary: "The logged-in user", Tags: []string{"accounts"}}, h.me)
	registerUser(api, huma.Operation{OperationID: "list-tokens", Method: http.MethodGet, Path: "/api/v1/me/tokens",
		Summary: "Personal access tokens", Tags: []string{"accounts"}}, h.tokens)
	registerUser(api, huma.Operation{OperationID: "create-token", Method: http.MethodPost, Path: "/api/v1/me/tokens",
		Summary: "Create a personal access token", Description: "The secret is in the answer and nowhere else.",
		Tags: []string{"accounts"}, DefaultStatus: http.StatusCreated}, h.createToken)
	registerUser(api, huma.Operation{OperationID: "revoke-token", Method: http.MethodDelete, Path: "/api/v1/me/tokens/{id}",
		Summary: "Revoke a personal access token", Tags: []string{"accounts"},
		DefaultStatus: http.StatusNoContent}, h.revokeToken)
	h.registerPasswords(api)
}

func (h *Handler) register(ctx context.Context, in *registerInput) (*userOutput, error) {
	u, err := h.Accounts.Register(ctx, in.registration())
	if err != nil {
		return nil, err
	}
	return &userOutput{Body: toUserBody(u)}, nil
}

func (h *Handler) login(ctx context.Context, in *loginInput) (*loginOutput, error) {
	s, err := h.Accounts.Login(ctx, in.Body.Email, in.Body.Password, app.ClientAddress(ctx))
	if err != nil {
		return nil, err
	}
	out := &loginOutput{SetCookie: httpx.SessionCookie(s.Secret, s.ExpiresAt, h.SecureCookies)}
	out.Body.Token, out.Body.ExpiresAt = s.Secret, s.ExpiresAt
	return out, nil
}

func (h *Handler) logout(ctx context.Context, p account.Principal, _ *struct{}) (*logoutOutput, error) {
	if err := h.Accounts.Logout(ctx, p); err != nil {
		return nil, err
	}
	return &logoutOutput{SetCookie: httpx.SessionCookie("", time.Time{}, h.SecureCookies)}, nil
}

func (h *Handler) me(ctx context.Context, p account.Principal, _ *struct{}) (*userOutput, error) {
	return &userOutput{Body: toUserBody(p.User)}, nil
}

func (h *Handler) tokens(ctx context.Context, p account.Principal, _ *struct{}) (*tokensOutput, error) {
	ts, err := h.Accounts.Tokens(ctx, p)
	if err != nil {
		return nil, err
	}
	out := &tokensOutput{Body: make([]tokenBody, len(ts))}
	for i, t := range ts {
		out.Body[i] = tokenBody{ID: t.ID, Name: t.Name, CreatedAt: t.CreatedAt}
	}
	return out, nil
}

func (h *Handler) createToken(ctx context.Context, p account.Principal, in *createTokenInput) (*tokenOutput, error) {
	secret, t, err := h.Accounts.CreateToken(ctx, p, in.Body.Name)
	if err != nil {
		return nil, err
	}
	return &tokenOutput{Body: tokenBody{ID: t.ID, Name: t.Name, CreatedAt: t.CreatedAt, Token: secret}}, nil
}

func (h *Handler) revokeToken(ctx context.Context, p account.Principal, in *tokenIDInput) (*struct{}, error) {
	return nil, h.Accounts.RevokeToken(ctx, p, in.ID)
}
