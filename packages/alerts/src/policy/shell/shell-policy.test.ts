import { describe, expect, it } from 'vitest';
import { createGuard } from '../../create-guard.js';
import { createToolPolicy, type ToolPolicyConfig } from '../tool-policy.js';
import { RECOMMENDED_SHELL_COMMANDS } from './recommended-commands.js';

const recommended = createToolPolicy({
  defaultAction: 'deny',
  defaultRole: 'coder',
  roles: {
    coder: {
      allow: ['fs.read', 'shell'],
      shell: { tools: ['shell'], commands: RECOMMENDED_SHELL_COMMANDS },
    },
  },
});
const failClosed = createToolPolicy({
  defaultRole: 'coder',
  roles: { coder: { shell: { tools: ['shell', 'bash'] } } },
});

const call = (policy: typeof recommended, ...args: unknown[]) =>
  policy.evaluate({ agentName: 'bot', toolName: 'shell', args });
const ruleOf = (policy: typeof recommended, ...args: unknown[]) => {
  const verdict = call(policy, ...args);
  return verdict.allowed ? 'allowed' : verdict.rule;
};

describe('fail-closed shell policy: dynamic constructs', () => {
  it.each([
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a template literal
    [': ${x:-$(id)}', 'parameter-expansion'],
    ['echo $(( $(id) ))', 'arithmetic'],
    ['echo $((1+2))', 'arithmetic'],
    ['((x++))', 'arithmetic'],
    ['let x=1', 'arithmetic'],
    ['echo "$(date)"', 'command-substitution'],
    ['echo `date`', 'command-substitution'],
    ['diff <(ls a) <(ls b)', 'command-substitution'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a template literal
    ['echo ${!name}', 'parameter-expansion'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a template literal
    ['echo ${x@P}', 'parameter-expansion'],
    ['$cmd status', 'dynamic-command'],
    ['/???/l? -la', 'dynamic-command'],
    ['{ls,-la}', 'dynamic-command'],
    ['eval ls', 'eval'],
    ['source ./env.sh', 'eval'],
    ['. ./env.sh', 'eval'],
    ['alias ls=id', 'eval'],
    ['hash -p /usr/bin/id ls', 'eval'],
    ["printf 'ls' | sh", 'pipe-to-interpreter'],
    ['cat - | bash', 'pipe-to-interpreter'],
    ["bash /dev/stdin <<< 'ls'", 'pipe-to-interpreter'],
    ['python3 - <<EOF\nprint(1)\nEOF', 'pipe-to-interpreter'],
    ['python3 -c"print(1)"', 'inline-code'],
    ['python3 -Sc "print(1)"', 'inline-code'],
    ['node --eval=1', 'inline-code'],
    ['node -p 1', 'inline-code'],
    ["node --import 'data:text/javascript,1' app.js", 'inline-code'],
    ["perl -e 'print 1'", 'inline-code'],
    ["ruby -e 'p 1'", 'inline-code'],
    ['python3', 'inline-code'],
    ['xargs ls', 'executes-arguments'],
    ['find . -exec ls {} +', 'executes-arguments'],
    ['find . -execdir ls {} ;', 'executes-arguments'],
    ['parallel ls ::: a', 'executes-arguments'],
    ["git -c alias.x='!ls' x", 'executes-arguments'],
    ['git -c core.pager=less log', 'executes-arguments'],
    ["tmux new-session -d 'ls'", 'executes-arguments'],
    ['screen -dm ls', 'executes-arguments'],
    ["trap 'ls' EXIT", 'executes-arguments'],
    ["env -S 'ls -la'", 'executes-arguments'],
    ['env ls', 'executes-arguments'],
    ['nohup ls', 'executes-arguments'],
    ['timeout 5 ls', 'executes-arguments'],
    ['sudo ls', 'executes-arguments'],
    ['watch ls', 'executes-arguments'],
    ['nice ls', 'executes-arguments'],
    ['setsid ls', 'executes-arguments'],
    ["sed -n '1e id' f", 'executes-arguments'],
    ["awk '{system($0)}' f", 'interpreter-destroy'],
    ['awk \'{print | "sh"}\' f', 'executes-arguments'],
    ['make CC=id', 'executes-arguments'],
    ['npx cowsay', 'executes-arguments'],
    ['ls > out.txt', 'file-write'],
    ["printf 'x' | sort --compress-program=sh", 'executes-arguments'],
    ['npx eslint -o /home/u/.bashrc .', 'file-write'],
    ['go test -coverprofile /home/u/.bashrc ./...', 'file-write'],
    ['make -f- <<< x', 'pipe-to-interpreter'],
    ['curl --unix-socket /var/run/docker.sock http://localhost/info', 'remote-destroy'],
    ['RIPGREP_CONFIG_PATH=x rg y', 'environment'],
    ["curl -w '%output{/home/u/.bashrc}x' http://localhost", 'file-write'],
    ["curl --variable %HOME --expand-output '{{HOME}}/.bashrc' http://localhost", 'file-write'],
    ["npx prettier --plugin='data:text/javascript,globalThis.x=1' --check x.ts", 'inline-code'],
    ["go build -ldflags='-linkmode=external -extld=/bin/sh' .", 'executes-arguments'],
    ['echo b > /proc/sysrq-trigger', 'write-system-file'],
    ['git diff --output=notes.txt', 'file-write'],
    ['sed -i s/a/b/ f', 'file-write'],
    ['LD_PRELOAD=./x.so ls', 'environment'],
    ['PATH=.:$PATH ls', 'environment'],
    ['export BASH_ENV=./x', 'environment'],
    ["echo 'unterminated", 'unreadable'],
    ['ls\u0007', 'unreadable'],
  ])('denies %j (%s)', (command, check) => {
    expect(ruleOf(failClosed, command)).toBe(`roles.coder.shell.${check}`);
  });

  it.each([
    'ls -la',
    'git status',
    'npm test 2>&1',
    'echo "$HOME"',
    'cat package.json | jq .name',
    "grep -rn 'rm -rf /' docs",
    'cd src && ls',
    "bash -c 'ls -la'",
    'NODE_ENV=test npm test',
    'python3 script.py < input.txt',
    "sed -n '1,5p' f",
    "awk '{print $1}' f",
    'ls 2>/dev/null',
    'find . -name "*.ts"',
  ])('allows %j', (command) => {
    expect(call(failClosed, command)).toEqual({ allowed: true });
  });

  it('keeps the deny rules as a second line', () => {
    expect(ruleOf(failClosed, 'rm -rf build')).toBe('roles.coder.shell.rm-recursive-force');
    expect(ruleOf(failClosed, 'rm -r //*')).toBe('roles.coder.shell.rm-recursive-critical-path');
    expect(ruleOf(failClosed, 'dd if=/dev/zero of=//dev/sda')).toBe('roles.coder.shell.dd-to-device');
    expect(ruleOf(failClosed, 'sgdisk --zap-all /dev/sda')).toBe('roles.coder.shell.wipe-disk');
    expect(ruleOf(failClosed, 'git clean -fdx')).toBe('roles.coder.shell.git-discard-work');
    expect(ruleOf(failClosed, 'Remove-Item -Recurse -Force C:\\')).toBe(
      'roles.coder.shell.powershell-destroy',
    );
  });

  it('explains a denial in words', () => {
    expect(call(failClosed, 'echo $(id)')).toEqual({
      allowed: false,
      rule: 'roles.coder.shell.command-substitution',
      reason:
        'tool "shell": uses command or process substitution ($(...), backticks, <(...)): what it produces is known only at run time',
    });
  });
});

describe('allow-list mode', () => {
  it.each([
    'git status',
    'git diff HEAD~1 -- src/',
    'npm test',
    'npm run build',
    'npx tsc --noEmit',
    'node scripts/build.js',
    'python3 tools/gen.py',
    'ls -la && cat README.md | head -20',
  ])('allows %j', (command) => {
    expect(call(recommended, command)).toEqual({ allowed: true });
  });

  it.each([
    ['rm -r build', 'commands'],
    ['git push origin main', 'commands'],
    ['git --no-pager push', 'commands'],
    ['/usr/bin/git status', 'commands'],
    ['python3 -c.py', 'commands'],
    ["python3 '-cimport os#.py'", 'commands'],
    ['git branch -D main', 'git-discard-work'],
    ['npx rimraf dist', 'commands'],
    ['npx eslint -o /home/u/.bashrc .', 'file-write'],
    ['python3 -m pytest --junitxml=../../../etc/x', 'file-write'],
    ['bash -c ls', 'commands'],
  ])('denies %j (%s)', (command, check) => {
    expect(ruleOf(recommended, command)).toBe(`roles.coder.shell.${check}`);
  });

  it.each([
    ['fullwidth program name', '\uff4c\uff53'],
    ['fullwidth subcommand', 'git \uff53\uff54\uff41\uff54\uff55\uff53'],
    ['non-breaking space inside the program word', 'ls\u00a0-la'],
    ['zero-width space inside the program word', 'l\u200bs'],
    ['ideographic space', 'git\u3000status'],
    ['look-alike in an argument', 'cat \uff52\uff45\uff41\uff44\uff4d\uff45'],
  ])('denies a line with a %s, which the shell reads as written', (_, command) => {
    const verdict = call(recommended, command);
    expect(verdict).toMatchObject({ allowed: false, rule: 'roles.coder.shell.unreadable' });
    expect(verdict.allowed ? '' : verdict.reason).toContain('look-alike');
  });

  it.each(['cat 日本語.txt', 'echo h\u00e9llo', 'ls -la\r\n'])(
    'allows %j: text folding leaves as it is',
    (command) => {
      expect(call(recommended, command)).toEqual({ allowed: true });
    },
  );

  it('still folds look-alikes in deny-rules mode, where folding only adds denials', () => {
    expect(ruleOf(failClosed, '\uff52\uff4d -rf /')).not.toBe('allowed');
    expect(call(failClosed, '\uff4c\uff53')).toEqual({ allowed: true });
  });

  it('names the program, not its arguments, in the reason', () => {
    const verdict = call(recommended, 'rm -r /home/alice/secret-token-123');
    expect(verdict).toMatchObject({ allowed: false, rule: 'roles.coder.shell.commands' });
    expect(verdict.allowed ? '' : verdict.reason).not.toContain('secret-token');
  });

  it('lets explicitly allowed constructs through and still checks what runs', () => {
    const policy = createToolPolicy({
      defaultRole: 'r',
      roles: {
        r: {
          shell: {
            tools: ['shell'],
            commands: ['timeout', 'xargs', 'npm test', 'grep', 'ls'],
            allow: ['executes-arguments', 'file-write'],
          },
        },
      },
    });
    expect(call(policy, 'timeout 60 npm test')).toEqual({ allowed: true });
    expect(call(policy, 'npm test > out.log')).toEqual({ allowed: true });
    expect(call(policy, 'ls | xargs grep x')).toEqual({ allowed: true });
    expect(ruleOf(policy, 'timeout 60 rm x')).toBe('roles.r.shell.commands');
    expect(ruleOf(policy, 'ls | xargs rm')).toBe('roles.r.shell.remove-unseen-operands');
  });
});

describe('the call as the tool receives it', () => {
  it.each([
    [
      'an OpenAI tool call',
      [{ type: 'function', function: { name: 'shell', arguments: '{"command":"rm -rf ~"}' } }],
    ],
    ['a JSON string', ['{"command":"rm -rf ~"}']],
    ['an argument object', [{ command: 'rm -rf ~' }]],
    ['an argument vector', [['rm', '-rf', '~']]],
    ['positional arguments', ['rm', '-rf', '~']],
    ['a command with an args list', [{ command: 'rm', args: ['-rf', '~'] }]],
    ['a JSON string of a string', ['"rm -rf ~"']],
  ])('denies rm -rf ~ given as %s', (_shape, args) => {
    expect(call(recommended, ...args).allowed).toBe(false);
    expect(call(failClosed, ...args).allowed).toBe(false);
  });

  it('uses request.input when the caller decoded it', () => {
    const verdict = recommended.evaluate({
      agentName: 'a',
      toolName: 'shell',
      args: ['ls'],
      input: 'rm -rf ~',
    });
    expect(verdict.allowed).toBe(false);
    expect(
      recommended.evaluate({ agentName: 'a', toolName: 'shell', args: [], input: { command: 'ls' } }),
    ).toEqual({
      allowed: true,
    });
    const explicit = recommended.evaluate({
      agentName: 'a',
      toolName: 'shell',
      args: ['rm -rf ~'],
      input: undefined,
    });
    expect(explicit.allowed).toBe(false);
  });

  it('denies input it cannot read or find a command in', () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(ruleOf(recommended, revoked.proxy)).toBe('unreadable-input');
    const throwing = {
      get function(): never {
        throw new Error('boom');
      },
    };
    expect(ruleOf(recommended, throwing)).toBe('unreadable-input');
    expect(ruleOf(recommended, { cwd: '/repo' })).toBe('roles.coder.shell.input');
    expect(ruleOf(recommended, 42)).toBe('roles.coder.shell.input');
    expect(ruleOf(recommended)).toBe('roles.coder.shell.input');
    expect(ruleOf(recommended, '')).toBe('roles.coder.shell.unreadable');
  });

  it('checks every canonical spelling of a shell tool name', () => {
    for (const name of ['Shell', 'SHELL', 'ｓｈｅｌｌ', 'shell\u200b', ' shell ']) {
      const verdict = recommended.evaluate({ agentName: 'a', toolName: name, args: ['rm -rf ~'] });
      expect(verdict.allowed, name).toBe(false);
    }
  });

  it('reads the configured argument', () => {
    const policy = createToolPolicy({
      defaultRole: 'r',
      roles: { r: { shell: { tools: ['run'], argument: 'spec.line', commands: ['ls'] } } },
    });
    const run = (input: unknown) => policy.evaluate({ agentName: 'a', toolName: 'run', args: [input] });
    expect(run({ spec: { line: 'ls -la' }, note: 'List the files' })).toEqual({ allowed: true });
    expect(run({ spec: { line: 'id' } }).allowed).toBe(false);
    expect(run({ line: 'ls' }).allowed).toBe(false);
  });
});

describe('shell policy configuration', () => {
  it('lists every problem at construction', () => {
    const config = {
      roles: {
        r: {
          shell: {
            tools: [],
            commands: ['git status; rm', '*sh', ''],
            allow: ['everything'],
            argument: 'a..b',
          },
        },
      },
    } as unknown as ToolPolicyConfig;
    let message = '';
    try {
      createToolPolicy(config);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('roles.r.shell.tools: must name at least one shell tool glob');
    expect(message).toContain('roles.r.shell.commands[0]: must be plain words');
    expect(message).toContain('roles.r.shell.commands[1]: the program name must be written out');
    expect(message).toContain('roles.r.shell.commands[2]: must name a program');
    expect(message).toContain('roles.r.shell.allow[0]: must be one of "command-substitution"');
    expect(message).toContain('roles.r.shell.argument: must be an argument name or a dotted path');
  });

  it('rejects an empty allow list and unknown keys', () => {
    expect(() => createToolPolicy({ roles: { r: { shell: { tools: ['shell'], commands: [] } } } })).toThrow(
      /commands: must list at least one command/,
    );
    expect(() =>
      createToolPolicy({
        roles: { r: { shell: { tools: ['shell'], mode: 'x' } } },
      } as unknown as ToolPolicyConfig),
    ).toThrow(/roles\.r\.shell/);
  });
});

describe('through createGuard', () => {
  it('denies an OpenAI-shaped shell call and allows a listed one', () => {
    const guard = createGuard({
      policy: {
        defaultAction: 'deny',
        defaultRole: 'coder',
        roles: {
          coder: { allow: ['shell'], shell: { tools: ['shell'], commands: RECOMMENDED_SHELL_COMMANDS } },
        },
      },
    });
    const check = (args: unknown[]) => guard.check({ kind: 'tool', agentName: 'a', toolName: 'shell', args });
    const openai = { type: 'function', function: { name: 'shell', arguments: '{"command":"rm -rf ~"}' } };
    expect(check([openai])).toMatchObject({ action: 'deny' });
    expect(check(['{"command":"rm -rf ~"}'])).toMatchObject({ action: 'deny' });
    expect(check([{ command: 'git status' }])).toEqual({ action: 'allow' });
  });
});
