.PHONY: run test build bench vendor-htmx

run:
	go run ./cmd/devpath serve

test:
	./scripts/test.sh

build:
	CGO_ENABLED=0 go build -o bin/devpath ./cmd/devpath

bench:
	cd bench && go run .

vendor-htmx:
	./scripts/vendor-htmx.sh
