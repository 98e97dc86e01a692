/**
 * A sanity check of an MP4's index (the moov box's sample tables) before the demuxer reads it.
 * mediabunny trusts the tables: a damaged count (a byte flipped in a sample count or a
 * samples-per-chunk entry) sends it into a synchronous loop of billions of steps that freezes the
 * page. Each table is checked against its own box and against the track's sample count, which
 * costs one pass over the tables (a few MB for hours of video).
 */

/** What is wrong with an index, for the wording (utils/wording/recording.ts). */
export type IndexProblem =
  /** The file ends inside its index: it was cut short. */
  | 'cut'
  /** A part of the index runs past the part that holds it. */
  | 'overrun'
  /** A table lists more entries than its box holds. */
  | 'table-size'
  /** Timing, composition or chunk tables add up to far more samples than the track has. */
  | 'sample-count'
  /** The chunk table's runs are out of order or empty. */
  | 'chunk-order'
  /** A frame's display time is moved further than the whole track lasts, or the track has no time scale. */
  | 'timing';

export type TrackKind = 'video' | 'sound' | 'other';

export interface IndexCheck {
  problem: IndexProblem;
  /** The track whose tables are damaged; null for the index as a whole. */
  track: TrackKind | null;
}

/**
 * Counts may exceed the sample count by this factor plus SLACK_SAMPLES before they are called
 * damaged: the spec wants them equal, but writers differ by a few, and only counts that are
 * orders of magnitude off make the demuxer loop (a flipped high byte adds 2^24 or more).
 */
const COUNT_FACTOR = 2;
const SLACK_SAMPLES = 1000;
/** A moov larger than this is not read into memory to be checked (hours of video take a few MB). */
const MAX_CHECKED_MOOV_BYTES = 256 * 1024 * 1024;

interface Box {
  type: string;
  /** Payload start and end (after the header), in the bytes read. */
  start: number;
  end: number;
}

const fourCc = (bytes: Uint8Array, at: number) =>
  String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0);

/** The boxes inside [start, end), or 'overrun' when one runs past `end` or is too short to be a box. */
function childBoxes(view: DataView, bytes: Uint8Array, start: number, end: number): Box[] | 'overrun' {
  const boxes: Box[] = [];
  for (let at = start; at < end;) {
    if (at + 8 > end) return 'overrun';
    let size = view.getUint32(at);
    let header = 8;
    if (size === 1) {
      if (at + 16 > end) return 'overrun';
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) size = end - at;
    if (size < header || at + size > end) return 'overrun';
    boxes.push({ type: fourCc(bytes, at + 4), start: at + header, end: at + size });
    at += size;
  }
  return boxes;
}

/** The tables of one track's stbl, read and checked against their boxes. */
interface Tables {
  samples: number | null;
  timingTotal: number;
  decodeDuration: number;
  compositionTotal: number;
  maxCompositionShift: number;
  chunks: number | null;
  chunkRuns: { firstChunk: number; perChunk: number }[];
}

function readTables(view: DataView, stbl: Box[]): Tables | 'table-size' {
  const tables: Tables = {
    samples: null,
    timingTotal: 0,
    decodeDuration: 0,
    compositionTotal: 0,
    maxCompositionShift: 0,
    chunks: null,
    chunkRuns: [],
  };
  // Entries of `width` bytes from `offset` into the payload: do `count` of them fit?
  const fits = (box: Box, offset: number, count: number, width: number) =>
    box.end - box.start >= offset && (box.end - box.start - offset) / width >= count;
  for (const box of stbl) {
    const length = box.end - box.start;
    const u32 = (offset: number) => view.getUint32(box.start + offset);
    if (['stts', 'ctts', 'stsc', 'stco', 'co64', 'stss'].includes(box.type) && length < 8) return 'table-size';
    switch (box.type) {
      case 'stts': {
        const count = u32(4);
        if (!fits(box, 8, count, 8)) return 'table-size';
        for (let i = 0; i < count; i++) {
          const samples = u32(8 + i * 8);
          tables.timingTotal += samples;
          tables.decodeDuration += samples * u32(12 + i * 8);
        }
        break;
      }
      case 'ctts': {
        const count = u32(4);
        if (!fits(box, 8, count, 8)) return 'table-size';
        for (let i = 0; i < count; i++) {
          tables.compositionTotal += u32(8 + i * 8);
          // Read signed whatever the version, as the demuxer does.
          const shift = Math.abs(view.getInt32(box.start + 12 + i * 8));
          tables.maxCompositionShift = Math.max(tables.maxCompositionShift, shift);
        }
        break;
      }
      case 'stsz': {
        if (length < 12) return 'table-size';
        const count = u32(8);
        if (u32(4) === 0 && !fits(box, 12, count, 4)) return 'table-size';
        tables.samples = count;
        break;
      }
      case 'stz2': {
        if (length < 12) return 'table-size';
        const bits = view.getUint8(box.start + 7);
        const count = u32(8);
        if (![4, 8, 16].includes(bits) || !fits(box, 12, Math.ceil((count * bits) / 8), 1)) return 'table-size';
        tables.samples = count;
        break;
      }
      case 'stsc': {
        const count = u32(4);
        if (!fits(box, 8, count, 12)) return 'table-size';
        for (let i = 0; i < count; i++)
          tables.chunkRuns.push({ firstChunk: u32(8 + i * 12), perChunk: u32(12 + i * 12) });
        break;
      }
      case 'stco':
      case 'co64': {
        const count = u32(4);
        if (!fits(box, 8, count, box.type === 'stco' ? 4 : 8)) return 'table-size';
        tables.chunks = count;
        break;
      }
      case 'stss': {
        if (!fits(box, 8, u32(4), 4)) return 'table-size';
        break;
      }
    }
  }
  return tables;
}

/** The counts of one track's tables against each other. */
function tablesProblem(tables: Tables): IndexProblem | null {
  const { samples, chunks, chunkRuns } = tables;
  if (samples === null) return null;
  const limit = COUNT_FACTOR * samples + SLACK_SAMPLES;
  if (tables.timingTotal > limit || tables.compositionTotal > limit) return 'sample-count';
  let chunked = 0;
  for (const [i, run] of chunkRuns.entries()) {
    const next = chunkRuns[i + 1];
    const lastChunk = next ? next.firstChunk - 1 : (chunks ?? run.firstChunk);
    if (run.firstChunk < 1 || run.perChunk < 1 || lastChunk < run.firstChunk) return 'chunk-order';
    if (run.perChunk > limit) return 'sample-count';
    chunked += (lastChunk - run.firstChunk + 1) * run.perChunk;
    if (chunked > limit) return 'sample-count';
  }
  if (tables.decodeDuration > 0 && tables.maxCompositionShift > tables.decodeDuration) return 'timing';
  return null;
}

/** The track's kind (hdlr) and the time scale of its media header (mdhd), where they can be read. */
function trackHeader(view: DataView, bytes: Uint8Array, mdia: Box[]): { kind: TrackKind; timescale: number | null } {
  const hdlr = mdia.find((box) => box.type === 'hdlr');
  const handler = hdlr && hdlr.end - hdlr.start >= 12 ? fourCc(bytes, hdlr.start + 8) : '';
  const kind = handler === 'vide' ? 'video' : handler === 'soun' ? 'sound' : 'other';
  const mdhd = mdia.find((box) => box.type === 'mdhd');
  if (!mdhd) return { kind, timescale: null };
  const at = view.getUint8(mdhd.start) === 1 ? 20 : 12;
  return { kind, timescale: mdhd.end - mdhd.start >= at + 4 ? view.getUint32(mdhd.start + at) : null };
}

const only = (boxes: Box[], type: string) => boxes.filter((box) => box.type === type);

/**
 * What is wrong with a moov box's payload (its bytes after the header, `cut` when the file ends
 * before the box does), or null when its sample tables can be trusted. Pure.
 */
export function moovProblem(payload: Uint8Array, cut = false): IndexCheck | null {
  if (cut) return { problem: 'cut', track: null };
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const moov = childBoxes(view, payload, 0, payload.length);
  if (moov === 'overrun') return { problem: 'overrun', track: null };
  for (const trak of only(moov, 'trak')) {
    const children = (box: Box) => childBoxes(view, payload, box.start, box.end);
    const inTrak = children(trak);
    if (inTrak === 'overrun') return { problem: 'overrun', track: null };
    for (const mdiaBox of only(inTrak, 'mdia')) {
      const mdia = children(mdiaBox);
      if (mdia === 'overrun') return { problem: 'overrun', track: null };
      const { kind, timescale } = trackHeader(view, payload, mdia);
      if (timescale === 0) return { problem: 'timing', track: kind };
      for (const minfBox of only(mdia, 'minf')) {
        const minf = children(minfBox);
        if (minf === 'overrun') return { problem: 'overrun', track: kind };
        for (const stblBox of only(minf, 'stbl')) {
          const stbl = children(stblBox);
          if (stbl === 'overrun') return { problem: 'overrun', track: kind };
          const tables = readTables(view, stbl);
          const problem = tables === 'table-size' ? tables : tablesProblem(tables);
          if (problem) return { problem, track: kind };
        }
      }
    }
  }
  return null;
}

/** A box header read from a file: its type, where its payload starts and its size (bytes). */
async function headerAt(file: Blob, at: number): Promise<{ type: string; header: number; size: number } | null> {
  const bytes = new Uint8Array(await file.slice(at, at + 16).arrayBuffer());
  if (bytes.length < 8) return null;
  const view = new DataView(bytes.buffer);
  const type = fourCc(bytes, 4);
  const size32 = view.getUint32(0);
  if (size32 === 1) return bytes.length < 16 ? null : { type, header: 16, size: Number(view.getBigUint64(8)) };
  return { type, header: 8, size: size32 === 0 ? file.size - at : size32 };
}

/** Top-level box types an ISO BMFF (MP4, MOV) file may start with. */
const FIRST_BOXES = new Set(['ftyp', 'moov', 'mdat', 'free', 'skip', 'wide', 'pnot', 'styp', 'sidx']);

/**
 * Checks the index of an MP4 or MOV file before it is demuxed: null when it can be trusted or the
 * file is not one (other formats, and files without a moov, are left to the demuxer). Reads the
 * top-level box headers and the moov box only.
 */
export async function checkMp4Index(file: Blob): Promise<IndexCheck | null> {
  let at = 0;
  for (let index = 0; at < file.size; index++) {
    const box = await headerAt(file, at);
    if (!box || box.size < box.header) return null;
    if (index === 0 && !FIRST_BOXES.has(box.type)) return null;
    if (box.type === 'moov') {
      if (box.size > MAX_CHECKED_MOOV_BYTES) return null;
      const end = Math.min(file.size, at + box.size);
      const payload = new Uint8Array(await file.slice(at + box.header, end).arrayBuffer());
      return moovProblem(payload, at + box.size > file.size);
    }
    // A box running past the end before any index: the file was cut before its moov (written last).
    if (at + box.size > file.size) return { problem: 'cut', track: null };
    at += box.size;
  }
  return null;
}
