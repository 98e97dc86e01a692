export function reuseSyncIds(glue: string): string;
