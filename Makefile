# The two commands of the README.
.PHONY: run test build
DATABASE_URL ?= sqlite://pantau.db
PANTAU_ADDR ?= 127.0.0.1:3000
DEMO_SCALE ?= 1

## Set up a fresh machine, build (release), load the demo data set into an empty database (once) and serve the
## app on the embedded SQLite database.
run:
	scripts/setup.sh
	scripts/build-site.sh --release
	DATABASE_URL=$(DATABASE_URL) cargo run -q --release -p server --bin pantau -- demo --if-empty --scale $(DEMO_SCALE)
	DATABASE_URL=$(DATABASE_URL) PANTAU_ADDR=$(PANTAU_ADDR) cargo run -q --release -p server --bin pantau -- serve

## Set up and run every test (what CI runs).
test:
	scripts/test.sh

## Debug build of the front end and the server, without serving.
build:
	scripts/build-site.sh
