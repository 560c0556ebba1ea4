#!/usr/bin/env bash
# How many SHA-256 hashes a second headless Chromium computes the way the booking page's
# join-challenge worker does (WebCrypto digests in batches of 2,000): what sets how long a
# fan's browser takes at a given concert.challenge.max-number (on average it tries half).
# Usage: bench/webcrypto-sha256.sh [hashes] [runs]; needs chromium on the PATH.
set -euo pipefail
hashes=${1:-100000}
runs=${2:-3}
page=$(mktemp --suffix=.html)
trap 'rm -f "$page"' EXIT
cat > "$page" <<HTML
<html><body><div id=out></div><script>
(async () => {
  const encoder = new TextEncoder();
  const salt = '0123456789abcdef0123456789abcdef?expires=1&concert=c&fan=f';
  const started = performance.now();
  for (let from = 0; from < $hashes; from += 2000) {
    const digests = [];
    for (let n = from; n < from + 2000; n++) {
      digests.push(crypto.subtle.digest('SHA-256', encoder.encode(salt + n)));
    }
    await Promise.all(digests);
  }
  const ms = performance.now() - started;
  document.getElementById('out').textContent = 'RESULT ' + Math.round($hashes / ms * 1000) + ' ' + Math.round(ms);
})();
</script></body></html>
HTML
for run in $(seq "$runs"); do
  chromium --headless --no-sandbox --disable-gpu --virtual-time-budget=60000 --dump-dom "file://$page" 2>/dev/null \
    | grep -o 'RESULT [0-9]* [0-9]*' | tail -1 \
    | awk -v h="$hashes" -v run="$run" '{ printf "run %d: %d SHA-256/s (%d hashes in %d ms); a challenge of max-number 100000 takes %.1f s on average\n", run, $2, h, $3, 50000 / $2 }'
done
