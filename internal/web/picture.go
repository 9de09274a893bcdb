package web

import (
	"fmt"
	"sync"

	"devpath/internal/roadmap"
	"devpath/internal/web/charts"
)

// pictures lays out each roadmap version's picture once; a request only
// fills in the viewer's statuses.
type pictures struct {
	mu    sync.Mutex
	cache map[string]*charts.RoadmapPicture // slug@version
}

func newPictures() *pictures { return &pictures{cache: map[string]*charts.RoadmapPicture{}} }

func (p *pictures) of(r *roadmap.Roadmap) *charts.RoadmapPicture {
	key := fmt.Sprintf("%s@%d", r.Slug, r.Version)
	p.mu.Lock()
	defer p.mu.Unlock()
	pic, ok := p.cache[key]
	if !ok {
		pic = charts.NewRoadmapPicture(r)
		p.cache[key] = pic
	}
	return pic
}
