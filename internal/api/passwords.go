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

type forgotInput struct {
	Body struct {
		Email string `json:"email" maxLength:"254" doc:"the account's email"`
	}
}

// Resolve lists the email's problems beside the schema's.
func (in *forgotInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(context.Context, *Handler, account.Principal) error {
		return account.CheckResetRequest(in.Body.Email)
	})
}

type resetInput struct {
	Body struct {
		Token    string `json:"token" maxLength:"100" doc:"the token parameter of the reset link"`
		Password string `json:"password" doc:"the new password: at least 10 characters"`
	}
}

// Resolve lists the new password's problems beside the schema's; a link
// that no longer works is left to the handler, which answers 404.
func (in *resetInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(ctx context.Context, h *Handler, _ account.Principal) error {
		return h.Accounts.CheckPasswordReset(ctx, in.Body.Token, in.Body.Password)
	})
}

type changePasswordInput struct {
	Body struct {
		CurrentPassword string `json:"current_password"`
		NewPassword     string `json:"new_password" doc:"at least 10 characters"`
	}
}

// Resolve lists the change's problems beside the schema's.
func (in *changePasswordInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(ctx context.Context, h *Handler, p account.Principal) error {
		return h.Accounts.CheckPasswordChange(ctx, p, in.Body.CurrentPassword, in.Body.NewPassword)
	})
}

func (h *Handler) registerPasswords(api huma.API) {
	register(api, huma.Operation{OperationID: "request-password-reset", Method: http.MethodPost, Path: "/api/v1/password-resets",
		Summary: "Ask for a password reset link",
		Description: "Sends a link that sets a new password, valid once for 30 minutes, to the account with this email. " +
			"The answer is 202 whether or not such an account exists.",
		Tags: []string{"accounts"}, DefaultStatus: http.StatusAccepted}, h.requestReset)
	register(api, huma.Operation{OperationID: "reset-password", Method: http.MethodPost, Path: "/api/v1/password-resets/use",
		Summary: "Set a new password with a reset link",
		Description: "Uses the link's token once. Every session and personal token of the account is revoked. " +
			"A used, expired or unknown token answers 404. The token travels in the body, not the path, so that no access log keeps it.",
		Tags: []string{"accounts"}, DefaultStatus: http.StatusNoContent}, h.resetPassword)
	registerUser(api, huma.Operation{OperationID: "change-password", Method: http.MethodPut, Path: "/api/v1/me/password",
		Summary:     "Change your password",
		Description: "Needs the current password. Your other sessions end; this one and your personal tokens stay.",
		Tags:        []string{"accounts"}, DefaultStatus: http.StatusNoContent}, h.changePassword)
	registerUser(api, huma.Operation{OperationID: "logout-everywhere", Method: http.MethodDelete, Path: "/api/v1/sessions",
		Summary:     "Log out everywhere",
		Description: "Ends every session and revokes every personal token of the account, the credential of this request included.",
		Tags:        []string{"accounts"}, DefaultStatus: http.StatusNoContent}, h.logoutEverywhere)
}

func (h *Handler) requestReset(ctx context.Context, in *forgotInput) (*struct{}, error) {
	return nil, h.Accounts.RequestReset(ctx, in.Body.Email, app.ClientAddress(ctx))
}

func (h *Handler) resetPassword(ctx context.Context, in *resetInput) (*struct{}, error) {
	return nil, h.Accounts.ResetPassword(ctx, in.Body.Token, in.Body.Password)
}

func (h *Handler) changePassword(ctx context.Context, p account.Principal, in *changePasswordInput) (*struct{}, error) {
	return nil, h.Accounts.ChangePassword(ctx, p, in.Body.CurrentPassword, in.Body.NewPassword)
}

func (h *Handler) logoutEverywhere(ctx context.Context, p account.Principal, _ *struct{}) (*logoutOutput, error) {
	if err := h.Accounts.LogoutEverywhere(ctx, p); err != nil {
		return nil, err
	}
	return &logoutOutput{SetCookie: httpx.SessionCookie("", time.Time{}, h.SecureCookies)}, nil
}
