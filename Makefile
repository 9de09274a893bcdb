FUZZTIME ?= 1m

.PHONY: run test build bench fuzz vendor-htmx

run:
	go run ./cmd/devpath serve

test:
	./scripts/test.sh

build:
	CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o bin/devpath ./cmd/devpath

bench: # not part of CI; BENCHFLAGS=-quick checks the harness in about a minute and a half
	cd bench && go run . $(BENCHFLAGS)

fuzz: # each fuzz target in turn for FUZZTIME (default 1m), e.g. make fuzz FUZZTIME=10m
	FUZZTIME=$(FUZZTIME) ./scripts/fuzz.sh

vendor-htmx:
	./scripts/vendor-htmx.sh
