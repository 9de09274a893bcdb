package match

import (
	"cmp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzMatch scores pasted job descriptions against what a learner lists:
// the explanation adds up to the score, and Skills finds the same skills
// as Match.
func FuzzMatch(f *testing.F) {
	f.Add(paymentsJob, "go,docker,Kafka")
	f.Add("Requirements:\n- Go\n- Kafka", "Kafka")
	f.Add("Requirements:\n- Go\n\nNice to have:\n- Kafka", "kafka")
	f.Add("## Bonus\n* C++, C#, .NET, Node.js; ASP.NET Core is a plus!\n1) Python+Django", "python")
	f.Add("Go to market. Go-live: soon. Spring Boot, Spring, SQL Server, SQL", "sql")
	f.Add("About us:\nWe use PostgreSQL.\nMust have: REST APIs, CI/CD, CI-CD", "internet,http")
	f.Add("•\u00a0Docker\n–\tKubernetes\n12. AWS\n\n\n:Terraform", "")
	f.Add("APIs SDKs databases caching logging", "api")
	m := backendMatcher(f)
	all := make([]string, len(m.skills))
	for i, s := range m.skills {
		all[i] = s.name
	}
	f.Fuzz(func(t *testing.T, job, known string) {
		if utf8.RuneCountInString(job) > MaxJobDescription {
			return // the service refuses these before matching
		}
		res := m.Match(job, strings.Split(known, ","))
		checkResult(t, job, res)
		found := make([]string, len(res.Explanation))
		for i, fc := range res.Explanation {
			found[i] = fc.Skill
		}
		skills := m.Skills(job)
		if !sameSkills(found, skills) {
			t.Fatalf("Match(%q) found %q; Skills found %q", job, found, skills)
		}
		if none := m.Match(job, nil); none.Score != 0 || len(none.Matched) != 0 {
			t.Fatalf("Match(%q) knowing nothing scores %d", job, none.Score)
		}
		if every := m.Match(job, all); len(every.Explanation) > 0 && (every.Score != 100 || len(every.Missing) != 0) {
			t.Fatalf("Match(%q) knowing every skill scores %d, missing %v", job, every.Score, every.Missing)
		}
	})
}

func checkResult(t *testing.T, job string, r Result) {
	t.Helper()
	shares, points := 0, 0
	var matched []string
	for i, fc := range r.Explanation {
		want := 0 // points
		if fc.Has {
			want = fc.Share
		}
		if fc.Mentions < 1 || fc.Weight <= 0 || fc.Share < 0 || fc.Points != want {
			t.Errorf("Match(%q): factor %+v", job, fc)
		}
		if i > 0 && cmp.Compare(r.Explanation[i-1].Weight, fc.Weight) < 0 {
			t.Errorf("Match(%q): factor %q outweighs the one before it", job, fc.Skill)
		}
		shares += fc.Share
		points += fc.Points
		if fc.Has {
			matched = append(matched, fc.Skill)
		}
	}
	if len(r.Explanation) > 0 && shares != 100 {
		t.Errorf("Match(%q): shares add up to %d: %+v", job, shares, r.Explanation)
	}
	if r.Score != points || r.Score < 0 || r.Score > 100 {
		t.Errorf("Match(%q): score %d, points %d", job, r.Score, points)
	}
	if !slices.Equal(matched, r.Matched) || len(r.Matched)+len(r.Missing) != len(r.Explanation) {
		t.Errorf("Match(%q): matched %q, missing %d, of %d factors", job, r.Matched, len(r.Missing), len(r.Explanation))
	}
}

// sameSkills compares two lists of distinct skill names, ignoring order.
func sameSkills(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b) && len(slices.Compact(a)) == len(b)
}
