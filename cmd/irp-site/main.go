// Command irp-site is irp's site engine: Hugo as a library, the embedded
// theme and the search index. Users run it through `irp build`, `irp serve`
// and `irp check`; this package only wires it to internal/site.
package main

import (
	"os"

	"irp/internal/site"
)

func main() {
	os.Exit(site.Main(os.Args[1:], os.Stdout, os.Stderr))
}
