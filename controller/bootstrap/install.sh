#!/bin/sh
# Berth agent bootstrap, served by the controller at GET /install.sh (no token needed):
#
#   curl -fsSL --cacert ca.crt https://controller:8080/install.sh |
#     sudo sh -s -- --join-token T [--name NAME] [--tag KEY=VALUE]... [--controller HOST:PORT]
#
# It downloads the berth-agent package of the controller's own version from the same
# controller (GET /packages/...), installs it, writes /etc/berth/agent.yaml and the join
# token (/etc/berth/join.token, mode 0600) and starts the agent, which enrolls; where
# systemd is not running (containers, CI) it prints the command that starts the agent.
# It refuses a host it cannot handle: not Debian or Ubuntu-like, no dpkg, an
# architecture the controller has no package for.
set -eu

# Filled in by the controller that serves this script.
BERTH_URL='@BERTH_URL@'
BERTH_AGENT_ADDRESS='@BERTH_AGENT_ADDRESS@'
BERTH_VERSION='@BERTH_VERSION@'
BERTH_CA_PEM='@BERTH_CA_PEM@'

CONFIG=/etc/berth/agent.yaml
TOKEN_FILE=/etc/berth/join.token
ROOT=/var/lib/berth-agent
USAGE="--join-token T [--name NAME] [--tag KEY=VALUE]... [--controller HOST:PORT]"

die() {
  echo "install.sh: $*" >&2
  exit 1
}

# A YAML single-quoted scalar: ' doubles.
yaml_quote() {
  printf "'%s'" "$(printf '%s' "$1" | sed "s/'/''/g")"
}

check_host() {
  [ "$(id -u)" = 0 ] || die "run it as root: curl ... | sudo sh -s -- $USAGE"
  [ -n "$BERTH_CA_PEM" ] ||
    die "the controller at $BERTH_URL serves plaintext (--insecure); install.sh sets up agents over TLS only"
  os_release=${BERTH_OS_RELEASE:-/etc/os-release}
  [ -r "$os_release" ] || die "cannot read $os_release: install.sh handles Debian and Ubuntu-like hosts only"
  # shellcheck source=/dev/null
  distro=$(. "$os_release" && echo "${ID:-} ${ID_LIKE:-}")
  # shellcheck source=/dev/null
  pretty=$(. "$os_release" && echo "${PRETTY_NAME:-${ID:-unknown}}")
  case " $distro " in
    *" debian "* | *" ubuntu "*) ;;
    *) die "this host runs $pretty; install.sh handles Debian and Ubuntu-like distributions only (install berth-agent yourself: docs/operations.md)" ;;
  esac
  command -v dpkg >/dev/null 2>&1 || die "$pretty without dpkg: install.sh installs a .deb and needs dpkg"
  command -v curl >/dev/null 2>&1 || die "install.sh needs curl"
  if [ -e "$ROOT/agent-credential.json" ]; then
    die "berth-agent is already enrolled on this host ($ROOT/agent-credential.json); to enroll it again, first run berth instance deregister NAME, then remove $ROOT/agent-credential.json"
  fi
}

download_and_install() {
  arch=$(dpkg --print-architecture)
  deb="berth-agent_${BERTH_VERSION}_${arch}.deb"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  chmod 0755 "$tmp"  # apt reads the package as its _apt user
  printf '%s\n' "$BERTH_CA_PEM" >"$tmp/ca.crt"
  url="$BERTH_URL/packages/$deb"
  code=$(curl -sS --cacert "$tmp/ca.crt" -o "$tmp/$deb" -w '%{http_code}' "$url") ||
    die "cannot download $url"
  case "$code" in
    200) ;;
    404) die "the controller has no $deb for this host ($arch): it serves berth-agent packages from its --packages-dir (packaging/build-debs.sh builds them)" ;;
    *) die "GET $url answered HTTP $code" ;;
  esac
  echo "install.sh: installing $deb from $BERTH_URL"
  # stdin is this script when piped into sh: nothing below may read it.
  if command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=300 \
      -o Dpkg::Options::=--force-confold \
      "$tmp/$deb" </dev/null >"$tmp/install.log" 2>&1 || {
      cat "$tmp/install.log" >&2
      die "apt-get install $deb failed"
    }
  else
    dpkg -i --force-confold "$tmp/$deb" </dev/null >"$tmp/install.log" 2>&1 || {
      cat "$tmp/install.log" >&2
      die "dpkg -i $deb failed"
    }
  fi
}

write_config() {
  mkdir -p /etc/berth
  (umask 077 && printf '%s\n' "$join_token" >"$TOKEN_FILE")
  chmod 0600 "$TOKEN_FILE"
  {
    echo "# Written by $BERTH_URL/install.sh (docs/operations.md \"Config file\")."
    echo "controller: $(yaml_quote "$controller")"
    [ -z "$name" ] || echo "name: $(yaml_quote "$name")"
    echo "root: $ROOT"
    echo "join_token_file: $TOKEN_FILE"
    if [ -z "$tags" ]; then
      echo "tags: {}"
    else
      echo "tags:"
      printf '%s\n' "$tags" | while IFS= read -r tag; do
        [ -n "$tag" ] || continue
        echo "  $(yaml_quote "${tag%%=*}"): $(yaml_quote "${tag#*=}")"
      done
    fi
  } >"$CONFIG.new"
  chmod 0644 "$CONFIG.new"
  mv "$CONFIG.new" "$CONFIG"
  echo "install.sh: wrote $CONFIG and $TOKEN_FILE (mode 0600)"
}

start_agent() {
  if [ ! -d /run/systemd/system ]; then
    echo "install.sh: systemd is not running on this host (a container?); start the agent with:"
    echo "  /usr/bin/berth-agent --config $CONFIG"
    return
  fi
  systemctl daemon-reload </dev/null
  systemctl enable berth-agent.service </dev/null >/dev/null 2>&1
  systemctl restart berth-agent.service </dev/null
  i=0
  while [ ! -e "$ROOT/agent-credential.json" ]; do
    if [ "$i" -ge 60 ] || ! systemctl is-active --quiet berth-agent.service; then
      journalctl -u berth-agent.service -n 20 --no-pager </dev/null >&2 || true
      die "berth-agent did not enroll (journalctl -u berth-agent above)"
    fi
    i=$((i + 1))
    sleep 1
  done
  echo "install.sh: berth-agent enrolled with $controller and runs (systemctl status berth-agent)"
}

main() {
  join_token="" name="" tags="" controller="$BERTH_AGENT_ADDRESS"
  while [ $# -gt 0 ]; do
    case "$1" in
      --join-token | --name | --tag | --controller)
        [ $# -ge 2 ] || die "$1 needs a value ($USAGE)"
        case "$1" in
          --join-token) join_token=$2 ;;
          --name) name=$2 ;;
          --controller) controller=$2 ;;
          --tag)
            case "$2" in
              ?*=*) ;;
              *) die "--tag $2: expected KEY=VALUE" ;;
            esac
            tags="$tags
$2"
            ;;
        esac
        shift 2
        ;;
      -h | --help)
        echo "usage: install.sh $USAGE"
        exit 0
        ;;
      *) die "unknown argument '$1' ($USAGE)" ;;
    esac
  done
  case "$join_token" in
    "") die "--join-token T is required (berth join-token create)" ;;
    bjt1.*.*.*) ;;
    *) die "--join-token is not a join token (bjt1.<id>.<secret>.<CA pin>, from berth join-token create)" ;;
  esac
  check_host
  download_and_install
  write_config
  start_agent
}

main "$@"
