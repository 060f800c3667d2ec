#!/usr/bin/env bash
# Promote a product firmware binary with fleet-ota, from any CI system (needs bash and curl; jq is optional).
#
#   1. uploads the binary to the Particle product (POST /v1/products/:product/firmware), unless that version is
#      already there; it does NOT release it (fleet-ota updates devices itself, batch by batch);
#   2. calls POST /api/v1/promotions on fleet-ota with an Idempotency-Key derived from the commit, retrying on
#      network errors and 5xx with the same key, so a retried or re-run job never creates a second rollout.
#
# Safe to run again for the same commit. Exit status: 0 promoted (or already promoted), 1 refused (a gate, a
# firmware mismatch, a bad request: see the problem document printed), 2 usage, 3 fleet-ota or Particle unreachable.
#
# Environment (required unless a default is shown):
#   FLEETOTA_URL            e.g. https://fleet-ota.example.com
#   FLEETOTA_TOKEN          a fleet-ota API token with role CI
#   TEMPLATE                rollout template name, e.g. staging or production
#   FIRMWARE_VERSION        product firmware version (PRODUCT_VERSION in the source), e.g. 7
#   DEVICE_OS_VERSION       Device OS the binary was compiled for, e.g. 6.1.1
#   PLATFORM_IDS            comma-separated Particle platform ids, e.g. 13 (Boron) or 13,23
#   PARTICLE_PRODUCT        numeric Particle product id
#   GIT_SHA                 commit the binary was built from (40 hex); default: git rev-parse HEAD
#   FIRMWARE_TITLE          default: "v$FIRMWARE_VERSION ($short sha)"
#   FIRMWARE_BIN            path to the .bin; needed only when the version is not uploaded yet
#   PARTICLE_ACCESS_TOKEN   Particle API user token with firmware:create (and firmware:get); needed for the upload
#   PARTICLE_API            default https://api.particle.io
#   IDEMPOTENCY_KEY         default promote-$GIT_SHA-$TEMPLATE-v$FIRMWARE_VERSION
#   ATTEMPTS                default 5
set -euo pipefail

die() { echo "promote.sh: $*" >&2; exit 2; }
need() { [[ -n "${!1:-}" ]] || die "$1 is not set"; }

for var in FLEETOTA_URL FLEETOTA_TOKEN TEMPLATE FIRMWARE_VERSION DEVICE_OS_VERSION PLATFORM_IDS PARTICLE_PRODUCT; do
  need "$var"
done
[[ "$FIRMWARE_VERSION" =~ ^[1-9][0-9]*$ ]] || die "FIRMWARE_VERSION must be a positive integer"
[[ "$PLATFORM_IDS" =~ ^[0-9]+(,[0-9]+)*$ ]] || die "PLATFORM_IDS must be comma-separated integers"
[[ "$PARTICLE_PRODUCT" =~ ^[1-9][0-9]*$ ]] || die "PARTICLE_PRODUCT must be the numeric product id"
GIT_SHA="${GIT_SHA:-$(git rev-parse HEAD)}"
GIT_SHA="$(printf '%s' "$GIT_SHA" | tr 'A-F' 'a-f')"
[[ "$GIT_SHA" =~ ^[0-9a-f]{7,64}$ ]] || die "GIT_SHA must be 7-64 hex characters"
FIRMWARE_TITLE="${FIRMWARE_TITLE:-v$FIRMWARE_VERSION (${GIT_SHA:0:7})}"
PARTICLE_API="${PARTICLE_API:-https://api.particle.io}"
IDEMPOTENCY_KEY="${IDEMPOTENCY_KEY:-promote-$GIT_SHA-$TEMPLATE-v$FIRMWARE_VERSION}"
ATTEMPTS="${ATTEMPTS:-5}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

json_string() {  # a JSON string literal
  if command -v jq >/dev/null 2>&1; then
    jq -Rn --arg s "$1" '$s'
  else
    printf '"%s"' "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' | tr -d '\000-\037')"
  fi
}

upload_to_particle() {
  need PARTICLE_ACCESS_TOKEN
  local url="$PARTICLE_API/v1/products/$PARTICLE_PRODUCT/firmware" code
  code="$(curl -sS -o "$WORK/particle.json" -w '%{http_code}' \
    -H "Authorization: Bearer $PARTICLE_ACCESS_TOKEN" "$url/$FIRMWARE_VERSION")" || exit 3
  if [[ "$code" == 200 ]]; then
    echo "Particle: product $PARTICLE_PRODUCT already has firmware v$FIRMWARE_VERSION; not uploading again"
    return
  fi
  [[ "$code" == 404 ]] || { cat "$WORK/particle.json" >&2; echo "Particle answered $code" >&2; exit 3; }
  need FIRMWARE_BIN
  [[ -f "$FIRMWARE_BIN" ]] || die "FIRMWARE_BIN $FIRMWARE_BIN does not exist"
  code="$(curl -sS -o "$WORK/particle.json" -w '%{http_code}' -X POST \
    -H "Authorization: Bearer $PARTICLE_ACCESS_TOKEN" \
    -F "binary=@$FIRMWARE_BIN" -F "version=$FIRMWARE_VERSION" -F "title=$FIRMWARE_TITLE" \
    -F "description=commit $GIT_SHA" "$url")" || exit 3
  [[ "$code" == 201 || "$code" == 200 ]] || { cat "$WORK/particle.json" >&2; echo "upload failed: $code" >&2; exit 1; }
  echo "Particle: uploaded firmware v$FIRMWARE_VERSION to product $PARTICLE_PRODUCT (not released)"
}

promote() {
  local body code attempt delay=2
  body="$(cat <<JSON
{"template": $(json_string "$TEMPLATE"),
 "firmware": {"productId": $PARTICLE_PRODUCT, "version": $FIRMWARE_VERSION,
              "deviceOsVersion": $(json_string "$DEVICE_OS_VERSION"), "platformIds": [$PLATFORM_IDS],
              "title": $(json_string "$FIRMWARE_TITLE"), "gitSha": "$GIT_SHA"}}
JSON
)"
  for ((attempt = 1; attempt <= ATTEMPTS; attempt++)); do
    code="$(curl -sS -o "$WORK/promotion.json" -D "$WORK/headers" -w '%{http_code}' -X POST \
      -H "Authorization: Bearer $FLEETOTA_TOKEN" -H "Content-Type: application/json" \
      -H "Idempotency-Key: $IDEMPOTENCY_KEY" --data "$body" "$FLEETOTA_URL/api/v1/promotions")" || code=000
    case "$code" in
      201)
        grep -qi '^idempotent-replayed: *true' "$WORK/headers" && echo "fleet-ota: already promoted (replayed)"
        summarize
        return 0 ;;
      000|5??|429)
        echo "fleet-ota: attempt $attempt answered ${code/000/no response}; retrying with the same key" >&2
        sleep "$delay"; delay=$((delay * 2)) ;;
      *)
        echo "fleet-ota refused the promotion ($code):" >&2
        cat "$WORK/promotion.json" >&2; echo >&2
        exit 1 ;;
    esac
  done
  echo "fleet-ota: no answer after $ATTEMPTS attempts" >&2
  exit 3
}

summarize() {
  if command -v jq >/dev/null 2>&1; then
    jq -r '"fleet-ota: rollout \(.rollout.id) (\(.rollout.status)) from template \(.template.name) v\(.template.version);"
      + " start \(.startAt // "now or by an operator"), endBy \(.endBy // "none")"' "$WORK/promotion.json"
  else
    cat "$WORK/promotion.json"; echo
  fi
}

if [[ -n "${FIRMWARE_BIN:-}" || -n "${PARTICLE_ACCESS_TOKEN:-}" ]]; then
  upload_to_particle
fi
promote
