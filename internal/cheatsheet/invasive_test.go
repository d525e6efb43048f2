package cheatsheet

import "testing"

func TestInvasive(t *testing.T) {
	tests := []struct{ line, want string }{
		{"svcs -xv", ""},
		{"svcadm restart {{fmri}}", "svcadm"},
		{"/usr/sbin/svcadm disable -t {{fmri}}", "svcadm"},
		{"pfexec svcadm enable {{fmri}}", "svcadm"},
		{"sudo -u root kill -9 {{pid}}", "kill"},
		{"FOO=1 BAR=2 pkill node", "pkill"},
		{"zlogin {{zone}} svcadm clear {{fmri}}", "svcadm"},
		{"zlogin {{zone}} svcs -x", ""},
		{"ls | xargs -n 1 -I {} rm {}", "rm"},
		{"pgrep node && kill $(pgrep -n node)", "kill"},
		{"echo $(rm -f x)", "rm"},
		{"time zfs destroy -r zones/{{uuid}}", "zfs destroy"},
		{"zfs list -t snapshot", ""},
		{"zfs rollback -r zones/x@snap", "zfs rollback"},
		{"zoneadm -z {{zone}} reboot", "zoneadm reboot"},
		{"zoneadm list -cv", ""},
		{"vmadm stop {{uuid}}", "vmadm stop"},
		{"vmadm list", ""},
		{"manta-oneach -s webapi 'uptime'", "manta-oneach"},
		{"sdc-oneachnode -a 'zpool status'", "sdc-oneachnode"},
		{"manta-adm show -s", ""},
		{"manta-adm update -y update.json webapi", "manta-adm update"},
		{"manta-adm zk fixup -y", "manta-adm zk fixup"},
		{"manta-adm zk list", ""},
		{"manta-adm gc update -y", "manta-adm gc update"},
		{"manta-adm gc show", ""},
		{"manta-adm alarm close 12 13", "manta-adm alarm close"},
		{"manta-adm alarm show", ""},
		{"putobject -d '{}' {{bucket}} {{key}}", "putobject"},
		{"findobjects -l 1 {{bucket}} '(x=1)'", ""},
		{"sql 'SELECT NOW()'", ""},
		{"manatee-adm show", ""},
		{"manatee-adm freeze -r 'practice'", "manatee-adm freeze"},
		{"manatee-adm promote -r {{role}} -n {{zone}}", "manatee-adm promote"},
		{"grep 'svcadm restart' /var/svc/log/*.log", ""},
		{`echo "kill it"; true`, ""},
		{"ps -ef | grep rm", ""},
		{"# svcadm restart x (a comment)", ""},
		{"svcs -x # then svcadm clear", ""},
		{"{ svcs; reboot; }", "reboot"},
		{"(cd /tmp && rm -rf x)", "rm"},
		{"echo `kill 1`", "kill"},
		{"bunyan --pid 5 -l warn", ""},
		{"mdb -p {{pid}}", ""},
		{`unterminated "quote kill`, ""},
		{`unterminated 'quote`, ""},
	}
	for _, tt := range tests {
		if got := Invasive(tt.line); got != tt.want {
			t.Errorf("Invasive(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}
