# irp — see README.md. Quick start: `make site`, then `make test`.
GO      ?= go
BIN     := bin
IRP     := $(BIN)/irp
SITE    := $(BIN)/irp-site
GOFILES := $(shell find cmd internal -name '*.go' 2>/dev/null)
THEME   := $(shell find themes -type f 2>/dev/null)

.PHONY: all site serve check install test dist bench bench-site bench-vault bench-impact bench-merge fuzz clean

all: $(IRP) $(SITE) demo-key

# git checks files out readable by all, and irp refuses a private key that is
# not private (as ssh does): the demo key is public by design, but held to
# the same rule.
.PHONY: demo-key
demo-key:
	@chmod 600 testdata/demo-instigator.key

$(IRP): $(GOFILES) go.mod go.sum
	$(GO) build -o $@ ./cmd/irp

# irp-site embeds the theme, so a theme change rebuilds it.
$(SITE): $(GOFILES) $(THEME) go.mod go.sum
	@echo "building the site engine (the first build compiles Hugo: a few minutes)" >&2
	$(GO) build -o $@ ./cmd/irp-site

## site: build the site into public/ and print where to open it
site: $(IRP) $(SITE) demo-key
	$(IRP) build

## serve: live-reloading preview on http://127.0.0.1:1313/
serve: $(IRP) $(SITE)
	$(IRP) serve

## check: lint content, verify the vault, run the leak check
check: $(IRP) $(SITE)
	$(IRP) check

## install: copy irp and irp-site to $(PREFIX)/bin (default ~/.local/bin), so `irp` is on PATH
PREFIX ?= $(HOME)/.local
install: $(IRP) $(SITE)
	install -d $(PREFIX)/bin
	install -m 0755 $(IRP) $(SITE) $(PREFIX)/bin/
	@case ":$$PATH:" in *":$(PREFIX)/bin:"*) ;; *) echo "add $(PREFIX)/bin to PATH to type irp anywhere";; esac

## test: go.mod tidy, vet, formatting, and the whole test suite with the race detector
test:
	@$(GO) mod tidy -diff || { echo "go.mod/go.sum are not tidy: run go mod tidy"; exit 1; }
	$(GO) vet ./...
	@out=$$(gofmt -l cmd internal); if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi
	@[ -x "$${IRP_CHROMIUM:-/usr/bin/chromium}" ] || echo "SKIP: chromium not installed (the browser tests in internal/site skip; .ci/run installs it)"
	$(GO) test -race -timeout 30m ./...

## dist: the light irp (no Hugo) for the webapi zones and laptops, with checksums
# CGO_ENABLED=0: linux binaries are static; illumos and darwin ones link only
# the system libc (libc.so.1, libSystem), which Go always calls there.
DIST      := dist
PLATFORMS := illumos/amd64 linux/amd64 linux/arm64 darwin/amd64 darwin/arm64
dist: $(GOFILES) go.mod go.sum
	@rm -rf $(DIST) && mkdir -p $(DIST)
	@set -e; for p in $(PLATFORMS); do \
	  os=$${p%/*}; arch=$${p#*/}; \
	  echo "building $(DIST)/irp-$$os-$$arch" >&2; \
	  CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags=-s -o $(DIST)/irp-$$os-$$arch ./cmd/irp; \
	done
	cd $(DIST) && sha256sum irp-* > SHA256SUMS
	@cat $(DIST)/SHA256SUMS

## bench: speed against the reference tools (hugo, age, jq), printed as ratios
bench: bench-site bench-vault bench-impact bench-merge

bench-site: $(IRP) $(SITE)
	$(GO) run ./internal/site/bench -runs 9
	$(GO) test -run '^$$' -bench '^BenchmarkSearchChromium$$' -benchtime 1x ./internal/site

bench-vault: $(IRP)
	$(GO) run ./internal/vault/bench

bench-impact: $(IRP)
	$(GO) run ./internal/impact/bench

# the reduce of a region: merging 200 webapi zones' partials of one day
bench-merge:
	$(GO) test -run '^$$' -bench '^BenchmarkMergeRegion$$' -benchtime 1x -benchmem ./internal/impact

## fuzz: a short run of every fuzz target (FUZZTIME=30s each by default)
FUZZTIME ?= 30s
fuzz:
	@for pkg in $$($(GO) list ./internal/...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "fuzz $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

clean:
	rm -rf $(BIN) $(DIST) public
