package team

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"

	"irp/internal/atomicfile"
	"irp/internal/ledger"
	"irp/internal/session"
)

// CurrentTrend computes the trend of the sessions published under env's
// content/sessions and the two files that hold it (TrendFile, ChartFile).
func CurrentTrend(env *session.Env) (jsonData, svg []byte, err error) {
	entries, err := env.Vault.Ledger()
	if err != nil {
		return nil, nil, err
	}
	held, _, err := LoadSessions(env.Sessions())
	if err != nil {
		return nil, nil, err
	}
	return TrendFiles(Trend(held, func(id string) bool { return ledger.IsRetired(entries, id) }))
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
