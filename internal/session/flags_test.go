package session

import (
	"slices"
	"testing"
	"time"

	"irp/internal/problem"
)

func TestSplitNames(t *testing.T) {
	for in, want := range map[string][]string{
		"":              nil,
		" , ,":          nil,
		"ana":           {"ana"},
		"ana, ben ,,cy": {"ana", "ben", "cy"},
	} {
		if got := SplitNames(in); !slices.Equal(got, want) {
			t.Errorf("SplitNames(%q) = %q, want %q", in, got, want)
		}
	}
}

// Every mistake in irp session new's flags is a usage error (exit 2) that
// names the flag.
func TestPlanFlagsOptions(t *testing.T) {
	ok := PlanFlags{Scenario: "amber-heron", Date: "2026-12-01T13:00:00Z", Instigators: "ana", Responders: "ben,cy,dee", Coordinator: "cy"}
	o, err := ok.Options()
	if err != nil {
		t.Fatal(err)
	}
	if !o.Date.Equal(time.Date(2026, 12, 1, 13, 0, 0, 0, time.UTC)) || !slices.Equal(o.Responders, []string{"ben", "cy", "dee"}) || o.Coordinator != "cy" {
		t.Errorf("%+v", o)
	}
	w := ok
	w.Date, w.Window = "", "2026-12-01T13:00Z/2026-12-01T17:00Z"
	if o, err := w.Options(); err != nil || o.WindowStart.Hour() != 13 || o.WindowEnd.Hour() != 17 || o.window != w.Window {
		t.Errorf("window: %+v, %v", o, err)
	}
	for _, tc := range []struct {
		change func(*PlanFlags)
		want   string
	}{
		{func(f *PlanFlags) { f.Scenario = "" }, "--scenario is required"},
		{func(f *PlanFlags) { f.Date = "" }, "give --date or --window"},
		{func(f *PlanFlags) { f.Date = "tomorrow" }, `--date: "tomorrow" is not a date and time like 2026-12-01T13:00:00Z`},
		{func(f *PlanFlags) { f.Window = "2026-12-02T13:00Z/2026-12-02T17:00Z" }, "--window 2026-12-02T13:00Z/2026-12-02T17:00Z is not on the day of --date 2026-12-01T13:00:00Z"},
		{func(f *PlanFlags) { f.Instigators = " , " }, "--instigators: nobody listed"},
		{func(f *PlanFlags) { f.Responders = "ben,ben" }, "--responders: ben is listed twice"},
		{func(f *PlanFlags) { f.Coordinator = "ana" }, "--coordinator: ana is not one of the responders"},
	} {
		f := ok
		tc.change(&f)
		_, err := f.Options()
		if err == nil || err.Error() != tc.want || problem.Code(err) != problem.ExitUsage {
			t.Errorf("%+v: %v (exit %d), want %q (exit 2)", f, err, problem.Code(err), tc.want)
		}
	}
}

func TestParseMap(t *testing.T) {
	m, err := ParseMap([]string{"U02AB=cy", " ana.l = ana "})
	if err != nil || m["U02AB"] != "cy" || m["ana.l"] != "ana" {
		t.Errorf("%v, %v", m, err)
	}
	for _, bad := range []string{"cy", "=cy", "U02AB= "} {
		if _, err := ParseMap([]string{bad}); problem.Code(err) != problem.ExitUsage {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// A new scenario's id is a codename that gives nothing away, unless forced;
// refused, it comes with a codename to use.
func TestCheckScenarioID(t *testing.T) {
	if err := CheckScenarioID("amber-heron", false); err != nil {
		t.Error(err)
	}
	if err := CheckScenarioID("Amber Heron", false); problem.Code(err) != problem.ExitUsage {
		t.Errorf("not a codename: %v", err)
	}
	err := CheckScenarioID("postgres-disk-full", false)
	if problem.Code(err) != problem.ExitUsage || problem.Hint(err) == "" {
		t.Errorf("revealing: %v, hint %q", err, problem.Hint(err))
	}
	if err := CheckScenarioID("postgres-disk-full", true); err != nil {
		t.Errorf("forced: %v", err)
	}
}
