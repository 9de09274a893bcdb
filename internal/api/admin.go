package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"devpath/internal/account"
)

type adminUserBody struct {
	userBody
	Disabled bool `json:"disabled" doc:"a disabled account cannot log in"`
}

type adminUsersInput struct {
	Q string `query:"q" maxLength:"200" doc:"part of a name or an email, any case; empty lists the first 100 by name"`
}

type adminUsersOutput struct{ Body []adminUserBody }

type adminUserOutput struct{ Body adminUserBody }

type adminUserIDInput struct {
	ID int64 `path:"id"`
}

type adminRoleInput struct {
	ID   int64 `path:"id"`
	Body struct {
		Role account.Role `json:"role" enum:"learner,mentor,admin"`
	}
}

type adminDisabledInput struct {
	ID   int64 `path:"id"`
	Body struct {
		Disabled bool `json:"disabled" doc:"true disables the account and ends its sessions and tokens; false enables it"`
	}
}

type resetLinkOutput struct {
	Body struct {
		URL string `json:"url" doc:"a password reset link, valid once for 30 minutes; hand it over privately"`
	}
}

type instanceBody struct {
	Registration account.Mode `json:"registration" enum:"open,invite,closed" doc:"who may create an account"`
}

type instanceInput struct{ Body instanceBody }

type instanceOutput struct {
	Body struct {
		instanceBody
		RegistrationDefault account.Mode `json:"registration_default" doc:"the operator's --registration, in force until an admin sets one"`
	}
}

func instanceSettings(s account.Settings, err error) (*instanceOutput, error) {
	if err != nil {
		return nil, err
	}
	out := &instanceOutput{}
	out.Body.Registration, out.Body.RegistrationDefault = s.Registration, s.Default
	return out, nil
}

type adminEntryOut struct {
	ID      int64     `json:"id"`
	ActorID int64     `json:"actor_id" doc:"0 once that account is gone"`
	Actor   string    `json:"actor"`
	Action  string    `json:"action" doc:"role, disabled, enabled, reset_link or setting"`
	Detail  string    `json:"detail"`
	At      time.Time `json:"at"`
}

type adminLogOutput struct{ Body []adminEntryOut }

func toAdminUser(u account.User) adminUserBody {
	return adminUserBody{userBody: toUserBody(u), Disabled: u.Disabled}
}

func adminUser(u account.User, err error) (*adminUserOutput, error) {
	if err != nil {
		return nil, err
	}
	return &adminUserOutput{Body: toAdminUser(u)}, nil
}

func (h *Handler) registerAdmin(api huma.API) {
	op := func(id, method, path, summary, desc string, status int) huma.Operation {
		return huma.Operation{OperationID: id, Method: method, Path: path, Summary: summary, Description: desc,
			Tags: []string{"admin"}, DefaultStatus: status}
	}
	registerUser(api, op("admin-users", http.MethodGet, "/api/v1/admin/users", "Find accounts",
		"For instance admins: by part of a name or an email, at most 100.", 0), h.adminUsers)
	registerUser(api, op("admin-user", http.MethodGet, "/api/v1/admin/users/{id}", "One account", "For instance admins.", 0), h.adminUser)
	registerUser(api, op("admin-user-role", http.MethodPut, "/api/v1/admin/users/{id}/role", "Change an account's role",
		"For instance admins, never on their own account.", 0), h.adminSetRole)
	registerUser(api, op("admin-user-disabled", http.MethodPut, "/api/v1/admin/users/{id}/disabled", "Disable or enable an account",
		"A disabled account cannot log in; its sessions and tokens end at once.", 0), h.adminSetDisabled)
	registerUser(api, op("admin-user-reset-link", http.MethodPost, "/api/v1/admin/users/{id}/reset-link", "Make a password reset link",
		"For an instance admin to hand over; it is shown only in this answer.", http.StatusCreated), h.adminResetLink)
	registerUser(api, op("admin-settings", http.MethodGet, "/api/v1/admin/settings", "Instance settings", "For instance admins.", 0), h.adminSettings)
	registerUser(api, op("admin-put-settings", http.MethodPut, "/api/v1/admin/settings", "Change instance settings",
		"For instance admins; takes effect at once on every instance.", 0), h.adminPutSettings)
	registerUser(api, op("admin-log", http.MethodGet, "/api/v1/admin/audit", "What instance admins did, newest first",
		"For instance admins: the last 200 changes to accounts and settings.", 0), h.adminLog)
}

func (h *Handler) adminUsers(ctx context.Context, p account.Principal, in *adminUsersInput) (*adminUsersOutput, error) {
	us, err := h.Accounts.Users(ctx, p.User, in.Q)
	if err != nil {
		return nil, err
	}
	out := &adminUsersOutput{Body: make([]adminUserBody, len(us))}
	for i, u := range us {
		out.Body[i] = toAdminUser(u)
	}
	return out, nil
}

func (h *Handler) adminUser(ctx context.Context, p account.Principal, in *adminUserIDInput) (*adminUserOutput, error) {
	return adminUser(h.Accounts.User(ctx, p.User, in.ID))
}

func (h *Handler) adminSetRole(ctx context.Context, p account.Principal, in *adminRoleInput) (*adminUserOutput, error) {
	return adminUser(h.Accounts.ChangeRole(ctx, p.User, in.ID, in.Body.Role))
}

func (h *Handler) adminSetDisabled(ctx context.Context, p account.Principal, in *adminDisabledInput) (*adminUserOutput, error) {
	return adminUser(h.Accounts.SetDisabled(ctx, p.User, in.ID, in.Body.Disabled))
}

func (h *Handler) adminResetLink(ctx context.Context, p account.Principal, in *adminUserIDInput) (*resetLinkOutput, error) {
	link, err := h.Accounts.AdminResetLink(ctx, p.User, in.ID)
	if err != nil {
		return nil, err
	}
	out := &resetLinkOutput{}
	out.Body.URL = link
	return out, nil
}

func (h *Handler) adminSettings(ctx context.Context, p account.Principal, _ *struct{}) (*instanceOutput, error) {
	return instanceSettings(h.Accounts.Settings(ctx, p.User))
}

func (h *Handler) adminPutSettings(ctx context.Context, p account.Principal, in *instanceInput) (*instanceOutput, error) {
	if err := h.Accounts.SetRegistrationMode(ctx, p.User, in.Body.Registration); err != nil {
		return nil, err
	}
	return instanceSettings(h.Accounts.Settings(ctx, p.User))
}

func (h *Handler) adminLog(ctx context.Context, p account.Principal, _ *struct{}) (*adminLogOutput, error) {
	es, err := h.Accounts.AdminLog(ctx, p.User)
	if err != nil {
		return nil, err
	}
	out := &adminLogOutput{Body: make([]adminEntryOut, len(es))}
	for i, e := range es {
		out.Body[i] = adminEntryOut{ID: e.ID, ActorID: e.ActorID, Actor: e.Actor, Action: e.Action, Detail: e.Detail, At: e.At}
	}
	return out, nil
}
