# irp — see README.md. Quick start: `make site`, then `make test`.
GO      ?= go
BIN     := bin
IRP     := $(BIN)/irp
SITE    := $(BIN)/irp-site
GOFILES := $(shell find cmd internal -name '*.go' 2>/dev/null)
THEME   := $(shell find themes -type f 2>/dev/null)

.PHONY: all site serve check test bench bench-site bench-vault bench-impact fuzz clean

all: $(IRP) $(SITE)

$(IRP): $(GOFILES) go.mod go.sum
	$(GO) build -o $@ ./cmd/irp

# irp-site embeds the theme, so a theme change rebuilds it.
$(SITE): $(GOFILES) $(THEME) go.mod go.sum
	@echo "building the site engine (the first build compiles Hugo: a few minutes)" >&2
	$(GO) build -o $@ ./cmd/irp-site

## site: build the site into public/ and print where to open it
site: $(IRP) $(SITE)
	$(IRP) build

## serve: live-reloading preview on http://127.0.0.1:1313/
serve: $(IRP) $(SITE)
	$(IRP) serve

## check: lint content, verify the vault, run the leak check
check: $(IRP) $(SITE)
	$(IRP) check

## test: vet, formatting, and the whole test suite with the race detector
test:
	$(GO) vet ./...
	@out=$$(gofmt -l cmd internal); if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi
	@[ -x "$${IRP_CHROMIUM:-/usr/bin/chromium}" ] || echo "SKIP: chromium not installed (the browser tests in internal/site skip; .ci/run installs it)"
	$(GO) test -race ./...

## bench: speed against the reference tools (hugo, age, jq), printed as ratios
bench: bench-site bench-vault bench-impact

bench-site: $(IRP) $(SITE)
	$(GO) run ./internal/site/bench -runs 9
	$(GO) test -run '^$$' -bench '^BenchmarkSearchChromium$$' -benchtime 1x ./internal/site

bench-vault: $(IRP)
	$(GO) run ./internal/vault/bench

bench-impact: $(IRP)
	$(GO) run ./internal/impact/bench

## fuzz: a short run of every fuzz target (FUZZTIME=30s each by default)
FUZZTIME ?= 30s
fuzz:
	@for pkg in $$($(GO) list ./internal/...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "fuzz $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

clean:
	rm -rf $(BIN) public
