package main

import (
	"fmt"
	"io"

	"irp/internal/project"
	"irp/internal/session"
)

// sessionEnv loads the project the session verbs work in.
func sessionEnv() (*session.Env, error) {
	p, err := project.Find(".")
	if err != nil {
		return nil, err
	}
	return session.Load(p)
}

// reportFeed mentions session pages the calendar feed had to leave out.
func reportFeed(w io.Writer, bad []error) {
	for _, err := range bad {
		fmt.Fprintf(w, "irp: calendar feed left out %v\n", err)
	}
}
