export function importTypeScript(path: string): Promise<Record<string, unknown>>;
