package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"devpath/internal/account"
	"devpath/internal/match"
)

type matchInput struct {
	Body struct {
		JobDescription string `json:"job_description" doc:"the text of the job advert, pasted as it is"`
	}
}

type missingSkillBody struct {
	Skill      string `json:"skill"`
	Topic      string `json:"topic,omitempty" doc:"the roadmap topic that teaches it"`
	TopicTitle string `json:"topic_title,omitempty"`
	Required   bool   `json:"required"`
}

type factorBody struct {
	Skill    string  `json:"skill"`
	Topic    string  `json:"topic,omitempty"`
	Required bool    `json:"required" doc:"false: only nice to have"`
	Mentions int     `json:"mentions"`
	Weight   float64 `json:"weight" doc:"importance times the frequency factor"`
	Share    int     `json:"share" doc:"of the 100 points, what this skill is worth"`
	Has      bool    `json:"has"`
	Points   int     `json:"points" doc:"share when the learner has the skill, else 0"`
	Text     string  `json:"text" doc:"the factor in a sentence"`
}

type matchOutput struct {
	Body struct {
		Score       int                `json:"score" doc:"0 to 100: the sum of the points of the skills the learner has"`
		Matched     []string           `json:"matched" doc:"skills the learner has, most important first"`
		Missing     []missingSkillBody `json:"missing" doc:"skills the learner lacks, most important first"`
		Explanation []factorBody       `json:"explanation" doc:"every skill's part in the score"`
		Formula     string             `json:"formula"`
	}
}

func toMatchOutput(r match.Result) *matchOutput {
	out := &matchOutput{}
	b := &out.Body
	b.Score, b.Matched, b.Formula = r.Score, r.Matched, r.Formula
	b.Missing = make([]missingSkillBody, 0, len(r.Missing))
	for _, m := range r.Missing {
		b.Missing = append(b.Missing, missingSkillBody{Skill: m.Skill, Topic: m.Topic, TopicTitle: m.TopicTitle, Required: m.Required})
	}
	b.Explanation = make([]factorBody, 0, len(r.Explanation))
	for _, f := range r.Explanation {
		b.Explanation = append(b.Explanation, factorBody{Skill: f.Skill, Topic: f.Topic, Required: f.Required,
			Mentions: f.Mentions, Weight: f.Weight, Share: f.Share, Has: f.Has, Points: f.Points, Text: f.String()})
	}
	return out
}

func (h *Handler) registerMatch(api huma.API) {
	registerUser(api, huma.Operation{OperationID: "match", Method: http.MethodPost, Path: "/api/v1/me/match",
		Summary: "Score a job description against what I know",
		Description: "Finds the skills the description asks for, weighs them (required against nice to have, how often " +
			"they are mentioned) and scores 0 to 100 against the topics done on the roadmap and the skills in the master " +
			"resume. Each missing skill names the roadmap topic that teaches it; the explanation shows every skill's part.",
		Tags: []string{"resumes"}}, h.match)
}

func (h *Handler) match(ctx context.Context, p account.Principal, in *matchInput) (*matchOutput, error) {
	r, err := h.Match.Match(ctx, p.User.ID, in.Body.JobDescription)
	if err != nil {
		return nil, err
	}
	return toMatchOutput(r), nil
}
