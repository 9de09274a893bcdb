package web

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"sync"

	"devpath/internal/progress"
	"devpath/internal/roadmap"
)

// A skeleton is a page drawn once with slots where each viewer's parts go,
// kept as the bytes between the slots. Serving the page is then copying
// those bytes and the viewer's parts into one buffer: html/template's
// reflection runs once per roadmap version instead of once per request.
//
// The page is drawn by its own template with a marker in each slot (a
// template.HTML value, which html/template writes as it is), and cut at the
// markers, so the skeleton is the template's own output, byte for byte.
type skeleton struct {
	parts [][]byte // parts[i] comes before the i-th slot; the last one after every slot
	slots []int    // the slot number of each cut, in page order
}

// slotMark is the marker of slot i: a NUL never appears in a drawn page,
// since devpath refuses control characters in everything it stores.
func slotMark(i int) template.HTML {
	return template.HTML("\x00slot" + strconv.Itoa(i) + "\x00")
}

// cutSkeleton cuts a page drawn with slotMark markers at each one.
func cutSkeleton(drawn []byte) (*skeleton, error) {
	s := &skeleton{}
	for {
		i := bytes.IndexByte(drawn, 0)
		if i < 0 {
			s.parts = append(s.parts, bytes.Clone(drawn))
			return s, nil
		}
		end := bytes.IndexByte(drawn[i+1:], 0)
		if end < 0 {
			return nil, fmt.Errorf("skeleton: an unclosed slot marker")
		}
		n, err := strconv.Atoi(string(bytes.TrimPrefix(drawn[i+1:i+1+end], []byte("slot"))))
		if err != nil {
			return nil, fmt.Errorf("skeleton: a bad slot marker: %w", err)
		}
		s.parts = append(s.parts, bytes.Clone(drawn[:i]))
		s.slots = append(s.slots, n)
		drawn = drawn[i+1+end+1:]
	}
}

// fill writes the page to buf, with fill writing the viewer's part of each slot.
func (s *skeleton) fill(buf *bytes.Buffer, fill func(buf *bytes.Buffer, slot int)) {
	for i, slot := range s.slots {
		buf.Write(s.parts[i])
		fill(buf, slot)
	}
	buf.Write(s.parts[len(s.parts)-1])
}

// roadmapSkeletons keeps each roadmap version's page skeleton, for visitors
// and for learners.
type roadmapSkeletons struct {
	mu sync.Mutex
	m  map[skeletonKey]*skeleton
}

type skeletonKey struct {
	slug     string
	version  int
	loggedIn bool
}

// The slots of a roadmap page: the summary, the picture, then each step's
// count and rows.
const (
	slotSummary = 0
	slotPicture = 1
	slotSteps   = 2 // step i's count is slotSteps+2i, its rows slotSteps+2i+1
)

// of returns the skeleton of rm's page, drawing it on first use.
func (c *roadmapSkeletons) of(w *Web, rm *roadmap.Roadmap, loggedIn bool) (*skeleton, error) {
	key := skeletonKey{rm.Slug, rm.Version, loggedIn}
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.m[key]; ok {
		return s, nil
	}
	page := roadmapPage{Roadmap: rm, LoggedIn: loggedIn, SummaryHTML: slotMark(slotSummary), Picture: slotMark(slotPicture)}
	for i, s := range rm.Steps {
		page.Steps = append(page.Steps, stepView{Step: s, CountHTML: slotMark(slotSteps + 2*i), RowsHTML: slotMark(slotSteps + 2*i + 1)})
	}
	var buf bytes.Buffer
	if err := w.pages["roadmap"].ExecuteTemplate(&buf, "content", view{Data: page}); err != nil {
		return nil, err
	}
	s, err := cutSkeleton(buf.Bytes())
	if err != nil {
		return nil, err
	}
	c.m[key] = s
	return s, nil
}

// drawRoadmap writes the content of v's roadmap page to buf: the skeleton
// filled with the viewer's summary, picture, counts and rows.
func (w *Web) drawRoadmap(buf *bytes.Buffer, v progress.View, loggedIn bool) error {
	sk, err := w.skeletons.of(w, v.Roadmap, loggedIn)
	if err != nil {
		return err
	}
	in := progress.InScope(v.Roadmap, v.Status)
	sk.fill(buf, func(buf *bytes.Buffer, slot int) {
		if err != nil {
			return
		}
		switch step := (slot - slotSteps) / 2; {
		case slot == slotSummary:
			err = w.drawCounts(buf, v.Summary.Count, nil) // the summary shows the counts only
		case slot == slotPicture:
			buf.WriteString(string(w.pictures.of(v.Roadmap).SVG(v.Status)))
		case (slot-slotSteps)%2 == 0:
			err = w.drawCounts(buf, progress.Count{}, &v.Summary.Steps[step])
		default:
			err = w.drawRows(buf, v, v.Roadmap.Steps[step], in, loggedIn)
		}
	})
	return err
}

// drawRows writes a step's topic rows, each drawn once per status and scope.
func (w *Web) drawRows(buf *bytes.Buffer, v progress.View, s *roadmap.Step, in map[string]bool, loggedIn bool) error {
	for _, t := range s.Topics {
		row := topicRow{Slug: v.Roadmap.Slug, Topic: t, Status: v.Status(t.ID), InScope: in[t.ID]}
		h, err := w.rows.draw(w.fragments, v.Roadmap.Version, row, loggedIn)
		if err != nil {
			return err
		}
		buf.WriteString(string(h))
	}
	return nil
}

// drawnCounts keeps the summary and step counts drawn, by their values,
// which repeat across requests and learners; a map past memoLimit entries
// starts afresh.
type drawnCounts struct {
	summaries memo[progress.Count]
	steps     memo[progress.StepCount]
}

const memoLimit = 4096

type memo[K comparable] struct {
	mu sync.RWMutex
	m  map[K]template.HTML
}

func (m *memo[K]) get(k K, draw func() (template.HTML, error)) (template.HTML, error) {
	m.mu.RLock()
	h, ok := m.m[k]
	m.mu.RUnlock()
	if ok {
		return h, nil
	}
	h, err := draw()
	if err != nil {
		return "", err
	}
	m.mu.Lock()
	if m.m == nil || len(m.m) >= memoLimit {
		m.m = map[K]template.HTML{}
	}
	m.m[k] = h
	m.mu.Unlock()
	return h, nil
}

// drawCount writes the summary (a Count) or a step's count (a StepCount)
// through its partial template, drawn once per value.
func (w *Web) drawCounts(buf *bytes.Buffer, c progress.Count, step *progress.StepCount) error {
	var h template.HTML
	var err error
	if step == nil {
		h, err = w.counts.summaries.get(c, func() (template.HTML, error) { return w.drawFragment("summary", c) })
	} else {
		h, err = w.counts.steps.get(*step, func() (template.HTML, error) { return w.drawFragment("step-count", *step) })
	}
	buf.WriteString(string(h))
	return err
}
