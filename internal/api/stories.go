package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"devpath/internal/account"
	"devpath/internal/plan"
	"devpath/internal/roadmap"
	"devpath/internal/story"
)

type storyBody struct {
	Intro     string            `json:"intro" required:"false" maxLength:"2000"`
	Show      []story.Part      `json:"show" required:"false" doc:"the parts shown: start, began, steps, hours, projects, credentials, applications, hired"`
	Words     map[string]string `json:"words" required:"false" doc:"my own words per milestone, by its key"`
	Published bool              `json:"published" required:"false" doc:"public at /stories/{handle}; needs a portfolio handle"`
}

func (b storyBody) document() story.Document {
	return story.Document{Intro: b.Intro, Show: b.Show, Words: b.Words}
}

type storyMilestoneOut struct {
	Key    string     `json:"key"`
	Part   story.Part `json:"part"`
	At     *time.Time `json:"at"`
	Title  string     `json:"title"`
	Detail string     `json:"detail"`
	Words  string     `json:"words"`
}

type storyOut struct {
	Handle        string                `json:"handle"`
	Name          string                `json:"name"`
	Published     bool                  `json:"published"`
	Intro         string                `json:"intro"`
	Show          []story.Part          `json:"show"`
	StartingPoint roadmap.StartingPoint `json:"starting_point"`
	Route         plan.Route            `json:"route"`
	Hours         int                   `json:"hours"`
	Applications  int                   `json:"applications"`
	Milestones    []storyMilestoneOut   `json:"milestones"`
}

func toStoryOut(s story.Story) storyOut {
	out := storyOut{Handle: s.Handle, Name: s.Name, Published: s.Published, Intro: s.Intro, Show: s.Document.Show,
		StartingPoint: s.StartingPoint, Route: s.Route, Hours: s.Hours, Applications: s.Applications, Milestones: []storyMilestoneOut{}}
	if out.Show == nil {
		out.Show = []story.Part{}
	}
	for _, m := range s.Milestones {
		out.Milestones = append(out.Milestones, storyMilestoneOut{Key: m.Key, Part: m.Part, At: m.At, Title: m.Title, Detail: m.Detail, Words: m.Words})
	}
	return out
}

type storyOutput struct{ Body storyOut }

type storyInput struct{ Body storyBody }

// Resolve lists the story's problems beside the schema's.
func (in *storyInput) Resolve(ctx huma.Context) []error {
	return checkBody(ctx, func(ctx context.Context, h *Handler, p account.Principal) error {
		return h.Stories.CheckSave(ctx, p.User.ID, in.Body.document(), in.Body.Published)
	})
}

type storiesInput struct {
	StartingPoint string `query:"starting_point" enum:"no_experience,related_change,unrelated_change,freelance," doc:"only stories that started here"`
	Route         string `query:"route" enum:"self_taught,bootcamp,degree," doc:"only stories of this route"`
}

type storySummaryOut struct {
	Handle        string                `json:"handle"`
	Name          string                `json:"name"`
	Intro         string                `json:"intro"`
	StartingPoint roadmap.StartingPoint `json:"starting_point"`
	Route         plan.Route            `json:"route"`
}

type storiesOutput struct{ Body []storySummaryOut }

type storyHandleInput struct {
	Handle string `path:"handle"`
}

func (h *Handler) registerStories(api huma.API) {
	tags := []string{"stories"}
	registerUser(api, huma.Operation{OperationID: "get-my-story", Method: http.MethodGet, Path: "/api/v1/me/story",
		Summary: "My story: every milestone devpath knows, with my words and what I show", Tags: tags}, h.myStory)
	registerUser(api, huma.Operation{OperationID: "put-my-story", Method: http.MethodPut, Path: "/api/v1/me/story",
		Summary: "Write, choose the parts of and publish my story", Tags: tags}, h.putStory)
	register(api, huma.Operation{OperationID: "list-stories", Method: http.MethodGet, Path: "/api/v1/stories",
		Summary: "Published stories, by starting point and route", Tags: tags}, h.stories)
	register(api, huma.Operation{OperationID: "get-story", Method: http.MethodGet, Path: "/api/v1/stories/{handle}",
		Summary: "A published story, as visitors see it", Tags: tags}, h.story)
}

func (h *Handler) myStory(ctx context.Context, p account.Principal, _ *struct{}) (*storyOutput, error) {
	s, err := h.Stories.Draft(ctx, p.User.ID, p.User.Name, p.User.CreatedAt)
	return &storyOutput{Body: toStoryOut(s)}, err
}

func (h *Handler) putStory(ctx context.Context, p account.Principal, in *storyInput) (*storyOutput, error) {
	if err := h.Stories.Save(ctx, p.User.ID, in.Body.document(), in.Body.Published); err != nil {
		return nil, err
	}
	return h.myStory(ctx, p, nil)
}

func (h *Handler) stories(ctx context.Context, in *storiesInput) (*storiesOutput, error) {
	list, err := h.Stories.Index(ctx, roadmap.StartingPoint(in.StartingPoint), plan.Route(in.Route))
	out := &storiesOutput{Body: []storySummaryOut{}}
	for _, s := range list {
		out.Body = append(out.Body, storySummaryOut{Handle: s.Handle, Name: s.Name, Intro: s.Intro, StartingPoint: s.StartingPoint, Route: s.Route})
	}
	return out, err
}

func (h *Handler) story(ctx context.Context, in *storyHandleInput) (*storyOutput, error) {
	s, err := h.Stories.Public(ctx, in.Handle)
	return &storyOutput{Body: toStoryOut(s)}, err
}
