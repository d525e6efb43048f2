package ledger

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestAppendReadAndQueries(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ledger.jsonl")
	at := time.Date(2026, 12, 1, 13, 0, 0, 0, time.UTC)
	if err := Append(path,
		Entry{Time: at, Event: Seen, Scenario: "amber-heron", Who: "ana", Session: "2026-12-01-kestrel"},
		Entry{Time: at, Event: Seen, Scenario: "amber-heron", Who: "bo", Session: "2026-12-01-kestrel"},
	); err != nil {
		t.Fatal(err)
	}
	if err := Append(path, Entry{Time: at, Event: Retired, Scenario: "amber-heron"}); err != nil {
		t.Fatal(err)
	}
	got, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].Prev != "" || got[1].Prev == "" {
		t.Fatalf("entries = %+v", got)
	}
	if !SeenBy(got, "ana")["amber-heron"] || SeenBy(got, "cy")["amber-heron"] {
		t.Error("SeenBy wrong")
	}
	if !IsRetired(got, "amber-heron") || IsRetired(got, "other") {
		t.Error("IsRetired wrong")
	}
	if Sessions(got, "ana") != 1 || Sessions(got, "cy") != 0 {
		t.Error("Sessions wrong")
	}
}

func TestTamperDetected(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ledger.jsonl")
	for _, who := range []string{"ana", "bo", "cy"} {
		if err := Append(path, Entry{Event: Seen, Scenario: "s1", Who: who}); err != nil {
			t.Fatal(err)
		}
	}
	data, _ := os.ReadFile(path)
	edited := bytes.Replace(data, []byte(`"who":"bo"`), []byte(`"who":"dee"`), 1)
	if err := os.WriteFile(path, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Read(path)
	var te *LineError
	if !errors.As(err, &te) || te.Line != 3 || !te.Tampered {
		t.Fatalf("Read after edit = %v, want tamper at line 3", err)
	}
	if err := Append(path, Entry{Event: Seen, Scenario: "s2", Who: "ana"}); err == nil {
		t.Fatal("Append to a tampered ledger succeeded")
	}
}

func TestMissingIsEmpty(t *testing.T) {
	got, err := Read(filepath.Join(t.TempDir(), "none.jsonl"))
	if err != nil || len(got) != 0 {
		t.Fatalf("Read missing = %v, %v", got, err)
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(`{"time":"2026-12-01T13:00:00Z","event":"seen","scenario":"s1","who":"ana","prev":""}` + "\n"))
	f.Add([]byte("not json\n"))
	f.Add([]byte(`{"event":"retired","scenario":"s","prev":"x"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "ledger.jsonl")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		entries, err := Read(path)
		if err != nil {
			return
		}
		// A ledger that reads cleanly must accept an append and still read.
		if err := Append(path, Entry{Event: Seen, Scenario: "x", Who: "y"}); err != nil {
			t.Fatalf("Append after clean Read: %v", err)
		}
		again, err := Read(path)
		if err != nil || len(again) != len(entries)+1 {
			t.Fatalf("Read after Append: %d entries, %v (had %d)", len(again), err, len(entries))
		}
	})
}
