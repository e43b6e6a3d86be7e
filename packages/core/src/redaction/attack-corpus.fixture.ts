/**
 * A corpus written from the attacker's side, from docs/redaction.md alone: every kind the
 * docs say is redacted, in the forms real error messages, tool outputs and logs carry it
 * (JSON with escapes, URLs and query strings, URL-encoded, quoted, headers, env dumps,
 * `export` lines, YAML, stack traces, start and end of text, punctuation and unicode around
 * it, lengths at the documented edges). None of these is a real credential.
 */
export interface AttackSample {
  readonly kind: string;
  readonly text: string;
  /** Each must be gone from the output. */
  readonly needles: readonly string[];
  /** Set when docs/redaction.md lists this form as not covered: the sample is expected to leak. */
  readonly gap?: string;
}

/** A deterministic pseudo-random string over `alphabet`. */
export function random(length: number, seed: number, alphabet = ALNUM): string {
  let state = (seed * 2654435761) % 2147483648;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out += alphabet[(state >>> 8) % alphabet.length];
  }
  return out;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64 = `${ALNUM}+/`;
const URLSAFE = `${ALNUM}_-`;
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const HEX = '0123456789abcdef';
const DIGITS = '0123456789';

/** Surroundings a token-shaped secret meets in real output. `$` is the secret. */
const TOKEN_CONTEXTS: readonly ((s: string) => string)[] = [
  (s) => s,
  (s) => `${s} was rejected by the upstream API`,
  (s) => `401 Unauthorized: invalid credentials ${s}`,
  (s) =>
    `Incorrect API key provided: ${s}. You can find your API key at https://platform.example.com/account.`,
  (s) =>
    `{"error":{"message":"Incorrect API key provided: ${s}","type":"invalid_request_error","code":"invalid_api_key"}}`,
  (s) => `"{\\"config\\":{\\"key\\":\\"${s}\\"}}"`,
  (s) => `{'headers': {'X-Api-Key': '${s}'}}`,
  (s) => `GET https://api.example.com/v1/items?api_key=${s}&limit=10 -> 403`,
  (s) => `POST /v1/hook?id=7&token=${s}`,
  (s) => `https://api.example.com/v1/items?key=${s}`,
  (s) => `fetch failed for https://api.example.com/v1/items?q=a%20b&auth=${encodeURIComponent(s)}`,
  (s) => `'${s}'`,
  (s) => `"${s}"`,
  (s) => `\`${s}\``,
  (s) => `Authorization: Bearer ${s}`,
  (s) => `X-Api-Key: ${s}`,
  (s) => `x-api-key:${s}`,
  (s) => `curl -H "Authorization: Bearer ${s}" https://api.example.com`,
  (s) => `OPENAI_API_KEY=${s}`,
  (s) => `export SERVICE_TOKEN="${s}"`,
  (s) => `export KEY=${s}`,
  (s) => `  api_key: ${s}\n  region: us-east-1`,
  (s) => `client = Client(api_key="${s}", timeout=30)`,
  (s) =>
    `Error: auth failed for ${s}\n    at request (/app/node_modules/client/index.js:88:13)\n    at async main (/app/src/main.ts:12:3)`,
  (s) =>
    `Traceback (most recent call last):\n  File "app.py", line 4, in <module>\nValueError: bad key '${s}'`,
  (s) => `(${s})`,
  (s) => `[${s}]`,
  (s) => `<${s}>`,
  (s) => `key=${s};`,
  (s) => `the key ${s}.`,
  (s) => `keys: ${s}, ${s}`,
  (s) => `clé «${s}» refusée`,
  (s) => `鍵：${s}。`,
  (s) => `token→${s}←`,
  (s) => `🔑 ${s} ✅`,
  (s) => `\t${s}\r\n`,
  (s) => `| prod | ${s} |`,
  (s) => `- ${s}`,
  (s) => `value: |\n  ${s}\n`,
];

const tokenKind = (kind: string, secrets: readonly string[]): AttackSample[] =>
  secrets.flatMap((secret) =>
    TOKEN_CONTEXTS.map((wrap) => ({ kind, text: wrap(secret), needles: [secret] })),
  );

const keyed = (kind: string, entries: readonly (readonly [string, string, string?])[]): AttackSample[] =>
  entries.map(([text, needle, gap]) =>
    gap ? { kind, text, needles: [needle], gap } : { kind, text, needles: [needle] },
  );

function luhnComplete(prefix: string, length: number, seed: number): string {
  let body = prefix + random(length - prefix.length - 1, seed, DIGITS);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  body += String((10 - (sum % 10)) % 10);
  return body;
}

function iban(country: string, bban: string): string {
  const digits = `${bban}${country}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return `${country}${String(98 - rest).padStart(2, '0')}${bban}`;
}

const group = (s: string, sizes: readonly number[], sep: string): string => {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= s.length) break;
    parts.push(s.slice(at, at + size));
    at += size;
  }
  if (at < s.length) parts.push(s.slice(at));
  return parts.join(sep);
};

const fours = (s: string) => Array.from({ length: Math.ceil(s.length / 4) }, () => 4);

const PEM_BODY = (seed: number) =>
  Array.from({ length: 4 }, (_, i) => random(64, seed + i, B64)).join('\n') +
  `\n${random(20, seed + 9, B64)}==`;

function buildCorpus(): AttackSample[] {
  const corpus: AttackSample[] = [];
  const push = (...samples: AttackSample[]) => corpus.push(...samples);

  push(
    ...tokenKind('anthropic_key', [
      `sk-ant-api03-${random(93, 101, URLSAFE)}AA`,
      `sk-ant-admin01-${random(93, 102, URLSAFE)}AA`,
      `sk-ant-oat01-${random(40, 103, URLSAFE)}`,
    ]),
    ...tokenKind('openai_key', [
      `sk-proj-${random(58, 104, URLSAFE)}T3BlbkFJ${random(58, 105, URLSAFE)}`,
      `sk-svcacct-${random(64, 106, URLSAFE)}`,
      `sk-admin-${random(64, 107, URLSAFE)}`,
      `sk-${random(20, 108)}`,
      `sk-${random(48, 109)}`,
      `sk-${random(20, 110)}T3BlbkFJ${random(20, 111)}`,
      `sk-None-${random(48, 112, URLSAFE)}`,
    ]),
    ...tokenKind('stripe_key', [
      `sk_live_${random(24, 113)}`,
      `sk_test_${random(99, 114)}`,
      `rk_live_${random(24, 115)}`,
      `rk_test_${random(99, 116)}`,
      `whsec_${random(32, 117)}`,
    ]),
    ...tokenKind('google_api_key', [`AIza${random(35, 118, URLSAFE)}`, `AIzaSy${random(33, 119, URLSAFE)}`]),
    ...tokenKind('aws_access_key_id', [
      `AKIA${random(16, 120, UPPER_DIGITS)}`,
      `ASIA${random(16, 121, UPPER_DIGITS)}`,
      `ABIA${random(16, 122, UPPER_DIGITS)}`,
      `ACCA${random(16, 123, UPPER_DIGITS)}`,
    ]),
    ...tokenKind('github_token', [
      `ghp_${random(36, 124)}`,
      `gho_${random(36, 125)}`,
      `ghu_${random(36, 126)}`,
      `ghs_${random(36, 127)}`,
      `ghr_${random(76, 128)}`,
      `github_pat_11${random(20, 129, UPPER_DIGITS)}_${random(59, 130)}`,
    ]),
    ...tokenKind('gitlab_token', [
      `glpat-${random(20, 131, URLSAFE)}`,
      `gldt-${random(20, 132)}`,
      `glrt-${random(20, 133)}`,
      `glcbt-${random(20, 134)}`,
      `glptt-${random(40, 135)}`,
      `glft-${random(20, 136)}`,
      `glsoat-${random(20, 137)}`,
    ]),
    ...tokenKind('slack_token', [
      `xoxb-${random(12, 138, DIGITS)}-${random(13, 139, DIGITS)}-${random(24, 140)}`,
      `xoxp-${random(12, 141, DIGITS)}-${random(12, 142, DIGITS)}-${random(13, 143, DIGITS)}-${random(32, 144, HEX)}`,
      `xoxa-2-${random(40, 145)}`,
      `xoxo-${random(30, 146)}`,
      `xoxs-${random(30, 147)}`,
      `xoxr-${random(30, 148)}`,
      `xoxe.xoxp-1-${random(60, 149)}`,
      `xoxe-1-${random(60, 150)}`,
      `xapp-1-A${random(10, 151, UPPER_DIGITS)}-${random(13, 152, DIGITS)}-${random(64, 153, HEX)}`,
    ]),
    ...tokenKind('npm_token', [`npm_${random(36, 154)}`]),
    ...tokenKind('huggingface_token', [`hf_${random(30, 155)}`, `hf_${random(34, 156)}`]),
    ...tokenKind('sendgrid_key', [`SG.${random(22, 157, URLSAFE)}.${random(43, 158, URLSAFE)}`]),
    ...tokenKind('jwt', [
      `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ${random(60, 159, URLSAFE)}.${random(43, 160, URLSAFE)}`,
      `eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJ${random(300, 161, URLSAFE)}.${random(342, 162, URLSAFE)}`,
      `eyJhbGciOiJub25lIn0.eyJ${random(30, 163, URLSAFE)}.`,
    ]),
  );

  // Slack incoming webhooks, workflows and triggers.
  for (const [i, path] of [
    `services/T${random(8, 170, UPPER_DIGITS)}/B${random(10, 171, UPPER_DIGITS)}/${random(24, 172)}`,
    `workflows/T${random(8, 173, UPPER_DIGITS)}/A${random(10, 174, UPPER_DIGITS)}/${random(18, 175, DIGITS)}/${random(24, 176)}`,
    `triggers/T${random(8, 177, UPPER_DIGITS)}/${random(13, 178, DIGITS)}/${random(32, 179, HEX)}`,
  ].entries()) {
    const url = `https://hooks.slack.com/${path}`;
    const secret = path.split('/').at(-1) as string;
    push(
      ...keyed('slack_webhook', [
        [url, secret],
        [`SLACK_WEBHOOK_URL=${url}`, secret],
        [`{"webhook":"${url.replaceAll('/', '\\/')}"}`, secret],
        [`POST ${url} failed: 404 no_service`, secret],
        [`notify: "${url}"`, secret],
        [`<${url}|alerts>`, secret],
        [`webhook (${url}).`, secret],
      ]),
    );
    void i;
  }

  // AWS secret access keys: always next to their name.
  const aws = (seed: number) => random(40, seed, B64);
  push(
    ...keyed('aws_secret_access_key', [
      [`aws_secret_access_key=${aws(200)}`, aws(200)],
      [`aws_secret_access_key = ${aws(201)}`, aws(201)],
      [
        `[default]\naws_access_key_id = AKIA${random(16, 202, UPPER_DIGITS)}\naws_secret_access_key = ${aws(203)}\n`,
        aws(203),
      ],
      [`AWS_SECRET_ACCESS_KEY=${aws(204)}`, aws(204)],
      [`export AWS_SECRET_ACCESS_KEY="${aws(205)}"`, aws(205)],
      [
        `{"Credentials":{"AccessKeyId":"ASIA${random(16, 206, UPPER_DIGITS)}","SecretAccessKey":"${aws(207)}","SessionToken":"${random(300, 208, B64)}"}}`,
        aws(207),
      ],
      [`secret_access_key: ${aws(209)}`, aws(209)],
      [`  SecretAccessKey: '${aws(210)}'`, aws(210)],
      [`{"secretAccessKey":"${aws(211)}","accessKeyId":"AKIA${random(16, 212, UPPER_DIGITS)}"}`, aws(211)],
      [
        `new S3Client({ credentials: { accessKeyId: 'AKIA${random(16, 213, UPPER_DIGITS)}', secretAccessKey: '${aws(214)}' } })`,
        aws(214),
      ],
      [`"{\\"SecretAccessKey\\":\\"${aws(215)}\\"}"`, aws(215)],
      [`-e AWS_SECRET_ACCESS_KEY=${aws(216)} -e AWS_REGION=eu-west-1`, aws(216)],
      [`aws_secret_access_key:${aws(217)}`, aws(217)],
      [`{"Credentials":{"SessionToken":"${random(300, 218, B64)}"}}`, random(300, 218, B64)],
    ]),
  );

  // Azure.
  const azureKey = (seed: number) => `${random(86, seed, B64)}==`;
  const busKey = (seed: number) => `${random(43, seed, B64)}=`;
  push(
    ...keyed('azure_storage_key', [
      [
        `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${azureKey(220)};EndpointSuffix=core.windows.net`,
        azureKey(220),
      ],
      [
        `AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${azureKey(221)}"`,
        azureKey(221),
      ],
      [
        `Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${busKey(222)}`,
        busKey(222),
      ],
      [
        `Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${busKey(223)};EntityPath=orders`,
        busKey(223),
      ],
      [
        `{"connectionString":"DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${azureKey(224)};EndpointSuffix=core.windows.net"}`,
        azureKey(224),
      ],
      [`HostName=hub.azure-devices.net;DeviceId=dev1;SharedAccessKey=${busKey(225)}`, busKey(225)],
      [`accountkey=${azureKey(226)}`, azureKey(226)],
    ]),
  );
  const sig = (seed: number) => `${random(40, seed, B64)}=`;
  push(
    ...keyed('azure_sas_token', [
      [
        `https://acme.blob.core.windows.net/c/f.txt?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-01-01T00:00:00Z&spr=https&sig=${encodeURIComponent(sig(230))}`,
        encodeURIComponent(sig(230)),
      ],
      [`?sv=2022-11-02&sr=b&sig=${random(43, 231, ALNUM)}%3D&se=2026-01-01`, random(43, 231, ALNUM)],
      [
        `BlobEndpoint=https://acme.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&sig=${encodeURIComponent(sig(232))}`,
        encodeURIComponent(sig(232)),
      ],
      [
        `"sasUrl": "https://acme.blob.core.windows.net/c?sp=racwdl&sig=${encodeURIComponent(sig(233))}"`,
        encodeURIComponent(sig(233)),
      ],
      [`sig=${sig(234)}&se=2026`, sig(234), 'sig= not after ?, & or ;'],
    ]),
  );

  // Passwords in connection strings.
  const pw = (seed: number) => `P${random(15, seed)}`;
  push(
    ...keyed('url_password', [
      [`postgres://app:${pw(240)}@db.internal:5432/orders`, pw(240)],
      [`postgresql://app:${pw(241)}@10.0.3.7/orders?sslmode=require`, pw(241)],
      [`DATABASE_URL=postgres://app:${pw(242)}@db.example.com:5432/app`, pw(242)],
      [`mongodb+srv://admin:${pw(243)}@cluster0.ab1cd.mongodb.net/?retryWrites=true&w=majority`, pw(243)],
      [`mongodb://u:${pw(244)}@h1:27017,h2:27017/db?replicaSet=rs0`, pw(244)],
      [`redis://:${pw(245)}@cache.internal:6379/0`, pw(245)],
      [`rediss://default:${pw(246)}@redis-123.cloud.example.com:12345`, pw(246)],
      [`amqp://guest:${pw(247)}@rabbit:5672/vhost`, pw(247)],
      [`amqps://user:${pw(248)}@b-1.mq.us-east-1.amazonaws.com:5671`, pw(248)],
      [`mysql://root:${pw(249)}@[::1]:3306/app`, pw(249)],
      [`https://deploy:${pw(250)}@git.example.com/org/repo.git`, pw(250)],
      [`Error: connect ECONNREFUSED (postgres://app:${pw(251)}@127.0.0.1:5432/app)`, pw(251)],
      [`{"url":"postgres://app:${pw(252)}@db:5432/app"}`, pw(252)],
      [`postgres://app:p%40ss${pw(253)}%23x@db/app`, `p%40ss${pw(253)}%23x`],
      [
        `postgres://app:${pw(254)}-_.~!$&'()*+,;=@db/app`,
        `${pw(254)}-_.~!$&'()*+,;=`,
        'a URL password with a quote',
      ],
      [`"postgres://app:${pw(255)}@db/app"`, pw(255)],
      [`smtp://mailer:${pw(256)}@smtp.example.com:587`, pw(256)],
      [`ftp://anon:${pw(257)}@ftp.example.com/pub`, pw(257)],
      [`jdbc:postgresql://db:5432/app?user=app&password=${pw(258)}`, pw(258)],
      [`clickhouse://default:${pw(259)}@ch:9000/db`, pw(259)],
    ]),
  );

  // Bearer and basic credentials.
  const opaque = (seed: number, alphabet = `${ALNUM}-._~+/`) => random(40, seed, alphabet);
  const basic = (seed: number) => Buffer.from(`svc-${seed}:${random(16, seed)}`).toString('base64');
  push(
    ...keyed('bearer_token', [
      [`Authorization: Bearer ${opaque(260)}`, opaque(260)],
      [`authorization: bearer ${opaque(261)}`, opaque(261)],
      [`AUTHORIZATION: BEARER ${opaque(262)}`, opaque(262)],
      [`{"Authorization":"Bearer ${opaque(263)}"}`, opaque(263)],
      [`headers: { Authorization: \`Bearer ${opaque(264)}\` }`, opaque(264)],
      [`curl -H 'Authorization: Bearer ${opaque(265)}' https://x`, opaque(265)],
      [`Bearer ${opaque(266)}`, opaque(266)],
      [`token_type=Bearer&access=Bearer ${opaque(267)}`, opaque(267)],
      [`Bearer ${random(32, 268, HEX)}==`, `${random(32, 268, HEX)}==`],
      [`WWW-Authenticate failed; sent Bearer ${opaque(269)}\n`, opaque(269)],
      [`Authorization: Token ${random(40, 276, HEX)}`, random(40, 276, HEX)],
      [
        `{"Authorization":"Bot ${random(24, 277)}.${random(6, 278)}.${random(27, 279, URLSAFE)}"}`,
        random(27, 279, URLSAFE),
      ],
      [`authorization: SSWS ${random(42, 280, URLSAFE)}`, random(42, 280, URLSAFE)],
      [`Authorization: ApiKey ${random(40, 281, B64)}==`, random(40, 281, B64)],
      [`Authorization: ${random(32, 282, HEX)}`, random(32, 282, HEX)],
      [`headers: {'authorization': '${random(40, 283)}'}`, random(40, 283)],
    ]),
    ...keyed('basic_auth', [
      [`Authorization: Basic ${basic(270)}`, basic(270)],
      [`authorization: basic ${basic(271)}`, basic(271)],
      [`{"Authorization":"Basic ${basic(272)}"}`, basic(272)],
      [`curl -H "Authorization: Basic ${basic(273)}" https://x`, basic(273)],
      [`Proxy-Authorization: Basic ${basic(274)}`, basic(274)],
      [`headers={'Authorization': 'Basic ${basic(275)}'}`, basic(275)],
    ]),
  );

  // Keys that name a secret.
  const v = (seed: number) => `v${random(19, seed)}`;
  push(
    ...keyed('secret_assignment', [
      [`DB_PASSWORD=${v(300)}`, v(300)],
      [`export DB_PASSWORD='${v(301)}'`, v(301)],
      [`password: ${v(302)}`, v(302)],
      [`  password: "${v(303)}"`, v(303)],
      [`{"username":"bob","password":"${v(304)}"}`, v(304)],
      [`{"password":"ab\\"${v(305)}"}`, v(305)],
      [`POST /login?user=bob&password=${v(306)}&remember=1`, v(306)],
      [`client_secret=${v(307)}`, v(307)],
      [`"client_secret": "${v(308)}"`, v(308)],
      [`GITHUB_TOKEN=${v(309)}`, v(309)],
      [`refresh_token=${v(310)}&grant_type=refresh_token`, v(310)],
      [`{"access_token":"${v(311)}","token_type":"bearer","expires_in":3600}`, v(311)],
      [`X-Api-Key: ${v(312)}`, v(312)],
      [`apiKey: '${v(313)}'`, v(313)],
      [`{"apiKey":"${v(314)}"}`, v(314)],
      [`API_KEY=${v(315)}`, v(315)],
      [`api-key=${v(316)}`, v(316)],
      [`{"secretKey":"${v(317)}"}`, v(317)],
      [`secret_key = "${v(318)}"`, v(318)],
      [`SECRET=${v(319)}`, v(319)],
      [`JWT_SECRET: ${v(320)}`, v(320)],
      [`passphrase=${v(321)}`, v(321)],
      [`ssh_passwd: ${v(322)}`, v(322)],
      [`Server=tcp:db.example.com,1433;User ID=sa;Password=${v(323)};Encrypt=true`, v(323)],
      [`Driver={ODBC};Server=db;Uid=sa;Pwd=${v(324)};`, v(324)],
      [`DB_PASS=${v(325)}`, v(325)],
      [`credentials: ${v(326)}`, v(326)],
      [`"credential":"${v(327)}"`, v(327)],
      [`private_key=${v(328)}`, v(328)],
      [`access_key: ${v(329)}`, v(329)],
      [`auth=${v(330)}`, v(330)],
      [`{'password': '${v(331)}'}`, v(331)],
      [`password="correct horse ${v(332)} staple"`, v(332)],
      [`PASSWORD = "${v(333)}"`, v(333)],
      [`Password: ${v(334)}\n`, v(334)],
      [`connect(host="db", password="${v(335)}")`, v(335)],
      [`&token=${v(336)}`, v(336)],
      [`?access_token=${v(337)}#frag`, v(337)],
      [`session_token: ${v(338)}`, v(338)],
      [`"accessToken":"${v(339)}"`, v(339)],
      [`--password=${v(340)}`, v(340)],
      [`{"password": "${v(341)}\\n"}`, v(341)],
      [`password%3D${v(342)}%26`, v(342)],
      [`"password":"${random(19, 343)}\\u0026${v(343)}"`, v(343)],
      [`app.secret=${v(344)}`, v(344)],
      [`spring.datasource.password=${v(345)}`, v(345)],
      [`<password>${v(346)}</password>`, v(346)],
      [
        `<settings><servers><server><id>repo</id><username>ci</username><password>${v(360)}</password></server></servers></settings>`,
        v(360),
      ],
      [`<soap:Fault><wsse:Password Type="text">${v(361)}</wsse:Password></soap:Fault>`, v(361)],
      [`<add key="ApiKey" value="${v(362)}" />`, v(362), 'XML attributes'],
      [`<ns:ApiKey>${v(363)}</ns:ApiKey>`, v(363)],
      [`password => '${v(347)}'`, v(347)],
      [`Cookie: token=${v(348)}; theme=dark`, v(348)],
      [`Set-Cookie: auth=${v(349)}; HttpOnly`, v(349)],
      [`"{\\"password\\":\\"${v(350)}\\"}"`, v(350)],
      [`{"msg":"{\\"db\\":{\\"api_key\\": \\"${v(351)}\\"}}"}`, v(351)],
      [`//registry.npmjs.org/:_authToken=${v(352)}`, v(352)],
      [`redirect=https%3A%2F%2Fapp.example.com%2Fcb%3Faccess_token%3D${v(353)}%26state%3Dx`, v(353)],
      [`password => "${v(354)}"`, v(354)],
      [`:password => '${v(355)}',`, v(355)],
      [`docker login -u ci --password=${v(356)} registry.example.com`, v(356)],
      [
        `data:\n  password: ${Buffer.from(v(357)).toString('base64')}\n`,
        Buffer.from(v(357)).toString('base64'),
      ],
      [
        `"auth": "${Buffer.from(`ci:${v(358)}`).toString('base64')}"`,
        Buffer.from(`ci:${v(358)}`).toString('base64'),
      ],
      [
        `X-Amz-Security-Token=${encodeURIComponent(random(200, 359, B64))}&X-Amz-Date=1`,
        encodeURIComponent(random(200, 359, B64)),
      ],
    ]),
  );

  // PEM private keys.
  for (const [seed, label] of [
    [400, 'RSA PRIVATE KEY'],
    [410, 'PRIVATE KEY'],
    [420, 'EC PRIVATE KEY'],
    [430, 'OPENSSH PRIVATE KEY'],
    [440, 'ENCRYPTED PRIVATE KEY'],
    [450, 'DSA PRIVATE KEY'],
  ] as const) {
    const body = PEM_BODY(seed);
    const line = body.split('\n')[1] as string;
    const pem = `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;
    push(
      ...keyed('private_key', [
        [pem, line],
        [`key loaded:\n${pem}\nnext`, line],
        [pem.replaceAll('\n', '\r\n'), line],
        [
          `{"type":"service_account","project_id":"p","private_key_id":"${random(40, seed, HEX)}","private_key":"${pem.replaceAll('\n', '\\n')}\\n","client_email":"sa@p.iam.gserviceaccount.com"}`,
          line,
        ],
        [`"{\\"private_key\\":\\"${pem.replaceAll('\n', '\\\\n')}\\"}"`, line],
        [`PRIVATE_KEY="${pem.replaceAll('\n', '\\n')}"`, line],
        [`${pem.slice(0, pem.length / 2)}`, line],
        [`  private_key: |\n    ${pem.replaceAll('\n', '\n    ')}\n`, line],
      ]),
    );
  }
  const pgp = PEM_BODY(460);
  push(
    ...keyed('private_key', [
      [
        `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${pgp}\n=AbCd\n-----END PGP PRIVATE KEY BLOCK-----`,
        pgp.split('\n')[2] as string,
      ],
    ]),
  );

  // Personal data.
  const emails = [
    'jane.doe@example.com',
    'j.doe+refunds@mail.customer-example.co.uk',
    'JOHN_SMITH99@EXAMPLE.ORG',
    'a@b.io',
    'first.last-name@sub.domain.example.museum',
    "o'connor@example.ie",
    'user_name%tag@example.net',
  ];
  for (const email of emails) {
    push(
      ...keyed('email', [
        [email, email],
        [`Customer <${email}> asked for a refund`, email],
        [`mailto:${email}`, email],
        [`{"email":"${email}","plan":"pro"}`, email],
        [`contact: ${email}.`, email],
        [`(${email})`, email],
        [`courriel : ${email}。`, email],
        [`"${email}",`, email],
        [`user=${email}&x=1`, email],
        [`GET /api/users?email=${encodeURIComponent(email)}&page=1`, encodeURIComponent(email)],
        [`Error: user ${email} not found\n    at lookup (/app/users.js:3:9)`, email],
      ]),
    );
  }

  const ibans = [
    iban('DE', '370400440532013000'),
    iban('GB', 'WEST12345698765432'),
    iban('FR', '20041010050500013M02606'),
    iban('NL', 'ABNA0417164300'),
    iban('ES', '21000418450200051332'),
    iban('IT', 'X0542811101000000123456'),
    iban('CH', '0483' + '0000000000000'.slice(0, 13)),
    iban('NO', '86011117947'),
    iban('MT', 'MALT011000012345MTLCAST001S'),
  ];
  for (const value of ibans) {
    const spaced = group(value, fours(value), ' ');
    push(
      ...keyed('iban', [
        [value, value],
        [spaced, spaced],
        [`IBAN: ${spaced}`, spaced],
        [`{"iban":"${value}","bic":"DEUTDEFF"}`, value],
        [`pay to ${value}.`, value],
        [`Kontoverbindung: ${spaced}, BIC COBADEFFXXX`, spaced],
      ]),
    );
  }

  const cards: readonly (readonly [string, readonly number[]])[] = [
    [luhnComplete('4', 16, 500), [4, 4, 4, 4]],
    [luhnComplete('4', 13, 501), [4, 4, 5]],
    [luhnComplete('4', 19, 502), [4, 4, 4, 4, 3]],
    [luhnComplete('51', 16, 503), [4, 4, 4, 4]],
    [luhnComplete('2221', 16, 504), [4, 4, 4, 4]],
    [luhnComplete('37', 15, 505), [4, 6, 5]],
    [luhnComplete('6011', 16, 506), [4, 4, 4, 4]],
    [luhnComplete('35', 16, 507), [4, 4, 4, 4]],
    [luhnComplete('36', 14, 508), [4, 6, 4]],
    [luhnComplete('62', 19, 509), [4, 4, 4, 4, 3]],
  ];
  for (const [digits, sizes] of cards) {
    const spaced = group(digits, sizes, ' ');
    const dashed = group(digits, sizes, '-');
    push(
      ...keyed('payment_card', [
        [digits, digits],
        [spaced, spaced],
        [dashed, dashed],
        [`card ${spaced} exp 12/27 cvc 123`, spaced],
        [`{"card_number":"${digits}","exp_month":12}`, digits],
        [`card=${dashed}&exp=1227`, dashed],
        [`Card ending: ${digits}.`, digits],
        [`(${spaced})`, spaced],
        [`${digits}\n`, digits],
        [`order 42: ${spaced} x2`, spaced],
      ]),
    );
  }

  for (const ssn of ['078-05-1121', '536-22-8714', '123-45-6789', '899-99-9999']) {
    push(
      ...keyed('us_ssn', [
        [ssn, ssn],
        [`SSN: ${ssn}`, ssn],
        [`{"ssn":"${ssn}"}`, ssn],
        [`applicant (${ssn}).`, ssn],
        [`ssn=${ssn}&dob=1980-01-01`, ssn],
      ]),
    );
  }

  const phones = [
    '+1 415 555 0132',
    '+14155550132',
    '+1 (415) 555-0132',
    '+1-415-555-0132',
    '+44 20 7946 0958',
    '+44 7700 900123',
    '+49 30 901820',
    '+33 1 23 45 67 89',
    '+91-98765-43210',
    '+61 2 9374 4000',
    '+81 3-1234-5678',
    '+353 1 234 5678',
    '(415) 555-0132',
    '415-555-0132',
    '415.555.0132',
    '+86 138 0013 8000',
    '1-415-555-0132',
    '1 (415) 555-0132',
    '+44 (0)20 7946 0958',
    '+1.415.555.0132',
  ];
  // `tel:` URIs drop the spaces of international numbers.
  const compact = (phone: string) => (phone.startsWith('+') ? phone.replaceAll(' ', '') : phone);
  for (const phone of phones) {
    push(
      ...keyed('phone_number', [
        [phone, phone],
        [`Call me at ${phone}.`, phone],
        [`{"phone":"${phone}"}`, phone],
        [`tel:${compact(phone)}`, compact(phone)],
        [`Tel.: ${phone}, Fax: none`, phone],
        phone.startsWith('+') || !phone.includes(' ')
          ? [`phone=${encodeURIComponent(phone)}`, encodeURIComponent(phone)]
          : [
              `phone=${encodeURIComponent(phone)}`,
              encodeURIComponent(phone),
              'URL-encoded North American numbers',
            ],
      ]),
    );
  }

  return corpus;
}

export const ATTACK_CORPUS: readonly AttackSample[] = buildCorpus();

/**
 * Ordinary text with no secret: code, logs, prose with numbers, identifiers. Nothing here
 * should be changed; what is, is a false positive.
 */
export const ORDINARY_CORPUS: readonly string[] = [
  'The deployment finished in 42.7 seconds; 3 of 12 pods restarted.',
  'const tokens = countTokens(prompt); if (tokens > max_tokens) throw new Error("too long");',
  'max_tokens: 512',
  'bypass: yes',
  'INFO 2024-05-01T10:00:00.123Z request_id=7f3c9a2e-1b4d-4e8f-9a0b-1c2d3e4f5a6b status=200 duration_ms=183',
  'commit 9fceb02d0ae598e95dc970b74767f19372d61af8',
  'sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
  'Order #100234 shipped on 2024-03-14, tracking 1Z999AA10123456784.',
  'The invoice total was 1,234,567.89 EUR, due within 30 days.',
  'Listening on http://127.0.0.1:3000 and http://[::1]:3000',
  'GET https://api.example.com/v1/users?page=2&limit=50 200 34ms',
  "Error: ENOENT: no such file or directory, open '/var/app/config/settings.json'",
  '    at Object.openSync (node:fs:573:18)\n    at readFileSync (node:fs:452:35)',
  'Model gpt-4o-mini-2024-07-18 returned 1532 tokens in 2.1s',
  'anthropic.claude-3-5-sonnet-20241022-v2:0',
  'meta-llama/Llama-3.1-70B-Instruct',
  'The token bucket refills at 100 tokens per second.',
  'Password reset emails are sent within five minutes.',
  'Set the API key in the dashboard, then restart the worker.',
  'def get_secret(name):\n    return vault.read(name)',
  'const passwordField = document.querySelector("#password");',
  'if (!apiKey) throw new Error("missing API key");',
  'export PATH=/usr/local/bin:$PATH',
  'NODE_ENV=production PORT=8080 LOG_LEVEL=info',
  'version: "3.9"\nservices:\n  web:\n    image: nginx:1.25\n    ports:\n      - "8080:80"',
  'pip install requests==2.31.0 numpy>=1.26',
  'user 4711 logged in from 192.168.1.23 at 09:15:02',
  'Temperature 21.5°C, humidity 48 %, pressure 1013 hPa',
  'The meeting is on 12/03/2024 at 14:30 in room 4-112.',
  'ISBN 978-3-16-148410-0',
  'Patch 1.2.3-beta.4+build.5678 is available.',
  'uuid 550e8400-e29b-41d4-a716-446655440000',
  'trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7',
  'Processed 1234567 rows in 9876 ms (125 rows/ms)',
  'epoch 1732790000 ms 1732790000123',
  'snowflake id 1176297854212694016',
  'Call the function with key="region" and value="eu-west-1".',
  'The secret to good latency is caching.',
  'Use `auth: none` for local development.',
  'Authorization: succeeded for user 42',
  '<config><timeout>30</timeout><retries>3</retries><maxTokens>512</maxTokens></config>',
  '<passwordPolicy><minLength>12</minLength></passwordPolicy>',
  'authorization: denied (HTTP 403)',
  'Authorization header missing; expected "Bearer <token>"',
  'Retrying in 2 s (attempt 3/5)',
  'See section 4.2.1 of RFC 6750 for the bearer token usage.',
  'Quarterly revenue grew 12 % to $4.5 million; EBITDA margin 18 %.',
  'Build #2024 passed: 318 tests, 0 failures, 4 skipped.',
  'Port 5432 is used by postgres, 6379 by redis and 27017 by mongodb.',
  'postgres://db.internal:5432/orders',
  'https://github.com/org/repo/pull/1234#issuecomment-987654321',
  'matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]',
  'for (let i = 0; i < 100; i++) sum += i * 2;',
  "SELECT id, name FROM users WHERE created_at > '2024-01-01' LIMIT 100;",
  'Le client a payé 45,90 € le 3 mars ; livraison prévue sous 48 h.',
  '東京の天気は晴れ、最高気温は25度です。',
  'kb.search returned 7 results for "refund policy"',
  'mcp__github__create_pull_request failed: 422 Unprocessable Entity',
  'The file is 3.4 MB (3,567,890 bytes).',
  'Coordinates: 48.8566, 2.3522',
  'Stack size 8192 KiB, heap 4096 MiB',
  'Docker image sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4',
  'The customer asked about plan pricing for 25 seats.',
  'Use the --token flag to pass a token, or set GITHUB_TOKEN.',
  'key: value pairs are separated by commas',
  'password policy: at least 12 characters',
  'token: expired',
  'Response time p99 = 1234 ms, p50 = 87 ms',
  'Tel Aviv, Paris and São Paulo offices are open.',
  'The range 2000-2024 covers 25 years.',
  'Serial number: SN-2024-000123',
  'Item 3 of 10: 4 x 2.50 = 10.00',
  'Account 12345 was created on 2024-02-29.',
  'x = 0xDEADBEEF; y = 0x1F',
  'Base64 of "hello" is aGVsbG8=',
  'Ticket PROJ-1234 moved to Done',
  'npm ERR! code E404 npm ERR! 404 Not Found - GET https://registry.npmjs.org/@scope%2fpkg',
  '[2024-05-01 10:00:00] WARN  pool exhausted (size=10, waiting=3)',
  'https://www.example.com/search?q=hello+world&lang=en',
  'Use a UUIDv4 like 123e4567-e89b-12d3-a456-426614174000 as the id.',
  'AKIA is the prefix of long-term AWS access key ids.',
  'Keys starting with sk- are secret keys; never commit them.',
  'The ratio was 3:2 and the score 7:5.',
  'Estimated cost: $0.0021 per 1K tokens',
  'Phone support hours: 9-17 CET, Monday to Friday.',
  'Version 10.15.7 (19H2) build 20231107',
  'timeout=30000 retries=3 backoff=exponential',
  'Found 2 vulnerabilities (1 moderate, 1 high)',
  'The average order value was 87.45 and the median 64.00.',
  'git checkout -b feature/add-login-form',
  'ls -la /home/user/projects/agent-vitals/packages',
  'The price went from 1999 to 2499 in 2023.',
  'New record: 1000000 requests in 60 s',
  'interface User { id: string; email: string; passwordHash: string }',
  'The email field is required.',
  'lat=52.5200 lon=13.4050 zoom=12',
  'Room 101, floor 3, building B',
  'token_count=1543 prompt_tokens=1200 completion_tokens=343',
  'author: Jane',
  'IP 10.0.0.1 -> 10.0.0.2 (TCP 443)',
  'The seed was 20240501 and the batch 512.',
  'Order 5012 3456 7890 confirmed',
  'call 1-800-FLOWERS for delivery',
  'ranked 1st, 2nd and 3rd out of 4096 entries',
];
