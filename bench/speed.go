package main

import (
	"fmt"
	"time"
)

// writeSpeed puts issue 19's table in one place: each figure as a ratio to
// what it is measured against in the same run, for devpath and, with
// -base, for the commit before.
func (r *results) writeSpeed(d *doc, ps points) {
	type row struct {
		what, target string
		of           func(name string) (string, bool) // the figure for a devpath build, and whether it meets the target
	}
	put := func(name string, c int) (*point, bool) { p := ps.get(name, scPut, c); return p, p != nil }
	rows := []row{
		{"progress write, 64 clients ÷ group-commit floor (p99 ÷ the floor's)", "≥ 1.0 (p99 ≤ 1.0)", func(n string) (string, bool) {
			dp, ok := put(n, 64)
			g, ok2 := put(nameGroup, 64)
			if !ok || !ok2 {
				return "", false
			}
			return fmt.Sprintf("%s (%s)", ratio(dp.rps, g.rps), ratio(ms(dp.p99), ms(g.p99))), dp.rps >= g.rps && dp.p99 <= g.p99
		}},
		{"same, 256 clients", "≥ 1.0", func(n string) (string, bool) {
			dp, ok := put(n, 256)
			g, ok2 := put(nameGroup, 256)
			if !ok || !ok2 {
				return "", false
			}
			return ratio(dp.rps, g.rps), dp.rps >= g.rps
		}},
		{"same, 1 client ÷ naive floor", "≥ 0.9", func(n string) (string, bool) {
			dp, ok := put(n, 1)
			nv, ok2 := put(nameNaive, 1)
			if !ok || !ok2 {
				return "", false
			}
			return ratio(dp.rps, nv.rps), dp.rps >= 0.9*nv.rps
		}},
		{"server CPU per write, 64 clients (÷ the group-commit floor's)", "≤ 90 us", func(n string) (string, bool) {
			dp, ok := put(n, 64)
			g, ok2 := put(nameGroup, 64)
			if !ok || !ok2 {
				return "", false
			}
			us := float64(dp.cpuPerReq()) / float64(time.Microsecond)
			return fmt.Sprintf("%.0f us (%s)", us, ratio(ms(dp.cpuPerReq()), ms(g.cpuPerReq()))), us <= 90
		}},
		{"roadmap page, 64 clients ÷ static page (p99)", "≥ 0.3 (p99 ≤ 50 ms)", func(n string) (string, bool) {
			dp, st := ps.get(n, scPage, 64), ps.get(nameStatic, scPage, 64)
			if dp == nil || st == nil {
				return "", false
			}
			return fmt.Sprintf("%s (%s ms)", ratio(dp.rps, st.rps), msText(dp.p99)), dp.rps >= 0.3*st.rps && dp.p99 <= 50*time.Millisecond
		}},
		{"resident memory idle after start / peak during 256 concurrent logins", "≤ 40 / ≤ 100 MiB", func(n string) (string, bool) {
			idle, ok := r.startOf(n)
			login := ps.get(n, scLogin, 256)
			if !ok || login == nil {
				return "", false
			}
			i := median(idle.idle)
			return fmt.Sprintf("%s / %s MiB", mib(i), mib(login.peak)), i <= 40<<20 && login.peak <= 100<<20
		}},
		{"cold start to the first 200, fresh data directory (÷ PocketBase's)", "≤ 60 ms (PocketBase 53 ms when measured quiet)", func(n string) (string, bool) {
			s, ok := r.startOf(n)
			pb, ok2 := r.startOf(namePocketBase)
			if !ok || !ok2 {
				return "", false
			}
			m := median(s.starts)
			return fmt.Sprintf("%.0f ms (%s)", ms(m), ratio(ms(m), ms(median(pb.starts)))), m <= 60*time.Millisecond
		}},
		{"binary (`make build`)", "≤ 30 MB", func(n string) (string, bool) {
			s, ok := r.startOf(n)
			if !ok {
				return "", false
			}
			return fmt.Sprintf("%.1f MB", float64(s.binary)/1e6), s.binary <= 30e6
		}},
	}
	var out [][]string
	for _, rw := range rows {
		line := []string{rw.what, rw.target}
		for _, name := range []string{nameDevpath, nameBase} {
			fig, met := rw.of(name)
			if fig == "" {
				fig = "–"
			} else if met {
				fig += " **met**"
			}
			line = append(line, fig)
		}
		out = append(out, line)
	}
	for _, c := range []int{16, 64} {
		dp, f := ps.get(namePG, scPut, c), ps.get(namePGFloor, scPut, c)
		if dp != nil && f != nil {
			out = append(out, []string{fmt.Sprintf("PostgreSQL: progress write, %d clients ÷ pgx floor", c), "≥ 0.8",
				ratio(dp.rps, f.rps) + map[bool]string{true: " **met**"}[dp.rps >= 0.8*f.rps], "–"})
		}
	}
	if one, two := ps.get(namePG, scPut, 64), ps.get(namePGTwo, scPut, 64); one != nil && two != nil {
		out = append(out, []string{"PostgreSQL: two instances behind a proxy ÷ one, 64 clients", "≥ 1.6",
			ratio(two.rps, one.rps) + map[bool]string{true: " **met**"}[two.rps >= 1.6*one.rps], "–"})
	}
	d.p("## Speed (issue 19)")
	d.p("Every figure of the issue's table from this one run, as a ratio to what it is measured against in the same rounds " +
		"(or, for start and memory, beside PocketBase started in turn with it). The machine's load during the run is under " +
		"Machine: ratios stand up to it better than absolute figures, which it inflates.")
	d.table([]string{"figure", "target", nameDevpath, nameBase}, out)
}

// startOf returns the start phase's row for a server.
func (r *results) startOf(name string) (startRow, bool) {
	if r.start == nil {
		return startRow{}, false
	}
	for _, row := range r.start.rows {
		if row.name == name && len(row.starts) > 0 {
			return row, true
		}
	}
	return startRow{}, false
}
