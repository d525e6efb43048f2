package scenario

import "strings"

// revealing are words that, in a scenario id, say what the scenario breaks.
// Ids appear in file names, the ledger and session pages while the
// scenario is in the pool, so they must say nothing: a codename such as
// amber-heron.
var revealing = []string{
	// Components and the services and programs inside them.
	"webapi", "muskie", "loadbalancer", "haproxy", "muppet", "electric", "moray", "postgres",
	"postgresql", "pg", "manatee", "shard", "storage", "mako", "minnow", "storinfo", "garbage",
	"gc", "rebalancer", "buckets", "mdapi", "mdplacement", "zookeeper", "zk", "binder", "dns",
	"registrar", "mahi", "authcache", "redis", "marlin", "nginx", "ufds", "sapi",
	// What goes wrong.
	"disk", "full", "quota", "memory", "oom", "cpu", "swap", "network", "partition", "down",
	"dead", "crash", "crashed", "fail", "failure", "failed", "outage", "slow", "latency",
	"timeout", "lock", "locks", "deadlock", "vacuum", "wraparound", "replication", "replica",
	"failover", "takeover", "split", "brain", "quorum", "clock", "skew", "ntp", "cert",
	"certificate", "expired", "leak", "stop", "stopped", "kill", "killed", "disabled",
	"corrupt", "corruption", "throttle", "overload", "limit", "conn", "connections",
}

// Revealing returns the first word of id that says what a scenario is
// about (a component or a failure), or "" when the id reveals nothing.
func Revealing(id string) string {
	for _, w := range strings.Split(id, "-") {
		for _, r := range revealing {
			if w == r {
				return w
			}
		}
	}
	return ""
}
