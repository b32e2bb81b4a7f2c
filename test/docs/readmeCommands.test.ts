import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// The README's Commands table and `glutrace <command> --help` must name the same commands and options.

const readme = readFileSync('README.md', 'utf8');

function help(...command: string[]): string {
  return execFileSync('node', ['dist/src/cli/main.js', ...command, '--help'], { encoding: 'utf8' });
}

/** Option tokens (`--te`, `-o`) in a text; `--te1` is not `--te`. */
function optionsIn(text: string): Set<string> {
  return new Set(text.match(/(?<![\w-])--?[a-zA-Z][a-zA-Z0-9-]*(?![\w-])/g) ?? []);
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
const mentions = (text: string, option: string): boolean => new RegExp(`(?<![\\w-])${escapeRegExp(option)}(?![\\w-])`).test(text);

/** Command name → the usage cell of its row in the README's Commands table. */
function commandsTable(): Map<string, string> {
  const section = readme.split(/^## /m).find((part) => part.startsWith('Commands'));
  if (!section) throw new Error('README has no "## Commands" section');
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const row = /^\| `glutrace (\w+)(.*?)` \|/.exec(line);
    if (row) rows.set(row[1], row[2].replace(/\\\|/g, '|'));
  }
  return rows;
}

/** Options a `--help` text lists (each as its forms, e.g. ['-o', '--output']), without --help itself. */
function helpOptions(text: string): { forms: string[][]; all: Set<string> } {
  const forms: string[][] = [];
  const all = new Set<string>();
  const options = text.slice(text.indexOf('Options:'), text.indexOf('Commands:') >= 0 ? text.indexOf('Commands:') : undefined);
  for (const match of options.matchAll(/^ {2}(?:(-\w), )?(--[a-z0-9-]+)/gm)) {
    if (match[2] === '--help') continue;
    const option = match[1] ? [match[1], match[2]] : [match[2]];
    forms.push(option);
    for (const form of option) all.add(form);
  }
  return { forms, all };
}

const table = commandsTable();
const paragraphs = readme.split(/\n\s*\n/);

describe('README Commands table against --help', () => {
  it('lists every command the CLI has, and no other', () => {
    const top = help();
    const commands = [...top.slice(top.indexOf('Commands:')).matchAll(/^ {2}(\w+)/gm)].map((m) => m[1]).filter((c) => c !== 'help');
    expect(commands.length).toBeGreaterThan(0);
    expect([...table.keys()].sort()).toEqual(commands.sort());
  });

  for (const [command, usage] of table) {
    describe(`glutrace ${command}`, () => {
      const text = help(command);
      const { forms, all } = helpOptions(text);

      it('accepts every option its README row lists', () => {
        const listed = [...optionsIn(usage)];
        expect(listed.length).toBeGreaterThan(0);
        expect(listed.filter((option) => !all.has(option))).toEqual([]);
      });

      it('has every option of its --help documented in the README (its row, or a paragraph naming the command)', () => {
        const namesCommand = new RegExp(`\`(glutrace )?${command}[\` ]`);
        const documented = (option: string): boolean =>
          mentions(usage, option) || paragraphs.some((p) => namesCommand.test(p) && mentions(p, option));
        expect(forms.filter((option) => !option.some(documented)).map((option) => option.join(', '))).toEqual([]);
      });
    });
  }

  it('documents the global options of `glutrace --help`', () => {
    const { forms } = helpOptions(help());
    expect(forms.length).toBeGreaterThan(0);
    expect(forms.filter((option) => !option.some((form) => mentions(readme, form))).map((option) => option.join(', '))).toEqual([]);
  });
});
