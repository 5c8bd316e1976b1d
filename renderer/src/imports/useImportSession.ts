/**
 * The wizard's one piece of state: the file picked (a token from the main process), the clerk's choices
 * (unit, notice, sheet, kind, column mapping, year) and the preview they give. Every change of a choice re-runs
 * imports:preview; an answer that arrives after a newer request is dropped.
 */
import { useCallback, useRef, useState } from 'react';
import { call } from '../api/client';
import { errorMessage, isCancelled } from '../api/errors';
import { newJobId } from '../components/jobs';
import type { ImportKind, ImportOptions, Mapping, PickedFile, Preview, PreviewColumn } from './types';

export interface Choices {
  unitId?: number;
  noticeId?: number;
  /** The period credited (YYYY-MM / YYYY-Qn) when the notice asks monthly or quarterly. */
  period?: string;
  sheet?: string;
  kind?: ImportKind;
  mapping?: Mapping;
  year?: number;
}

export interface ImportSession {
  file: PickedFile | null;
  choices: Choices;
  preview: Preview | null;
  loading: boolean;
  /** The running preview's job (its progress: jobs:progress), while loading. */
  jobId: string | null;
  /** The last preview's failure (e.g. a damaged file), in Chinese. */
  error: string | null;
  /**
   * Opens the file dialog and previews the file. Every file starts clean (所属通知, period, mapping, sheet, year);
   * keepPicked: the 报送单位 and 所属通知 chosen on the first step, just before this pick, are for this file.
   */
  pick(opts?: { keepPicked?: boolean }): Promise<'ready' | 'failed' | 'cancelled' | 'stopped'>;
  /** Changes choices and re-runs the preview. */
  choose(patch: Partial<Choices>): void;
  /** Names the notice the return is credited to (undefined: none), with the period the file proposes for it. */
  chooseNotice(noticeId: number | undefined): void;
  /** Maps one column to a field (null: 不导入), keeping the other columns as they are. */
  mapColumn(index: number, field: string | null): void;
  /** Back to the columns as recognised from the headers (ignores what was remembered). */
  resetMapping(): void;
  /** The options to send to commit / returnLetter. */
  options(extra?: Partial<ImportOptions>): ImportOptions;
  reset(): void;
}

function toOptions(c: Choices): ImportOptions {
  const o: ImportOptions = {};
  if (c.unitId !== undefined) o.unitId = c.unitId;
  if (c.noticeId !== undefined) o.noticeId = c.noticeId;
  if (c.noticeId !== undefined && c.period !== undefined) o.period = c.period;
  if (c.sheet !== undefined) o.sheet = c.sheet;
  if (c.kind !== undefined) o.kind = c.kind;
  if (c.mapping !== undefined) o.mapping = c.mapping;
  if (c.year !== undefined) o.year = c.year;
  return o;
}

/** The columns the clerk (or the remembered mapping) set: the overrides to keep when one more column changes. */
/**
 * The choices once a preview is in: the notice our template names is proposed (shown, so credited only as shown),
 * and for a monthly/quarterly notice the period the file names.
 */
function proposed(c: Choices, p: Preview): Choices {
  const noticeId = c.noticeId ?? p.proposedNoticeId ?? undefined;
  if (noticeId === undefined || c.period !== undefined) return { ...c, noticeId };
  const cand = p.candidates.find((x) => x.noticeId === noticeId);
  return { ...c, noticeId, period: cand && cand.period !== 'once' ? (cand.periodKey ?? undefined) : undefined };
}

function userMapping(columns: PreviewColumn[]): Mapping {
  const m: Mapping = {};
  for (const c of columns) if (c.confidence === 'user') m[String(c.index)] = c.field;
  return m;
}

export function useImportSession(initial: Choices = {}): ImportSession {
  const [file, setFile] = useState<PickedFile | null>(null);
  const [choices, setChoices] = useState<Choices>(initial);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [loading, setLoading] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const state = useRef({ file, choices, preview });
  state.current = { file, choices, preview };

  const run = useCallback(
    async (f: PickedFile, c: Choices, propose = false): Promise<'ok' | 'failed' | 'stale' | 'cancelled'> => {
      const mine = ++seq.current;
      const job = newJobId();
      setLoading(true);
      setJobId(job);
      try {
        let p = await call('imports:preview', { token: f.token, options: toOptions(c), jobId: job });
        if (mine !== seq.current) return 'stale';
        const next = propose ? proposed(c, p) : c;
        if (next.noticeId !== c.noticeId || next.period !== c.period) {
          // What is proposed is chosen, shown, and previewed with: the summary says what the commit will credit.
          p = await call('imports:preview', { token: f.token, options: toOptions(next), jobId: job });
          if (mine !== seq.current) return 'stale';
          setChoices(next);
        }
        setPreview(p);
        setError(null);
        return 'ok';
      } catch (e) {
        if (mine !== seq.current) return 'stale';
        // The clerk stopped it: nothing went wrong, what was shown before stays.
        if (isCancelled(e)) return 'cancelled';
        setError(errorMessage(e));
        return 'failed';
      } finally {
        if (mine === seq.current) {
          setLoading(false);
          setJobId(null);
        }
      }
    },
    [],
  );

  /** 'cancelled': the file dialog was closed (nothing changed); 'stopped': the clerk cancelled the reading. */
  const pick = useCallback(
    async (opts: { keepPicked?: boolean } = {}): Promise<'ready' | 'failed' | 'cancelled' | 'stopped'> => {
      let f: PickedFile | null;
      try {
        f = await call('imports:pickFile', {});
      } catch (e) {
        setError(errorMessage(e));
        return 'failed';
      }
      if (!f) return 'cancelled';
      // A new file starts clean: from what its headers say, nothing of the previous file's notice, period or mapping.
      const was = state.current.choices;
      const c: Choices = opts.keepPicked ? { unitId: was.unitId, noticeId: was.noticeId } : {};
      setFile(f);
      setChoices(c);
      setPreview(null);
      setError(null);
      const r = await run(f, c, true);
      if (r === 'cancelled') {
        setFile(null);
        return 'stopped';
      }
      return r === 'ok' ? 'ready' : 'failed';
    },
    [run],
  );

  const choose = useCallback(
    (patch: Partial<Choices>) => {
      const prev = state.current.choices;
      const c = { ...prev, ...patch };
      setChoices(c);
      const f = state.current.file;
      // A choice the file cannot be read with (e.g. a sheet without a header) is taken back; the message stays.
      if (f && state.current.preview)
        void run(f, c).then((r) => (r === 'failed' || r === 'cancelled') && setChoices(prev));
    },
    [run],
  );

  const mapColumn = useCallback(
    (index: number, field: string | null) => {
      const p = state.current.preview;
      const base = state.current.choices.mapping ?? (p ? userMapping(p.columns) : {});
      choose({ mapping: { ...base, [String(index)]: field } });
    },
    [choose],
  );

  const resetMapping = useCallback(() => choose({ mapping: {} }), [choose]);

  const chooseNotice = useCallback(
    (noticeId: number | undefined) => {
      const p = state.current.preview;
      const cand = p?.candidates.find((x) => x.noticeId === noticeId);
      choose({ noticeId, period: cand && cand.period !== 'once' ? (cand.periodKey ?? undefined) : undefined });
    },
    [choose],
  );

  const options = useCallback(
    (extra: Partial<ImportOptions> = {}) => ({ ...toOptions(state.current.choices), ...extra }),
    [],
  );

  const reset = useCallback(() => {
    seq.current++;
    setFile(null);
    setPreview(null);
    setError(null);
    setLoading(false);
    setJobId(null);
    // The next file starts clean: no 报送单位, 所属通知 or period carried over from this one.
    setChoices({});
  }, []);

  return {
    file,
    choices,
    preview,
    loading,
    jobId,
    error,
    pick,
    choose,
    chooseNotice,
    mapColumn,
    resetMapping,
    options,
    reset,
  };
}
