import { describe, expect, it, vi } from 'vitest';
import { passesLuhn } from './checksums.js';
import { BUILT_IN_REDACTIONS, createRedactor, REDACTION_FAILED } from './redact.js';

const redact = createRedactor();
const alnum = (length: number, seed = 7) => {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < length; i++) out += chars[(i * seed + 3) % chars.length];
  return out;
};

describe('built-in redactions', () => {
  const samples: readonly (readonly [name: string, secret: string, context?: (secret: string) => string])[] =
    [
      ['openai_key', `sk-proj-${alnum(40)}_${alnum(30, 11)}-${alnum(20, 13)}`],
      ['openai_key', `sk-${alnum(48)}`],
      ['openai_key', `sk-svcacct-${alnum(60)}`],
      ['anthropic_key', `sk-ant-api03-${alnum(80)}-${alnum(10)}AA`],
      ['google_api_key', `AIza${alnum(33)}-_`],
      ['aws_access_key_id', 'AKIAIOSFODNN7EXAMPLE'],
      ['aws_access_key_id', 'ASIAY34FZKBOKMUTVV7A'],
      ['github_token', `ghp_${alnum(36)}`],
      ['github_token', `gho_${alnum(36, 5)}`],
      ['github_token', `ghs_${alnum(36, 3)}`],
      ['github_token', `github_pat_11ABCDEFG0_${alnum(59)}`],
      ['slack_token', 'xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx'],
      ['slack_token', 'xoxp-2222222222-3333333333-4444444444-abcdef0123456789abcdef0123456789'],
      ['stripe_key', `sk_live_${alnum(24)}`],
      ['stripe_key', `rk_live_${alnum(24, 5)}`],
      ['huggingface_token', `hf_${alnum(34).replace(/[0-9]/g, 'x')}`],
      [
        'jwt',
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      ],
      ['email', 'jane.doe+billing@example.co.uk'],
      ['email', 'J_Smith@mail.support-desk.io'],
      ['payment_card', '4111 1111 1111 1111'],
      ['payment_card', '5555-5555-5555-4444'],
      ['payment_card', '378282246310005'],
      ['payment_card', '4242424242424242'],
    ];

  for (const [name, secret] of samples) {
    it(`redacts ${name}: ${secret.slice(0, 12)}…`, () => {
      const text = `before (${secret}), after`;
      expect(redact(text)).toBe(`before ([REDACTED:${name}]), after`);
    });
  }

  const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const AZURE_KEY = `${alnum(86)}==`;
  const contexts: readonly (readonly [text: string, expected: string])[] = [
    [`npm token npm_${alnum(36)} here`, 'npm token [REDACTED:npm_token] here'],
    [`glpat-${alnum(20)}`, '[REDACTED:gitlab_token]'],
    [`SG.${alnum(22)}.${alnum(43)}`, '[REDACTED:sendgrid_key]'],
    [`whsec_${alnum(32)}`, '[REDACTED:stripe_key]'],
    ['https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXX', '[REDACTED:slack_webhook]'],
    [
      `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${AZURE_KEY};EndpointSuffix=core.windows.net`,
      'DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=[REDACTED:azure_storage_key];EndpointSuffix=core.windows.net',
    ],
    [
      `Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=${alnum(44)}=`,
      'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=[REDACTED:azure_storage_key]',
    ],
    [
      `https://acme.blob.core.windows.net/c/f?sv=2022-11-02&sig=${alnum(40)}%3D&se=2030`,
      'https://acme.blob.core.windows.net/c/f?sv=2022-11-02&sig=[REDACTED:azure_sas_token]&se=2030',
    ],
    [`{"SecretAccessKey": "${AWS_SECRET}"}`, '{"SecretAccessKey": "[REDACTED:aws_secret_access_key]"}'],
    [`aws_secret_access_key=${AWS_SECRET}`, 'aws_secret_access_key=[REDACTED:aws_secret_access_key]'],
    ['postgres://app:s3cr3t!@10.0.0.5:5432/db', 'postgres://app:[REDACTED:url_password]@10.0.0.5:5432/db'],
    ['redis://:hunter2@cache.internal:6379', 'redis://:[REDACTED:url_password]@cache.internal:6379'],
    ['https://bob:p@ss@example.com/x', 'https://bob:[REDACTED:url_password]@example.com/x'],
    ['Authorization: Basic dXNlcjpwYXNzd29yZA==', 'Authorization: Basic [REDACTED:basic_auth]'],
    ['DB_PASSWORD=hunter2', 'DB_PASSWORD=[REDACTED:secret_assignment]'],
    ['{"password": "correct horse battery"}', '{"password": "[REDACTED:secret_assignment]"}'],
    ["client_secret: 'abc def'", "client_secret: '[REDACTED:secret_assignment]'"],
    ['url?access_token=abc123&page=2', 'url?access_token=[REDACTED:secret_assignment]&page=2'],
    ['x-api-key: 0123456789', 'x-api-key: [REDACTED:secret_assignment]'],
    ['IBAN DE89 3704 0044 0532 0130 00.', 'IBAN [REDACTED:iban].'],
    ['GB82WEST12345698765432', '[REDACTED:iban]'],
    ['SSN 123-45-6789', 'SSN [REDACTED:us_ssn]'],
    ['call +1 415 555 0132 or +44 20 7946 0958', 'call [REDACTED:phone_number] or [REDACTED:phone_number]'],
    ['call (415) 555-0132 or 415-555-0132', 'call [REDACTED:phone_number] or [REDACTED:phone_number]'],
    ['call (415) 555-0132', 'call [REDACTED:phone_number]'],
    ['SSN: 536-22-8714.', 'SSN: [REDACTED:us_ssn].'],
    ['+49 30 123456', '[REDACTED:phone_number]'],
    [
      `-----BEGIN PGP PRIVATE KEY BLOCK-----\n${alnum(64)}\n-----END PGP PRIVATE KEY BLOCK-----`,
      '[REDACTED:private_key]',
    ],
  ];

  for (const [text, expected] of contexts) {
    it(`redacts in context: ${expected.slice(0, 40)}`, () => {
      expect(redact(text)).toBe(expected);
    });
  }

  it('keeps the word Bearer and the key name of an AWS secret', () => {
    expect(redact('Authorization: Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0==')).toBe(
      'Authorization: Bearer [REDACTED:bearer_token]',
    );
    expect(redact('authorization: bearer abc.def-ghi_jkl~mno+pqr/stu')).toBe(
      'authorization: bearer [REDACTED:bearer_token]',
    );
    expect(redact('AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n')).toBe(
      'AWS_SECRET_ACCESS_KEY=[REDACTED:aws_secret_access_key]\n',
    );
    expect(redact('{"aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}')).toBe(
      '{"aws_secret_access_key": "[REDACTED:aws_secret_access_key]"}',
    );
  });

  it('redacts a JWT inside a bearer header as a JWT', () => {
    const jwt = samples.find(([name]) => name === 'jwt')![1];
    expect(redact(`Authorization: Bearer ${jwt}`)).toBe('Authorization: Bearer [REDACTED:jwt]');
  });

  it('redacts private key blocks, and the rest of the text after a key whose end was cut off', () => {
    const body = `${alnum(64)}\n${alnum(64, 5)}\n${alnum(20, 3)}==`;
    for (const kind of ['RSA PRIVATE KEY', 'PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'EC PRIVATE KEY']) {
      const pem = `-----BEGIN ${kind}-----\n${body}\n-----END ${kind}-----`;
      expect(redact(`key:\n${pem}\nthanks`)).toBe('key:\n[REDACTED:private_key]\nthanks');
    }
    const encrypted = `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0A1B\n\n${body}\n-----END RSA PRIVATE KEY-----`;
    expect(redact(encrypted)).toBe('[REDACTED:private_key]');
    expect(redact(`see -----BEGIN PRIVATE KEY-----\n${body}…[truncated]`)).toBe('see [REDACTED:private_key]');
  });

  it('leaves near-misses alone', () => {
    const nearMisses = [
      'skeleton crew, task-management-system-for-teams, sk-learn-is-a-library',
      'sk-short',
      'order ORD-2024-000123 shipped; invoice 20240611-0042',
      'card ending 4111 1111 1111 1112 failed', // fails the Luhn check
      '1111 1111 1111 1117 and 0000 0000 0000 0000', // not a card prefix
      'ms timestamp 1763780000000, build 20240611.3, version 1.2.3.4',
      'tracking 12345678901234567890123 is too long for a card',
      'the bearer of bad news',
      'hf_model and ghp_short and xoxb-short and AKIA1234',
      'ping @support or user@localhost, version v1.2@3',
      '-----BEGIN PUBLIC KEY-----\nMFkwEwYH\n-----END PUBLIC KEY-----',
      'eyJhbGciOi alone is just base64',
      'AIzaShort',
      'sk_live_ without a key',
      'max_tokens=512, bypass: yes, the token budget of 4096, the key question: why',
      'npm_short and glpat-short and SG.short.x',
      'served from 10.0.0.5:8080 and https://example.com/a@b',
      'SSN-like 000-12-3456 and 666-12-3456 and 123-00-4567',
      'IBAN-like DE00 3704 0044 0532 0130 00',
      'dates 2024-06-11 and 2024/06/11 12:30, durations 1234 ms',
      'secret=[REDACTED:x] was redacted before',
    ];
    for (const text of nearMisses) expect(redact(text), text).toBe(text);
  });

  it('handles several secrets in one text', () => {
    expect(redact(`mail a@b.io with key sk-${alnum(48)} and card 4111-1111-1111-1111.`)).toBe(
      'mail [REDACTED:email] with key [REDACTED:openai_key] and card [REDACTED:payment_card].',
    );
  });

  it('is exported in order, each with a global pattern and a marker', () => {
    const names = BUILT_IN_REDACTIONS.map((entry) => entry.name);
    expect(names.indexOf('anthropic_key')).toBeLessThan(names.indexOf('openai_key'));
    expect(names.indexOf('jwt')).toBeLessThan(names.indexOf('bearer_token'));
    for (const entry of BUILT_IN_REDACTIONS) {
      expect(entry.pattern.global, entry.name).toBe(true);
      expect(entry.replacement).toContain(`[REDACTED:${entry.name}]`);
    }
  });

  it('finishes in linear time on 1 MB adversarial inputs', () => {
    const size = 1_000_000;
    const inputs = [
      'a'.repeat(size),
      '1'.repeat(size),
      '4 '.repeat(size / 2),
      '4-'.repeat(size / 2),
      'sk-'.repeat(size / 3),
      'eyJ-'.repeat(size / 4),
      'eyJaaaaaaaaaa.'.repeat(size / 14),
      '-----BEGIN PRIVATE KEY-----'.repeat(size / 27),
      'a@'.repeat(size / 2),
      `${'a.'.repeat(size / 2)}@`,
      `a@${'b.'.repeat(size / 2)}`,
      `${'a'.repeat(63)}.`.repeat(size / 64),
      'Bearer '.repeat(size / 7),
      `Bearer ${' '.repeat(size)}`,
      'aws_secret_access_key='.repeat(size / 22),
      'xoxb-'.repeat(size / 5),
      '\\"password\\":\\"'.repeat(size / 16),
      'password:"a\\"'.repeat(size / 13),
      'password%3D'.repeat(size / 11),
      'a%40'.repeat(size / 4),
      '%2B1%20'.repeat(size / 7),
      '1-415-'.repeat(size / 6),
      'authorization: x '.repeat(size / 17),
      `authorization: ${'a'.repeat(size)}`,
      '<password>'.repeat(size / 10),
      `<password a="${'x'.repeat(200)}">`.repeat(size / 216),
    ];
    const start = performance.now();
    for (const input of inputs) redact(input);
    expect(performance.now() - start).toBeLessThan(2_000 * 4);
    for (const input of inputs) {
      const each = performance.now();
      redact(input);
      expect(performance.now() - each, input.slice(0, 20)).toBeLessThan(2_000);
    }
  });
});

describe('custom patterns', () => {
  it('run before the built-ins, with their replacement or name', () => {
    const custom = createRedactor({
      patterns: [
        /TICKET-\d{6}/,
        { pattern: /acct_[a-z0-9]{8}/i, name: 'account_id' },
        { pattern: /(pin:)\s*\d{4}/g, replacement: '$1 ****' },
      ],
    });
    expect(custom('TICKET-123456 and TICKET-654321 for ACCT_ab12cd34, pin: 1234, a@b.io')).toBe(
      '[REDACTED] and [REDACTED] for [REDACTED:account_id], pin: ****, [REDACTED:email]',
    );
  });

  it('can replace the built-ins', () => {
    const only = createRedactor({ builtIn: false, patterns: [/secret/g] });
    expect(only('secret a@b.io')).toBe('[REDACTED] a@b.io');
    expect(createRedactor({ builtIn: false })('a@b.io')).toBe('a@b.io');
  });

  it('does not mutate the RegExp given', () => {
    const pattern = /x+/;
    createRedactor({ patterns: [pattern] })('xx');
    expect(pattern.global).toBe(false);
    expect(pattern.lastIndex).toBe(0);
  });

  it('are validated at creation, every problem listed', () => {
    let message = '';
    try {
      createRedactor({
        patterns: [
          'secret',
          /a*/,
          { pattern: 'x' },
          { pattern: /\b/ },
          { pattern: /ok/, name: 3, replacement: 4 },
          null,
        ] as never,
      });
    } catch (error) {
      expect(error).toBeInstanceOf(TypeError);
      message = (error as Error).message;
    }
    expect(message).toContain(
      'patterns[0] must be a RegExp or { pattern, replacement?, name? } (got "secret")',
    );
    expect(message).toContain('patterns[1] (/a*/) matches the empty string');
    expect(message).toContain('patterns[2].pattern must be a RegExp (got "x")');
    expect(message).toContain('patterns[3] (/\\b/) matches the empty string');
    expect(message).toContain('patterns[4].name must be a non-empty string (got number)');
    expect(message).toContain('patterns[4].replacement must be a string (got number)');
    expect(message).toContain('patterns[5] must be a RegExp');
    expect(() => createRedactor({ patterns: /x/ as never })).toThrow(/patterns must be an array/);
    expect(() => createRedactor({ builtIn: 'yes' as never })).toThrow(/builtIn must be a boolean/);
    expect(() => createRedactor(null as never)).toThrow(TypeError);
  });
});

describe('the redactor at run time', () => {
  it('returns empty and non-string input safely', () => {
    expect(redact('')).toBe('');
    expect(redact(undefined as never)).toBe('');
    expect(redact(42 as never)).toBe('');
  });

  it('fails closed when redaction throws', () => {
    const replace = vi.spyOn(String.prototype, 'replace').mockImplementation(() => {
      throw new Error('engine failure');
    });
    try {
      expect(redact('my key is sk-ant-secret')).toBe(REDACTION_FAILED);
    } finally {
      replace.mockRestore();
    }
    expect(REDACTION_FAILED).toBe('[REDACTED:redaction_failed]');
  });
});

describe('passesLuhn', () => {
  it('checks card numbers', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111 1111 1111 1111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(passesLuhn('79927398713')).toBe(true);
    expect(passesLuhn('')).toBe(false);
  });
});

describe('the checks that decide which rules run', () => {
  const key = (prefix: string, length = 40) => `${prefix}${alnum(length, 11)}`;

  it('still find tokens in text crowded with the characters they look for', () => {
    const crowds = ['-'.repeat(500), '_'.repeat(500), 'x-y_z '.repeat(200), 'A'.repeat(300), '='.repeat(300)];
    const tokens: readonly (readonly [string, string])[] = [
      [key('sk-ant-api03-'), 'anthropic_key'],
      [key('sk-proj-'), 'openai_key'],
      [key('ghp_', 36), 'github_token'],
      [key('glpat-', 20), 'gitlab_token'],
      [key('npm_', 36), 'npm_token'],
      [key('sk_live_', 24), 'stripe_key'],
      ['AKIAIOSFODNN7EXAMPLE', 'aws_access_key_id'],
    ];
    for (const crowd of crowds) {
      for (const [token, name] of tokens) {
        expect(redact(`${crowd} ${token} ${crowd}`), `${name} in ${crowd.slice(0, 6)}`).toBe(
          `${crowd} [REDACTED:${name}] ${crowd}`,
        );
      }
    }
  });

  it('find every GitHub prefix among a few underscores and among many', () => {
    const tokens = ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'].map((prefix) => key(prefix, 36));
    tokens.push(`github_pat_11ABCDEFG0_${alnum(59)}`);
    for (const token of tokens) {
      for (const around of ['', 'trace_id span_id ', 'a_b '.repeat(100)]) {
        expect(redact(`${around}"token_value":"${token}"`), token).not.toContain(token.slice(-12));
        expect(redact(`${around}gh ${token}`), token).toBe(`${around}gh [REDACTED:github_token]`);
      }
    }
  });

  it('see what a custom pattern wrote, before the built-in rules run', () => {
    const custom = createRedactor({
      patterns: [{ pattern: /CARD_ON_FILE/, replacement: '4111 1111 1111 1111' }],
    });
    expect(custom('charged CARD_ON_FILE today')).toBe('charged [REDACTED:payment_card] today');
    const token = createRedactor({ patterns: [{ pattern: /SECRET/, replacement: key('sk-proj-') }] });
    expect(token('key SECRET')).toBe('key [REDACTED:openai_key]');
  });

  it('still run a rule when an earlier one replaced what it would have matched around', () => {
    expect(redact(`password=pre/${key('sk-proj-')}`)).toBe(
      'password=[REDACTED:secret_assignment][REDACTED:openai_key]',
    );
    expect(redact(`mail a@b.io then 4111 1111 1111 1111 and x@y.org`)).toBe(
      'mail [REDACTED:email] then [REDACTED:payment_card] and [REDACTED:email]',
    );
  });
});

describe('North American phone numbers (the pattern checks what precedes after its first character)', () => {
  const numbers = [
    '(415) 555-0132',
    '(415)555-0132',
    '(415).555.0132',
    '415-555-0132',
    '415.555.0132',
    '415 555 0132',
    '(212) 736-5000',
    '999 999 9999',
  ];

  it('are redacted at the start, after punctuation and inside sentences', () => {
    for (const number of numbers) {
      for (const text of [
        number,
        `call ${number}.`,
        `"${number}"`,
        `tel:${number}`,
        `[${number}]`,
        `x\n${number}\n`,
        `(${number})`,
      ]) {
        expect(redact(text), text).toContain('[REDACTED:phone_number]');
        expect(redact(text), text).not.toContain(
          '0132'.slice(0, 3) === number.slice(-4, -1) ? '013' : number.slice(-4),
        );
      }
    }
  });

  it('are left alone when glued to letters, digits, . or -, as before', () => {
    for (const number of ['415-555-0132', '(415) 555-0132']) {
      for (const text of [
        `a${number}`,
        `1${number}`,
        `.${number}`,
        `-${number}`,
        `${number}a`,
        `${number}1`,
        `${number}-`,
      ]) {
        expect(redact(text), text).toBe(text);
      }
    }
    for (const text of ['115-555-0132', '415-155-0132', '(015) 555-0132'])
      expect(redact(text), text).toBe(text);
  });
});
