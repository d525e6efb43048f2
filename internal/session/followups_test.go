package session

import (
	"testing"

	"irp/internal/followup"
	"irp/internal/problem"
)

// The flags of irp session followup read as a change, or a usage error.
func TestFollowupFlagsChange(t *testing.T) {
	for _, tc := range []struct {
		f      FollowupFlags
		n      int
		status string
		err    string
	}{
		{FollowupFlags{}, 0, "", ""},
		{FollowupFlags{N: "2", Done: true}, 2, followup.Done, ""},
		{FollowupFlags{N: "2", Open: true}, 2, followup.Open, ""},
		{FollowupFlags{Done: true}, 0, "", "--done and --open need the follow-up's number N"},
		{FollowupFlags{N: "two", Done: true}, 0, "", `follow-up number "two" is not a number (irp session followup s lists them)`},
		{FollowupFlags{N: "2"}, 0, "", "say --done or --open"},
		{FollowupFlags{N: "2", Done: true, Open: true}, 0, "", "say --done or --open"},
	} {
		n, status, err := tc.f.Change("s")
		if n != tc.n || status != tc.status || (err == nil) != (tc.err == "") ||
			err != nil && (err.Error() != tc.err || problem.Code(err) != problem.ExitUsage) {
			t.Errorf("%+v: %d, %q, %v; want %d, %q, %s", tc.f, n, status, err, tc.n, tc.status, tc.err)
		}
	}
}
