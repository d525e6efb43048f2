package team

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"irp/internal/atomicfile"
	"irp/internal/ledger"
	"irp/internal/session"
	"irp/internal/vault"
)

// CurrentTrend computes the trend of the sessions published under env's
// content/sessions and the two files that hold it (TrendFile, ChartFile).
func CurrentTrend(env *session.Env) (jsonData, svg []byte, err error) {
	entries, held, err := history(env)
	if err != nil {
		return nil, nil, err
	}
	return TrendFiles(Trend(held, func(id string) bool { return ledger.IsRetired(entries, id) }))
}

// history is what the team's views are drawn from: env's ledger and the
// sessions held (published under content/sessions).
func history(env *session.Env) ([]ledger.Entry, []Session, error) {
	entries, err := env.Vault.Ledger()
	if err != nil {
		return nil, nil, err
	}
	held, _, err := LoadSessions(env.Sessions())
	return entries, held, err
}

// RedrawTrend rewrites content/sessions/trend.json and trend.svg, the
// chart and table on the sessions list page, and returns the chart's path.
func RedrawTrend(env *session.Env) (chart string, err error) {
	j, svg, err := CurrentTrend(env)
	if err != nil {
		return "", err
	}
	if err := atomicfile.Write(filepath.Join(env.Sessions(), TrendFile), j, 0o644); err != nil {
		return "", err
	}
	chart = filepath.Join(env.Sessions(), ChartFile)
	return chart, atomicfile.Write(chart, svg, 0o644)
}

// Redraw redraws the trend (RedrawTrend) and says on w which chart it wrote.
func Redraw(w io.Writer, env *session.Env) error {
	chart, err := RedrawTrend(env)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "redrew %s\n", env.Project.Rel(chart))
	return nil
}

// Publish publishes session page p (session.Env.PublishPage) and redraws
// the trend on the sessions page, which it counts in. A chart not redrawn
// is reported on warn, not fatal: the summary is published.
func Publish(out, warn io.Writer, env *session.Env, p *session.Page, keys vault.Keys) error {
	if err := env.PublishPage(out, warn, p, keys); err != nil {
		return err
	}
	if _, err := RedrawTrend(env); err != nil {
		fmt.Fprintf(warn, "irp: the trend chart on the sessions page was not redrawn: %v\n", err)
	}
	return nil
}

// StaleTrend lists the trend files under content/sessions that no longer
// match the published summaries (nil when they match, or when nothing is
// published and the files are absent).
func StaleTrend(env *session.Env) ([]string, error) {
	j, svg, err := CurrentTrend(env)
	if err != nil {
		return nil, err
	}
	var stale []string
	for _, f := range []struct {
		name string
		want []byte
	}{{TrendFile, j}, {ChartFile, svg}} {
		path := filepath.Join(env.Sessions(), f.name)
		got, err := os.ReadFile(path)
		if errors.Is(err, os.ErrNotExist) && bytes.Equal(j, []byte("[]\n")) {
			continue // nothing published, nothing to draw
		}
		if !bytes.Equal(got, f.want) {
			stale = append(stale, path)
		}
	}
	return stale, nil
}
