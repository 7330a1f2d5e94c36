# claimd: `make run` builds and starts the daemon on ./var; `make test` runs every test.
# Both first install the Debian packages the build needs (apt-get, as root or through sudo).

PREFIX      ?= /usr/local
SWIFT       ?= swift
SUDO        := $(if $(filter 0,$(shell id -u)),,sudo)
# Libraries the build links (libsystemd, libsqlite3, libcrypto) and pkg-config to find them.
BUILD_DEBS  := pkg-config libsqlite3-dev libsystemd-dev libssl-dev
# The tests also start a real systemd-journald and a systemd in a private namespace, run claimctl
# on a pseudo-terminal (script, from bsdutils), render the HTML export in headless Chromium and
# the man pages with man.
TEST_DEBS   := $(BUILD_DEBS) systemd util-linux bsdutils procps curl chromium man-db groff-base

.PHONY: all setup setup-test build debug run test install install-files uninstall bench bench-smoke fuzz train clean help

all: build

help:
	@echo "make run          build (release) and run claimd in the foreground on ./var"
	@echo "make test         build and run every test"
	@echo "make build        release build of claimd and claimctl"
	@echo "make install      build as you, then install binaries, man pages, completions, units and config (as root)"
	@echo "make uninstall    stop and disable the units, remove what make install put in place (not /etc/claimd, not the data)"
	@echo "make bench        run the benchmarks and print their figures (env: BENCH_SCALE, BENCH_FORMAT)"
	@echo "make bench-smoke  run the benchmarks on tiny sizes, to check that they still work"
	@echo "make fuzz         fuzz decoding and extraction with libFuzzer (env: FUZZ_SECONDS, default 600)"
	@echo "make train        retrain the tagger and parser on the treebank (env: TREEBANK) into Sources/ClaimSyntax/Models"

# Installs only what is missing, so it is quick on a machine that has everything.
define install_debs
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
endef

setup:
	$(call install_debs,$(BUILD_DEBS))

setup-test:
	$(call install_debs,$(TEST_DEBS))

build: setup
	$(SWIFT) build -c release --product claimd
	$(SWIFT) build -c release --product claimctl

debug: setup
	$(SWIFT) build

run: build
	@mkdir -p var
	.build/release/claimd run

test: setup-test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The benchmarks build claimd in release mode and measure it; see Benchmarks/README.md.
bench: setup
	$(SWIFT) build -c release --product claimd
	$(SWIFT) build -c release --product claimd-bench
	.build/release/claimd-bench

bench-smoke: setup
	$(SWIFT) build -c release --product claimd
	$(SWIFT) build -c release --product claimd-bench
	BENCH_SCALE=smoke .build/release/claimd-bench

# The shipped models are trained on the UD English Web Treebank (see README, "Syntax models").
# Deterministic: the same treebank gives the same bytes.
TREEBANK ?= ../shared/corpora/ud-english-ewt
MODELS   := Sources/ClaimSyntax/Models
train: setup
	$(SWIFT) build -c release --product claimd-train
	.build/release/claimd-train train --final --treebank $(TREEBANK) --output $(MODELS)

# libFuzzer cannot link a SwiftPM executable target, so the harness is linked with swiftc against
# the objects of an instrumented build of the extraction library (see Fuzz/README.md).
FUZZ_SECONDS ?= 600
FUZZ_DIR     := .build-fuzz
FUZZ_OBJ     := $(FUZZ_DIR)/release
fuzz: setup
	$(SWIFT) build -c release --scratch-path $(FUZZ_DIR) --target ClaimExtraction -Xswiftc -sanitize=fuzzer,address
	@# Only the objects of today's sources (output-file-map.json): a folder keeps the objects of
	@# files since renamed or removed, which would clash at link time.
	swiftc -O -sanitize=fuzzer,address -parse-as-library Fuzz/ExtractionFuzzer.swift -I $(FUZZ_OBJ)/Modules \
		-Xcc -fmodule-map-file=$(FUZZ_OBJ)/CTOML.build/module.modulemap \
		$$(for t in ClaimModel ClaimSyntax ClaimExtraction TOMLKit; do \
			grep -o '"object": *"[^"]*\.swift\.o"' $(FUZZ_OBJ)/$$t.build/output-file-map.json | sed 's/.*"\([^"]*\)"$$/\1/'; done) \
		$(FUZZ_OBJ)/CTOML.build/Sources/*.o -lstdc++ -o $(FUZZ_DIR)/extraction-fuzzer 2>&1 | grep -v "Cannot export local symbol"; \
		test -x $(FUZZ_DIR)/extraction-fuzzer
	@mkdir -p $(FUZZ_DIR)/corpus $(FUZZ_DIR)/findings
	cp Fuzz/seeds/* Tests/ClaimExtractionTests/Regressions/* $(FUZZ_DIR)/corpus/
	@# Swift's backtracer would hold the fuzzer's pipes for minutes after a crash; leaks are
	@# reported for the lexicon's global tables, which live as long as the process.
	cd $(FUZZ_DIR) && ASAN_OPTIONS=detect_leaks=0 SWIFT_BACKTRACE=enable=no ./extraction-fuzzer \
		-max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -max_len=65536 -detect_leaks=0 \
		-print_final_stats=1 -artifact_prefix=findings/ corpus 2>&1 | grep -v -E '^#[0-9]+.*(NEW|REDUCE|pulse)|^"|# Uses:'
	@if ls $(FUZZ_DIR)/findings/* >/dev/null 2>&1; then echo "fuzz: findings in $(FUZZ_DIR)/findings:"; ls $(FUZZ_DIR)/findings; exit 1; fi

# `make install` builds as the user who runs it (or who ran sudo), never as root in the source
# tree, then installs as root: binaries, models, man pages, completions, units and settings.
BUILD_DIR ?= .build/release
MANDIR    ?= $(PREFIX)/share/man
ROOT_CMD  := $(if $(DESTDIR),,$(SUDO))
install:
	@if [ "$$(id -u)" = 0 ] && [ -n "$${SUDO_USER:-}" ] && [ "$$SUDO_USER" != root ]; then \
		echo "Building as $$SUDO_USER, not as root"; sudo -u "$$SUDO_USER" env PATH="$$PATH" $(MAKE) build; \
	else $(MAKE) build; fi
	$(ROOT_CMD) $(MAKE) install-files

# Installs what is built in $(BUILD_DIR), building nothing (the tests use it with a debug build).
install-files:
	install -Dm755 $(BUILD_DIR)/claimd $(DESTDIR)$(PREFIX)/bin/claimd
	install -Dm755 $(BUILD_DIR)/claimctl $(DESTDIR)$(PREFIX)/bin/claimctl
	install -Dm644 -t $(DESTDIR)$(PREFIX)/share/claimd/models Sources/ClaimSyntax/Models/tagger.model Sources/ClaimSyntax/Models/parser.model
	install -Dm644 man/claimctl.1 $(DESTDIR)$(MANDIR)/man1/claimctl.1
	install -Dm644 man/claimd.8 $(DESTDIR)$(MANDIR)/man8/claimd.8
	install -Dm644 man/claimd.toml.5 $(DESTDIR)$(MANDIR)/man5/claimd.toml.5
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	$(BUILD_DIR)/claimctl completions bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/claimctl
	$(BUILD_DIR)/claimctl completions zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_claimctl
	$(BUILD_DIR)/claimctl completions fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/claimctl.fish
	$(BUILD_DIR)/claimd --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/claimd
	$(BUILD_DIR)/claimd --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_claimd
	$(BUILD_DIR)/claimd --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/claimd.fish
	install -Dm644 systemd/claimd.service $(DESTDIR)/etc/systemd/system/claimd.service
	install -Dm644 systemd/claimd.socket $(DESTDIR)/etc/systemd/system/claimd.socket
	install -Dm644 systemd/claimd.sysusers $(DESTDIR)/usr/lib/sysusers.d/claimd.conf
	install -Dm644 systemd/claimd.tmpfiles $(DESTDIR)/usr/lib/tmpfiles.d/claimd.conf
	install -d $(DESTDIR)/etc/claimd
	for f in topics.toml actors.toml; do \
		[ -e $(DESTDIR)/etc/claimd/$$f ] || install -m644 Config/$$f $(DESTDIR)/etc/claimd/$$f; done
	[ -e $(DESTDIR)/etc/claimd/claimd.toml ] || sed -e 's|^# topics = |topics = |' -e 's|^# actors = |actors = |' \
		Config/claimd.toml > $(DESTDIR)/etc/claimd/claimd.toml
	install -Dm644 -t $(DESTDIR)$(PREFIX)/share/doc/claimd README.md CHANGELOG.md LICENSE
	@if [ -z "$(DESTDIR)" ] && command -v systemd-sysusers >/dev/null; then systemd-sysusers; fi
	@if [ -z "$(DESTDIR)" ] && command -v systemd-tmpfiles >/dev/null; then systemd-tmpfiles --create claimd.conf; fi
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then systemctl daemon-reload; fi

# Stops and disables the units, then removes what install-files put in place; the settings in
# /etc/claimd and the state in /var/lib/claimd (the store, processed/, failed/) stay.
uninstall:
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then \
		$(ROOT_CMD) systemctl disable --now claimd.socket claimd.service 2>/dev/null || true; fi
	$(ROOT_CMD) rm -rf $(DESTDIR)$(PREFIX)/share/claimd $(DESTDIR)$(PREFIX)/share/doc/claimd
	$(ROOT_CMD) rm -f $(DESTDIR)$(PREFIX)/bin/claimd $(DESTDIR)$(PREFIX)/bin/claimctl \
		$(DESTDIR)$(MANDIR)/man1/claimctl.1 $(DESTDIR)$(MANDIR)/man8/claimd.8 $(DESTDIR)$(MANDIR)/man5/claimd.toml.5 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/claimctl $(DESTDIR)$(PREFIX)/share/bash-completion/completions/claimd \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_claimctl $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_claimd \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/claimctl.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/claimd.fish \
		$(DESTDIR)/etc/systemd/system/claimd.service $(DESTDIR)/etc/systemd/system/claimd.socket \
		$(DESTDIR)/usr/lib/sysusers.d/claimd.conf $(DESTDIR)/usr/lib/tmpfiles.d/claimd.conf
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then $(ROOT_CMD) systemctl daemon-reload; fi

clean:
	rm -rf .build
