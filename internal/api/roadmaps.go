package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"devpath/internal/roadmap"
)

type roadmapItem struct {
	Slug       string `json:"slug"`
	Title      string `json:"title"`
	Summary    string `json:"summary"`
	TopicCount int    `json:"topic_count"`
}

type roadmapsOutput struct {
	Body []roadmapItem
}

type slugInput struct {
	Slug string `path:"slug" doc:"roadmap slug, such as backend"`
}

type topicItem struct {
	ID            string   `json:"id"`
	Title         string   `json:"title"`
	EstimateHours int      `json:"estimate_hours"`
	Prerequisites []string `json:"prerequisites"`
	ChoiceGroup   string   `json:"choice_group,omitempty"`
	Aliases       []string `json:"aliases,omitempty"`
}

type stepItem struct {
	ID      string      `json:"id"`
	Title   string      `json:"title"`
	Summary string      `json:"summary,omitempty"`
	Topics  []topicItem `json:"topics"`
}

type roadmapOutput struct {
	Body struct {
		Slug    string     `json:"slug"`
		Title   string     `json:"title"`
		Summary string     `json:"summary"`
		Version int        `json:"version"`
		Steps   []stepItem `json:"steps"`
	}
}

type topicInput struct {
	Slug  string `path:"slug"`
	Topic string `path:"id" doc:"topic id, or a former id of the topic"`
}

type topicOutput struct {
	Body struct {
		topicItem
		Step        string             `json:"step"`
		Description string             `json:"description" doc:"HTML rendered from the topic's Markdown"`
		Resources   []roadmap.Resource `json:"resources"`
	}
}

func (h *Handler) registerRoadmaps(api huma.API) {
	tags := []string{"roadmaps"}
	register(api, huma.Operation{OperationID: "list-roadmaps", Method: http.MethodGet, Path: "/api/v1/roadmaps",
		Summary: "Roadmaps", Tags: tags}, h.roadmaps)
	register(api, huma.Operation{OperationID: "get-roadmap", Method: http.MethodGet, Path: "/api/v1/roadmaps/{slug}",
		Summary: "A roadmap with its steps and topics", Tags: tags}, h.roadmap)
	register(api, huma.Operation{OperationID: "get-topic", Method: http.MethodGet, Path: "/api/v1/roadmaps/{slug}/topics/{id}",
		Summary: "A topic with its description and resources", Tags: tags}, h.topic)
}

func (h *Handler) roadmaps(ctx context.Context, _ *struct{}) (*roadmapsOutput, error) {
	out := &roadmapsOutput{Body: []roadmapItem{}}
	for _, r := range h.Roadmaps.All() {
		out.Body = append(out.Body, roadmapItem{Slug: r.Slug, Title: r.Title, Summary: r.Summary, TopicCount: len(r.Topics)})
	}
	return out, nil
}

func toTopicItem(t *roadmap.Topic) topicItem {
	pre := t.Prerequisites
	if pre == nil {
		pre = []string{}
	}
	return topicItem{ID: t.ID, Title: t.Title, EstimateHours: t.EstimateHours, Prerequisites: pre, ChoiceGroup: t.ChoiceGroup, Aliases: t.Aliases}
}

func (h *Handler) roadmap(ctx context.Context, in *slugInput) (*roadmapOutput, error) {
	r, err := h.Roadmaps.Get(in.Slug)
	if err != nil {
		return nil, err
	}
	out := &roadmapOutput{}
	out.Body.Slug, out.Body.Title, out.Body.Summary, out.Body.Version = r.Slug, r.Title, r.Summary, r.Version
	for _, s := range r.Steps {
		si := stepItem{ID: s.ID, Title: s.Title, Summary: s.Summary, Topics: make([]topicItem, len(s.Topics))}
		for i, t := range s.Topics {
			si.Topics[i] = toTopicItem(t)
		}
		out.Body.Steps = append(out.Body.Steps, si)
	}
	return out, nil
}

func (h *Handler) topic(ctx context.Context, in *topicInput) (*topicOutput, error) {
	r, err := h.Roadmaps.Get(in.Slug)
	if err != nil {
		return nil, err
	}
	t, err := r.Topic(in.Topic)
	if err != nil {
		return nil, err
	}
	out := &topicOutput{}
	out.Body.topicItem = toTopicItem(t)
	out.Body.Step, out.Body.Description, out.Body.Resources = t.Step, string(t.Description), t.Resources
	return out, nil
}
