package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// duckVersion is the @duckdb/node-api release the bench installs from npm
// into the cache dir (the product never depends on it).
const duckVersion = "1.5.6-r.1"

// duckScript computes irp impact's report with DuckDB: per operation in
// the window, requests, 5xx, 499, p50 and p99 latency, on two threads,
// skipping lines it cannot read (ignore_errors), as the issue measured it.
// The columns are given, so DuckDB does not have to guess the schema from a
// sample (with garbage lines in it, it gives up and reads one text column).
const duckScript = `import { DuckDBInstance } from '@duckdb/node-api';
const [log, from, to] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:', { threads: '2' });
const con = await db.connect();
const r = await con.runAndReadAll(` + "`" + `
SELECT operation, count(*) AS requests,
  count(*) FILTER (WHERE status >= 500 AND status < 600) AS failed,
  count(*) FILTER (WHERE status = 499) AS abandoned,
  quantile_disc(latency, 0.5) AS p50, quantile_disc(latency, 0.99) AS p99
FROM (SELECT audit, operation, res.statusCode AS status, latency, "time" AS t
      FROM read_ndjson('${log}', ignore_errors=true,
        columns={audit: 'BOOLEAN', "time": 'TIMESTAMPTZ', operation: 'VARCHAR', latency: 'DOUBLE', res: 'STRUCT(statusCode INTEGER)'}))
WHERE audit AND t >= TIMESTAMPTZ '${from}' AND t < TIMESTAMPTZ '${to}'
GROUP BY operation ORDER BY requests DESC` + "`" + `);
const out = {};
for (const row of r.getRowObjectsJson()) out[row.operation] = Number(row.requests);
console.log(JSON.stringify(out));
`

// ensureDuck installs DuckDB's node package next to the bench log and
// returns the script to run, or an error saying why DuckDB is skipped.
func ensureDuck(dir string) (string, error) {
	if _, err := exec.LookPath("node"); err != nil {
		return "", errors.New("node is not installed")
	}
	d := filepath.Join(dir, "duckdb-"+duckVersion)
	script := filepath.Join(d, "impact.mjs")
	if _, err := os.Stat(filepath.Join(d, "node_modules", "@duckdb", "node-api")); err != nil {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return "", err
		}
		cmd := exec.Command("npm", "install", "--no-audit", "--no-fund", "--prefix", d, "@duckdb/node-api@"+duckVersion)
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", fmt.Errorf("npm install @duckdb/node-api@%s: %v\n%s", duckVersion, err, out)
		}
	}
	if err := os.WriteFile(script, []byte(duckScript), 0o644); err != nil {
		return "", err
	}
	return script, nil
}

// benchDuck times DuckDB against irp on the same window (best of 3 each,
// alternating) and checks DuckDB's per-operation request counts against
// irp's, which agree with the generator's ground truth.
func benchDuck(irp, logPath, dir string, mb float64) error {
	script, err := ensureDuck(dir)
	if err != nil {
		fmt.Printf("duckdb: skipped: %v\n", err)
		return nil
	}
	var rep struct {
		Window     struct{ Start, End string }
		Operations []struct {
			Operation string `json:"operation"`
			Requests  int    `json:"requests"`
		} `json:"operations"`
	}
	var bestIrp, bestDuck *measured
	for range 3 {
		m, err := timed(irp, "impact", "--json", logPath)
		if err != nil {
			return err
		}
		if bestIrp == nil || m.wall < bestIrp.wall {
			bestIrp = m
		}
		if err := json.Unmarshal(m.stdout, &rep); err != nil {
			return fmt.Errorf("reading irp's JSON: %v", err)
		}
		d, err := timed("node", script, logPath, rep.Window.Start, rep.Window.End)
		if err != nil {
			return err
		}
		if bestDuck == nil || d.wall < bestDuck.wall {
			bestDuck = d
		}
	}
	fmt.Printf("irp impact --json:     %6.2f s  %7.0f MB/s  (best of 3; max RSS %.0f MB)\n",
		bestIrp.wall.Seconds(), mb/bestIrp.wall.Seconds(), float64(bestIrp.maxRSS)/1e6)
	fmt.Printf("duckdb read_ndjson:    %6.2f s  %7.0f MB/s  (best of 3, 2 threads; max RSS %.0f MB)\n",
		bestDuck.wall.Seconds(), mb/bestDuck.wall.Seconds(), float64(bestDuck.maxRSS)/1e6)
	fmt.Printf("irp is %.2f× DuckDB's speed (target ≥ 1.0×)\n", bestDuck.wall.Seconds()/bestIrp.wall.Seconds())

	var duck map[string]int
	if err := json.Unmarshal(bestDuck.stdout, &duck); err != nil {
		return fmt.Errorf("reading DuckDB's output: %v", err)
	}
	var diffs []string
	for _, op := range rep.Operations {
		if duck[op.Operation] != op.Requests {
			diffs = append(diffs, fmt.Sprintf("%s %d (exact %d)", op.Operation, duck[op.Operation], op.Requests))
		}
	}
	if len(diffs) == 0 {
		fmt.Println("duckdb's per-operation requests in the window agree with irp's")
	} else {
		fmt.Printf("duckdb miscounts %d operations: %s\n", len(diffs), strings.Join(diffs, ", "))
	}
	return nil
}
