/**
 * Environment variables that change which program runs or what code it loads: a
 * `NAME=value` prefix or assignment setting one of them cannot be verified by reading the
 * command (`LD_PRELOAD=./x.so ls`, `BASH_ENV=./x bash s.sh`, `NODE_OPTIONS=--require=... node`,
 * `PATH=.:$PATH ls`, `GIT_PAGER='rm ...' git log`, `PS4='$(...)'`).
 */
const CODE_LOADING = new RegExp(
  [
    '^(?:LD_\\w+|DYLD_\\w+|BASH_ENV|ENV|BASH_FUNC_.*|BASH_\\w+|PS[0-4]|PROMPT_COMMAND|IFS|PATH|CDPATH',
    'GLOBIGNORE|SHELLOPTS|BASHOPTS|HOME|SHELL|EDITOR|VISUAL|PAGER|\\w*_PAGER|MANPAGER|MANOPT',
    'GIT_\\w+|PYTHON\\w+|PERL\\w*|RUBY\\w*|GEM_\\w+|NODE_OPTIONS|NODE_PATH|NODE_REPL_\\w+|NPM_CONFIG_\\w+',
    'npm_config_\\w+|YARN_\\w+|PNPM_\\w+|\\w*_OPTIONS|\\w*OPTS|LESSOPEN|LESSCLOSE|LESS|MAKEFLAGS|MAKEFILES|MFLAGS',
    'XDG_CONFIG_HOME|XDG_DATA_HOME|GCONV_PATH|OPENSSL_CONF|OPENSSL_ENGINES|CURL_HOME|WGETRC|\\w*_ASKPASS|BROWSER',
    'TERMINAL|LOCPATH|NLSPATH|HOSTALIASES|RESOLV_\\w+|COMP_\\w+|ZDOTDIR|KSH_\\w*|FPATH|MAIL\\w*|TERMINFO\\w*',
    'SSH_\\w+|DOCKER_HOST|KUBECONFIG|HISTFILE|INPUTRC|TMUX\\w*|PROMPT\\w*|RPROMPT|precmd_functions|JAVA_HOME|CC|CXX|LD|AR',
    'CARGO_\\w+|RUSTC\\w*|RUSTFLAGS|RUSTDOCFLAGS|GOFLAGS|GOROOT|GOPATH|GOTOOLCHAIN|GOENV|GOEXPERIMENT|PYTEST_\\w+',
    'RIPGREP_CONFIG_PATH|VITEST_\\w+|JEST_\\w+|TS_NODE_\\w+|BUN_\\w+|DENO_\\w+|COMPOSE_\\w+',
    // Where packages, toolchains and compiler plugins come from, and whose certificates are trusted.
    'GOPROXY|GOSUMDB|GONOSUMDB|GONOSUMCHECK|GOINSECURE|GOPRIVATE|GONOPROXY|GOAUTH|GOVCS|GOMODCACHE|GOCACHE|CGO_\\w+',
    'RUSTUP_\\w+|GCC_\\w+|COMPILER_PATH|LIBRARY_PATH|CFLAGS|CXXFLAGS|CPPFLAGS|LDFLAGS|PIP_\\w+|UV_\\w+|BUNDLE_\\w+',
    'COREPACK_\\w+|HTTPS?_PROXY|https?_proxy|ALL_PROXY|all_proxy|NODE_TLS_REJECT_UNAUTHORIZED|NODE_EXTRA_CA_CERTS',
    'SSL_CERT_\\w+|CURL_CA_BUNDLE|REQUESTS_CA_BUNDLE|LESSKEY\\w*|GNUPGHOME|GLIBC_TUNABLES)$',
  ].join('|'),
);

/** True when assigning `name` can change what a command runs or loads. */
export const loadsCode = (name: string): boolean => CODE_LOADING.test(name);
