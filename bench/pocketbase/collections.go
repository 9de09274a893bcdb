package main

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

var statuses = []string{"todo", "learning", "done", "skipped"}

// createCollections is the migration that adds devpath's progress records.
func createCollections(app core.App) error {
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	own := types.Pointer("user = @request.auth.id")

	progress := core.NewBaseCollection("progress")
	progress.ListRule, progress.ViewRule, progress.DeleteRule = own, own, own
	progress.CreateRule = types.Pointer("@request.auth.id != '' && @request.body.user = @request.auth.id")
	progress.UpdateRule = types.Pointer("user = @request.auth.id && (@request.body.user:isset = false || @request.body.user = @request.auth.id)")
	progress.Fields.Add(
		&core.RelationField{Name: "user", CollectionId: users.Id, Required: true, MaxSelect: 1, CascadeDelete: true},
		&core.TextField{Name: "roadmap", Required: true, Max: 100},
		&core.TextField{Name: "topic", Required: true, Max: 100},
		&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: statuses},
		&core.TextField{Name: "note", Max: 20000},
		&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
	)
	progress.AddIndex("idx_progress_user_topic", true, "user, roadmap, topic", "")
	if err := app.Save(progress); err != nil {
		return err
	}

	history := core.NewBaseCollection("progress_history") // no rules: only the server writes or reads it
	history.Fields.Add(
		&core.RelationField{Name: "user", CollectionId: users.Id, Required: true, MaxSelect: 1, CascadeDelete: true},
		&core.TextField{Name: "roadmap", Required: true, Max: 100},
		&core.TextField{Name: "topic", Required: true, Max: 100},
		&core.TextField{Name: "from_status", Required: true},
		&core.TextField{Name: "to_status", Required: true},
		&core.AutodateField{Name: "at", OnCreate: true},
	)
	history.AddIndex("idx_progress_history_user", false, "user, roadmap, at", "")
	return app.Save(history)
}
