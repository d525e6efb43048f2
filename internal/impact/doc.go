// Package impact reads Manta API (muskie) audit logs and measures an
// outage's impact: per group of requests (operation, host, shard, ...),
// how many failed or were abandoned inside the outage window and their
// latency percentiles.
//
// Read aggregates logs into counts and latency histograms per time bucket,
// group and status; Summarize detects the window and turns an aggregate
// into a Report (text, JSON, an SVG chart). Aggregates are mergeable:
// WritePartial saves one and Merger adds partials from many machines into
// exactly the aggregate one pass over all the logs would give. Run and
// RunMerge are `irp impact` and `irp impact merge`.
package impact
