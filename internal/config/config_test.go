package config

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, src string
		want      Params
		err       string
	}{
		{"empty", ``, Defaults(), ""},
		{"no params", "title = \"x\"\n", Defaults(), ""},
		{"names", "[params]\nteam_names = \"Names\"\n", Params{Names, DefaultPrerequisites, DefaultStatusEvery}, ""},
		{"list", "[params]\nprerequisites = [\"VPN\", \" \", \"Duo\"]\n", Params{Initials, []string{"VPN", "Duo"}, DefaultStatusEvery}, ""},
		{"empty list", "[params]\nprerequisites = []\n", Params{Initials, nil, DefaultStatusEvery}, ""},
		{"cadence", "[params]\nstatus_every = \"45m\"\n", Params{Initials, DefaultPrerequisites, 45 * time.Minute}, ""},
		{"bad cadence", "[params]\nstatus_every = \"often\"\n", Params{}, `status_every is "often"`},
		{"bad style", "[params]\nteam_names = \"nicknames\"\n", Params{}, `team_names is "nicknames"`},
		{"bad toml", "[params]\nteam_names = \n", Params{}, "config.toml:2:"},
		{"wrong type", "[params]\nprerequisites = \"VPN\"\n", Params{}, "config.toml:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse("config.toml", []byte(tt.src))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.TeamNames != tt.want.TeamNames || got.StatusEvery != tt.want.StatusEvery || !slices.Equal(got.Prerequisites, tt.want.Prerequisites) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestLoadMissing(t *testing.T) {
	p, err := Load(t.TempDir() + "/config.toml")
	if err != nil || p.TeamNames != Initials || len(p.Prerequisites) != 5 {
		t.Fatalf("Load(missing) = %+v, %v", p, err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("[params]\nteam_names = \"names\"\nprerequisites = [\"VPN\"]\n"))
	f.Add([]byte("title = 1\n[params.x]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := Parse("config.toml", src)
		if err != nil {
			return
		}
		if p.TeamNames != Names && p.TeamNames != Initials {
			t.Fatalf("team names %q", p.TeamNames)
		}
		for _, s := range p.Prerequisites {
			if s == "" {
				t.Fatal("empty prerequisite")
			}
		}
	})
}
