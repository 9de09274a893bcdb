package main

import (
	"bytes"
	"database/sql"
	"errors"
	"html/template"
	"net/http"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

type handlers struct {
	roadmap *roadmap
	page    *template.Template
}

type progressBody struct {
	Status *string `json:"status"`
	Note   *string `json:"note"`
}

// putProgress sets the caller's status and/or note on a topic and appends a
// history record, in one transaction: find the row, create or update it.
func (h *handlers) putProgress(e *core.RequestEvent) error {
	slug, topic := e.Request.PathValue("roadmap"), e.Request.PathValue("topic")
	if slug != h.roadmap.Slug || !h.roadmap.topics[topic] {
		return e.NotFoundError("unknown roadmap or topic", nil)
	}
	var in progressBody
	if err := e.BindBody(&in); err != nil {
		return e.BadRequestError("could not read the body", err)
	}
	if (in.Status == nil && in.Note == nil) || (in.Status != nil && !slices.Contains(statuses, *in.Status)) {
		return e.BadRequestError("status must be one of todo, learning, done, skipped", nil)
	}
	var out *core.Record
	err := e.App.RunInTransaction(func(tx core.App) error {
		var err error
		out, err = setProgress(tx, e.Auth.Id, slug, topic, in)
		return err
	})
	if err != nil {
		return e.InternalServerError("could not save", err)
	}
	return e.JSON(http.StatusOK, out)
}

func setProgress(tx core.App, user, slug, topic string, in progressBody) (*core.Record, error) {
	rec, err := tx.FindFirstRecordByFilter("progress", "user = {:user} && roadmap = {:roadmap} && topic = {:topic}",
		dbx.Params{"user": user, "roadmap": slug, "topic": topic})
	from := "todo"
	switch {
	case errors.Is(err, sql.ErrNoRows):
		col, err := tx.FindCachedCollectionByNameOrId("progress")
		if err != nil {
			return nil, err
		}
		rec = core.NewRecord(col)
		rec.Set("user", user)
		rec.Set("roadmap", slug)
		rec.Set("topic", topic)
		rec.Set("status", from)
	case err != nil:
		return nil, err
	default:
		from = rec.GetString("status")
	}
	if in.Status != nil {
		rec.Set("status", *in.Status)
	}
	if in.Note != nil {
		rec.Set("note", *in.Note)
	}
	if err := tx.Save(rec); err != nil {
		return nil, err
	}
	hcol, err := tx.FindCachedCollectionByNameOrId("progress_history")
	if err != nil {
		return nil, err
	}
	hist := core.NewRecord(hcol)
	hist.Set("user", user)
	hist.Set("roadmap", slug)
	hist.Set("topic", topic)
	hist.Set("from_status", from)
	hist.Set("to_status", rec.GetString("status"))
	return rec, tx.Save(hist)
}

// roadmapPage renders the roadmap with the caller's status on every topic.
func (h *handlers) roadmapPage(e *core.RequestEvent) error {
	slug := e.Request.PathValue("roadmap")
	if slug != h.roadmap.Slug {
		return e.NotFoundError("unknown roadmap", nil)
	}
	recs, err := e.App.FindRecordsByFilter("progress", "user = {:user} && roadmap = {:roadmap}", "", 0, 0,
		dbx.Params{"user": e.Auth.Id, "roadmap": slug})
	if err != nil {
		return e.InternalServerError("could not read progress", err)
	}
	status := make(map[string]string, len(recs))
	for _, r := range recs {
		status[r.GetString("topic")] = r.GetString("status")
	}
	var buf bytes.Buffer
	if err := h.page.Execute(&buf, buildPage(h.roadmap, status)); err != nil {
		return e.InternalServerError("could not render", err)
	}
	return e.HTML(http.StatusOK, buf.String())
}
