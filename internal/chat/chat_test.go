package chat

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

var day = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

func TestParseDetects(t *testing.T) {
	tests := []struct {
		name, src, format string
		n                 int
		first             Message
	}{
		{"slack", `[{"type":"message","ts":"1796130372.000200","user":"U1","text":"hi <@U1> see <https://x.example/a|the graph>","user_profile":{"name":"cy"}}]`,
			Slack, 1, Message{User: "U1", Name: "cy", Text: "hi @cy see the graph"}},
		{"mattermost", "{\"type\":\"version\",\"version\":1}\n{\"type\":\"post\",\"post\":{\"channel\":\"c\",\"user\":\"cy\",\"message\":\"hi\",\"create_at\":1796130372000}}\n",
			Mattermost, 1, Message{User: "cy", Text: "hi", Channel: "c"}},
		{"plain", "[2026-12-01 13:06:12] <cy> hi\n", Plain, 1, Message{User: "cy", Text: "hi"}},
		{"irssi", "13:06 < cy> hi\n13:07 -!- dee has joined\n13:08 <@dee> yo\n", Plain, 2, Message{User: "cy", Text: "hi"}},
		{"bom and blank lines", "\ufeff\n\n[2026-12-01T13:06:12] <cy> hi\n", Plain, 1, Message{User: "cy", Text: "hi"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Parse([]byte(tt.src), "", day)
			if err != nil {
				t.Fatal(err)
			}
			if l.Format != tt.format || len(l.Messages) != tt.n {
				t.Fatalf("got %s with %d messages, want %s with %d", l.Format, len(l.Messages), tt.format, tt.n)
			}
			m := l.Messages[0]
			if m.User != tt.first.User || m.Name != tt.first.Name || m.Text != tt.first.Text || m.Channel != tt.first.Channel {
				t.Errorf("first message %+v, want %+v", m, tt.first)
			}
			if !m.At.Equal(time.Date(2026, 12, 1, 13, 6, m.At.Second(), m.At.Nanosecond(), time.UTC)) {
				t.Errorf("at %v", m.At)
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	for name, src := range map[string]string{
		"prose":         "# Notes\n\nNothing here.\n",
		"empty":         "",
		"json object":   `{"hello": "world"}`,
		"bad slack ts":  `[{"type":"message","ts":"yesterday","user":"U1","text":"x"}]`,
		"two channels":  "{\"type\":\"post\",\"post\":{\"channel\":\"a\",\"user\":\"x\",\"message\":\"m\",\"create_at\":1}}\n{\"type\":\"post\",\"post\":{\"channel\":\"b\",\"user\":\"x\",\"message\":\"m\",\"create_at\":2}}\n",
		"post, no time": "{\"type\":\"post\",\"post\":{\"channel\":\"a\",\"user\":\"x\",\"message\":\"m\"}}\n",
	} {
		if l, err := Parse([]byte(src), "", day); err == nil {
			t.Errorf("%s: parsed as %s with %d messages", name, l.Format, len(l.Messages))
		}
	}
}

func TestPropose(t *testing.T) {
	at := func(m int) time.Time { return day.Add(13*time.Hour + time.Duration(m)*time.Minute) }
	msgs := []Message{
		{At: at(30), User: "cy", Text: "Status report: 503s on uploads, dee on postgres, eli on moray"},
		{At: at(6), User: "U9", Name: "cy.tan", Text: "seeing 503s"},
		{At: at(10), User: "eli", Text: "restarting muskie in zone 3"},
		{At: at(12), User: "dee", Text: "```\nsvcs -xv\nmore\n```"},
		{At: at(13), User: "dee", Text: "hmm"},
		{At: at(50), User: "cy", Text: "all clear: writes are back"},
	}
	got := Propose(msgs, Team{Names: []string{"cy", "dee", "eli"}, Map: map[string]string{"cy.tan": "cy"}, Coordinator: "cy"})
	var kinds []string
	for _, p := range got {
		kinds = append(kinds, p.Event+"/"+p.Who)
	}
	if want := "first message/cy action/eli action/dee status report/cy resolution/cy"; strings.Join(kinds, " ") != want {
		t.Errorf("proposed %v, want %s", kinds, want)
	}
	if got[2].Note != "dee: `svcs -xv`" {
		t.Errorf("code block note %q", got[2].Note)
	}
}

// FuzzParse: no input makes the parsers panic, and every message they
// return has a time.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`[{"type":"message","ts":"1796130372.000200","user":"U1","text":"<@U1> <http://x|y> &amp;"}]`,
		"{\"type\":\"version\"}\n{\"type\":\"post\",\"post\":{\"channel\":\"c\",\"user\":\"u\",\"message\":\"m\",\"create_at\":1796130372000,\"replies\":[{\"user\":\"v\",\"message\":\"r\",\"create_at\":1796130372001}]}}\n",
		"[2026-12-01 13:06:12] <cy> hi\n  continued\n",
		"13:06 < cy> hi\n",
		"[13:06:07] <@cy> hi\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := Parse(b, "", day)
		if err != nil {
			return
		}
		for _, m := range l.Messages {
			if m.At.IsZero() {
				t.Fatalf("a message without a time from %q", b)
			}
		}
		Propose(l.Messages, Team{Names: []string{"cy"}})
	})
}

// FuzzSlackAgainstJSON: whatever ParseSlack accepts is a JSON array.
func FuzzSlackAgainstJSON(f *testing.F) {
	f.Add([]byte(`[{"type":"message","ts":"1.5","user":"U","text":"x"}]`))
	f.Add([]byte(`[{"subtype":"channel_join","ts":"1","user":"U"}]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := ParseSlack(b)
		if err != nil {
			return
		}
		var v []any
		if json.Unmarshal(b, &v) != nil {
			t.Fatalf("ParseSlack accepted %q, which is not a JSON array", b)
		}
		if len(l.Messages)+l.Skipped != len(v) {
			t.Fatalf("%d messages + %d skipped from %d entries", len(l.Messages), l.Skipped, len(v))
		}
	})
}
