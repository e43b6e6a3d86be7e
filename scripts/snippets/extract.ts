import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What a snippet needs besides itself, from the `<!-- snippet: ... -->` comment above it. */
export interface SnippetNeeds {
  /** Type-check only, never run (the reason is required in the comment). */
  readonly compileOnly?: string;
  /** Start an OTLP receiver on 127.0.0.1 and set OTEL_EXPORTER_OTLP_ENDPOINT. */
  readonly otlp: boolean;
  /** Start an Alertmanager-compatible receiver on 127.0.0.1 and set ALERTMANAGER_URL. */
  readonly alertmanager: boolean;
}

export interface Snippet {
  /** Where it is: `docs/core.md:12` (the line of the opening fence). */
  readonly where: string;
  readonly file: string;
  readonly line: number;
  readonly language: 'ts' | 'js';
  readonly code: string;
  readonly needs: SnippetNeeds;
}

const LANGUAGES: Readonly<Record<string, 'ts' | 'js'>> = {
  ts: 'ts',
  typescript: 'ts',
  js: 'js',
  javascript: 'js',
  mjs: 'js',
};

/** The Markdown files whose snippets are checked: README.md, docs/, the packages' and examples' READMEs. */
export function markdownFiles(root: string): string[] {
  const files = ['README.md'];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (entry.name.endsWith('.md')) files.push(relative);
    }
  };
  walk('docs');
  for (const group of ['packages', 'examples']) {
    for (const entry of readdirSync(path.join(root, group), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const readme = path.join(group, entry.name, 'README.md');
      try {
        readFileSync(path.join(root, readme));
        files.push(readme);
      } catch {
        // no README
      }
    }
  }
  return files;
}

function parseNeeds(comment: string | undefined, where: string): SnippetNeeds {
  const needs = { otlp: false, alertmanager: false } as {
    -readonly [K in keyof SnippetNeeds]: SnippetNeeds[K];
  };
  if (comment === undefined) return needs;
  for (const part of comment.split(';').map((word) => word.trim())) {
    if (part === 'otlp') needs.otlp = true;
    else if (part === 'alertmanager') needs.alertmanager = true;
    else if (part.startsWith('compile-only')) {
      const reason = part.slice('compile-only'.length).replace(/^[:\s]+/, '');
      if (reason === '') throw new Error(`${where}: 'compile-only' needs a reason ('compile-only: why')`);
      needs.compileOnly = reason;
    } else if (part !== '') throw new Error(`${where}: unknown snippet annotation '${part}'`);
  }
  return needs;
}

/** Every ```ts / ```js block of `file`, with the annotation on the line above its fence. */
export function extractSnippets(root: string, file: string): Snippet[] {
  const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
  const snippets: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\w+)\s*$/.exec(lines[i] as string);
    if (!open) continue;
    const indent = open[1] as string;
    const language = LANGUAGES[(open[2] as string).toLowerCase()];
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !(lines[i] as string).startsWith(`${indent}\`\`\``); i++) {
      body.push((lines[i] as string).slice(indent.length));
    }
    if (language === undefined) continue;
    const where = `${file}:${start + 1}`;
    const annotation = /<!--\s*snippet:\s*(.*?)\s*-->/.exec(lines[start - 1] ?? '')?.[1];
    snippets.push({
      where,
      file,
      line: start + 1,
      language,
      code: body.join('\n'),
      needs: parseNeeds(annotation, where),
    });
  }
  return snippets;
}
