/** The calibrated scenario's YAML text, line by line, with comments aligned after the values. Pure. */

/** YAML lines with comments aligned after the values. */
export class ScenarioLines {
  private readonly rows: { text: string; comment?: string }[] = [];
  push(text: string, comment?: string): void {
    this.rows.push(comment === undefined ? { text } : { text, comment });
  }
  text(): string {
    const width = Math.min(
      48,
      this.rows.reduce((w, r) => (r.comment !== undefined ? Math.max(w, r.text.length) : w), 0),
    );
    return `${this.rows
      .map((r) => (r.comment === undefined ? r.text : `${r.text.padEnd(width)}  # ${r.comment}`))
      .join('\n')}\n`;
  }
}

/** A plain YAML scalar when safe, else a double-quoted one. */
export function yamlString(s: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9 ._,()/+-]*$/.test(s) && !/[:#]/.test(s) ? s : JSON.stringify(s);
}

/** A file path as a plain YAML scalar when safe (`../infra/template.yaml`), else a quoted one. */
export function yamlPath(s: string): string {
  return /^[A-Za-z0-9._/-]+$/.test(s) ? s : JSON.stringify(s);
}

export function yamlKey(s: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(s) ? s : JSON.stringify(s);
}
