export interface ModelManifest {
  file: string;
  sha256: string;
  url: string;
}

export type ProvisionResult = { ok: true; from: string } | { ok: false; tried: string[] };

export function sha256(bytes: Uint8Array): string;

export function provisionModel(options: {
  manifest: ModelManifest;
  target: string;
  searchDirs: string[];
  download?: (url: string) => Promise<Uint8Array>;
}): Promise<ProvisionResult>;
