# The two commands a newcomer needs are `make run` and `make test`; both install what is missing.
.PHONY: run test deps lint fmt bindings icons clean package test-package

run:
	scripts/run.sh

test:
	scripts/test.sh

deps:
	scripts/deps.sh

# The release .deb (desktop app + the patchbay command line) in dist/.
package:
	scripts/package.sh

# Installs that .deb on this machine, checks the installed app end to end, removes it again.
test-package:
	scripts/test-package.sh

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings

fmt:
	cargo fmt --all

# Rewrites ui/src/bindings/ from the Rust types after a change to them.
bindings:
	PATCHBAY_UPDATE_BINDINGS=1 cargo test -p patchbay-core --lib bindings

# Regenerates every app icon from icons/source.svg.
icons:
	cd ui && npx tauri icon ../icons/source.svg -o ../icons && rm -rf ../icons/android ../icons/ios

clean:
	cargo clean
	rm -rf ui/dist ui/node_modules
