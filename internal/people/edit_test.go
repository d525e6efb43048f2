package people

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAddAndTick(t *testing.T) {
	path := filepath.Join(t.TempDir(), "people.toml")
	os.WriteFile(path, []byte("# the team\n[ana]\nname = \"Ana Lopez\" # lead\n\n[ben]\nprerequisites = [\"Ops VPN credentials\"]\n"), 0o644)
	checklist := []string{"Ops VPN credentials", "Two-factor setup"}
	if err := Add(path, "cy.tan", "Cy Tan", true); err != nil {
		t.Fatal(err)
	}
	if err := Add(path, "cy.tan", "", false); err == nil || !strings.Contains(err.Error(), "already") {
		t.Errorf("adding twice: %v", err)
	}
	if err := Add(path, "Cy Tan", "", false); err == nil {
		t.Error("a handle with a space was accepted")
	}
	if ch, err := Tick(path, "ana", "two-factor SETUP", checklist); err != nil || !ch {
		t.Fatalf("tick ana: %v %v", ch, err)
	}
	if ch, err := Tick(path, "ben", "Two-factor setup", checklist); err != nil || !ch {
		t.Fatalf("tick ben: %v %v", ch, err)
	}
	if ch, err := Tick(path, "ben", "two-factor setup", checklist); err != nil || ch {
		t.Fatalf("tick ben again: %v %v, want no change", ch, err)
	}
	if _, err := Tick(path, "ben", "Two factor", checklist); err == nil || !strings.Contains(err.Error(), "not a prerequisite") {
		t.Errorf("a misspelt prerequisite: %v", err)
	}
	if _, err := Tick(path, "dee", "Two-factor setup", checklist); err == nil || !strings.Contains(err.Error(), "irp people add dee") {
		t.Errorf("an unknown person: %v", err)
	}
	b, _ := os.ReadFile(path)
	want := "# the team\n[ana]\nprerequisites = [\"Two-factor setup\"]\nname = \"Ana Lopez\" # lead\n\n[ben]\nprerequisites = [\"Ops VPN credentials\", \"Two-factor setup\"]\n\n[\"cy.tan\"]\nname = \"Cy Tan\"\nexperienced = true\n"
	if string(b) != want {
		t.Errorf("people.toml:\n%s\nwant:\n%s", b, want)
	}
	d, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if u := d.Unknown([]string{"ana", "cytan", "eli"}, map[string]bool{"eli": true}); strings.Join(u, ",") != "cytan" {
		t.Errorf("Unknown = %v", u)
	}
	d["ana"].Prerequisites = append(d["ana"].Prerequisites, "VPN")
	if u := d.UnknownPrerequisites(checklist); len(u) != 1 || u[0] != (UnknownPrerequisite{"ana", "VPN"}) {
		t.Errorf("UnknownPrerequisites = %v", u)
	}
}
